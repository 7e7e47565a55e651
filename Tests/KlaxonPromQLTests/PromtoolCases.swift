// Generated from the Prometheus 2.42 binaries (do not edit by hand):
// errors from `promtool check rules` on a rule with the expression,
// printed forms from `prometheus`'s /api/v1/format_query (equal to `Expr.String()` below 100 characters).

/// Invalid inputs and the exact error promtool 2.42 prints for them.
let promtoolErrorCases: [(String, String)] = [
    (#")"#, #"1:2: parse error: unexpected right parenthesis ')'"#),
    (#"1)"#, #"1:3: parse error: unexpected right parenthesis ')'"#),
    (#"(1"#, #"1:3: parse error: unclosed left parenthesis"#),
    (#"foo[5m"#, #"1:7: parse error: unclosed left bracket"#),
    (#"foo[5]"#, #"1:5: parse error: missing unit character in duration"#),
    (#"foo[]"#, #"1:5: parse error: missing unit character in duration"#),
    (#"{"#, #"1:2: parse error: unexpected end of input inside braces"#),
    (#"foo{"#, #"1:5: parse error: unexpected end of input inside braces"#),
    (#"foo}"#, #"1:4: parse error: unexpected character: '}'"#),
    (#"time() - 5m"#, #"1:10: parse error: unexpected duration "5m""#),
    (#"5m"#, #"1:1: parse error: unexpected duration "5m""#),
    (#"foo offset 0s"#, #"1:12: parse error: duration must be greater than 0"#),
    (#"foo offset 1.5m"#, #"1:12: parse error: not a valid duration string: "1.5m""#),
    (#"foo[1.5m]"#, #"1:5: parse error: not a valid duration string: "1.5m""#),
    (#"on"#, #"1:1: parse error: unexpected <on>"#),
    (#"foo and"#, #"1:8: parse error: unexpected end of input"#),
    (#"1 +"#, #"1:4: parse error: unexpected end of input"#),
    (#"-"#, #"1:2: parse error: unexpected end of input"#),
    (#"foo{a="b""#, #"1:10: parse error: unexpected end of input inside braces"#),
    (#"foo{a!"b"}"#, #"1:6: parse error: unexpected character after '!' inside braces: '"'"#),
    (#"foo{a=b}"#, #"1:7: parse error: unexpected identifier "b" in label matching, expected string"#),
    (#"{a=""}"#, #"1:1: parse error: vector selector must contain at least one non-empty matcher"#),
    (#"{}"#, #"1:1: parse error: vector selector must contain at least one non-empty matcher"#),
    (#"foo{__name__="bar"}"#, #"1:1: parse error: metric name must not be set twice: "foo" or "bar""#),
    (#"foo !~ bar"#, #"1:5: parse error: unexpected character after '!': '~'"#),
    (#"foo =~ bar"#, #"1:5: parse error: unexpected character after '=': '~'"#),
    (#"foo @ 1 @ 2"#, #"1:1: parse error: @ <timestamp> may not be set multiple times"#),
    (
        #"1 @ 2"#,
        #"1:1: parse error: @ modifier must be preceded by an instant vector selector or range vector selector or a subquery"#
    ),
    (#"foo offset 1m[5m]"#, #"1:14: parse error: no offset modifiers allowed before range"#),
    (#"foo[5m][5m]"#, #"1:8: parse error: ranges only allowed for vector selectors"#),
    (#""foo" + 1"#, #"1:1: parse error: binary expression must contain only scalar and instant vector types"#),
    (#"foo + "bar""#, #"1:7: parse error: binary expression must contain only scalar and instant vector types"#),
    (#"rate(foo[5m], 1)"#, #"1:1: parse error: expected 1 argument(s) in call to "rate", got 2"#),
    (#"round(foo, 1, 2)"#, #"1:1: parse error: expected at most 2 argument(s) in call to "round", got 3"#),
    (#"label_join(foo)"#, #"1:1: parse error: expected at least 3 argument(s) in call to "label_join", got 1"#),
    (#"foo(1)"#, #"1:1: parse error: unknown function with name "foo""#),
    (#"sum(foo) by (a) by (b)"#, #"1:17: parse error: unexpected <by>"#),
    (#"sum by (a) (foo) by (b)"#, #"1:18: parse error: unexpected <by>"#),
    (
        #"topk(foo)"#,
        #"1:1: parse error: wrong number of arguments for aggregate expression provided, expected 2, got 1"#
    ),
    (
        #"topk(1, foo, bar)"#,
        #"1:1: parse error: wrong number of arguments for aggregate expression provided, expected 2, got 3"#
    ),
    (
        #"count_values(foo, bar)"#,
        #"1:14: parse error: expected type string in aggregation parameter, got instant vector"#
    ),
    (#"quantile("a", foo)"#, #"1:10: parse error: expected type scalar in aggregation parameter, got string"#),
    (#"sum(1)"#, #"1:5: parse error: expected type instant vector in aggregation expression, got scalar"#),
    (#"sum(foo[5m])"#, #"1:5: parse error: expected type instant vector in aggregation expression, got range vector"#),
    (#"foo + on(a) group_left(a) bar"#, #"1:5: parse error: label "a" must not occur in ON and GROUP clause at once"#),
    (#"foo and on(a) group_left(b) bar"#, #"1:1: parse error: no grouping allowed for "and" operation"#),
    (#"foo + bool bar"#, #"1:5: parse error: bool modifier can only be used on comparison operators"#),
    (#"1 and 1"#, #"1:1: parse error: set operator "and" not allowed in binary scalar expression"#),
    (#"1 or foo"#, #"1:1: parse error: set operator "or" not allowed in binary scalar expression"#),
    (#"foo unless on(a) 1"#, #"1:1: parse error: vector matching only allowed between instant vectors"#),
    (#"foo * on(a) 1"#, #"1:1: parse error: vector matching only allowed between instant vectors"#),
    (
        #"-"foo""#,
        #"1:1: parse error: unary expression only allowed on expressions of type scalar or instant vector, got "string""#
    ),
    (#"+{}"#, #"1:2: parse error: vector selector must contain at least one non-empty matcher"#),
    (#"{a=~".*"}"#, #"1:1: parse error: vector selector must contain at least one non-empty matcher"#),
    (#"foo{a="\x"}"#, #"1:7: parse error: illegal character U+0022 '"' in escape sequence"#),
    (#"foo{a="\z"}"#, #"1:7: parse error: unknown escape sequence U+007A 'z'"#),
    (#"'unterminated"#, #"1:1: parse error: unterminated quoted string"#),
    (#"`raw"#, #"1:1: parse error: unterminated raw string"#),
    (#"0x1g"#, #"1:1: parse error: bad number or duration syntax: "0x1""#),
    (#"1_000"#, #"1:1: parse error: bad number or duration syntax: "1""#),
    (#"1e"#, #"1:1: parse error: error parsing number: strconv.ParseFloat: parsing "1e": invalid syntax"#),
    (#"."#, #"1:1: parse error: unexpected character: '.'"#),
    (#"foo.bar"#, #"1:4: parse error: unexpected character: '.'"#),
    (#"ab$"#, #"1:3: parse error: unexpected character: '$'"#),
    (#"abs()"#, #"1:1: parse error: expected 1 argument(s) in call to "abs", got 0"#),
    (#"abs(1)"#, #"1:5: parse error: expected type instant vector in call to function "abs", got scalar"#),
    (#"time(1)"#, #"1:1: parse error: expected 0 argument(s) in call to "time", got 1"#),
    (#"vector("a")"#, #"1:8: parse error: expected type scalar in call to function "vector", got string"#),
    (#"foo @"#, #"1:6: parse error: unexpected end of input in @, expected timestamp"#),
    (#"foo ("#, #"1:6: parse error: unclosed left parenthesis"#),
    (#"foo 1"#, #"1:5: parse error: unexpected number "1""#),
    (#"foo "a""#, #"1:5: parse error: unexpected string "\"a\"""#),
    (#"foo bar"#, #"1:5: parse error: unexpected identifier "bar""#),
    (#"foo{a="b"} c:d"#, #"1:12: parse error: unexpected metric identifier "c:d""#),
    (#"foo + *"#, #"1:7: parse error: unexpected <op:*>"#),
    (#"sum(foo) sum"#, #"1:10: parse error: unexpected <aggr:sum>"#),
    (#"foo[5m] @ x"#, #"1:11: parse error: unexpected identifier "x" in @, expected timestamp"#),
    (#"("#, #"1:2: parse error: unclosed left parenthesis"#),
    (#"foo,"#, #"1:4: parse error: unexpected ",""#),
    (#"foo = 1"#, #"1:5: parse error: unexpected "=""#),
    (#"foo{a="b",,}"#, #"1:11: parse error: unexpected "," in label matching, expected identifier or "}""#),
    (#"foo{=}"#, #"1:5: parse error: unexpected "=" in label matching, expected identifier or "}""#),
    (#"foo{a}"#, #"1:6: parse error: unexpected "}" in label matching, expected label matching operator"#),
    (#"foo{a=}"#, #"1:7: parse error: unexpected "}" in label matching, expected string"#),
    (#"sum by"#, #"1:7: parse error: unexpected end of input in grouping opts, expected "(""#),
    (#"sum by ("#, #"1:9: parse error: unclosed left parenthesis"#),
    (#"sum by foo"#, #"1:8: parse error: unexpected identifier "foo" in grouping opts, expected "(""#),
    (#"foo offset"#, #"1:11: parse error: unexpected end of input in offset, expected duration"#),
    (#"foo offset 5"#, #"1:12: parse error: unexpected number "5" in offset, expected duration"#),
    (#"foo @ x"#, #"1:7: parse error: unexpected identifier "x" in @, expected timestamp"#),
    (#"foo[5m:1m:]"#, #"1:10: parse error: unexpected colon ':'"#),
    (#"foo[5m:1]"#, #"1:8: parse error: unexpected number "1" in subquery selector, expected duration or "]""#),
    (#"foo[5m 1m]"#, #"1:8: parse error: unexpected duration "1m" in subquery or range, expected ":" or "]""#),
    (#"sum(foo) by (a:b)"#, #"1:14: parse error: unexpected metric identifier "a:b" in grouping opts, expected label"#),
    (#"rate(foo[5m],)"#, #"1:13: parse error: trailing commas not allowed in function call args"#),
    (#"rate(,)"#, #"1:6: parse error: unexpected ",""#),
    (#"foo{a="b"}{c="d"}"#, #"1:11: parse error: unexpected "{""#),
    (#"foo @ 1e20"#, #"1:1: parse error: timestamp out of bounds for @ modifier: 100000000000000000000.000000"#),
    (#"foo @ Inf"#, #"1:1: parse error: timestamp out of bounds for @ modifier: +Inf"#),
    (#"foo @ start"#, #"1:12: parse error: unexpected end of input in @, expected timestamp"#),
    (#"foo @ start("#, #"1:13: parse error: unclosed left parenthesis"#),
    (#"foo @ start(1)"#, #"1:13: parse error: unexpected number "1" in @, expected timestamp"#),
    (
        #"sum(foo) offset 5m"#,
        #"1:1: parse error: offset modifier must be preceded by an instant vector selector or range vector selector or a subquery"#
    ),
    (#"(foo)[5m]"#, #"1:6: parse error: ranges only allowed for vector selectors"#),
    (#"foo[5m:][5m:]"#, #"1:1: parse error: subquery is only allowed on instant vector, got matrix instead"#),
    (#"foo[5m:5m] offset 1m offset 1m"#, #"1:1: parse error: offset may not be set multiple times"#),
    (#""a"[5m:]"#, #"1:1: parse error: subquery is only allowed on instant vector, got string instead"#),
    (#"1[5m:]"#, #"1:1: parse error: subquery is only allowed on instant vector, got scalar instead"#),
    (#"foo offset -0s"#, #"1:13: parse error: duration must be greater than 0"#),
    (#"1e400"#, #"1:1: parse error: error parsing number: strconv.ParseFloat: parsing "1e400": value out of range"#),
    (#"foo bool"#, #"1:5: parse error: unexpected <bool>"#),
    (#"1 bool 2"#, #"1:3: parse error: unexpected <bool>"#),
    (
        #"sum(foo, bar)"#,
        #"1:1: parse error: wrong number of arguments for aggregate expression provided, expected 1, got 2"#
    ),
    (#"sum()"#, #"1:1: parse error: no arguments for aggregate expression provided"#),
    (
        #"label_replace(foo, "a", "b", "c")"#,
        #"1:1: parse error: expected 5 argument(s) in call to "label_replace", got 4"#
    ),
    (#"foo and bool bar"#, #"1:5: parse error: bool modifier can only be used on comparison operators"#),
    (#"foo{__name__=~"bar"}"#, #"1:1: parse error: metric name must not be set twice: "foo" or "bar""#),
    (#"2.5."#, #"1:4: parse error: unexpected character: '.'"#),
    (#"100..4"#, #"1:5: parse error: unexpected number ".4""#),
    (#"0deadbeef"#, #"1:1: parse error: bad number or duration syntax: "0de""#),
    (#"1 /"#, #"1:4: parse error: unexpected end of input"#),
    (#"*1"#, #"1:1: parse error: unexpected <op:*>"#),
    (#"(1))"#, #"1:5: parse error: unexpected right parenthesis ')'"#),
    (#"((1)"#, #"1:5: parse error: unclosed left parenthesis"#),
    (#"1 !~ 1"#, #"1:3: parse error: unexpected character after '!': '~'"#),
    (#"1 =~ 1"#, #"1:3: parse error: unexpected character after '=': '~'"#),
    (
        #"-"string""#,
        #"1:1: parse error: unary expression only allowed on expressions of type scalar or instant vector, got "string""#
    ),
    (
        #"-test[5m]"#,
        #"1:1: parse error: unary expression only allowed on expressions of type scalar or instant vector, got "range vector""#
    ),
    (#"*test"#, #"1:1: parse error: unexpected <op:*>"#),
    (
        #"1 offset 1d"#,
        #"1:1: parse error: offset modifier must be preceded by an instant vector selector or range vector selector or a subquery"#
    ),
    (#"foo offset 1s offset 2s"#, #"1:1: parse error: offset may not be set multiple times"#),
    (#"a - on(b) ignoring(c) d"#, #"1:11: parse error: unexpected <ignoring>"#),
    (#"foo and 1"#, #"1:1: parse error: set operator "and" not allowed in binary scalar expression"#),
    (#"1 and foo"#, #"1:1: parse error: set operator "and" not allowed in binary scalar expression"#),
    (#"foo or 1"#, #"1:1: parse error: set operator "or" not allowed in binary scalar expression"#),
    (#"foo unless 1"#, #"1:1: parse error: set operator "unless" not allowed in binary scalar expression"#),
    (#"1 unless foo"#, #"1:1: parse error: set operator "unless" not allowed in binary scalar expression"#),
    (#"1 or on(bar) foo"#, #"1:1: parse error: vector matching only allowed between instant vectors"#),
    (#"foo == on(bar) 10"#, #"1:1: parse error: vector matching only allowed between instant vectors"#),
    (#"foo + group_left(baz) bar"#, #"1:7: parse error: unexpected <group_left>"#),
    (#"foo and on(bar) group_left(baz) bar"#, #"1:1: parse error: no grouping allowed for "and" operation"#),
    (#"foo and on(bar) group_right(baz) bar"#, #"1:1: parse error: no grouping allowed for "and" operation"#),
    (#"foo or on(bar) group_left(baz) bar"#, #"1:1: parse error: no grouping allowed for "or" operation"#),
    (#"foo or on(bar) group_right(baz) bar"#, #"1:1: parse error: no grouping allowed for "or" operation"#),
    (#"foo unless on(bar) group_left(baz) bar"#, #"1:1: parse error: no grouping allowed for "unless" operation"#),
    (#"foo unless on(bar) group_right(baz) bar"#, #"1:1: parse error: no grouping allowed for "unless" operation"#),
    (
        #"http_requests{group="production"} + on(instance) group_left(job,instance) cpu_count{type="smp"}"#,
        #"1:35: parse error: label "instance" must not occur in ON and GROUP clause at once"#
    ),
    (#"foo + bool 10"#, #"1:5: parse error: bool modifier can only be used on comparison operators"#),
    (#"foo and bool 10"#, #"1:5: parse error: bool modifier can only be used on comparison operators"#),
    (#"foo @ +Inf"#, #"1:1: parse error: timestamp out of bounds for @ modifier: +Inf"#),
    (#"foo @ -Inf"#, #"1:1: parse error: timestamp out of bounds for @ modifier: -Inf"#),
    (#"foo @ NaN"#, #"1:1: parse error: timestamp out of bounds for @ modifier: NaN"#),
    (#"}"#, #"1:1: parse error: unexpected character: '}'"#),
    (#"some{"#, #"1:6: parse error: unexpected end of input inside braces"#),
    (#"some}"#, #"1:5: parse error: unexpected character: '}'"#),
    (#"some_metric{a=b}"#, #"1:15: parse error: unexpected identifier "b" in label matching, expected string"#),
    (#"some_metric{a:b="b"}"#, #"1:14: parse error: unexpected character inside braces: ':'"#),
    (#"foo{a*"b"}"#, #"1:6: parse error: unexpected character inside braces: '*'"#),
    (#"foo{a>="b"}"#, #"1:6: parse error: unexpected character inside braces: '>'"#),
    (#"foo{gibberish}"#, #"1:14: parse error: unexpected "}" in label matching, expected label matching operator"#),
    (#"foo{1}"#, #"1:5: parse error: unexpected character inside braces: '1'"#),
    (#"{x=""}"#, #"1:1: parse error: vector selector must contain at least one non-empty matcher"#),
    (#"{x=~".*"}"#, #"1:1: parse error: vector selector must contain at least one non-empty matcher"#),
    (#"{x!~".+"}"#, #"1:1: parse error: vector selector must contain at least one non-empty matcher"#),
    (#"{x!="a"}"#, #"1:1: parse error: vector selector must contain at least one non-empty matcher"#),
    (#"foo{__name__= "bar"}"#, #"1:1: parse error: metric name must not be set twice: "foo" or "bar""#),
    (#"foo{__name__=~"bar" }"#, #"1:1: parse error: metric name must not be set twice: "foo" or "bar""#),
    (#"foo{__name__!~"bar"}"#, #"1:1: parse error: metric name must not be set twice: "foo" or "bar""#),
    (#"foo{__name__!="bar"}"#, #"1:1: parse error: metric name must not be set twice: "foo" or "bar""#),
    (#"foo{a="b", __name__="bar"}"#, #"1:1: parse error: metric name must not be set twice: "foo" or "bar""#),
    (#"foo[5mm]"#, #"1:5: parse error: bad duration syntax: "5mm""#),
    (#"foo[5m1]"#, #"1:5: parse error: bad duration syntax: "5m1""#),
    (#"foo[5m:1m1]"#, #"1:8: parse error: bad number or duration syntax: "1m1""#),
    (#"foo[5y1hs]"#, #"1:5: parse error: not a valid duration string: "5y1hs""#),
    (#"foo[5m1h]"#, #"1:5: parse error: not a valid duration string: "5m1h""#),
    (#"foo[5m1m]"#, #"1:5: parse error: not a valid duration string: "5m1m""#),
    (#"foo[0m]"#, #"1:5: parse error: duration must be greater than 0"#),
    (#"foo["5m"]"#, #"1:5: parse error: missing unit character in duration"#),
    (#"foo[1]"#, #"1:5: parse error: missing unit character in duration"#),
    (#"some_metric[5m] OFFSET 1"#, #"1:24: parse error: unexpected number "1" in offset, expected duration"#),
    (#"some_metric[5m] OFFSET 1mm"#, #"1:24: parse error: bad number or duration syntax: "1mm""#),
    (#"some_metric[5m] OFFSET"#, #"1:23: parse error: unexpected end of input in offset, expected duration"#),
    (#"some_metric OFFSET 1m[5m]"#, #"1:22: parse error: no offset modifiers allowed before range"#),
    (#"some_metric @ 123 [5m]"#, #"1:19: parse error: no @ modifiers allowed before range"#),
    (#"(foo + bar)[5m]"#, #"1:12: parse error: ranges only allowed for vector selectors"#),
    (#"sum without(==)(some_metric)"#, #"1:13: parse error: unexpected <op:==> in grouping opts, expected label"#),
    (#"sum without(,)(some_metric)"#, #"1:13: parse error: unexpected "," in grouping opts, expected label"#),
    (#"sum without(foo,,)(some_metric)"#, #"1:17: parse error: unexpected "," in grouping opts, expected label"#),
    (#"sum some_metric by (test)"#, #"1:5: parse error: unexpected identifier "some_metric""#),
    (#"sum (some_metric) by test"#, #"1:22: parse error: unexpected identifier "test" in grouping opts, expected "(""#),
    (
        #"sum (some_metric) by test)"#,
        #"1:22: parse error: unexpected identifier "test" in grouping opts, expected "(""#
    ),
    (#"MIN keep_common (some_metric)"#, #"1:5: parse error: unexpected identifier "keep_common""#),
    (#"MIN (some_metric) keep_common"#, #"1:19: parse error: unexpected identifier "keep_common""#),
    (#"sum (some_metric) without (test) by (test)"#, #"1:34: parse error: unexpected <by>"#),
    (#"sum without (test) (some_metric) by (test)"#, #"1:34: parse error: unexpected <by>"#),
    (
        #"topk(some_metric)"#,
        #"1:1: parse error: wrong number of arguments for aggregate expression provided, expected 2, got 1"#
    ),
    (#"topk(some_metric,)"#, #"1:17: parse error: trailing commas not allowed in function call args"#),
    (
        #"topk(some_metric, other_metric)"#,
        #"1:6: parse error: expected type scalar in aggregation parameter, got instant vector"#
    ),
    (
        #"count_values(5, other_metric)"#,
        #"1:14: parse error: expected type string in aggregation parameter, got scalar"#
    ),
    (#"floor()"#, #"1:1: parse error: expected 1 argument(s) in call to "floor", got 0"#),
    (#"floor(some_metric, other_metric)"#, #"1:1: parse error: expected 1 argument(s) in call to "floor", got 2"#),
    (#"floor(some_metric, 1)"#, #"1:1: parse error: expected 1 argument(s) in call to "floor", got 2"#),
    (#"floor(1)"#, #"1:7: parse error: expected type instant vector in call to function "floor", got scalar"#),
    (
        #"hour(some_metric, some_metric, some_metric)"#,
        #"1:1: parse error: expected at most 1 argument(s) in call to "hour", got 3"#
    ),
    (#"time(some_metric)"#, #"1:1: parse error: expected 0 argument(s) in call to "time", got 1"#),
    (
        #"non_existent_function_far_bar()"#,
        #"1:1: parse error: unknown function with name "non_existent_function_far_bar""#
    ),
    (
        #"rate(some_metric)"#,
        #"1:6: parse error: expected type range vector in call to function "rate", got instant vector"#
    ),
    (#"-="#, #"1:2: parse error: unexpected "=""#),
    (#"++-++-+-+-<"#, #"1:11: parse error: unexpected <op:<>"#),
    (#"e-+=/(0)"#, #"1:4: parse error: unexpected "=""#),
    (#"a>b()"#, #"1:3: parse error: unknown function with name "b""#),
    (#"rate(avg)"#, #"1:6: parse error: expected type range vector in call to function "rate", got instant vector"#),
    (#"`\\``"#, #"1:5: parse error: unterminated raw string"#),
    (#""\"#, #"1:1: parse error: escape sequence not terminated"#),
    (#""\c""#, #"1:1: parse error: unknown escape sequence U+0063 'c'"#),
    (#""\x.""#, #"1:1: parse error: illegal character U+002E '.' in escape sequence"#),
    (
        #"test[5d] OFFSET 10s [10m:5s]"#,
        #"1:1: parse error: subquery is only allowed on instant vector, got matrix instead"#
    ),
    (
        #"(foo + bar{nm="val"})[5m:][10m:5s]"#,
        #"1:1: parse error: subquery is only allowed on instant vector, got matrix instead"#
    ),
    (#"rate(food[1m])[1h] offset 1h"#, #"1:15: parse error: ranges only allowed for vector selectors"#),
    (#"rate(food[1m])[1h] @ 100"#, #"1:15: parse error: ranges only allowed for vector selectors"#),
    (#"start()"#, #"1:6: parse error: unexpected "(""#),
    (#"end()"#, #"1:4: parse error: unexpected "(""#),
    (#"start = start{start="start"}"#, #"1:7: parse error: unexpected "=""#),
    (#"end = end{end="end"}"#, #"1:5: parse error: unexpected "=""#),
    (#"foo @ end"#, #"1:10: parse error: unexpected end of input in @, expected timestamp"#),
    (#"foo @ end)"#, #"1:11: parse error: unexpected right parenthesis ')'"#),
    (#"(start() * 60)"#, #"1:7: parse error: unexpected "(""#),
]

/// Inputs Prometheus 2.42 accepts, and how it prints them.
let prometheusPrintedForms: [(String, String)] = [
    (#"foo[5m:]"#, #"foo[5m:]"#),
    (#"foo[5m:1m]"#, #"foo[5m:1m]"#),
    (#"foo offset -5m"#, #"foo offset -5m"#),
    (#"sum"#, #"sum"#),
    (#"offset"#, #"offset"#),
    (#"by"#, #"by"#),
    (#"and"#, #"and"#),
    (#"sum(foo) by (and, by, offset)"#, #"sum by (and, by, offset) (foo)"#),
    (#"{__name__="bar", __name__="baz"}"#, #"{__name__="bar",__name__="baz"}"#),
    (#"foo # comment"#, #"foo"#),
    (#"foo @ 1"#, #"foo @ 1.000"#),
    (#"foo @ start()"#, #"foo @ start()"#),
    (#"foo @ end()"#, #"foo @ end()"#),
    (#"foo[5m] offset 1m"#, #"foo[5m] offset 1m"#),
    (#"rate(foo[5m])[5m:1m]"#, #"rate(foo[5m])[5m:1m]"#),
    (#"label_join(foo, "a", ",", "b", "c", "d")"#, #"label_join(foo, "a", ",", "b", "c", "d")"#),
    (#"1 == bool 1"#, #"1 == bool 1"#),
    (#"foo == 1"#, #"foo == 1"#),
    (#"{a!=""}"#, #"{a!=""}"#),
    (#"foo:bar"#, #"foo:bar"#),
    (#":foo"#, #":foo"#),
    (#"a ^ b ^ c"#, #"a ^ b ^ c"#),
    (#"foo[ 5m ]"#, #"foo[5m]"#),
    (#"foo[5m30s]"#, #"foo[5m30s]"#),
    (#"foo offset 1h30m"#, #"foo offset 1h30m"#),
    (#"foo[1h30m]"#, #"foo[1h30m]"#),
    (#"sum(foo) by (a,)"#, #"sum by (a) (foo)"#),
    (#"foo @ -1"#, #"foo @ -1.000"#),
    (#"foo @ +1.5"#, #"foo @ 1.500"#),
    (#"(foo)[5m:]"#, #"(foo)[5m:]"#),
    (#"0x10 + 017 + 08"#, #"16 + 15 + 8"#),
    (#"foo ==bool bar"#, #"foo == bool bar"#),
    (#"count_values("a", foo)"#, #"count_values("a", foo)"#),
    (#"absent(nonexistent{job="myjob"})"#, #"absent(nonexistent{job="myjob"})"#),
    (#"holt_winters(foo[5m], 0.5, 0.5)"#, #"holt_winters(foo[5m], 0.5, 0.5)"#),
    (#"histogram_quantile(0.9, foo)"#, #"histogram_quantile(0.9, foo)"#),
    (#"foo{a="b"} + on(a) group_left bar"#, #"foo{a="b"} + on (a) group_left () bar"#),
    (#"foo * ignoring(a) group_right(b) bar"#, #"foo * ignoring (a) group_right (b) bar"#),
    (#"foo == on() bar"#, #"foo == on () bar"#),
    (#"sum without(a) (foo)"#, #"sum without (a) (foo)"#),
    (#"SUM BY (a) (foo) AND ON (b) bar"#, #"sum by (a) (foo) and on (b) bar"#),
    (#"{__name__=~"bar", a="b"}"#, #"{__name__=~"bar",a="b"}"#),
    (#"foo OFFSET 5m"#, #"foo offset 5m"#),
    (#"foo @ 1 offset 5m"#, #"foo @ 1.000 offset 5m"#),
    (#"foo offset 5m @ 1"#, #"foo @ 1.000 offset 5m"#),
    (#"-1^2"#, #"-1 ^ 2"#),
    (#"-1*2"#, #"-1 * 2"#),
    (#"-1+2"#, #"-1 + 2"#),
    (#"-1^-2"#, #"-1 ^ -2"#),
    (#"+1 + -2 * 1"#, #"1 + -2 * 1"#),
    (#"1 + 2/(3*1)"#, #"1 + 2 / (3 * 1)"#),
    (#"1 < bool 2 - 1 * 2"#, #"1 < bool 2 - 1 * 2"#),
    (#"-some_metric"#, #"-some_metric"#),
    (#" +some_metric"#, #"+some_metric"#),
    (#"foo * bar"#, #"foo * bar"#),
    (#"foo * sum"#, #"foo * sum"#),
    (#"foo == bool 1"#, #"foo == bool 1"#),
    (#"2.5 / bar"#, #"2.5 / bar"#),
    (#"foo and bar"#, #"foo and bar"#),
    (#"foo or bar"#, #"foo or bar"#),
    (#"foo unless bar"#, #"foo unless bar"#),
    (#"foo + bar or bla and blub"#, #"foo + bar or bla and blub"#),
    (#"foo and bar unless baz or qux"#, #"foo and bar unless baz or qux"#),
    (
        #"bar + on(foo) bla / on(baz, buz) group_right(test) blub"#,
        #"bar + on (foo) bla / on (baz, buz) group_right (test) blub"#
    ),
    (#"foo * on(test,blub) bar"#, #"foo * on (test, blub) bar"#),
    (#"foo * on(test,blub) group_left bar"#, #"foo * on (test, blub) group_left () bar"#),
    (#"foo and on(test,blub) bar"#, #"foo and on (test, blub) bar"#),
    (#"foo and on() bar"#, #"foo and on () bar"#),
    (#"foo and ignoring(test,blub) bar"#, #"foo and ignoring (test, blub) bar"#),
    (#"foo and ignoring() bar"#, #"foo and bar"#),
    (#"foo unless on(bar) baz"#, #"foo unless on (bar) baz"#),
    (#"foo / on(test,blub) group_left(bar) bar"#, #"foo / on (test, blub) group_left (bar) bar"#),
    (#"foo / ignoring(test,blub) group_left(blub) bar"#, #"foo / ignoring (test, blub) group_left (blub) bar"#),
    (#"foo / ignoring(test,blub) group_left(bar) bar"#, #"foo / ignoring (test, blub) group_left (bar) bar"#),
    (#"foo - on(test,blub) group_right(bar,foo) bar"#, #"foo - on (test, blub) group_right (bar, foo) bar"#),
    (
        #"foo - ignoring(test,blub) group_right(bar,foo) bar"#,
        #"foo - ignoring (test, blub) group_right (bar, foo) bar"#
    ),
    (#"foo"#, #"foo"#),
    (#"min"#, #"min"#),
    (#"foo offset 5m"#, #"foo offset 5m"#),
    (#"foo offset -7m"#, #"foo offset -7m"#),
    (#"foo OFFSET 1h30m"#, #"foo offset 1h30m"#),
    (#"foo OFFSET 1m30ms"#, #"foo offset 1m30ms"#),
    (#"foo @ 1603774568"#, #"foo @ 1603774568.000"#),
    (#"foo @ -100"#, #"foo @ -100.000"#),
    (#"foo @ .3"#, #"foo @ 0.300"#),
    (#"foo @ 3."#, #"foo @ 3.000"#),
    (#"foo @ 3.33"#, #"foo @ 3.330"#),
    (#"foo @ 3.3333"#, #"foo @ 3.333"#),
    (#"foo @ 3.3335"#, #"foo @ 3.334"#),
    (#"foo @ 3e2"#, #"foo @ 300.000"#),
    (#"foo @ 3e-1"#, #"foo @ 0.300"#),
    (#"foo @ 0xA"#, #"foo @ 10.000"#),
    (#"foo @ -3.3e1"#, #"foo @ -33.000"#),
    (#"foo @ 9223372036854775.807"#, #"foo @ -9223372036854776.000"#),
    (#"foo @ 9223372036854775.808"#, #"foo @ -9223372036854776.000"#),
    (#"foo @ -9223372036854775.808"#, #"foo @ -9223372036854776.000"#),
    (#"foo:bar{a="bc"}"#, #"foo:bar{a="bc"}"#),
    (#"foo{NaN='bc'}"#, #"foo{NaN="bc"}"#),
    (#"foo{bar='}'}"#, #"foo{bar="}"}"#),
    (#"foo{a="b", foo!="bar", test=~"test", bar!~"baz"}"#, #"foo{a="b",bar!~"baz",foo!="bar",test=~"test"}"#),
    (#"foo{a="b", foo!="bar", test=~"test", bar!~"baz",}"#, #"foo{a="b",bar!~"baz",foo!="bar",test=~"test"}"#),
    (#"test[5s]"#, #"test[5s]"#),
    (#"test[5m]"#, #"test[5m]"#),
    (#"test[5m30s]"#, #"test[5m30s]"#),
    (#"test[5h] OFFSET 5m"#, #"test[5h] offset 5m"#),
    (#"test[5d] OFFSET 10s"#, #"test[5d] offset 10s"#),
    (#"test[5w] offset 2w"#, #"test[5w] offset 2w"#),
    (#"test[5m] @ 1603774568"#, #"test[5m] @ 1603774568.000"#),
    (#"test[5y] @ start()"#, #"test[5y] @ start()"#),
    (#"test[5y] offset -2w"#, #"test[5y] offset -2w"#),
    (#"sum by (foo)(some_metric)"#, #"sum by (foo) (some_metric)"#),
    (#"avg by (foo)(some_metric)"#, #"avg by (foo) (some_metric)"#),
    (#"max by (foo)(some_metric)"#, #"max by (foo) (some_metric)"#),
    (#"sum without (foo) (some_metric)"#, #"sum without (foo) (some_metric)"#),
    (#"sum (some_metric) without (foo)"#, #"sum without (foo) (some_metric)"#),
    (#"stddev(some_metric)"#, #"stddev(some_metric)"#),
    (#"stdvar by (foo)(some_metric)"#, #"stdvar by (foo) (some_metric)"#),
    (#"sum by ()(some_metric)"#, #"sum(some_metric)"#),
    (#"sum by (foo,bar,)(some_metric)"#, #"sum by (foo, bar) (some_metric)"#),
    (#"sum by (foo,)(some_metric)"#, #"sum by (foo) (some_metric)"#),
    (#"topk(5, some_metric)"#, #"topk(5, some_metric)"#),
    (#"count_values("value", some_metric)"#, #"count_values("value", some_metric)"#),
    (
        #"sum without(and, by, avg, count, alert, annotations)(some_metric)"#,
        #"sum without (and, by, avg, count, alert, annotations) (some_metric)"#
    ),
    (#"sum (some_metric) by ()"#, #"sum(some_metric)"#),
    (#"rate(some_metric[5m])"#, #"rate(some_metric[5m])"#),
    (#"time()"#, #"time()"#),
    (#"floor(some_metric{foo!="bar"})"#, #"floor(some_metric{foo!="bar"})"#),
    (#"round(some_metric)"#, #"round(some_metric)"#),
    (#"round(some_metric, 5)"#, #"round(some_metric, 5)"#),
    (#"hour()"#, #"hour()"#),
    (#"sum(sum)"#, #"sum(sum)"#),
    (#"a + sum"#, #"a + sum"#),
    (#""double-quoted string \" with escaped quote""#, #""double-quoted string \" with escaped quote""#),
    (#"'single-quoted string \' with escaped quote'"#, #""single-quoted string ' with escaped quote""#),
    (#"`backtick-quoted string`"#, #""backtick-quoted string""#),
    (#"foo{bar="baz"}[10m:6s]"#, #"foo{bar="baz"}[10m:6s]"#),
    (#"foo{bar="baz"}[10m5s:1h6ms]"#, #"foo{bar="baz"}[10m5s:1h6ms]"#),
    (#"foo[10m:]"#, #"foo[10m:]"#),
    (#"min_over_time(rate(foo{bar="baz"}[2s])[5m:5s])"#, #"min_over_time(rate(foo{bar="baz"}[2s])[5m:5s])"#),
    (#"min_over_time(rate(foo{bar="baz"}[2s])[5m:])[4m:3s]"#, #"min_over_time(rate(foo{bar="baz"}[2s])[5m:])[4m:3s]"#),
    (
        #"min_over_time(rate(foo{bar="baz"}[2s])[5m:] offset 4m)[4m:3s]"#,
        #"min_over_time(rate(foo{bar="baz"}[2s])[5m:] offset 4m)[4m:3s]"#
    ),
    (
        #"min_over_time(rate(foo{bar="baz"}[2s])[5m:] @ 1603775091)[4m:3s]"#,
        #"min_over_time(rate(foo{bar="baz"}[2s])[5m:] @ 1603775091.000)[4m:3s]"#
    ),
    (
        #"min_over_time(rate(foo{bar="baz"}[2s])[5m:] @ -160377509)[4m:3s]"#,
        #"min_over_time(rate(foo{bar="baz"}[2s])[5m:] @ -160377509.000)[4m:3s]"#
    ),
    (
        #"sum without(and, by, avg, count, alert, annotations)(some_metric) [30m:10s]"#,
        #"sum without (and, by, avg, count, alert, annotations) (some_metric)[30m:10s]"#
    ),
    (#"some_metric OFFSET 1m [10m:5s]"#, #"some_metric offset 1m[10m:5s]"#),
    (#"some_metric @ 123 [10m:5s]"#, #"some_metric @ 123.000[10m:5s]"#),
    (#"some_metric @ 123 offset 1m [10m:5s]"#, #"some_metric @ 123.000 offset 1m[10m:5s]"#),
    (#"some_metric offset 1m @ 123 [10m:5s]"#, #"some_metric @ 123.000 offset 1m[10m:5s]"#),
    (#"some_metric[10m:5s] offset 1m @ 123"#, #"some_metric[10m:5s] @ 123.000 offset 1m"#),
    (#"(foo + bar{nm="val"})[5m:]"#, #"(foo + bar{nm="val"})[5m:]"#),
    (#"(foo + bar{nm="val"})[5m:] offset 10m"#, #"(foo + bar{nm="val"})[5m:] offset 10m"#),
    (#"(foo + bar{nm="val"} @ 1234)[5m:] @ 1603775019"#, #"(foo + bar{nm="val"} @ 1234.000)[5m:] @ 1603775019.000"#),
    (#"test[5y] @ end()"#, #"test[5y] @ end()"#),
    (#"foo[10m:6s] @ start()"#, #"foo[10m:6s] @ start()"#),
    (#"foo[10m:6s] @ end()"#, #"foo[10m:6s] @ end()"#),
    (#"foo unless on(start) bar"#, #"foo unless on (start) bar"#),
    (#"foo unless on(end) bar"#, #"foo unless on (end) bar"#),
    (#"start"#, #"start"#),
    (#"end"#, #"end"#),
]

/// Every prefix of a few long queries plus error-recovery cases, with promtool 2.42's verdict (`OK` or the error).
let promtoolPrefixCases: [(String, String)] = [
    (#"c"#, #"OK"#),
    (#"co"#, #"OK"#),
    (#"cou"#, #"OK"#),
    (#"coun"#, #"OK"#),
    (#"count"#, #"OK"#),
    (#"count_"#, #"OK"#),
    (#"count_v"#, #"OK"#),
    (#"count_va"#, #"OK"#),
    (#"count_val"#, #"OK"#),
    (#"count_valu"#, #"OK"#),
    (#"count_value"#, #"OK"#),
    (#"count_values"#, #"OK"#),
    (#"count_values("#, #"1:14: parse error: unclosed left parenthesis"#),
    (#"count_values(""#, #"1:14: parse error: unterminated quoted string"#),
    (#"count_values("v"#, #"1:14: parse error: unterminated quoted string"#),
    (#"count_values("v""#, #"1:17: parse error: unclosed left parenthesis"#),
    (#"count_values("v","#, #"1:18: parse error: unclosed left parenthesis"#),
    (#"count_values("v", f"#, #"1:20: parse error: unclosed left parenthesis"#),
    (#"count_values("v", fo"#, #"1:21: parse error: unclosed left parenthesis"#),
    (#"count_values("v", foo"#, #"1:22: parse error: unclosed left parenthesis"#),
    (#"count_values("v", foo)"#, #"OK"#),
    (#"count_values("v", foo) u"#, #"1:24: parse error: unexpected identifier "u""#),
    (#"count_values("v", foo) un"#, #"1:24: parse error: unexpected identifier "un""#),
    (#"count_values("v", foo) unl"#, #"1:24: parse error: unexpected identifier "unl""#),
    (#"count_values("v", foo) unle"#, #"1:24: parse error: unexpected identifier "unle""#),
    (#"count_values("v", foo) unles"#, #"1:24: parse error: unexpected identifier "unles""#),
    (#"count_values("v", foo) unless"#, #"1:30: parse error: unexpected end of input"#),
    (#"count_values("v", foo) unless l"#, #"OK"#),
    (#"count_values("v", foo) unless la"#, #"OK"#),
    (#"count_values("v", foo) unless lab"#, #"OK"#),
    (#"count_values("v", foo) unless labe"#, #"OK"#),
    (#"count_values("v", foo) unless label"#, #"OK"#),
    (#"count_values("v", foo) unless label_"#, #"OK"#),
    (#"count_values("v", foo) unless label_r"#, #"OK"#),
    (#"count_values("v", foo) unless label_re"#, #"OK"#),
    (#"count_values("v", foo) unless label_rep"#, #"OK"#),
    (#"count_values("v", foo) unless label_repl"#, #"OK"#),
    (#"count_values("v", foo) unless label_repla"#, #"OK"#),
    (#"count_values("v", foo) unless label_replac"#, #"OK"#),
    (#"count_values("v", foo) unless label_replace"#, #"OK"#),
    (#"count_values("v", foo) unless label_replace("#, #"1:45: parse error: unclosed left parenthesis"#),
    (#"count_values("v", foo) unless label_replace(u"#, #"1:46: parse error: unclosed left parenthesis"#),
    (#"count_values("v", foo) unless label_replace(up"#, #"1:47: parse error: unclosed left parenthesis"#),
    (#"count_values("v", foo) unless label_replace(up,"#, #"1:48: parse error: unclosed left parenthesis"#),
    (#"count_values("v", foo) unless label_replace(up, ""#, #"1:49: parse error: unterminated quoted string"#),
    (#"count_values("v", foo) unless label_replace(up, "a"#, #"1:49: parse error: unterminated quoted string"#),
    (#"count_values("v", foo) unless label_replace(up, "a""#, #"1:52: parse error: unclosed left parenthesis"#),
    (#"count_values("v", foo) unless label_replace(up, "a","#, #"1:53: parse error: unclosed left parenthesis"#),
    (#"count_values("v", foo) unless label_replace(up, "a", ""#, #"1:54: parse error: unterminated quoted string"#),
    (#"count_values("v", foo) unless label_replace(up, "a", "$"#, #"1:54: parse error: unterminated quoted string"#),
    (#"count_values("v", foo) unless label_replace(up, "a", "$1"#, #"1:54: parse error: unterminated quoted string"#),
    (#"count_values("v", foo) unless label_replace(up, "a", "$1""#, #"1:58: parse error: unclosed left parenthesis"#),
    (#"count_values("v", foo) unless label_replace(up, "a", "$1","#, #"1:59: parse error: unclosed left parenthesis"#),
    (
        #"count_values("v", foo) unless label_replace(up, "a", "$1", ""#,
        #"1:60: parse error: unterminated quoted string"#
    ),
    (
        #"count_values("v", foo) unless label_replace(up, "a", "$1", "b"#,
        #"1:60: parse error: unterminated quoted string"#
    ),
    (
        #"count_values("v", foo) unless label_replace(up, "a", "$1", "b""#,
        #"1:63: parse error: unclosed left parenthesis"#
    ),
    (
        #"count_values("v", foo) unless label_replace(up, "a", "$1", "b","#,
        #"1:64: parse error: unclosed left parenthesis"#
    ),
    (
        #"count_values("v", foo) unless label_replace(up, "a", "$1", "b", ""#,
        #"1:65: parse error: unterminated quoted string"#
    ),
    (
        #"count_values("v", foo) unless label_replace(up, "a", "$1", "b", "("#,
        #"1:65: parse error: unterminated quoted string"#
    ),
    (
        #"count_values("v", foo) unless label_replace(up, "a", "$1", "b", "(."#,
        #"1:65: parse error: unterminated quoted string"#
    ),
    (
        #"count_values("v", foo) unless label_replace(up, "a", "$1", "b", "(.*"#,
        #"1:65: parse error: unterminated quoted string"#
    ),
    (
        #"count_values("v", foo) unless label_replace(up, "a", "$1", "b", "(.*)"#,
        #"1:65: parse error: unterminated quoted string"#
    ),
    (
        #"count_values("v", foo) unless label_replace(up, "a", "$1", "b", "(.*)""#,
        #"1:71: parse error: unclosed left parenthesis"#
    ),
    (#"count_values("v", foo) unless label_replace(up, "a", "$1", "b", "(.*)")"#, #"OK"#),
    (
        #"count_values("v", foo) unless label_replace(up, "a", "$1", "b", "(.*)") ^"#,
        #"1:74: parse error: unexpected end of input"#
    ),
    (
        #"count_values("v", foo) unless label_replace(up, "a", "$1", "b", "(.*)") ^ -"#,
        #"1:76: parse error: unexpected end of input"#
    ),
    (#"f"#, #"OK"#),
    (#"fo"#, #"OK"#),
    (#"foo"#, #"OK"#),
    (#"foo @"#, #"1:6: parse error: unexpected end of input in @, expected timestamp"#),
    (#"foo @ s"#, #"1:7: parse error: unexpected identifier "s" in @, expected timestamp"#),
    (#"foo @ st"#, #"1:7: parse error: unexpected identifier "st" in @, expected timestamp"#),
    (#"foo @ sta"#, #"1:7: parse error: unexpected identifier "sta" in @, expected timestamp"#),
    (#"foo @ star"#, #"1:7: parse error: unexpected identifier "star" in @, expected timestamp"#),
    (#"foo @ start"#, #"1:12: parse error: unexpected end of input in @, expected timestamp"#),
    (#"foo @ start("#, #"1:13: parse error: unclosed left parenthesis"#),
    (#"foo @ start()"#, #"OK"#),
    (#"foo @ start() +"#, #"1:16: parse error: unexpected end of input"#),
    (#"foo @ start() + b"#, #"OK"#),
    (#"foo @ start() + ba"#, #"OK"#),
    (#"foo @ start() + bar"#, #"OK"#),
    (#"foo @ start() + bar @"#, #"1:22: parse error: unexpected end of input in @, expected timestamp"#),
    (#"foo @ start() + bar @ e"#, #"1:23: parse error: unexpected identifier "e" in @, expected timestamp"#),
    (#"foo @ start() + bar @ en"#, #"1:23: parse error: unexpected identifier "en" in @, expected timestamp"#),
    (#"foo @ start() + bar @ end"#, #"1:26: parse error: unexpected end of input in @, expected timestamp"#),
    (#"foo @ start() + bar @ end("#, #"1:27: parse error: unclosed left parenthesis"#),
    (#"foo @ start() + bar @ end()"#, #"OK"#),
    (#"foo @ start() + bar @ end() -"#, #"1:30: parse error: unexpected end of input"#),
    (#"foo @ start() + bar @ end() - b"#, #"OK"#),
    (#"foo @ start() + bar @ end() - ba"#, #"OK"#),
    (#"foo @ start() + bar @ end() - baz"#, #"OK"#),
    (#"foo @ start() + bar @ end() - baz["#, #"1:35: parse error: missing unit character in duration"#),
    (#"foo @ start() + bar @ end() - baz[5"#, #"1:35: parse error: missing unit character in duration"#),
    (#"foo @ start() + bar @ end() - baz[5m"#, #"1:37: parse error: unclosed left bracket"#),
    (
        #"foo @ start() + bar @ end() - baz[5m]"#,
        #"1:31: parse error: binary expression must contain only scalar and instant vector types"#
    ),
    (
        #"foo @ start() + bar @ end() - baz[5m] @"#,
        #"1:40: parse error: unexpected end of input in @, expected timestamp"#
    ),
    (
        #"foo @ start() + bar @ end() - baz[5m] @ 1"#,
        #"1:31: parse error: binary expression must contain only scalar and instant vector types"#
    ),
    (
        #"foo @ start() + bar @ end() - baz[5m] @ 1."#,
        #"1:31: parse error: binary expression must contain only scalar and instant vector types"#
    ),
    (#"h"#, #"OK"#),
    (#"hi"#, #"OK"#),
    (#"his"#, #"OK"#),
    (#"hist"#, #"OK"#),
    (#"histo"#, #"OK"#),
    (#"histog"#, #"OK"#),
    (#"histogr"#, #"OK"#),
    (#"histogra"#, #"OK"#),
    (#"histogram"#, #"OK"#),
    (#"histogram_"#, #"OK"#),
    (#"histogram_q"#, #"OK"#),
    (#"histogram_qu"#, #"OK"#),
    (#"histogram_qua"#, #"OK"#),
    (#"histogram_quan"#, #"OK"#),
    (#"histogram_quant"#, #"OK"#),
    (#"histogram_quanti"#, #"OK"#),
    (#"histogram_quantil"#, #"OK"#),
    (#"histogram_quantile"#, #"OK"#),
    (#"histogram_quantile("#, #"1:20: parse error: unclosed left parenthesis"#),
    (#"histogram_quantile(0"#, #"1:21: parse error: unclosed left parenthesis"#),
    (#"histogram_quantile(0."#, #"1:22: parse error: unclosed left parenthesis"#),
    (#"histogram_quantile(0.9"#, #"1:23: parse error: unclosed left parenthesis"#),
    (#"histogram_quantile(0.99"#, #"1:24: parse error: unclosed left parenthesis"#),
    (#"histogram_quantile(0.99,"#, #"1:25: parse error: unclosed left parenthesis"#),
    (#"histogram_quantile(0.99, s"#, #"1:27: parse error: unclosed left parenthesis"#),
    (#"histogram_quantile(0.99, su"#, #"1:28: parse error: unclosed left parenthesis"#),
    (#"histogram_quantile(0.99, sum"#, #"1:29: parse error: unclosed left parenthesis"#),
    (#"histogram_quantile(0.99, sum w"#, #"1:30: parse error: unexpected identifier "w""#),
    (#"histogram_quantile(0.99, sum wi"#, #"1:30: parse error: unexpected identifier "wi""#),
    (#"histogram_quantile(0.99, sum wit"#, #"1:30: parse error: unexpected identifier "wit""#),
    (#"histogram_quantile(0.99, sum with"#, #"1:30: parse error: unexpected identifier "with""#),
    (#"histogram_quantile(0.99, sum witho"#, #"1:30: parse error: unexpected identifier "witho""#),
    (#"histogram_quantile(0.99, sum withou"#, #"1:30: parse error: unexpected identifier "withou""#),
    (#"histogram_quantile(0.99, sum without"#, #"1:37: parse error: unclosed left parenthesis"#),
    (#"histogram_quantile(0.99, sum without ("#, #"1:39: parse error: unclosed left parenthesis"#),
    (#"histogram_quantile(0.99, sum without (i"#, #"1:40: parse error: unclosed left parenthesis"#),
    (#"histogram_quantile(0.99, sum without (in"#, #"1:41: parse error: unclosed left parenthesis"#),
    (#"histogram_quantile(0.99, sum without (ins"#, #"1:42: parse error: unclosed left parenthesis"#),
    (#"histogram_quantile(0.99, sum without (inst"#, #"1:43: parse error: unclosed left parenthesis"#),
    (#"histogram_quantile(0.99, sum without (insta"#, #"1:44: parse error: unclosed left parenthesis"#),
    (#"histogram_quantile(0.99, sum without (instan"#, #"1:45: parse error: unclosed left parenthesis"#),
    (#"histogram_quantile(0.99, sum without (instanc"#, #"1:46: parse error: unclosed left parenthesis"#),
    (#"histogram_quantile(0.99, sum without (instance"#, #"1:47: parse error: unclosed left parenthesis"#),
    (#"histogram_quantile(0.99, sum without (instance)"#, #"1:48: parse error: unclosed left parenthesis"#),
    (#"histogram_quantile(0.99, sum without (instance) ("#, #"1:50: parse error: unclosed left parenthesis"#),
    (#"histogram_quantile(0.99, sum without (instance) (r"#, #"1:51: parse error: unclosed left parenthesis"#),
    (#"histogram_quantile(0.99, sum without (instance) (ra"#, #"1:52: parse error: unclosed left parenthesis"#),
    (#"histogram_quantile(0.99, sum without (instance) (rat"#, #"1:53: parse error: unclosed left parenthesis"#),
    (#"histogram_quantile(0.99, sum without (instance) (rate"#, #"1:54: parse error: unclosed left parenthesis"#),
    (#"histogram_quantile(0.99, sum without (instance) (rate("#, #"1:55: parse error: unclosed left parenthesis"#),
    (#"histogram_quantile(0.99, sum without (instance) (rate(x"#, #"1:56: parse error: unclosed left parenthesis"#),
    (#"histogram_quantile(0.99, sum without (instance) (rate(x_"#, #"1:57: parse error: unclosed left parenthesis"#),
    (#"histogram_quantile(0.99, sum without (instance) (rate(x_b"#, #"1:58: parse error: unclosed left parenthesis"#),
    (#"histogram_quantile(0.99, sum without (instance) (rate(x_bu"#, #"1:59: parse error: unclosed left parenthesis"#),
    (#"histogram_quantile(0.99, sum without (instance) (rate(x_buc"#, #"1:60: parse error: unclosed left parenthesis"#),
    (
        #"histogram_quantile(0.99, sum without (instance) (rate(x_buck"#,
        #"1:61: parse error: unclosed left parenthesis"#
    ),
    (
        #"histogram_quantile(0.99, sum without (instance) (rate(x_bucke"#,
        #"1:62: parse error: unclosed left parenthesis"#
    ),
    (
        #"histogram_quantile(0.99, sum without (instance) (rate(x_bucket"#,
        #"1:63: parse error: unclosed left parenthesis"#
    ),
    (
        #"histogram_quantile(0.99, sum without (instance) (rate(x_bucket["#,
        #"1:64: parse error: missing unit character in duration"#
    ),
    (
        #"histogram_quantile(0.99, sum without (instance) (rate(x_bucket[5"#,
        #"1:64: parse error: missing unit character in duration"#
    ),
    (
        #"histogram_quantile(0.99, sum without (instance) (rate(x_bucket[5m"#,
        #"1:66: parse error: unclosed left parenthesis"#
    ),
    (
        #"histogram_quantile(0.99, sum without (instance) (rate(x_bucket[5m]"#,
        #"1:67: parse error: unclosed left parenthesis"#
    ),
    (
        #"histogram_quantile(0.99, sum without (instance) (rate(x_bucket[5m] o"#,
        #"1:68: parse error: unexpected identifier "o" in aggregation"#
    ),
    (
        #"histogram_quantile(0.99, sum without (instance) (rate(x_bucket[5m] of"#,
        #"1:68: parse error: unexpected identifier "of" in aggregation"#
    ),
    (
        #"histogram_quantile(0.99, sum without (instance) (rate(x_bucket[5m] off"#,
        #"1:68: parse error: unexpected identifier "off" in aggregation"#
    ),
    (
        #"histogram_quantile(0.99, sum without (instance) (rate(x_bucket[5m] offs"#,
        #"1:68: parse error: unexpected identifier "offs" in aggregation"#
    ),
    (
        #"histogram_quantile(0.99, sum without (instance) (rate(x_bucket[5m] offse"#,
        #"1:68: parse error: unexpected identifier "offse" in aggregation"#
    ),
    (
        #"histogram_quantile(0.99, sum without (instance) (rate(x_bucket[5m] offset"#,
        #"1:74: parse error: unclosed left parenthesis"#
    ),
    (
        #"histogram_quantile(0.99, sum without (instance) (rate(x_bucket[5m] offset -"#,
        #"1:76: parse error: unclosed left parenthesis"#
    ),
    (
        #"histogram_quantile(0.99, sum without (instance) (rate(x_bucket[5m] offset -1"#,
        #"1:76: parse error: unexpected number "1" in offset, expected duration"#
    ),
    (
        #"histogram_quantile(0.99, sum without (instance) (rate(x_bucket[5m] offset -1h"#,
        #"1:78: parse error: unclosed left parenthesis"#
    ),
    (
        #"histogram_quantile(0.99, sum without (instance) (rate(x_bucket[5m] offset -1h @"#,
        #"1:80: parse error: unclosed left parenthesis"#
    ),
    (
        #"histogram_quantile(0.99, sum without (instance) (rate(x_bucket[5m] offset -1h @ 1"#,
        #"1:82: parse error: unclosed left parenthesis"#
    ),
    (
        #"histogram_quantile(0.99, sum without (instance) (rate(x_bucket[5m] offset -1h @ 10"#,
        #"1:83: parse error: unclosed left parenthesis"#
    ),
    (
        #"histogram_quantile(0.99, sum without (instance) (rate(x_bucket[5m] offset -1h @ 100"#,
        #"1:84: parse error: unclosed left parenthesis"#
    ),
    (
        #"histogram_quantile(0.99, sum without (instance) (rate(x_bucket[5m] offset -1h @ 100)"#,
        #"1:85: parse error: unclosed left parenthesis"#
    ),
    (
        #"histogram_quantile(0.99, sum without (instance) (rate(x_bucket[5m] offset -1h @ 100))"#,
        #"1:86: parse error: unclosed left parenthesis"#
    ),
    (#"m"#, #"OK"#),
    (#"ma"#, #"OK"#),
    (#"max"#, #"OK"#),
    (#"max_"#, #"OK"#),
    (#"max_o"#, #"OK"#),
    (#"max_ov"#, #"OK"#),
    (#"max_ove"#, #"OK"#),
    (#"max_over"#, #"OK"#),
    (#"max_over_"#, #"OK"#),
    (#"max_over_t"#, #"OK"#),
    (#"max_over_ti"#, #"OK"#),
    (#"max_over_tim"#, #"OK"#),
    (#"max_over_time"#, #"OK"#),
    (#"max_over_time("#, #"1:15: parse error: unclosed left parenthesis"#),
    (#"max_over_time(d"#, #"1:16: parse error: unclosed left parenthesis"#),
    (#"max_over_time(de"#, #"1:17: parse error: unclosed left parenthesis"#),
    (#"max_over_time(der"#, #"1:18: parse error: unclosed left parenthesis"#),
    (#"max_over_time(deri"#, #"1:19: parse error: unclosed left parenthesis"#),
    (#"max_over_time(deriv"#, #"1:20: parse error: unclosed left parenthesis"#),
    (#"max_over_time(deriv("#, #"1:21: parse error: unclosed left parenthesis"#),
    (#"max_over_time(deriv(r"#, #"1:22: parse error: unclosed left parenthesis"#),
    (#"max_over_time(deriv(ra"#, #"1:23: parse error: unclosed left parenthesis"#),
    (#"max_over_time(deriv(rat"#, #"1:24: parse error: unclosed left parenthesis"#),
    (#"max_over_time(deriv(rate"#, #"1:25: parse error: unclosed left parenthesis"#),
    (#"max_over_time(deriv(rate("#, #"1:26: parse error: unclosed left parenthesis"#),
    (#"max_over_time(deriv(rate(x"#, #"1:27: parse error: unclosed left parenthesis"#),
    (#"max_over_time(deriv(rate(x{"#, #"1:28: parse error: unexpected end of input inside braces"#),
    (#"max_over_time(deriv(rate(x{a"#, #"1:29: parse error: unexpected end of input inside braces"#),
    (#"max_over_time(deriv(rate(x{a!"#, #"1:29: parse error: unexpected character after '!' inside braces: '�'"#),
    (#"max_over_time(deriv(rate(x{a!="#, #"1:31: parse error: unexpected end of input inside braces"#),
    (#"max_over_time(deriv(rate(x{a!=""#, #"1:31: parse error: unterminated quoted string"#),
    (#"max_over_time(deriv(rate(x{a!="b"#, #"1:31: parse error: unterminated quoted string"#),
    (#"max_over_time(deriv(rate(x{a!="b""#, #"1:34: parse error: unexpected end of input inside braces"#),
    (#"max_over_time(deriv(rate(x{a!="b"}"#, #"1:35: parse error: unclosed left parenthesis"#),
    (#"max_over_time(deriv(rate(x{a!="b"}["#, #"1:36: parse error: missing unit character in duration"#),
    (#"max_over_time(deriv(rate(x{a!="b"}[5"#, #"1:36: parse error: missing unit character in duration"#),
    (#"max_over_time(deriv(rate(x{a!="b"}[5m"#, #"1:38: parse error: unclosed left parenthesis"#),
    (#"max_over_time(deriv(rate(x{a!="b"}[5m]"#, #"1:39: parse error: unclosed left parenthesis"#),
    (#"max_over_time(deriv(rate(x{a!="b"}[5m])"#, #"1:40: parse error: unclosed left parenthesis"#),
    (#"max_over_time(deriv(rate(x{a!="b"}[5m])["#, #"1:41: parse error: missing unit character in duration"#),
    (#"max_over_time(deriv(rate(x{a!="b"}[5m])[3"#, #"1:41: parse error: missing unit character in duration"#),
    (#"max_over_time(deriv(rate(x{a!="b"}[5m])[30"#, #"1:41: parse error: missing unit character in duration"#),
    (#"max_over_time(deriv(rate(x{a!="b"}[5m])[30m"#, #"1:44: parse error: unclosed left parenthesis"#),
    (#"max_over_time(deriv(rate(x{a!="b"}[5m])[30m:"#, #"1:45: parse error: unclosed left parenthesis"#),
    (
        #"max_over_time(deriv(rate(x{a!="b"}[5m])[30m:1"#,
        #"1:45: parse error: unexpected number "1" in subquery selector, expected duration or "]""#
    ),
    (#"max_over_time(deriv(rate(x{a!="b"}[5m])[30m:1m"#, #"1:47: parse error: unclosed left parenthesis"#),
    (#"max_over_time(deriv(rate(x{a!="b"}[5m])[30m:1m]"#, #"1:48: parse error: unclosed left parenthesis"#),
    (#"max_over_time(deriv(rate(x{a!="b"}[5m])[30m:1m])"#, #"1:49: parse error: unclosed left parenthesis"#),
    (#"max_over_time(deriv(rate(x{a!="b"}[5m])[30m:1m])["#, #"1:50: parse error: missing unit character in duration"#),
    (#"max_over_time(deriv(rate(x{a!="b"}[5m])[30m:1m])[1"#, #"1:50: parse error: missing unit character in duration"#),
    (#"max_over_time(deriv(rate(x{a!="b"}[5m])[30m:1m])[1h"#, #"1:52: parse error: unclosed left parenthesis"#),
    (#"max_over_time(deriv(rate(x{a!="b"}[5m])[30m:1m])[1h:"#, #"1:53: parse error: unclosed left parenthesis"#),
    (#"max_over_time(deriv(rate(x{a!="b"}[5m])[30m:1m])[1h:]"#, #"1:54: parse error: unclosed left parenthesis"#),
    (#"max_over_time(deriv(rate(x{a!="b"}[5m])[30m:1m])[1h:] o"#, #"1:55: parse error: unexpected identifier "o""#),
    (#"max_over_time(deriv(rate(x{a!="b"}[5m])[30m:1m])[1h:] of"#, #"1:55: parse error: unexpected identifier "of""#),
    (#"max_over_time(deriv(rate(x{a!="b"}[5m])[30m:1m])[1h:] off"#, #"1:55: parse error: unexpected identifier "off""#),
    (
        #"max_over_time(deriv(rate(x{a!="b"}[5m])[30m:1m])[1h:] offs"#,
        #"1:55: parse error: unexpected identifier "offs""#
    ),
    (
        #"max_over_time(deriv(rate(x{a!="b"}[5m])[30m:1m])[1h:] offse"#,
        #"1:55: parse error: unexpected identifier "offse""#
    ),
    (
        #"max_over_time(deriv(rate(x{a!="b"}[5m])[30m:1m])[1h:] offset"#,
        #"1:61: parse error: unclosed left parenthesis"#
    ),
    (
        #"max_over_time(deriv(rate(x{a!="b"}[5m])[30m:1m])[1h:] offset 1"#,
        #"1:62: parse error: unexpected number "1" in offset, expected duration"#
    ),
    (
        #"max_over_time(deriv(rate(x{a!="b"}[5m])[30m:1m])[1h:] offset 1h"#,
        #"1:64: parse error: unclosed left parenthesis"#
    ),
    (#"max_over_time(deriv(rate(x{a!="b"}[5m])[30m:1m])[1h:] offset 1h)"#, #"OK"#),
    (
        #"max_over_time(deriv(rate(x{a!="b"}[5m])[30m:1m])[1h:] offset 1h) a"#,
        #"1:66: parse error: unexpected identifier "a""#
    ),
    (
        #"max_over_time(deriv(rate(x{a!="b"}[5m])[30m:1m])[1h:] offset 1h) an"#,
        #"1:66: parse error: unexpected identifier "an""#
    ),
    (
        #"max_over_time(deriv(rate(x{a!="b"}[5m])[30m:1m])[1h:] offset 1h) and"#,
        #"1:69: parse error: unexpected end of input"#
    ),
    (#"max_over_time(deriv(rate(x{a!="b"}[5m])[30m:1m])[1h:] offset 1h) and i"#, #"OK"#),
    (#"max_over_time(deriv(rate(x{a!="b"}[5m])[30m:1m])[1h:] offset 1h) and ig"#, #"OK"#),
    (#"max_over_time(deriv(rate(x{a!="b"}[5m])[30m:1m])[1h:] offset 1h) and ign"#, #"OK"#),
    (#"max_over_time(deriv(rate(x{a!="b"}[5m])[30m:1m])[1h:] offset 1h) and igno"#, #"OK"#),
    (#"max_over_time(deriv(rate(x{a!="b"}[5m])[30m:1m])[1h:] offset 1h) and ignor"#, #"OK"#),
    (#"max_over_time(deriv(rate(x{a!="b"}[5m])[30m:1m])[1h:] offset 1h) and ignori"#, #"OK"#),
    (#"max_over_time(deriv(rate(x{a!="b"}[5m])[30m:1m])[1h:] offset 1h) and ignorin"#, #"OK"#),
    (
        #"max_over_time(deriv(rate(x{a!="b"}[5m])[30m:1m])[1h:] offset 1h) and ignoring"#,
        #"1:78: parse error: unexpected end of input in grouping opts, expected "(""#
    ),
    (
        #"max_over_time(deriv(rate(x{a!="b"}[5m])[30m:1m])[1h:] offset 1h) and ignoring ("#,
        #"1:80: parse error: unclosed left parenthesis"#
    ),
    (
        #"max_over_time(deriv(rate(x{a!="b"}[5m])[30m:1m])[1h:] offset 1h) and ignoring (a"#,
        #"1:81: parse error: unclosed left parenthesis"#
    ),
    (
        #"max_over_time(deriv(rate(x{a!="b"}[5m])[30m:1m])[1h:] offset 1h) and ignoring (a,"#,
        #"1:82: parse error: unclosed left parenthesis"#
    ),
    (
        #"max_over_time(deriv(rate(x{a!="b"}[5m])[30m:1m])[1h:] offset 1h) and ignoring (a, b"#,
        #"1:84: parse error: unclosed left parenthesis"#
    ),
    (
        #"max_over_time(deriv(rate(x{a!="b"}[5m])[30m:1m])[1h:] offset 1h) and ignoring (a, b)"#,
        #"1:85: parse error: unexpected end of input"#
    ),
    (#"max_over_time(deriv(rate(x{a!="b"}[5m])[30m:1m])[1h:] offset 1h) and ignoring (a, b) t"#, #"OK"#),
    (#"max_over_time(deriv(rate(x{a!="b"}[5m])[30m:1m])[1h:] offset 1h) and ignoring (a, b) to"#, #"OK"#),
    (#"max_over_time(deriv(rate(x{a!="b"}[5m])[30m:1m])[1h:] offset 1h) and ignoring (a, b) top"#, #"OK"#),
    (#"max_over_time(deriv(rate(x{a!="b"}[5m])[30m:1m])[1h:] offset 1h) and ignoring (a, b) topk"#, #"OK"#),
    (
        #"max_over_time(deriv(rate(x{a!="b"}[5m])[30m:1m])[1h:] offset 1h) and ignoring (a, b) topk("#,
        #"1:91: parse error: unclosed left parenthesis"#
    ),
    (
        #"max_over_time(deriv(rate(x{a!="b"}[5m])[30m:1m])[1h:] offset 1h) and ignoring (a, b) topk(3"#,
        #"1:92: parse error: unclosed left parenthesis"#
    ),
    (
        #"max_over_time(deriv(rate(x{a!="b"}[5m])[30m:1m])[1h:] offset 1h) and ignoring (a, b) topk(3,"#,
        #"1:93: parse error: unclosed left parenthesis"#
    ),
    (
        #"max_over_time(deriv(rate(x{a!="b"}[5m])[30m:1m])[1h:] offset 1h) and ignoring (a, b) topk(3, y"#,
        #"1:95: parse error: unclosed left parenthesis"#
    ),
    (#"q"#, #"OK"#),
    (#"qu"#, #"OK"#),
    (#"qua"#, #"OK"#),
    (#"quan"#, #"OK"#),
    (#"quant"#, #"OK"#),
    (#"quanti"#, #"OK"#),
    (#"quantil"#, #"OK"#),
    (#"quantile"#, #"OK"#),
    (#"quantile("#, #"1:10: parse error: unclosed left parenthesis"#),
    (#"quantile(0"#, #"1:11: parse error: unclosed left parenthesis"#),
    (#"quantile(0."#, #"1:12: parse error: unclosed left parenthesis"#),
    (#"quantile(0.9"#, #"1:13: parse error: unclosed left parenthesis"#),
    (#"quantile(0.9,"#, #"1:14: parse error: unclosed left parenthesis"#),
    (#"quantile(0.9, {"#, #"1:16: parse error: unexpected end of input inside braces"#),
    (#"quantile(0.9, {_"#, #"1:17: parse error: unexpected end of input inside braces"#),
    (#"quantile(0.9, {__"#, #"1:18: parse error: unexpected end of input inside braces"#),
    (#"quantile(0.9, {__n"#, #"1:19: parse error: unexpected end of input inside braces"#),
    (#"quantile(0.9, {__na"#, #"1:20: parse error: unexpected end of input inside braces"#),
    (#"quantile(0.9, {__nam"#, #"1:21: parse error: unexpected end of input inside braces"#),
    (#"quantile(0.9, {__name"#, #"1:22: parse error: unexpected end of input inside braces"#),
    (#"quantile(0.9, {__name_"#, #"1:23: parse error: unexpected end of input inside braces"#),
    (#"quantile(0.9, {__name__"#, #"1:24: parse error: unexpected end of input inside braces"#),
    (#"quantile(0.9, {__name__="#, #"1:25: parse error: unexpected end of input inside braces"#),
    (#"quantile(0.9, {__name__=~"#, #"1:26: parse error: unexpected end of input inside braces"#),
    (#"quantile(0.9, {__name__=~""#, #"1:26: parse error: unterminated quoted string"#),
    (#"quantile(0.9, {__name__=~"a"#, #"1:26: parse error: unterminated quoted string"#),
    (#"quantile(0.9, {__name__=~"a."#, #"1:26: parse error: unterminated quoted string"#),
    (#"quantile(0.9, {__name__=~"a.+"#, #"1:26: parse error: unterminated quoted string"#),
    (#"quantile(0.9, {__name__=~"a.+""#, #"1:31: parse error: unexpected end of input inside braces"#),
    (#"quantile(0.9, {__name__=~"a.+","#, #"1:32: parse error: unexpected end of input inside braces"#),
    (#"quantile(0.9, {__name__=~"a.+", j"#, #"1:34: parse error: unexpected end of input inside braces"#),
    (#"quantile(0.9, {__name__=~"a.+", jo"#, #"1:35: parse error: unexpected end of input inside braces"#),
    (#"quantile(0.9, {__name__=~"a.+", job"#, #"1:36: parse error: unexpected end of input inside braces"#),
    (#"quantile(0.9, {__name__=~"a.+", job="#, #"1:37: parse error: unexpected end of input inside braces"#),
    (#"quantile(0.9, {__name__=~"a.+", job=""#, #"1:37: parse error: unterminated quoted string"#),
    (#"quantile(0.9, {__name__=~"a.+", job="x"#, #"1:37: parse error: unterminated quoted string"#),
    (#"quantile(0.9, {__name__=~"a.+", job="x""#, #"1:40: parse error: unexpected end of input inside braces"#),
    (#"quantile(0.9, {__name__=~"a.+", job="x"}"#, #"1:41: parse error: unclosed left parenthesis"#),
    (#"quantile(0.9, {__name__=~"a.+", job="x"})"#, #"OK"#),
    (#"quantile(0.9, {__name__=~"a.+", job="x"}) o"#, #"1:43: parse error: unexpected identifier "o""#),
    (#"quantile(0.9, {__name__=~"a.+", job="x"}) or"#, #"1:45: parse error: unexpected end of input"#),
    (#"quantile(0.9, {__name__=~"a.+", job="x"}) or a"#, #"OK"#),
    (#"quantile(0.9, {__name__=~"a.+", job="x"}) or ab"#, #"OK"#),
    (#"quantile(0.9, {__name__=~"a.+", job="x"}) or abs"#, #"OK"#),
    (#"quantile(0.9, {__name__=~"a.+", job="x"}) or abse"#, #"OK"#),
    (#"quantile(0.9, {__name__=~"a.+", job="x"}) or absen"#, #"OK"#),
    (#"quantile(0.9, {__name__=~"a.+", job="x"}) or absent"#, #"OK"#),
    (#"quantile(0.9, {__name__=~"a.+", job="x"}) or absent("#, #"1:53: parse error: unclosed left parenthesis"#),
    (#"quantile(0.9, {__name__=~"a.+", job="x"}) or absent(n"#, #"1:54: parse error: unclosed left parenthesis"#),
    (#"quantile(0.9, {__name__=~"a.+", job="x"}) or absent(no"#, #"1:55: parse error: unclosed left parenthesis"#),
    (#"quantile(0.9, {__name__=~"a.+", job="x"}) or absent(non"#, #"1:56: parse error: unclosed left parenthesis"#),
    (#"quantile(0.9, {__name__=~"a.+", job="x"}) or absent(none"#, #"1:57: parse error: unclosed left parenthesis"#),
    (#"quantile(0.9, {__name__=~"a.+", job="x"}) or absent(nonex"#, #"1:58: parse error: unclosed left parenthesis"#),
    (#"quantile(0.9, {__name__=~"a.+", job="x"}) or absent(nonexi"#, #"1:59: parse error: unclosed left parenthesis"#),
    (#"quantile(0.9, {__name__=~"a.+", job="x"}) or absent(nonexis"#, #"1:60: parse error: unclosed left parenthesis"#),
    (
        #"quantile(0.9, {__name__=~"a.+", job="x"}) or absent(nonexist"#,
        #"1:61: parse error: unclosed left parenthesis"#
    ),
    (
        #"quantile(0.9, {__name__=~"a.+", job="x"}) or absent(nonexiste"#,
        #"1:62: parse error: unclosed left parenthesis"#
    ),
    (
        #"quantile(0.9, {__name__=~"a.+", job="x"}) or absent(nonexisten"#,
        #"1:63: parse error: unclosed left parenthesis"#
    ),
    (
        #"quantile(0.9, {__name__=~"a.+", job="x"}) or absent(nonexistent"#,
        #"1:64: parse error: unclosed left parenthesis"#
    ),
    (
        #"quantile(0.9, {__name__=~"a.+", job="x"}) or absent(nonexistent{"#,
        #"1:65: parse error: unexpected end of input inside braces"#
    ),
    (
        #"quantile(0.9, {__name__=~"a.+", job="x"}) or absent(nonexistent{j"#,
        #"1:66: parse error: unexpected end of input inside braces"#
    ),
    (
        #"quantile(0.9, {__name__=~"a.+", job="x"}) or absent(nonexistent{jo"#,
        #"1:67: parse error: unexpected end of input inside braces"#
    ),
    (
        #"quantile(0.9, {__name__=~"a.+", job="x"}) or absent(nonexistent{job"#,
        #"1:68: parse error: unexpected end of input inside braces"#
    ),
    (
        #"quantile(0.9, {__name__=~"a.+", job="x"}) or absent(nonexistent{job="#,
        #"1:69: parse error: unexpected end of input inside braces"#
    ),
    (
        #"quantile(0.9, {__name__=~"a.+", job="x"}) or absent(nonexistent{job=""#,
        #"1:69: parse error: unterminated quoted string"#
    ),
    (
        #"quantile(0.9, {__name__=~"a.+", job="x"}) or absent(nonexistent{job="m"#,
        #"1:69: parse error: unterminated quoted string"#
    ),
    (
        #"quantile(0.9, {__name__=~"a.+", job="x"}) or absent(nonexistent{job="my"#,
        #"1:69: parse error: unterminated quoted string"#
    ),
    (
        #"quantile(0.9, {__name__=~"a.+", job="x"}) or absent(nonexistent{job="myj"#,
        #"1:69: parse error: unterminated quoted string"#
    ),
    (
        #"quantile(0.9, {__name__=~"a.+", job="x"}) or absent(nonexistent{job="myjo"#,
        #"1:69: parse error: unterminated quoted string"#
    ),
    (
        #"quantile(0.9, {__name__=~"a.+", job="x"}) or absent(nonexistent{job="myjob"#,
        #"1:69: parse error: unterminated quoted string"#
    ),
    (
        #"quantile(0.9, {__name__=~"a.+", job="x"}) or absent(nonexistent{job="myjob""#,
        #"1:76: parse error: unexpected end of input inside braces"#
    ),
    (
        #"quantile(0.9, {__name__=~"a.+", job="x"}) or absent(nonexistent{job="myjob"}"#,
        #"1:77: parse error: unclosed left parenthesis"#
    ),
    (#"s"#, #"OK"#),
    (#"su"#, #"OK"#),
    (#"sum"#, #"OK"#),
    (#"sum b"#, #"1:5: parse error: unexpected identifier "b""#),
    (#"sum by"#, #"1:7: parse error: unexpected end of input in grouping opts, expected "(""#),
    (#"sum by ("#, #"1:9: parse error: unclosed left parenthesis"#),
    (#"sum by (j"#, #"1:10: parse error: unclosed left parenthesis"#),
    (#"sum by (jo"#, #"1:11: parse error: unclosed left parenthesis"#),
    (#"sum by (job"#, #"1:12: parse error: unclosed left parenthesis"#),
    (#"sum by (job)"#, #"1:13: parse error: unexpected end of input in aggregation"#),
    (#"sum by (job) ("#, #"1:15: parse error: unclosed left parenthesis"#),
    (#"sum by (job) (r"#, #"1:16: parse error: unclosed left parenthesis"#),
    (#"sum by (job) (ra"#, #"1:17: parse error: unclosed left parenthesis"#),
    (#"sum by (job) (rat"#, #"1:18: parse error: unclosed left parenthesis"#),
    (#"sum by (job) (rate"#, #"1:19: parse error: unclosed left parenthesis"#),
    (#"sum by (job) (rate("#, #"1:20: parse error: unclosed left parenthesis"#),
    (#"sum by (job) (rate(h"#, #"1:21: parse error: unclosed left parenthesis"#),
    (#"sum by (job) (rate(ht"#, #"1:22: parse error: unclosed left parenthesis"#),
    (#"sum by (job) (rate(htt"#, #"1:23: parse error: unclosed left parenthesis"#),
    (#"sum by (job) (rate(http"#, #"1:24: parse error: unclosed left parenthesis"#),
    (#"sum by (job) (rate(http_"#, #"1:25: parse error: unclosed left parenthesis"#),
    (#"sum by (job) (rate(http_r"#, #"1:26: parse error: unclosed left parenthesis"#),
    (#"sum by (job) (rate(http_re"#, #"1:27: parse error: unclosed left parenthesis"#),
    (#"sum by (job) (rate(http_req"#, #"1:28: parse error: unclosed left parenthesis"#),
    (#"sum by (job) (rate(http_requ"#, #"1:29: parse error: unclosed left parenthesis"#),
    (#"sum by (job) (rate(http_reque"#, #"1:30: parse error: unclosed left parenthesis"#),
    (#"sum by (job) (rate(http_reques"#, #"1:31: parse error: unclosed left parenthesis"#),
    (#"sum by (job) (rate(http_request"#, #"1:32: parse error: unclosed left parenthesis"#),
    (#"sum by (job) (rate(http_requests"#, #"1:33: parse error: unclosed left parenthesis"#),
    (#"sum by (job) (rate(http_requests_"#, #"1:34: parse error: unclosed left parenthesis"#),
    (#"sum by (job) (rate(http_requests_t"#, #"1:35: parse error: unclosed left parenthesis"#),
    (#"sum by (job) (rate(http_requests_to"#, #"1:36: parse error: unclosed left parenthesis"#),
    (#"sum by (job) (rate(http_requests_tot"#, #"1:37: parse error: unclosed left parenthesis"#),
    (#"sum by (job) (rate(http_requests_tota"#, #"1:38: parse error: unclosed left parenthesis"#),
    (#"sum by (job) (rate(http_requests_total"#, #"1:39: parse error: unclosed left parenthesis"#),
    (#"sum by (job) (rate(http_requests_total{"#, #"1:40: parse error: unexpected end of input inside braces"#),
    (#"sum by (job) (rate(http_requests_total{j"#, #"1:41: parse error: unexpected end of input inside braces"#),
    (#"sum by (job) (rate(http_requests_total{jo"#, #"1:42: parse error: unexpected end of input inside braces"#),
    (#"sum by (job) (rate(http_requests_total{job"#, #"1:43: parse error: unexpected end of input inside braces"#),
    (#"sum by (job) (rate(http_requests_total{job="#, #"1:44: parse error: unexpected end of input inside braces"#),
    (#"sum by (job) (rate(http_requests_total{job=""#, #"1:44: parse error: unterminated quoted string"#),
    (#"sum by (job) (rate(http_requests_total{job="a"#, #"1:44: parse error: unterminated quoted string"#),
    (#"sum by (job) (rate(http_requests_total{job="ap"#, #"1:44: parse error: unterminated quoted string"#),
    (#"sum by (job) (rate(http_requests_total{job="api"#, #"1:44: parse error: unterminated quoted string"#),
    (
        #"sum by (job) (rate(http_requests_total{job="api""#,
        #"1:49: parse error: unexpected end of input inside braces"#
    ),
    (
        #"sum by (job) (rate(http_requests_total{job="api","#,
        #"1:50: parse error: unexpected end of input inside braces"#
    ),
    (
        #"sum by (job) (rate(http_requests_total{job="api", c"#,
        #"1:52: parse error: unexpected end of input inside braces"#
    ),
    (
        #"sum by (job) (rate(http_requests_total{job="api", co"#,
        #"1:53: parse error: unexpected end of input inside braces"#
    ),
    (
        #"sum by (job) (rate(http_requests_total{job="api", cod"#,
        #"1:54: parse error: unexpected end of input inside braces"#
    ),
    (
        #"sum by (job) (rate(http_requests_total{job="api", code"#,
        #"1:55: parse error: unexpected end of input inside braces"#
    ),
    (
        #"sum by (job) (rate(http_requests_total{job="api", code="#,
        #"1:56: parse error: unexpected end of input inside braces"#
    ),
    (
        #"sum by (job) (rate(http_requests_total{job="api", code=~"#,
        #"1:57: parse error: unexpected end of input inside braces"#
    ),
    (#"sum by (job) (rate(http_requests_total{job="api", code=~""#, #"1:57: parse error: unterminated quoted string"#),
    (#"sum by (job) (rate(http_requests_total{job="api", code=~"5"#, #"1:57: parse error: unterminated quoted string"#),
    (
        #"sum by (job) (rate(http_requests_total{job="api", code=~"5."#,
        #"1:57: parse error: unterminated quoted string"#
    ),
    (
        #"sum by (job) (rate(http_requests_total{job="api", code=~"5.."#,
        #"1:57: parse error: unterminated quoted string"#
    ),
    (
        #"sum by (job) (rate(http_requests_total{job="api", code=~"5..""#,
        #"1:62: parse error: unexpected end of input inside braces"#
    ),
    (
        #"sum by (job) (rate(http_requests_total{job="api", code=~"5.."}"#,
        #"1:63: parse error: unclosed left parenthesis"#
    ),
    (
        #"sum by (job) (rate(http_requests_total{job="api", code=~"5.."}["#,
        #"1:64: parse error: missing unit character in duration"#
    ),
    (
        #"sum by (job) (rate(http_requests_total{job="api", code=~"5.."}[5"#,
        #"1:64: parse error: missing unit character in duration"#
    ),
    (
        #"sum by (job) (rate(http_requests_total{job="api", code=~"5.."}[5m"#,
        #"1:66: parse error: unclosed left parenthesis"#
    ),
    (
        #"sum by (job) (rate(http_requests_total{job="api", code=~"5.."}[5m]"#,
        #"1:67: parse error: unclosed left parenthesis"#
    ),
    (
        #"sum by (job) (rate(http_requests_total{job="api", code=~"5.."}[5m])"#,
        #"1:68: parse error: unclosed left parenthesis"#
    ),
    (#"sum by (job) (rate(http_requests_total{job="api", code=~"5.."}[5m]))"#, #"OK"#),
    (
        #"sum by (job) (rate(http_requests_total{job="api", code=~"5.."}[5m])) /"#,
        #"1:71: parse error: unexpected end of input"#
    ),
    (#"sum by (job) (rate(http_requests_total{job="api", code=~"5.."}[5m])) / o"#, #"OK"#),
    (
        #"sum by (job) (rate(http_requests_total{job="api", code=~"5.."}[5m])) / on"#,
        #"1:74: parse error: unexpected end of input in grouping opts, expected "(""#
    ),
    (
        #"sum by (job) (rate(http_requests_total{job="api", code=~"5.."}[5m])) / on ("#,
        #"1:76: parse error: unclosed left parenthesis"#
    ),
    (
        #"sum by (job) (rate(http_requests_total{job="api", code=~"5.."}[5m])) / on (j"#,
        #"1:77: parse error: unclosed left parenthesis"#
    ),
    (
        #"sum by (job) (rate(http_requests_total{job="api", code=~"5.."}[5m])) / on (jo"#,
        #"1:78: parse error: unclosed left parenthesis"#
    ),
    (
        #"sum by (job) (rate(http_requests_total{job="api", code=~"5.."}[5m])) / on (job"#,
        #"1:79: parse error: unclosed left parenthesis"#
    ),
    (
        #"sum by (job) (rate(http_requests_total{job="api", code=~"5.."}[5m])) / on (job)"#,
        #"1:80: parse error: unexpected end of input"#
    ),
    (#"sum by (job) (rate(http_requests_total{job="api", code=~"5.."}[5m])) / on (job) g"#, #"OK"#),
    (#"sum by (job) (rate(http_requests_total{job="api", code=~"5.."}[5m])) / on (job) gr"#, #"OK"#),
    (#"sum by (job) (rate(http_requests_total{job="api", code=~"5.."}[5m])) / on (job) gro"#, #"OK"#),
    (#"sum by (job) (rate(http_requests_total{job="api", code=~"5.."}[5m])) / on (job) grou"#, #"OK"#),
    (#"sum by (job) (rate(http_requests_total{job="api", code=~"5.."}[5m])) / on (job) group"#, #"OK"#),
    (#"sum by (job) (rate(http_requests_total{job="api", code=~"5.."}[5m])) / on (job) group_"#, #"OK"#),
    (#"sum by (job) (rate(http_requests_total{job="api", code=~"5.."}[5m])) / on (job) group_l"#, #"OK"#),
    (#"sum by (job) (rate(http_requests_total{job="api", code=~"5.."}[5m])) / on (job) group_le"#, #"OK"#),
    (#"sum by (job) (rate(http_requests_total{job="api", code=~"5.."}[5m])) / on (job) group_lef"#, #"OK"#),
    (
        #"sum by (job) (rate(http_requests_total{job="api", code=~"5.."}[5m])) / on (job) group_left"#,
        #"1:91: parse error: unexpected end of input in grouping opts, expected "(""#
    ),
    (#"sum by (job) (rate(http_requests_total{job="api", code=~"5.."}[5m])) / on (job) group_left s"#, #"OK"#),
    (#"sum by (job) (rate(http_requests_total{job="api", code=~"5.."}[5m])) / on (job) group_left su"#, #"OK"#),
    (#"sum by (job) (rate(http_requests_total{job="api", code=~"5.."}[5m])) / on (job) group_left sum"#, #"OK"#),
    (
        #"sum by (job) (rate(http_requests_total{job="api", code=~"5.."}[5m])) / on (job) group_left sum("#,
        #"1:96: parse error: unclosed left parenthesis"#
    ),
    (
        #"sum by (job) (rate(http_requests_total{job="api", code=~"5.."}[5m])) / on (job) group_left sum(x"#,
        #"1:97: parse error: unclosed left parenthesis"#
    ),
    (#"sum by (job) (rate(http_requests_total{job="api", code=~"5.."}[5m])) / on (job) group_left sum(x)"#, #"OK"#),
    (
        #"sum by (job) (rate(http_requests_total{job="api", code=~"5.."}[5m])) / on (job) group_left sum(x) >"#,
        #"1:100: parse error: unexpected end of input"#
    ),
    (#"sum by (job) (rate(http_requests_total{job="api", code=~"5.."}[5m])) / on (job) group_left sum(x) > b"#, #"OK"#),
    (
        #"sum by (job) (rate(http_requests_total{job="api", code=~"5.."}[5m])) / on (job) group_left sum(x) > bo"#,
        #"OK"#
    ),
    (
        #"sum by (job) (rate(http_requests_total{job="api", code=~"5.."}[5m])) / on (job) group_left sum(x) > boo"#,
        #"OK"#
    ),
    (
        #"sum by (job) (rate(http_requests_total{job="api", code=~"5.."}[5m])) / on (job) group_left sum(x) > bool"#,
        #"1:105: parse error: unexpected end of input"#
    ),
    (
        #"sum by (job) (rate(http_requests_total{job="api", code=~"5.."}[5m])) / on (job) group_left sum(x) > bool 0"#,
        #"OK"#
    ),
    (
        #"sum by (job) (rate(http_requests_total{job="api", code=~"5.."}[5m])) / on (job) group_left sum(x) > bool 0."#,
        #"OK"#
    ),
    (
        #"sum by (job) (rate(http_requests_total{job="api", code=~"5.."}[5m])) / on (job) group_left sum(x) > bool 0.0"#,
        #"OK"#
    ),
    (#"foo > bool"#, #"1:11: parse error: unexpected end of input"#),
    (#"foo + on(a) group_left"#, #"1:23: parse error: unexpected end of input in grouping opts, expected "(""#),
    (#"foo + on(a) group_left ,"#, #"1:24: parse error: unexpected "," in grouping opts, expected "(""#),
    (#"foo + on(a) group_left )"#, #"1:25: parse error: unexpected right parenthesis ')'"#),
    (#"foo + on(a) group_right"#, #"1:24: parse error: unexpected end of input in grouping opts, expected "(""#),
    (#"foo + on(a)"#, #"1:12: parse error: unexpected end of input"#),
    (#"foo + on(a) ,"#, #"1:13: parse error: unexpected ",""#),
    (#"foo + ignoring(a) group_right 1"#, #"1:1: parse error: vector matching only allowed between instant vectors"#),
    (#"sum(foo bar)"#, #"1:9: parse error: unexpected identifier "bar" in aggregation"#),
    (#"sum((foo bar))"#, #"1:10: parse error: unexpected identifier "bar" in aggregation"#),
    (#"rate(foo bar)"#, #"1:10: parse error: unexpected identifier "bar""#),
    (#"abs(sum(foo) bar)"#, #"1:14: parse error: unexpected identifier "bar""#),
    (#"sum(abs(foo bar))"#, #"1:13: parse error: unexpected identifier "bar" in aggregation"#),
    (#"sum by (a) (foo"#, #"1:16: parse error: unclosed left parenthesis"#),
    (#"sum by (a) foo"#, #"1:12: parse error: unexpected identifier "foo" in aggregation"#),
    (#"sum by (a)"#, #"1:11: parse error: unexpected end of input in aggregation"#),
    (#"sum without"#, #"1:12: parse error: unexpected end of input in grouping opts, expected "(""#),
    (#"sum(foo) without"#, #"1:17: parse error: unexpected end of input in grouping opts, expected "(""#),
    (#"count_values("a" foo)"#, #"1:18: parse error: unexpected identifier "foo" in aggregation"#),
    (#"topk(1,"#, #"1:8: parse error: unclosed left parenthesis"#),
    (#"sum(foo{a="b"} offset)"#, #"1:22: parse error: unexpected ")" in offset, expected duration"#),
    (#"sum(foo @)"#, #"1:10: parse error: unexpected ")" in @, expected timestamp"#),
    (#"sum(foo[5m)"#, #"1:11: parse error: unexpected ")" in subquery or range, expected ":" or "]""#),
    (#"sum(foo[5m:1m)"#, #"1:14: parse error: unexpected ")" in subquery selector, expected "]""#),
    (
        #"sum(foo[5m x])"#,
        #"1:5: parse error: expected type instant vector in aggregation expression, got range vector"#
    ),
    (#"foo + on(a) group_left bool"#, #"1:24: parse error: unexpected <bool> in grouping opts, expected "(""#),
]
