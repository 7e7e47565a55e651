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

/// Label-matcher regexes with promtool 2.42's verdict (`OK` or Go `regexp/syntax`'s error).
let promtoolRegexCases: [(String, String)] = [
    (#"foo{a=~"("}"#, #"1:5: parse error: error parsing regexp: missing closing ): `^(?:()$`"#),
    (#"foo{a=~"(a"}"#, #"1:5: parse error: error parsing regexp: missing closing ): `^(?:(a)$`"#),
    (#"foo{a=~"a)"}"#, #"1:5: parse error: error parsing regexp: unexpected ): `^(?:a))$`"#),
    (#"foo{a=~"[a"}"#, #"1:5: parse error: error parsing regexp: missing closing ]: `[a)$`"#),
    (#"foo{a=~"[a-"}"#, #"1:5: parse error: error parsing regexp: invalid character class range: `a-)`"#),
    (#"foo{a=~"[]"}"#, #"1:5: parse error: error parsing regexp: missing closing ]: `[])$`"#),
    (#"foo{a=~"[z-a]"}"#, #"1:5: parse error: error parsing regexp: invalid character class range: `z-a`"#),
    (#"foo{a=~"*a"}"#, #"1:5: parse error: error parsing regexp: missing argument to repetition operator: `*`"#),
    (#"foo{a=~"a**"}"#, #"1:5: parse error: error parsing regexp: invalid nested repetition operator: `**`"#),
    (#"foo{a=~"a+*"}"#, #"1:5: parse error: error parsing regexp: invalid nested repetition operator: `+*`"#),
    (#"foo{a=~"a*?"}"#, #"OK"#),
    (#"foo{a=~"a{2,1}"}"#, #"1:5: parse error: error parsing regexp: invalid repeat count: `{2,1}`"#),
    (#"foo{a=~"a{1001}"}"#, #"1:5: parse error: error parsing regexp: invalid repeat count: `{1001}`"#),
    (#"foo{a=~"a{2}{3}"}"#, #"1:5: parse error: error parsing regexp: invalid nested repetition operator: `{2}{3}`"#),
    (#"foo{a=~"(?=x)"}"#, #"1:5: parse error: error parsing regexp: invalid or unsupported Perl syntax: `(?=`"#),
    (#"foo{a=~"(?!x)"}"#, #"1:5: parse error: error parsing regexp: invalid or unsupported Perl syntax: `(?!`"#),
    (#"foo{a=~"(?<=x)"}"#, #"1:5: parse error: error parsing regexp: invalid or unsupported Perl syntax: `(?<`"#),
    (#"foo{a=~"(?>x)"}"#, #"1:5: parse error: error parsing regexp: invalid or unsupported Perl syntax: `(?>`"#),
    (#"foo{a=~"(?P<n>x)"}"#, #"OK"#),
    (#"foo{a=~"(?<n>x)"}"#, #"1:5: parse error: error parsing regexp: invalid or unsupported Perl syntax: `(?<`"#),
    (#"foo{a=~"(?i)x"}"#, #"OK"#),
    (#"foo{a=~"(?z)x"}"#, #"1:5: parse error: error parsing regexp: invalid or unsupported Perl syntax: `(?z`"#),
    (#"foo{a=~"\\1"}"#, #"1:5: parse error: error parsing regexp: invalid escape sequence: `\1`"#),
    (#"foo{a=~"\\"}"#, #"1:5: parse error: error parsing regexp: missing closing ): `^(?:\)$`"#),
    (#"foo{a=~"\\q"}"#, #"1:5: parse error: error parsing regexp: invalid escape sequence: `\q`"#),
    (#"foo{a=~"\\d+"}"#, #"OK"#),
    (#"foo{a=~"\\pL"}"#, #"OK"#),
    (#"foo{a=~"\\p{Greek}"}"#, #"OK"#),
    (#"foo{a=~"\\p{Foo}"}"#, #"1:5: parse error: error parsing regexp: invalid character class range: `\p{Foo}`"#),
    (#"foo{a=~"[[:alpha:]]"}"#, #"OK"#),
    (#"foo{a=~"[[:foo:]]"}"#, #"1:5: parse error: error parsing regexp: invalid character class range: `[:foo:]`"#),
    (#"foo{a=~"x|*"}"#, #"1:5: parse error: error parsing regexp: missing argument to repetition operator: `*`"#),
    (#"foo{a=~"(*)"}"#, #"1:5: parse error: error parsing regexp: missing argument to repetition operator: `*`"#),
    (#"foo{a=~"^a$"}"#, #"OK"#),
    (#"foo{a=~"a{,5}"}"#, #"OK"#),
    (#"foo{a=~"\\z"}"#, #"OK"#),
    (#"foo{a=~"\\Z"}"#, #"1:5: parse error: error parsing regexp: invalid escape sequence: `\Z`"#),
    (#"foo{a=~"\\b"}"#, #"OK"#),
    (#"foo{a=~"\\x{41}"}"#, #"OK"#),
    (#"foo{a=~"[\\d-z]"}"#, #"OK"#),
    (#"foo{a!~"(?"}"#, #"1:5: parse error: error parsing regexp: missing closing ): `^(?:(?)$`"#),
    (#"foo{a=~"a++"}"#, #"1:5: parse error: error parsing regexp: invalid nested repetition operator: `++`"#),
    (#"foo{a=~"a?+"}"#, #"1:5: parse error: error parsing regexp: invalid nested repetition operator: `?+`"#),
]

/// Random one- to three-edit mutations of valid queries, with promtool 2.42's verdict (`OK` or the error).
let promtoolMutationCases: [(String, String)] = [
    (#"" string \" with escaped quote""#, #"OK"#),
    (#""\a\b\\n\r\t\v\\\" - \xFF\377\u1234\U00010111\U0001011111☺""#, #"OK"#),
    (
        #""\a\b\f\n\r\t\v\\" - \xFF\377\u1234\U00010111\U0001011111☺""#,
        #"1:22: parse error: unexpected character: '\\'"#
    ),
    (#"((1) / 0))"#, #"1:11: parse error: unexpected right parenthesis ')'"#),
    (#"(,foo + bar{nm="val"})[5m:]"#, #"1:2: parse error: unexpected ",""#),
    (#"(http_r, group="production"}"#, #"1:8: parse error: unexpected ",""#),
    (
        #"(http_requests{grgroup_left oup="canary"} + 1) and ignoring(group) http_requests{instance="0", group="production"}"#,
        #"1:29: parse error: unexpected identifier "oup" in label matching, expected label matching operator"#
    ),
    (
        #"(http_requests{group"canary"} + 1) or on(instance) (http_requests or cpu_count or vector_matching_a)"#,
        #"1:21: parse error: unexpected string "\"canary\"" in label matching, expected label matching operator"#
    ),
    (#"(http_requests{group="canary"} + 1) or on(instance) (http_request or cpu_count or vector_matching_a)"#, #"OK"#),
    (#"(http_reuests{group="canary"} + 1) and on(instance) http_requests{instance="0", group="production"}"#, #"OK"#),
    (#"(nonexistant[5m])[5m:])"#, #"1:24: parse error: unexpected right parenthesis ')'"#),
    (#"(roup="canary"} + 1) or http_requests{instance="1"}"#, #"1:6: parse error: unexpected "=""#),
    (#"*1 / 0"#, #"1:1: parse error: unexpected <op:*>"#),
    (#"+0."#, #"OK"#),
    (#"+1 + - * 1"#, #"1:8: parse error: unexpected <op:*>"#),
    (#"+1 + 2 * 1"#, #"OK"#),
    (#"+http_requests{job="api-server",istance="0",group="production"}"#, #"OK"#),
    (#"- -  1"#, #"OK"#),
    (#"- - - )1"#, #"1:8: parse error: unexpected right parenthesis ')'"#),
    (#"- - - SUM(hxttp_requests) BY (job)"#, #"OK"#),
    (#"---metric @ 100"#, #"OK"#),
    (#"-0.2e6"#, #"OK"#),
    (#"-0.2group_left e-6"#, #"1:2: parse error: bad number or duration syntax: "0.2""#),
    (#"-1*2}"#, #"1:5: parse error: unexpected character: '}'"#),
    (#"-10-1"#, #"OK"#),
    (#"-10^3 * - SUM(htp_requests) BY (job) ^ -1"#, #"OK"#),
    (#"-metric @ )100"#, #"1:12: parse error: unexpected right parenthesis ')'"#),
    (#"-som=e_metric"#, #"1:5: parse error: unexpected "=""#),
    (#".topk(5, some_metric)"#, #"1:1: parse error: unexpected character: '.'"#),
    (#".{job=~".+-server", job!~"api-.+"}"#, #"1:1: parse error: unexpected character: '.'"#),
    (
        #"0 * http_!requests{group="canary", instance="0", job="api-server"} % 0"#,
        #"1:10: parse error: unexpected character after '!': 'r'"#
    ),
    (
        #"0 * http_requests{group="canary", instasum nce="0", job="api-server"} / 0"#,
        #"1:44: parse error: unexpected identifier "nce" in label matching, expected label matching operator"#
    ),
    (#"1"#, #"OK"#),
    (#"1 + 2/(3*"1)"#, #"1:10: parse error: unterminated quoted string"#),
    (#"1 + 2/3*1)"#, #"1:11: parse error: unexpected right parenthesis ')'"#),
    (#"1 - -1"#, #"OK"#),
    (#"1 /and  0"#, #"1:9: parse error: unexpected number "0""#),
    (#"1*2"#, #"OK"#),
    (#"1^-2"#, #"OK"#),
    (#"2 - SUM(http_request=s) BY (job)"#, #"1:21: parse error: unexpected "=" in aggregation"#),
    (#"2."#, #"OK"#),
    (#"2.5 / ar"#, #"OK"#),
    (#"AVG(http_requests) BY^ (job)"#, #"1:22: parse error: unexpected <op:^> in grouping opts, expected "(""#),
    (#"AVG(http_requets) BY (job)"#, #"OK"#),
    (#"C)"#, #"1:3: parse error: unexpected right parenthesis ')'"#),
    (#"SUM B (group) (((http_requests{job="api-server"})))"#, #"1:5: parse error: unexpected identifier "B""#),
    (
        #"SUM BY (group) (http_requests{job"api-server"})"#,
        #"1:34: parse error: unexpected string "\"api-serve"... in label matching, expected label matching operator"#
    ),
    (#"SUM BY (group){ (((http_requests{job="api-server"})))"#, #"1:15: parse error: unexpected "{" in aggregation"#),
    (
        #"SUM(^http_requests) BY (job) + SUM(http_requests) BY (job)"#,
        #"1:5: parse error: unexpected <op:^> in aggregation"#
    ),
    (#"SUM(ht=tp_requests{instance="0"}) BY(job)"#, #"1:7: parse error: unexpected "=" in aggregation"#),
    (#"SUM(httBY (job) ^ 2"#, #"1:5: parse error: unknown function with name "httBY""#),
    (#"SUM(htt_requests) BY (job) != 1000"#, #"OK"#),
    (#"SUM(http0"#, #"1:10: parse error: unclosed left parenthesis"#),
    (
        #"SUM(http_r=equests) BY (job) + SUM(http_requests) BY (job)"#,
        #"1:11: parse error: unexpected "=" in aggregation"#
    ),
    (
        #"SUM(http_reqon uests) BY (job) % 2 ^ (3 ^ 2)"#,
        #"1:16: parse error: unexpected identifier "uests" in aggregation"#
    ),
    (
        #"SUM(http_requessum ts) BY (job) + SUM(http_requests) BY (job)"#,
        #"1:20: parse error: unexpected identifier "ts" in aggregation"#
    ),
    (#"SUM(http_requests) BY (1job, nonexistent)"#, #"1:24: parse error: bad number or duration syntax: "1""#),
    (#"SUM(http_requests) BY (job) != bool SUM(httprequests) BY (job)"#, #"OK"#),
    (#"SUM(http_requests) BY (job) +== bool 1000"#, #"1:30: parse error: unexpected <op:==>"#),
    (#"SUM(http_requests) BY (job) - COUNT(ttp_requests) BY (job)"#, #"OK"#),
    (#"SUM(http_requob) == 1000"#, #"OK"#),
    (#"UM(http_requests) BY (job) % 3 ^ 2"#, #"1:1: parse error: unknown function with name "UM""#),
    (#"[rate(metric[20s:10s])"#, #"1:1: parse error: unexpected "[""#),
    (#"^test[5m]"#, #"1:1: parse error: unexpected <op:^>"#),
    (#"`\a\b\\n\r\t\v\\\"\' - \xFF\377\u1234\U00010111\U0001011111☺`"#, #"OK"#),
    (#"`\a\b\f\n\r\t\v\\\"\' - \xFF\377\u1234\U0!0010111\U0001011111☺`"#, #"OK"#),
    (#"`backtick-quoted string"#, #"1:1: parse error: unterminated raw string"#),
    (#"`day_of_week(vector(1136239445))"#, #"1:1: parse error: unterminated raw string"#),
    (#"aN"#, #"OK"#),
    (#"aand vg_over_time(metric2[1m])"#, #"1:6: parse error: unexpected identifier "vg_over_time""#),
    (#"ab",foo="bar"})"#, #"1:3: parse error: unexpected string "\",foo=\"""#),
    (
        #"abent(nonexistent{job="testjob",job="testjob2",job="three",foo="bar"})"#,
        #"1:1: parse error: unknown function with name "abent""#
    ),
    (
        #"abent_over_time(http_requests{handler="/foo"}[5m])"#,
        #"1:1: parse error: unknown function with name "abent_over_time""#
    ),
    (#"abnd b)"#, #"1:6: parse error: unexpected identifier "b""#),
    (#"absent(httprequests)"#, #"OK"#),
    (#"absent(httpuests)"#, #"OK"#),
    (#"absent(n",job=~"testjob2",foo="bar"})"#, #"1:9: parse error: unexpected string "\",job=~\"""#),
    (#"absent(n-onexistent)"#, #"OK"#),
    (#"absent(none)"#, #"OK"#),
    (#"absent(nonexistent)5m"#, #"1:20: parse error: unexpected duration "5m""#),
    (
        #"absent(nonexistent{job="testjob"job=~"testjob2",foo="bar"})"#,
        #"1:33: parse error: unexpected identifier "job" in label matching, expected "," or "}""#
    ),
    (
        #"absent_ove5mr_time(http_requests{handler="/foo"}[5m])"#,
        #"1:1: parse error: unknown function with name "absent_ove5mr_time""#
    ),
    (#"absent_oveby r_time(http_requests[5m])"#, #"1:14: parse error: unexpected identifier "r_time""#),
    (#"absent_over_tim(http_requests[5m])"#, #"1:1: parse error: unknown function with name "absent_over_tim""#),
    (
        #"absent_over_time(htt-p_requests[5m])"#,
        #"1:22: parse error: binary expression must contain only scalar and instant vector types"#
    ),
    (#"absent_over_time(http_reqts[5m])"#, #"OK"#),
    (
        #"absent_over_time(http_requ,ests{handler="/foo", handler="/bar", instance="127.0.0.1"}[5m])"#,
        #"1:1: parse error: expected 1 argument(s) in call to "absent_over_time", got 2"#
    ),
    (
        #"absent_over_time(http_reque@sts[5m])"#,
        #"1:29: parse error: unexpected identifier "sts" in @, expected timestamp"#
    ),
    (
        #"absent_over_time(http_requests{handle,r="/foo", handler="/bar", instance="127.0.0.1"}[5m])"#,
        #"1:38: parse error: unexpected "," in label matching, expected label matching operator"#
    ),
    (
        #"absent_over_time(http_requests{handler"/foo"}[5m])"#,
        #"1:39: parse error: unexpected string "\"/foo\"" in label matching, expected label matching operator"#
    ),
    (#"absent_over_time(http_requests{handler="/fo", handler="/bar", handler="/foobar"}[5m])"#, #"OK"#),
    (#"absent_over_time(http_requests{handler="/foo", andler="/bar", instance="127.0.0.1"}[5m])"#, #"OK"#),
    (
        #"absent_over_time(http_requests{handler="/foo", handler="/bar", instance="127.0.0.1"}[5m]!)"#,
        #"1:89: parse error: unexpected character after '!': ')'"#
    ),
    (
        #"absent_over_time(http_requests{hangroup_left dler="/foo", handler="/bar", handler="/foobar"}[5m])"#,
        #"1:46: parse error: unexpected identifier "dler" in label matching, expected label matching operator"#
    ),
    (#"absent_over_time(http_rquests{handler="/foo", handler="/bar", instance="127.0.0.1"}[5m])"#, #"OK"#),
    (#"absent_over_time({instance="127.0.0.1"[20m])"#, #"1:39: parse error: unexpected character inside braces: '['"#),
    (#"absent_over_time({instance="127.0.0.1"}[m])"#, #"1:41: parse error: not a valid duration string: "m""#),
    (#"absent_over_time({job="@ingress"}[4m])"#, #"OK"#),
    (#"absent_overtime({job="ingress"}[4m])"#, #"1:1: parse error: unknown function with name "absent_overtime""#),
    (#"absentover_time({job="grok"}[20m])"#, #"1:1: parse error: unknown function with name "absentover_time""#),
    (#"absnt_over_time(http_requests[5m])"#, #"1:1: parse error: unknown function with name "absnt_over_time""#),
    (#"acos(trig #- 10.1)"#, #"1:19: parse error: unclosed left parenthesis"#),
    (#"aistent)"#, #"1:9: parse error: unexpected right parenthesis ')'"#),
    (#"an"#, #"OK"#),
    (#"atanh(trig - 0.1)"#, #"OK"#),
    (#"ate(http_requests{group=~"((?i)PRO).*"}[1m])"#, #"1:1: parse error: unknown function with name "ate""#),
    (#"ate(http_requests{group=~".*(?i:DUC).*"}[1m])"#, #"1:1: parse error: unknown function with name "ate""#),
    (#"av*g_over_time(metric3[1m])"#, #"1:4: parse error: unknown function with name "g_over_time""#),
    (#"avg(daa{test="-inf"})"#, #"OK"#),
    (#"avg(datagroup_left {test="ten"})"#, #"OK"#),
    (#"avg(datat="-inf3"})"#, #"1:10: parse error: unexpected "=" in aggregation"#),
    (#"avg(data{te2"})"#, #"1:13: parse error: unterminated quoted string"#),
    (#"avg(data{test5m="-inf"})"#, #"OK"#),
    (#"avg(data{test="bigzero")"#, #"1:24: parse error: unexpected character inside braces: ')'"#),
    (#"avg(data{test="inf"})"#, #"OK"#),
    (#"avg(data{test="ten})"#, #"1:15: parse error: unterminated quoted string"#),
    (#"avg(data{tet="big"})"#, #"OK"#),
    (#"avg(dat{test="bigzero"})"#, #"OK"#),
    (#"avg_over_time(group_left metric[1m])"#, #"1:15: parse error: unexpected <group_left>"#),
    (#"avg_over_time(metic5c[1m])"#, #"OK"#),
    (#"avg_over_time(metrc[1m])"#, #"OK"#),
    (#"avg_over_time(metri1c6[1m])"#, #"OK"#),
    (#"avg_over_time(metric2[1m~])"#, #"1:25: parse error: unexpected character: '~'"#),
    (#"avg_over_time(metric5c[m])"#, #"1:24: parse error: not a valid duration string: "m""#),
    (#"avg_over_time(metric7[1m)"#, #"1:25: parse error: unexpected ")" in subquery or range, expected ":" or "]""#),
    (#"avg_over_time(metric7[1m])"#, #"OK"#),
    (#"avg_over_time(metric9[1m])"#, #"OK"#),
    (#"avg_over_tme(metric9[1m])"#, #"1:1: parse error: unknown function with name "avg_over_tme""#),
    (#"bottomk by (group) (2, h]ttp_requests)"#, #"1:25: parse error: unexpected right bracket ']'"#),
    (#"bottomk by (group) (2, http_requests{goup="production"})"#, #"OK"#),
    (#"bottomk by (group) (2, http_requests{group="production"})"#, #"OK"#),
    (
        #"bsent(nonexistent{job="testjob", instance="testinstance", method=~".x"})"#,
        #"1:1: parse error: unknown function with name "bsent""#
    ),
    (#"change]s(x[15m])"#, #"1:7: parse error: unexpected right bracket ']'"#),
    (#"changes((http_requests[0m]))"#, #"1:24: parse error: duration must be greater than 0"#),
    (#"changes(ht.tp_requests[20m])"#, #"1:11: parse error: unexpected character: '.'"#),
    (#"changes(htm])"#, #"1:12: parse error: unexpected right bracket ']'"#),
    (#"changes(http_reques5mts[50m])"#, #"OK"#),
    (#"changes(http_reuests[50m])"#, #"OK"#),
    (#"changs(http_requests[5m])"#, #"1:1: parse error: unknown function with name "changs""#),
    (#"clam-25, 75)"#, #"1:8: parse error: unexpected ",""#),
    (#"clamp_max((clamp_min(test_clamp, (-20)), (70))"#, #"1:40: parse error: unexpected ",""#),
    (#"clamp_max(clamp_mi(test_clamp, -20), 70)"#, #"1:11: parse error: unknown function with name "clamp_mi""#),
    (#"clap(test_clamp, 5, -5)"#, #"1:1: parse error: unknown function with name "clap""#),
    (#"count by (group) (http_requests{jo="api-server"})"#, #"OK"#),
    (#"count by (grouxp) (http_requests{job="api-server"})"#, #"OK"#),
    (
        #"count by(namespace, pod, cpu) (node_cpu_seconds_total{cpu=~".*",job="node-exporter",mode="idle",namespace="observability",pod="node-exporter-l454v"}) * on(namespace, pod) group_left(nodeservability",pod="node-exporter-l454v"}"#,
        #"1:198: parse error: unexpected string "\",pod=\"" in grouping opts, expected "," or ")""#
    ),
    (#"count_*values(((("version"))), version)"#, #"1:8: parse error: unknown function with name "values""#),
    (#"count_over_ime(metric[10s])"#, #"1:1: parse error: unknown function with name "count_over_ime""#),
    (#"count_over_tim(metric[1s])"#, #"1:1: parse error: unknown function with name "count_over_tim""#),
    (#"count_over_time(metric[1s)"#, #"1:26: parse error: unexpected ")" in subquery or range, expected ":" or "]""#),
    (
        #"count_values by (job, group)("job", versiooffset n)"#,
        #"1:50: parse error: unexpected identifier "n" in aggregation"#
    ),
    (#"count_values without (ins~tance)("job", version)"#, #"1:26: parse error: unexpected character: '~'"#),
    (#"day_of_yar(vector(1136239445))"#, #"1:1: parse error: unknown function with name "day_of_yar""#),
    (#"day_of_yea/r()"#, #"1:12: parse error: unknown function with name "r""#),
    (
        #"day_of_year(vector(1@483191420))"#,
        #"1:20: parse error: @ modifier must be preceded by an instant vector selector or range vector selector or a subquery"#
    ),
    (#"days_in_month(v^ector(1454284800))"#, #"1:17: parse error: unknown function with name "ector""#),
    (#"days_in_month(vector(1485907,200))"#, #"1:15: parse error: expected 1 argument(s) in call to "vector", got 2"#),
    (#"days_in_month(vector(485907200))"#, #"OK"#),
    (#"deriv(testcounte_reset_middle[100m])"#, #"OK"#),
    (#"deriv(testcounter_reset_bool middle[100m])"#, #"1:30: parse error: unexpected identifier "middle""#),
    (#"de}g(trig - 20)"#, #"1:3: parse error: unexpected character: '}'"#),
    (#"est[5s]"#, #"OK"#),
    (#"exp(exp_ro0)"#, #"OK"#),
    (#"exp(exp_root_log - 20and )"#, #"1:20: parse error: bad number or duration syntax: "20""#),
    (#"fleft bar"#, #"1:7: parse error: unexpected identifier "bar""#),
    (#"floor(some_metric{foo!'="bar"})"#, #"1:22: parse error: unexpected character after '!' inside braces: '\''"#),
    (#"fo"#, #"OK"#),
    (#"foo  3.3335"#, #"1:6: parse error: unexpected number "3.3335""#),
    (#"foo * n(test,blub) group_left bar"#, #"1:7: parse error: unknown function with name "n""#),
    (#"foo / ignoring(test,blub) groupleft(bar) bar"#, #"1:27: parse error: unknown function with name "groupleft""#),
    (#"foo == bool 1bool"#, #"1:13: parse error: bad number or duration syntax: "1""#),
    (#"foo @ .3"#, #"OK"#),
    (#"foo @ 922337036854775.808"#, #"OK"#),
    (#"foo @ 9223372036854775.808"#, #"OK"#),
    (#"foo @ start()and"#, #"1:17: parse error: unexpected end of input"#),
    (#"foo @end()"#, #"OK"#),
    (#"foo and ig]noring() bar"#, #"1:11: parse error: unexpected right bracket ']'"#),
    (#"foo and ignoring() ba"#, #"OK"#),
    (#"foo ofset 5m"#, #"1:5: parse error: unexpected identifier "ofset""#),
    (#"foo or barbool"#, #"OK"#),
    (#"foo unles bar"#, #"1:5: parse error: unexpected identifier "unles""#),
    (#"foo* sum"#, #"OK"#),
    (#"foo/ - ignoring(test,blub) group_right(bar,foo) bar"#, #"1:8: parse error: unexpected <ignoring>"#),
    (#"foo@ .3"#, #"OK"#),
    (#"foo[10m:6s]  start()"#, #"1:14: parse error: unexpected "start""#),
    (#"foooffset -7m"#, #"1:12: parse error: unexpected duration "7m""#),
    (
        #"foo{a="b", foo!="bar", test=~"test, bar!~"baz",}"#,
        #"1:43: parse error: unexpected identifier "baz" in label matching, expected "," or "}""#
    ),
    (#"foo{oo!="bar", test=~"test", bar!~"baz"}"#, #"OK"#),
    (#"group without(pata)"#, #"1:20: parse error: unexpected end of input in aggregation"#),
    (#"group(fo]o)"#, #"1:9: parse error: unexpected right bracket ']'"#),
    (#"hism_bucket[5m]))"#, #"1:17: parse error: unexpected right parenthesis ')'"#),
    (#"histo!gram_quantile(1.01, testhistogram_bucket)"#, #"1:6: parse error: unexpected character after '!': 'g'"#),
    (
        #"histogram_quantie(0.5, nonmonotonic_bucket)"#,
        #"1:1: parse error: unknown function with name "histogram_quantie""#
    ),
    (#"histogram_quantile(-0.1, testhistogram_bucke)"#, #"OK"#),
    (
        #"histogram_quantile(0.2, rate(em+pty_bucket[5m]))"#,
        #"1:33: parse error: binary expression must contain only scalar and instant vector types"#
    ),
    (#"histogram_quantile(0.2, rate(empt~y_bucket[5m]))"#, #"1:34: parse error: unexpected character: '~'"#),
    (
        #"histogram_quantile(0.3, rate(request_duration_seconds_bucket[5m#]))"#,
        #"1:68: parse error: unclosed left parenthesis"#
    ),
    (#"histogram_quantile(0.3, se))"#, #"1:29: parse error: unexpected right parenthesis ')'"#),
    (
        #"histogram_quantile(0.3, sum(rate(request_duratand ion_seconds_bucket[5m])) by (le, job, instance))"#,
        #"1:51: parse error: unexpected identifier "ion_seconds_bucket" in aggregation"#
    ),
    (#"histogram_quantile(0.5, .rate(testhistogram2_bucket[15m]))"#, #"1:25: parse error: unexpected character: '.'"#),
    (#"histogram_quantile(0.5, sum(rate(requet_duration_seconds_bucket[5m])) by (le))"#, #"OK"#),
    (#"histogram_quantile(0.8, testhistogram_'bucket)"#, #"1:39: parse error: unterminated quoted string"#),
    (#"histogram_quantile(1./6et[15m]))"#, #"1:23: parse error: bad number or duration syntax: "6e""#),
    (#"histogram_quantile(1.01, testhis]togram_bucket)"#, #"1:33: parse error: unexpected right bracket ']'"#),
    (
        #"histogram_quantile(5./6. testhistogram2_bucket)"#,
        #"1:26: parse error: unexpected identifier "testhistogram2_bucket""#
    ),
    (
        #"histogram_quantile(5./6., rate(testhist-ogram2_bucket[15m]))"#,
        #"1:41: parse error: binary expression must contain only scalar and instant vector types"#
    ),
    (#"histogram_quantile(5./6., rate(testhistogam2_bucket[15m]))"#, #"OK"#),
    (#"histogram_quantile[(0.5, nonmonotonic_bucket)"#, #"1:20: parse error: missing unit character in duration"#),
    (#"holt_winters(ht]tp_requests[1m], 0.01, 0.1)"#, #"1:16: parse error: unexpected right bracket ']'"#),
    (#"hou()"#, #"1:1: parse error: unknown function with name "hou""#),
    (#"hour(vector(116239445))"#, #"OK"#),
    (#"http_requ]ests{foo!="bar"}"#, #"1:10: parse error: unexpected right bracket ']'"#),
    (
        #"http_requests{foo!~"bar", job="api-server", instance="1", x!="y", z=*"", group!=""}"#,
        #"1:69: parse error: unexpected character inside braces: '*'"#
    ),
    (
        #"http_requests{groby up="canary"} / on(instance,job) http_requests{group="production"}"#,
        #"1:21: parse error: unexpected identifier "up" in label matching, expected label matching operator"#
    ),
    (#"http_requests{group="canar y"} / ignoring(group) http_requests{group="production"}"#, #"OK"#),
    (#"http_requests{group="canarby y"} and http_requests{instance="0"}"#, #"OK"#),
    (#"http_requests{group="canary"} / ignoring(group) http_requests{group="produc=tion"}"#, #"OK"#),
    (#"http_requests{group="canary"} / on(instance,job) http_requ*ests{group="production"}"#, #"OK"#),
    (#"http_requests{group="canary"} and http_reqnce="0"}"#, #"1:46: parse error: unexpected "=""#),
    (
        #"http_requests{job!~"api-.+",group!=canary"}"#,
        #"1:36: parse error: unexpected identifier "canary" in label matching, expected string"#
    ),
    (#"http_requests{job="api-server", group="cnary"}"#, #"OK"#),
    (#"http_requests{job=~".+-server",group!="can}ary"}"#, #"OK"#),
    (#"http_rfoo!~"bar", job="api-server"}"#, #"1:10: parse error: unexpected character after '!': '~'"#),
    (#"http_rquests{foo!="bar", job="api-server"}"#, #"OK"#),
    (#"hur()"#, #"1:1: parse error: unknown function with name "hur""#),
    (#"idelta(http_requests{[20m])"#, #"1:22: parse error: unexpected character inside braces: '['"#),
    (#"imestamp(metric)"#, #"1:1: parse error: unknown function with name "imestamp""#),
    (#"in(http_requests)"#, #"1:1: parse error: unknown function with name "in""#),
    (#"inF/"#, #"1:5: parse error: unexpected end of input"#),
    (#"increase(hequests[50m])"#, #"OK"#),
    (#"increase(http_requests[5{0m])"#, #"1:24: parse error: missing unit character in duration"#),
    (#"increase(httprequests[100m])"#, #"OK"#),
    (
        #"labejoin(testmetric, "dst", "-", "src", "src3", "src1")"#,
        #"1:1: parse error: unknown function with name "labejoin""#
    ),
    (
        #"label_jo,in(testmetric, "dst", "", "emptysrc", "emptysrc1", "emptysrc2")"#,
        #"1:9: parse error: unexpected ",""#
    ),
    (#"label_join(testmetric, "dst", "", "bool emptysrc", "emptysrc1", "emptysrc2")"#, #"OK"#),
    (
        #"label_join(testmetric, dst", "", "emptysrc", "emptysrc1", "emptysrc2")"#,
        #"1:27: parse error: unexpected string "\", \"""#
    ),
    (
        #"label_join(testmetric1, "dst", ", ", "src" "src1", "src2")"#,
        #"1:44: parse error: unexpected string "\"src1\"""#
    ),
    (#"label_join(tstmetric, "dst", "-", "src", "src3", "src1")"#, #"OK"#),
    (
        #"label_replace(a, `b`, `c\xff`, `d`,* `.*`)"#,
        #"1:35: parse error: trailing commas not allowed in function call args"#
    ),
    (#"label_replace(testmetric, "dst", "destgroup_left ination-value-$1", "src", "value-(.*)")"#, #"OK"#),
    (#"label_replace(testmtric, "dst", "value-$1", "nonexistent-src", "(.*)")"#, #"OK"#),
    (
        #"labellace(testmetric, "dst", "value-$1", "src", "non-matching-regex")"#,
        #"1:1: parse error: unknown function with name "labellace""#
    ),
    (#"labl_join(testmetric, "dst", ", ")"#, #"1:1: parse error: unknown function with name "labl_join""#),
    (
        #"laxbel_replace(testmetric, "dst", "value-$1", "src", "non-matching-regex")"#,
        #"1:1: parse error: unknown function with name "laxbel_replace""#
    ),
    (#"ln(e:xp_root_log - 10)"#, #"OK"#),
    (#"ln(exp_0)"#, #"OK"#),
    (#"ln(exp_root_log /- 10)"#, #"OK"#),
    (#"ln~(exp_root_log - 20)"#, #"1:3: parse error: unexpected character: '~'"#),
    (#"log10(exp_rootby _log)"#, #"1:18: parse error: unexpected identifier "_log""#),
    (#"log2(exp_root _log - 10)"#, #"1:15: parse error: unexpected identifier "_log""#),
    (#"log2(exp_root_log - 0)"#, #"OK"#),
    (#"log2(xp_root_log - 20)"#, #"OK"#),
    (#"lon og2(exp_root_log)"#, #"1:5: parse error: unexpected identifier "og2""#),
    (#"max by (foo)(sme_metric)"#, #"OK"#),
    (#"max by (foo)(some_meric)"#, #"OK"#),
    (#"max(htt"p_requests)"#, #"1:8: parse error: unterminated quoted string"#),
    (#"max(http_rquests)"#, #"OK"#),
    (#"max- by (foo)(some_metric)"#, #"1:9: parse error: unexpected "(""#),
    (#"mems @ 1.234"#, #"OK"#),
    (#"metic"#, #"OK"#),
    (#"meton ric"#, #"1:7: parse error: unexpected identifier "ric""#),
    (#"metrc"#, #"OK"#),
    (#"metrc offset -50s @ 0"#, #"OK"#),
    (#"metri"#, #"OK"#),
    (#"metric @ 10"#, #"OK"#),
    (#"metric'"#, #"1:7: parse error: unterminated quoted string"#),
    (#"metric1 offset 1m or metric2 offset 45m"#, #"OK"#),
    (#"metricA + !metricB"#, #"1:11: parse error: unexpected character after '!': 'm'"#),
    (#"metricA + ignorin-g() metricB"#, #"1:19: parse error: unknown function with name "g""#),
    (#"me}tric @ 100"#, #"1:3: parse error: unexpected character: '}'"#),
    (#"min by by (group) (http_requests)"#, #"1:8: parse error: unexpected <by> in grouping opts, expected "(""#),
    (
        #"min_oime(rate(foo{bar="baz"}[2s])[5m:] @ -160377509)[4m:3s]"#,
        #"1:1: parse error: unknown function with name "min_oime""#
    ),
    (#"min_over_time(rate(foo{bar="baz"}[2s])[5m:] offset 4m)[4m:3s]="#, #"1:62: parse error: unexpected "=""#),
    (#"minut5))"#, #"1:8: parse error: unexpected right parenthesis ')'"#),
    (#"mon in_over_time(metric[10s])"#, #"1:5: parse error: unexpected identifier "in_over_time""#),
    (#"month(vector(1456790400))100"#, #"1:26: parse error: unexpected number "100""#),
    (#"n * on (instance) group_left (role) node_role"#, #"OK"#),
    (#"nde_cpu % 2"#, #"OK"#),
    (
        #"node_cpu / ign,oring (mode) group_left(dummy) sum without (mode)(node_cpu)"#,
        #"1:15: parse error: unexpected ",""#
    ),
    (
        #"node_cpu / ignoring (mode group_left sum without (mode)(node_cpu)"#,
        #"1:27: parse error: unexpected <group_left> in grouping opts, expected "," or ")""#
    ),
    (
        #"node_cpu / ignoring (mode) group_left(dummy) sum without (mode)(by node_cpu)"#,
        #"1:68: parse error: unexpected identifier "node_cpu" in aggregation"#
    ),
    (
        #"node_cpu / ignoring (mode) ummy) sum without (mode)(node_cpu)"#,
        #"1:33: parse error: unexpected right parenthesis ')'"#
    ),
    (#"node_cpu > on(job, insta1nce) group_left(target) threshold"#, #"OK"#),
    (#"node_cpu+ 2"#, #"OK"#),
    (#"node_cpu` - 2"#, #"1:9: parse error: unterminated raw string"#),
    (
        #"node_role * ignoring (role) group_rigsum ht (role) node_var"#,
        #"1:42: parse error: unexpected identifier "ht""#
    ),
    (#"node_var * group_left (role) node_role"#, #"1:12: parse error: unexpected <group_left>"#),
    (#"node_var * on (instance) group_left (role)node_role"#, #"OK"#),
    (#"ode_cpu + 2"#, #"OK"#),
    (#"offset +0.2"#, #"OK"#),
    (#"ol 1"#, #"1:4: parse error: unexpected number "1""#),
    (#"oo{a="b", foo!="bar", test=~"test", bar!~"baz",}"#, #"OK"#),
    (#"ort_desc(http_requests)"#, #"1:1: parse error: unknown function with name "ort_desc""#),
    (
        #"pre(sent_over_time(httpd_log_lines_total[30s])"#,
        #"1:5: parse error: unknown function with name "sent_over_time""#
    ),
    (
        #"predict_inear(testcounter_reset_middle[100m] @ 3000, 3600)"#,
        #"1:1: parse error: unknown function with name "predict_inear""#
    ),
    (#"predict_linear(testconter_reset_middle[100m] @ 3000, 3600)"#, #"OK"#),
    (#"predict_linear(testcounter_reset_'middle[100m], 3600)"#, #"1:34: parse error: unterminated quoted string"#),
    (#"predict_linear(testcounter_reset_middle[100m] @ 3000, 3600"#, #"1:59: parse error: unclosed left parenthesis"#),
    (#"predict_linear(testcounter_reset_middle[100m]}, 3600)"#, #"1:46: parse error: unexpected character: '}'"#),
    (
        #"predictlinear(testcounter_reset_middle[100m] @ 3000, 3600)"#,
        #"1:1: parse error: unknown function with name "predictlinear""#
    ),
    (
        #"present_ove_time(httpd_handshake_failures_total[1m])"#,
        #"1:1: parse error: unknown function with name "present_ove_time""#
    ),
    (
        #"present_over_time(h^ttp_requests{handler="/foo", handler="/bar", instance="127.0.0.1"}[5m])"#,
        #"1:21: parse error: binary expression must contain only scalar and instant vector types"#
    ),
    (
        #"present_over_time(http_requests{handler="/foo", handler="/b"ar", instance="127.0.0.1"}[5m])"#,
        #"1:61: parse error: unexpected identifier "ar" in label matching, expected "," or "}""#
    ),
    (#"present_over_time({[5m:5s])"#, #"1:20: parse error: unexpected character inside braces: '['"#),
    (#"present_overtp_requests{handler="/foo"}[5m])"#, #"1:45: parse error: unexpected right parenthesis ')'"#),
    (
        #"p{redict_linear(testcounter_reset_middle[100m], 3600)"#,
        #"1:16: parse error: unexpected character inside braces: '('"#
    ),
    (#"quan:tile without(point)(NaN, data)"#, #"1:11: parse error: unexpected <without>"#),
    (#"quanile without(point)(0.8, data)"#, #"1:9: parse error: unexpected <without>"#),
    (#"quantile withou(point)(0.8, data)"#, #"1:10: parse error: unexpected identifier "withou""#),
    (#"quantile without(point)(0.8, dbool ata)"#, #"1:36: parse error: unexpected identifier "ata" in aggregation"#),
    (#"quantile_o])"#, #"1:11: parse error: unexpected right bracket ']'"#),
    (#"quantile_ove_time(-1, data[1m])"#, #"1:1: parse error: unknown function with name "quantile_ove_time""#),
    (#"quantile_over_time(1,data[1m])"#, #"OK"#),
    (#"quantit(point)(scalar(foo), data)"#, #"1:1: parse error: unknown function with name "quantit""#),
    (#"r".*((?i)DUC).*"}[1m])"#, #"1:2: parse error: unexpected string "\".*((?i)DU"..."#),
    (#"r:esets(http_requests[5m])"#, #"1:8: parse error: unexpected "(""#),
    (#"ra[1m])"#, #"1:8: parse error: unexpected right parenthesis ')'"#),
    (#"raary", instance="1", job="app-server"}[50m])"#, #"1:6: parse error: unexpected string "\", instanc"..."#),
    (#"raetric[1m])"#, #"1:13: parse error: unexpected right parenthesis ')'"#),
    (#"rat(metric[20s:5s])"#, #"1:1: parse error: unknown function with name "rat""#),
    (#"rate(!http_requests[25m]) * 25 * 60"#, #"1:6: parse error: unexpected character after '!': 'h'"#),
    (#"rate(calcue_window[50m])"#, #"OK"#),
    (#"rate(http_reqests{group=~"(?i:PRO).*"}[1m])"#, #"OK"#),
    (#"rate(http_requess{instance!="3"}[1m] offset 10000s)"#, #"OK"#),
    (
        #"rate(http_requests[40s]) - rate(http_request00s)"#,
        #"1:33: parse error: expected type range vector in call to function "rate", got instant vector"#
    ),
    (
        #"rate(http_requests[40s]) - rate(http_requests[1m] offset 0000s)"#,
        #"1:58: parse error: duration must be greater than 0"#
    ),
    (#"rate(http_requests{group=~"((?i)PRO).*"}[m])"#, #"1:42: parse error: not a valid duration string: "m""#),
    (
        #"rate(http_requests{group=~".*(?i:DUC).*"}[1m)"#,
        #"1:45: parse error: unexpected ")" in subquery or range, expected ":" or "]""#
    ),
    (#"rate(http_requests{group=~".*ry", instance="^1"}[1m])"#, #"OK"#),
    (#"rate(http_requests{group=~"pro.*"}[1m])"#, #"OK"#),
    (
        #"rate(http_requests{group=~.*(?i:TION).*?"}[1m])"#,
        #"1:27: parse error: unexpected character inside braces: '.'"#
    ),
    (
        #"rate(http_requests{instance!="3"}[1m] offset 1000@0s)"#,
        #"1:46: parse error: unexpected number "1000" in offset, expected duration"#
    ),
    (#"rate(http_requests{instane!="3"}[1m] offset -4000s)"#, #"OK"#),
    (#"rate(meric[1m])"#, #"OK"#),
    (#"rate(metic[20s:10s])"#, #"OK"#),
    (#"rate(metrc[20s:10s])"#, #"OK"#),
    (#"rate(metric[20s':5s])"#, #"1:16: parse error: unterminated quoted string"#),
    (#"rate(metric[20s:10s],)"#, #"1:21: parse error: trailing commas not allowed in function call args"#),
    (#"rate(some_metric:[5m])"#, #"OK"#),
    (#"rate(sum_over_time(metric1[30s:10s])50s:10s])"#, #"1:37: parse error: unexpected duration "50s""#),
    (#"rate(testcounter_reset_miand ddle[50m])"#, #"1:30: parse error: unexpected identifier "ddle""#),
    (#"rate=(http_requests{group=~".*(?i:TION)"}[1m])"#, #"1:5: parse error: unexpected "=""#),
    (#"reset1s(http_requests[50m])"#, #"1:1: parse error: unknown function with name "reset1s""#),
    (#"resetsby (http_requests[30m])"#, #"1:1: parse error: unknown function with name "resetsby""#),
    (
        #"ro + 0.005 * http_requests{group="production",job="api-server"})"#,
        #"1:65: parse error: unexpected right parenthesis ')'"#
    ),
    (
        #"round(0.00055m * http_requests{group="production",job="api-server"}, 0.1)"#,
        #"1:7: parse error: unexpected duration "0.00055m""#
    ),
    (#"round(0.025 * http_requests{group="pr"}, 5)"#, #"OK"#),
    (
        #"round(0@.025 * http_requests{group="production",job="api-server"}, 5)"#,
        #"1:7: parse error: @ modifier must be preceded by an instant vector selector or range vector selector or a subquery"#
    ),
    (
        #"round(2.1 + 0.0005 * http_requests{group="production",job="api-server".}, 0.1)"#,
        #"1:71: parse error: unexpected character inside braces: '.'"#
    ),
    (#"round(5.2 + 0.0005 * http_requests{group="production",job="a`pi-server"}, 0.1)"#, #"OK"#),
    (#"s'um by ()(some_metric)"#, #"1:2: parse error: unterminated quoted string"#),
    (#"s_metric[10m:5s] offset 1m @ 123"#, #"OK"#),
    (#"sn(trig)"#, #"1:1: parse error: unknown function with name "sn""#),
    (#"so@ 123 [10m:5s]"#, #"OK"#),
    (#"some_etric[10m:5s] offset 1m @ 123"#, #"OK"#),
    (#"some_metric[10m5s] offset 1m @ 123"#, #"OK"#),
    (#"st1art"#, #"OK"#),
    (#"start"#, #"OK"#),
    (#"stby art"#, #"1:6: parse error: unexpected identifier "art""#),
    (#"std1var_over_time(metric[1m])"#, #"1:1: parse error: unknown function with name "std1var_over_time""#),
    (#"stddev(http_equests)"#, #"OK"#),
    (#"stdvar(htp_requests)"#, #"OK"#),
    (#"stdvar(htt"p_requests)"#, #"1:11: parse error: unterminated quoted string"#),
    (#"stdvar(http_requests*)"#, #"1:22: parse error: unexpected ")" in aggregation"#),
    (#"stdvr by (foo)(some_metric)"#, #"1:7: parse error: unexpected <by>"#),
    (#"stetric[1m])"#, #"1:13: parse error: unexpected right parenthesis ')'"#),
    (
        #"su_over_time(metric9[1m])/count_over_time(metric9[1m])"#,
        #"1:1: parse error: unknown function with name "su_over_time""#
    ),
    (#"sum (some_metric) wi:thout (foo)"#, #"1:19: parse error: unexpected metric identifier "wi:thout""#),
    (#"sum b/y (foo,)(some_metric)"#, #"1:5: parse error: unexpected identifier "b""#),
    (#"sum by ()(some+_metric)"#, #"OK"#),
    (#"sum by ()(some_metric"#, #"1:22: parse error: unclosed left parenthesis"#),
    (#"sum by (foo,)(somic)"#, #"OK"#),
    (
        #"sum by (group) (htt,p_requests{job="api-server"})"#,
        #"1:1: parse error: wrong number of arguments for aggregate expression provided, expected 1, got 2"#
    ),
    (#"sum by (group) (http_reer"})"#, #"1:26: parse error: unterminated quoted string"#),
    (
        #"sum by (mode, job)(node_cpu) /] on (job) group_left sum by (job)(node_cpu)"#,
        #"1:31: parse error: unexpected right bracket ']'"#
    ),
    (#"sum by _metric)"#, #"1:8: parse error: unexpected identifier "_metric" in grouping opts, expected "(""#),
    (#"sum by. (foo,)(some_metric)"#, #"1:7: parse error: unexpected character: '.'"#),
    (#"sum without (instance) (http_requests{job="api-serve"})"#, #"OK"#),
    (
        #"sum without(and, by, a'vg, count, alert, annotations)(some_metric) [30m:10s]"#,
        #"1:23: parse error: unterminated quoted string"#
    ),
    (
        #"sum without(and, by, av/g, count, alert, annotations)(some_metric)"#,
        #"1:24: parse error: unexpected <op:/> in grouping opts, expected "," or ")""#
    ),
    (
        #"sum(http_requests) by (job) + min(http_requests) by (job) + ma(http_requests) by (job) + avg(http_requests) by (job)"#,
        #"1:61: parse error: unknown function with name "ma""#
    ),
    (
        #"sum(sum by (group_requests{job="api-server"})) by (job)"#,
        #"1:27: parse error: unexpected "{" in grouping opts, expected "," or ")""#
    ),
    (#"sum) / on (job) group_left sum by (job)(node_cpu)"#, #"1:5: parse error: unexpected right parenthesis ')'"#),
    (#"sum] offset 7s)"#, #"1:4: parse error: unexpected right bracket ']'"#),
    (#"sum_ov'er_time(metric[50s:10s])"#, #"1:7: parse error: unterminated quoted string"#),
    (
        #"sum_over_ime(metric3[1m])/count_over_time(metric3[1m])"#,
        #"1:1: parse error: unknown function with name "sum_over_ime""#
    ),
    (
        #"sum_over_t(timestamp(timestamp(metric{job="1"} @ 999))[10s:1s] @ 10)"#,
        #"1:1: parse error: unknown function with name "sum_over_t""#
    ),
    (
        #"sum_over_t5mime(minute(metric @ 1500)[100s:10s])"#,
        #"1:1: parse error: unknown function with name "sum_over_t5mime""#
    ),
    (
        #"sum_over_tcount_over_time(metric8[1m])"#,
        #"1:1: parse error: unknown function with name "sum_over_tcount_over_time""#
    ),
    (
        #"sum_over_tigroup_left me(metric6c[1m])/count_over_time(metric6c[1m])"#,
        #"1:23: parse error: unexpected identifier "me""#
    ),
    (#"sum_over_time((metric1[30s:10s] offset 3s)"#, #"1:43: parse error: unclosed left parenthesis"#),
    (#"sum_over_time(etric5b[1m])/count_over_time(metric5b[1m])"#, #"OK"#),
    (#"sum_over_time(etric5c[1m])/count_over_time(metric5c[1m])"#, #"OK"#),
    (
        #"sum_over_time(metr!ic{job="1"}[100s] offset 50s @ 100)"#,
        #"1:19: parse error: unexpected character after '!': 'i'"#
    ),
    (#"sum_over_time(metrc6b[1m])/count_over_time(metric6b[1m])"#, #"OK"#),
    (
        #"sum_over_time(metric1[30s:-10s] offset 7s)"#,
        #"1:27: parse error: unexpected <op:-> in subquery selector, expected duration or "]""#
    ),
    (#"sum_over_time(metric1[30s:10s] o[ffset 3s)"#, #"1:32: parse error: unexpected identifier "o""#),
    (#"sum_over_time(metric1[30s:10s] ofset 5s)"#, #"1:32: parse error: unexpected identifier "ofset""#),
    (#"sum_over_time(metric2[1m])/count_over_time(meric2[1m])"#, #"OK"#),
    (#"sum_over_time(metric2[1m])/count_over_time(metri2[1m])"#, #"OK"#),
    (
        #"sum_over_time(metric5c[1m])/count_over_timesum (metric5c[1m])"#,
        #"1:29: parse error: unknown function with name "count_over_timesum""#
    ),
    (
        #"sum_over_time(metric6[1m])/cunt_over_time(metric6[1m])"#,
        #"1:28: parse error: unknown function with name "cunt_over_time""#
    ),
    (
        #"sum_over_time(metric6c[1m])/count_e(metric6c[1m])"#,
        #"1:29: parse error: unknown function with name "count_e""#
    ),
    (
        #"sum_over_time(metric7[1m/count_over_time(metric7[1m])"#,
        #"1:25: parse error: unexpected <op:/> in subquery or range, expected ":" or "]""#
    ),
    (
        #"sum_over_time(metric9[1m])/countover_time(metric9[1m])"#,
        #"1:28: parse error: unknown function with name "countover_time""#
    ),
    (#"sum_over_time(metric{jo'b="1"}[100s] @ 100)"#, #"1:24: parse error: unterminated quoted string"#),
    (
        #"sum_over_time(metric{job="1"}[100] @ 100 offset 50s)"#,
        #"1:31: parse error: missing unit character in duration"#
    ),
    (#"sum_over_time(metric{job="1"}[100s] @100)"#, #"OK"#),
    (#"sum_over_time(metriover_time(metric7[1m])"#, #"1:15: parse error: unknown function with name "metriover_time""#),
    (#"sum_over_time(minute(metic @ 1500)[100s:10s])"#, #"OK"#),
    (#"sum_over_time(minute(metric @  1500)[100s:10s])"#, #"OK"#),
    (#"sum_over_time(mtric[50s:5s])"#, #"OK"#),
    (
        #"sum_over_time(sum_oer_time(sum_over_time(metric{job="1"}[20s])[20s:10s] offset 10s)[100s:25s] @ 1000)"#,
        #"1:15: parse error: unknown function with name "sum_oer_time""#
    ),
    (#"sum_over_time(sum_ov 100)[100s:25s] @ 50)"#, #"1:22: parse error: unexpected number "100""#),
    (
        #"sum_over_time(sum_over_time(sum_over_time(metric{job="1"}[10s])[100s:25s] @ 50)[3s1s] @ 200)"#,
        #"1:81: parse error: not a valid duration string: "3s1s""#
    ),
    (
        #"sum_over_time(sum_over_time(sum_over_time(metric{job="1"}[20s])[20s:10s] offset 10s)100s:25s] @ 1000)"#,
        #"1:85: parse error: unexpected duration "100s""#
    ),
    (#"sum_over_time(vector(time())[10)"#, #"1:30: parse error: missing unit character in duration"#),
    (#"sum_ovr_time(metric[50s:10s])"#, #"1:1: parse error: unknown function with name "sum_ovr_time""#),
    (#"s{um_over_time(metric[50s:5s])"#, #"1:15: parse error: unexpected character inside braces: '('"#),
    (#"s~um(sum)"#, #"1:2: parse error: unexpected character: '~'"#),
    (#"test[5h]x OFFSET 5m"#, #"1:9: parse error: unexpected identifier "x""#),
    (#"test[5m30s]"#, #"OK"#),
    (#"test[5y] @ end(@)"#, #"1:16: parse error: unexpected "<Item 57385>" <op:@> in @, expected timestamp"#),
    (#"test[5y] @ start)"#, #"1:18: parse error: unexpected right parenthesis ')'"#),
    (#"test[bool 5y] offset -2w"#, #"1:6: parse error: bad duration syntax: """#),
    (#"test_total > test_,smaller"#, #"1:19: parse error: unexpected ",""#),
    (#"time("#, #"1:6: parse error: unclosed left parenthesis"#),
    (#"time()'"#, #"1:7: parse error: unterminated quoted string"#),
    (#"time)stamp(metric)"#, #"1:6: parse error: unexpected right parenthesis ')'"#),
    (#"timestamp(timestamp(metric{job="1" @ 10))"#, #"1:36: parse error: unexpected character inside braces: '@'"#),
    (#"timestamp(timestamp(metric{job="1"} @ 10)group_left )"#, #"1:42: parse error: unexpected <group_left>"#),
    (#"timestamp(timestamp(metric{job="1"} @ 15m0))"#, #"1:39: parse error: bad number or duration syntax: "15m0""#),
    (#"timestamp(titamp(metric{job="1"} @ 10))"#, #"1:11: parse error: unknown function with name "titamp""#),
    (#"time}()"#, #"1:5: parse error: unexpected character: '}'"#),
    (#"timstamp(metric)"#, #"1:1: parse error: unknown function with name "timstamp""#),
    (#"topk((3), (http)"#, #"1:17: parse error: unclosed left parenthesis"#),
    (#"topk(3,http_requests)"#, #"OK"#),
    (
        #"topk(me_metric)"#,
        #"1:1: parse error: wrong number of arguments for aggregate expression provided, expected 2, got 1"#
    ),
    (#"topk9999, http_requests{job="api-server",group="production"})"#, #"1:9: parse error: unexpected ",""#),
    (#"trigy atan2 tri'gNaN"#, #"1:16: parse error: unterminated quoted string"#),
    (#"ttp_requests{job="api-server", group="canary"}"#, #"OK"#),
    (#"tuests{job="api-server",group="production"})"#, #"1:45: parse error: unexpected right parenthesis ')'"#),
    (
        #"um without (instance)(node_cpu) / ignoring (mode) group_left sum without (instance, mode)(node_cpu)"#,
        #"1:4: parse error: unexpected <without>"#
    ),
    (#"xinF"#, #"OK"#),
    (#"year(vector(136239445))"#, #"OK"#),
    (#"year)"#, #"1:6: parse error: unexpected right parenthesis ')'"#),
    (#"yer()"#, #"1:1: parse error: unknown function with name "yer""#),
    (#"}avg by (foo)(some_metric)"#, #"1:1: parse error: unexpected character: '}'"#),
    (#""1 / 0"#, #"1:1: parse error: unterminated quoted string"#),
    (
        #""\a\b\f\n\r\t\N*aNv\\\" - \xFF\377\u1234\U00010111\U0001011111☺""#,
        #"1:1: parse error: unknown escape sequence U+004E 'N'"#
    ),
    (#""\a\b\f\n\r\t\v\\\" - \xFF\377\u1234\U00010111\U000101111☺""#, #"OK"#),
    (#""\a\b\f\n\r\t\v\\^\" - \xFF\377\u1234\U00010111\U0001011111☺""#, #"OK"#),
    (#""double-q" withuote""#, #"1:12: parse error: unexpected identifier "withuote""#),
    (#"'\a\b\f\n\r\t\011111☺'"#, #"OK"#),
    (#"(-in1e"#, #"1:7: parse error: unclosed left parenthesis"#),
    (#"(SUM((http_requests)) Y (job)) + SU(htt_requests) BY (job)"#, #"1:23: parse error: unexpected identifier "Y""#),
    (#"(foo + bar{nm="val"} @ 1234)[5m:]or  @ 1603775019"#, #"1:38: parse error: unexpected "<Item 57385>" <op:@>"#),
    (#"(foo + br{75019"#, #"1:11: parse error: unexpected character inside braces: '7'"#),
    (#"(http_reqoup, jction"}"#, #"1:13: parse error: unexpected ",""#),
    (
        #"(http_requests{group="} + ) and ignoring(gruests{instance="0", group="production"}"#,
        #"1:60: parse error: unexpected character inside braces: '0'"#
    ),
    (
        #"(http_requests{oring(l, group, job) (http_requests or cpu)_count or vector_matchin/g_a)"#,
        #"1:21: parse error: unexpected character inside braces: '('"#
    ),
    (#"- - - SUM(htt_requests)5m BY (job)"#, #"1:24: parse error: unexpected duration "5m""#),
    (#"- - 1"#, #"OK"#),
    (#"- 1"#, #"OK"#),
    (#"---met(ri @ le100"#, #"1:13: parse error: unexpected identifier "le100" in @, expected timestamp"#),
    (#"-0.2#e-6"#, #"OK"#),
    (#"-10^3 * - ,SUM(http_requejob) ^ -1"#, #"1:11: parse error: unexpected ",""#),
    (#".end}"#, #"1:1: parse error: unexpected character: '.'"#),
    (#".hou))"#, #"1:1: parse error: unexpected character: '.'"#),
    (#"/ 0{a="b"}"#, #"1:1: parse error: unexpected <op:/>"#),
    (#"0 * http^_1requests{group="canary", instance="0", job="ap-server"} % 0"#, #"OK"#),
    (#"0 =/[5m]= bool 1"#, #"1:3: parse error: unexpected "=""#),
    (#"0 == bol( 1"#, #"1:12: parse error: unclosed left parenthesis"#),
    (#"0 == bool "1"#, #"1:11: parse error: unterminated quoted string"#),
    (#"0x2^---1*3"#, #"OK"#),
    (#"0xre/s@ start()ets(http_requests[5m])"#, #"1:1: parse error: bad number or duration syntax: "0x""#),
    (#"1  roup_right()0"#, #"1:4: parse error: unexpected identifier "roup_right""#),
    (#"1 % 0]"#, #"1:6: parse error: unexpected right bracket ']'"#),
    (#"1 %/ 0"#, #"1:4: parse error: unexpected <op:/>"#),
    (#"1 + 2/(3bo[ol *1)"#, #"1:8: parse error: bad number or duration syntax: "3""#),
    (#"1 - -"#, #"1:6: parse error: unexpected end of input"#),
    (#"1+1s"#, #"1:3: parse error: unexpected duration "1s""#),
    (#"1+group_right("#, #"1:3: parse error: unexpected <group_right>"#),
    (#"1-1"#, #"OK"#),
    (#"11-1le^"#, #"1:4: parse error: bad number or duration syntax: "1""#),
    (#"12+.34e+6"#, #"OK"#),
    (#"12.3'4e+6or"#, #"1:5: parse error: unterminated quoted string"#),
    (#"12.3e6"#, #"OK"#),
    (#"12.4e-6"#, #"OK"#),
    (#"12.6"#, #"OK"#),
    (#"1h3m"#, #"1:1: parse error: unexpected duration "1h3m""#),
    (
        #"2@5 / bar#"#,
        #"1:1: parse error: @ modifier must be preceded by an instant vector selector or range vector selector or a subquery"#
    ),
    (
        #"==-http_requests{job="apioffset -1m-server",instance="0",group=production"}"#,
        #"1:1: parse error: unexpected <op:==>"#
    ),
    (#"==rate(http_requests{group=~".*ry"le, inson tance="1"}[1m])"#, #"1:1: parse error: unexpected <op:==>"#),
    (#"=foo{a="b", foo!="bar", test=~"test" bar!~"baz}"#, #"1:1: parse error: unexpected "=""#),
    (#">=absent_oNaNver)"#, #"1:1: parse error: unexpected <op:>=>"#),
    (#"@ start(!)quantile_ver_time(0.75, data[1m])"#, #"1:1: parse error: unexpected "<Item 57385>" <op:@>"#),
    (
        #"@ start()foo / igno0xring(test,blub) group_left(ba) bar"#,
        #"1:1: parse error: unexpected "<Item 57385>" <op:@>"#
    ),
    (
        #"COUNT(http_request,s)BY (job) ^ COUNT(htt (job)"#,
        #"1:1: parse error: wrong number of arguments for aggregate expression provided, expected 1, got 2"#
    ),
    (#"COUNhttp_requests) BY (job)"#, #"1:19: parse error: unexpected right parenthesis ')'"#),
    (#"C{a="b"}"a"OUNT(http_requests) BY (job)"#, #"1:9: parse error: unexpected string "\"a\"""#),
    (#"MIN(http_rob)"#, #"OK"#),
    (#"S+UM(http2"#, #"1:11: parse error: unclosed left parenthesis"#),
    (#"SM(http_requests) BY (job) % 2 ^ 3 sum ^  ^ 2"#, #"1:1: parse error: unknown function with name "SM""#),
    (#"SUM BY (group) (http_requests{job="api-server"}"#, #"1:48: parse error: unclosed left parenthesis"#),
    (#"SUM(hsum ttp_requests BY (jo)"#, #"1:10: parse error: unexpected identifier "ttp_requests" in aggregation"#),
    (#"SUM(htp_requests) BY (jb)} == 1000"#, #"1:26: parse error: unexpected character: '}'"#),
    (#"SUM(http_re) % 2 ^ (3 ^ 2)"#, #"OK"#),
    (
        #"SUM(http_req5muests) BY (job) - CONT(http_requests) BY (jb)"#,
        #"1:33: parse error: unknown function with name "CONT""#
    ),
    (#"SUM(http_reqoffset -1muests) BY (job) / 0"#, #"1:21: parse error: bad number or duration syntax: "1mu""#),
    (#"SUM(http_reque(job) != 1Inf000"#, #"1:5: parse error: unknown function with name "http_reque""#),
    (#"SUM(http_reque1ests') BYoffset  (job) ^ 2"#, #"1:20: parse error: unterminated quoted string"#),
    (#"SUM(http_requess) BY (job) `== bool 1000"#, #"1:28: parse error: unterminated raw string"#),
    (
        #"SUM(http_requests) BY (job) != boo'l SUM(http_reque^sts) BY (job)"#,
        #"1:35: parse error: unterminated quoted string"#
    ),
    (#"SUM(http_requests) BY (job) % "a"2 ^ (3 ^ 2)"#, #"1:34: parse error: unexpected number "2""#),
    (#"SUM(http_requests) BY (job) + SUM(http_requests) Y (job1e)"#, #"1:50: parse error: unexpected identifier "Y""#),
    (#"SUM(http_requests)BY (job)^ count_values(2"#, #"1:43: parse error: unclosed left parenthesis"#),
    (#"SUM(http_requjob) ^ 2"#, #"OK"#),
    (#"SUM(http_rstance="0"}) BY(job)"#, #"1:17: parse error: unexpected "=" in aggregation"#),
    (#"SUM(http_r{equests) B (job) > 1000"#, #"1:19: parse error: unexpected character inside braces: ')'"#),
    (#"SUMhttp_requests> 1000"#, #"OK"#),
    (#"UM(httgrou% 3"#, #"1:14: parse error: unclosed left parenthesis"#),
    (#"UM(http+_re{a="b"}quests) BY (job) % 2 ^ 3 ^ 2"#, #"1:19: parse error: unexpected identifier "quests""#),
    (#"UM(http_requsts) BY (@job) % 2 ^ (3 ^ 2)"#, #"1:1: parse error: unknown function with name "UM""#),
    (#"__name__day_of_year(vector(1133445))"#, #"1:1: parse error: unknown function with name "__name__day_of_year""#),
    (#"a,vgover_time(metric4[1m])"#, #"1:2: parse error: unexpected ",""#),
    (#"aInfvg(datatest="-inf2"}__name__)"#, #"1:16: parse error: unexpected "=""#),
    (#"abs(-1 * http_requests{group="producion",jobx="api-servesum r"})"#, #"OK"#),
    (#"abse/bar", ^instance="127.0ignoring .0.1"}[5m])"#, #"1:9: parse error: unexpected string "\", ^instan"..."#),
    (
        #"absen_over_timerate(nonexistant[5m])#[5m:])"#,
        #"1:1: parse error: unknown function with name "absen_over_timerate""#
    ),
    (#"absent( and+ b)"#, #"OK"#),
    (#"absent()"#, #"1:1: parse error: expected 1 argument(s) in call to "absent", got 0"#),
    (#"absent(max(1enonexistan))#"#, #"1:12: parse error: bad number or duration syntax: "1e""#),
    (#"absent(nleonexistent{job="tetopk(stjowithout b",job=~"testjob2",foo="bar"})"#, #"OK"#),
    (#"absent(nonexistent{job="testjob",job=~"testjob2",oo="bar"})"#, #"OK"#),
    (#"absent(nonxistent{job="tes}tjob", instance="testinstance", method=~".x"})"#, #"OK"#),
    (#"absent(sum(http_requests)Inf)"#, #"1:26: parse error: unexpected number "Inf""#),
    (#"absent_ove_time({jo="ingress"}[~4m])"#, #"1:32: parse error: missing unit character in duration"#),
    (#"absent_over_ignoring time(rate(nonexistant[5m])[5m:])"#, #"1:22: parse error: unexpected identifier "time""#),
    (#"absent_over_tim,e({instance="1without 27.0.0.1"}sum [5m])"#, #"1:16: parse error: unexpected ",""#),
    (#"absent_over_time("a"{in.0.1"}[20m])"#, #"1:21: parse error: unexpected "{""#),
    (#"absent_over_time(http_re'quests[5m]"#, #"1:25: parse error: unterminated quoted string"#),
    (#"absent_over_time(instance0.1}[20m])"#, #"1:27: parse error: unexpected number ".1""#),
    (#"absent_over_time({instance="127.0.0.1"}[5m:s])"#, #"1:44: parse error: unexpected colon 's'"#),
    (#"absent_over_timehttpd_log_lines_totl[30s])"#, #"1:43: parse error: unexpected right parenthesis ')'"#),
    (#"absttp_requests[5m])[5m:1m])"#, #"1:21: parse error: unexpected right parenthesis ')'"#),
    (#"adata{test="-inf"})"#, #"1:20: parse error: unexpected right parenthesis ')'"#),
    (#"ag(da]ta{est="-inf2"})"#, #"1:6: parse error: unexpected right bracket ']'"#),
    (#"ag(dat]a{test="-inf3"})"#, #"1:7: parse error: unexpected right bracket ']'"#),
    (#"ag(data{Inftest="Inf-inf2"})"#, #"1:1: parse error: unknown function with name "ag""#),
    (#"aoffset bsent_over_time({job="grok"}[20m(])"#, #"1:9: parse error: unexpected identifier "bsent_over_time""#),
    (#"atan(t<=rig)"#, #"OK"#),
    (#"atanh(trig - #10.ignoring 1)"#, #"1:29: parse error: unclosed left parenthesis"#),
    (#"av^g_over_tie(metric3[1m])"#, #"1:4: parse error: unknown function with name "g_over_tie""#),
    (#"avg(d'ata{t{a=""}est="-big"})"#, #"1:6: parse error: unterminated quoted string"#),
    (#"avg(data"a"{test=nan"})"#, #"1:9: parse error: unexpected string "\"a\"" in aggregation"#),
    (#"avg(databool on nf2"})"#, #"1:14: parse error: unexpected <on> in aggregation"#),
    (#"avg(data{est="-incount_value=s(f2"})"#, #"OK"#),
    (
        #"avg(data{group_left test="inf"})"#,
        #"1:21: parse error: unexpected identifier "test" in label matching, expected label matching operator"#
    ),
    (
        #"avg(data{tes=ta!nd ="big"})"#,
        #"1:14: parse error: unexpected identifier "ta" in label matching, expected string"#
    ),
    (#"avg(data{test=ef3"})"#, #"1:15: parse error: unexpected identifier "ef3" in label matching, expected string"#),
    (#"avg(data{tet="iNaNf"})"#, #"OK"#),
    (#"avg(data{tx*est="t,en"})"#, #"1:12: parse error: unexpected character inside braces: '*'"#),
    (#"avg(da{test="nan"})"#, #"OK"#),
    (#"avg(ta[{test="in3"})"#, #"1:8: parse error: missing unit character in duration"#),
    (#"avg[(data{test="bigzero"})"#, #"1:5: parse error: missing unit character in duration"#),
    (#"avgtest="inf2",}])"#, #"1:8: parse error: unexpected "=""#),
    (#"bar + on(foo) bla ub"#, #"1:19: parse error: unexpected identifier "ub""#),
    (#"blu"#, #"OK"#),
    (#"bool absent(nonexisteoffse nt)"#, #"1:1: parse error: unexpected <bool>"#),
    (
        #"botto!k(5, http_requests{gr[oup="canary",job="app-server"})"#,
        #"1:6: parse error: unexpected character after '!': 'k'"#
    ),
    (#"bottomk(5, http_requests{grou="canary",job="app-server"})"#, #"OK"#),
    (#"bottomk(9999999999, http_requests{jInfob="app-server",group="canary"})"#, #"OK"#),
    (
        #"bsent_over_time(httpd_log_li==nes_total[30s])"#,
        #"1:1: parse error: unknown function with name "bsent_over_time""#
    ),
    (#"cap(test_clamp, 5 -5)"#, #"1:1: parse error: unknown function with name "cap""#),
    (#"changes(*httprequests[5m])"a""#, #"1:9: parse error: unexpected <op:*>"#),
    (#"changes(h1ettp_r equests[3m])"#, #"1:18: parse error: unexpected identifier "equests""#),
    (#"changes(http_requ20m])"#, #"1:21: parse error: unexpected right bracket ']'"#),
    (#"changes(http_requeignoring sts[2bool 0m])"#, #"1:28: parse error: unexpected identifier "sts""#),
    (#"changes(http_requests[2-0m])"#, #"1:23: parse error: missing unit character in duration"#),
    (#"changes(nonexis==t0m])"#, #"1:21: parse error: unexpected right bracket ']'"#),
    (#"changes(nonexistent_metrc[50m])"#, #"OK"#),
    (#"clam p(test_clamp, 5, by -5)"#, #"1:6: parse error: unexpected identifier "p""#),
    (#"clam(tst_clamp, aN, 0)"#, #"1:1: parse error: unknown function with name "clam""#),
    (#"clam.p_mi=n(te)st_clamp, -25)"#, #"1:5: parse error: unexpected character: '.'"#),
    (#"clamp[_min(test_cl,amp, -25)"#, #"1:7: parse error: bad duration syntax: """#),
    (#"clamp_max(tst_clamp, 75)"#, #"OK"#),
    (
        #"cou@ start()nt_values witout (instance)("job", version)"#,
        #"1:13: parse error: unexpected identifier "nt_values""#
    ),
    (#"count_values without (instance)("ver>=ion", version)"#, #"OK"#),
    (#"count_values without (instnce)("job",version)"#, #"OK"#),
    (#"count_values(1234e-rate(6"#, #"1:14: parse error: bad number or duration syntax: "1234e-""#),
    (#"count_values(n>="))), ve"rsion)"#, #"1:26: parse error: unexpected identifier "rsion" in aggregation"#),
    (#"d"#, #"OK"#),
    (#"d5my_of_year()"#, #"1:1: parse error: unknown function with name "d5my_of_year""#),
    (#"da y_of_week(ve>=ctor(11~36239445))"#, #"1:4: parse error: unexpected identifier "y_of_week""#),
    (#"daInfy_of_week(vector(1136239=445))"#, #"1:30: parse error: unexpected "=""#),
    (#"day_of_week(vect}or(`1136239445))"#, #"1:17: parse error: unexpected character: '}'"#),
    (#"de1eg(t==rig - 10){"#, #"1:1: parse error: unknown function with name "de1eg""#),
    (#"deg(trig -+ 10)"#, #"OK"#),
    (#"etrbool i:c"#, #"1:9: parse error: unexpected metric identifier "i:c""#),
    (#"exp(exp_root_log  10)"#, #"1:19: parse error: unexpected number "10""#),
    (#"exp(exp_root_log)"#, #"OK"#),
    (#"f(oo @ x3.35"#, #"1:8: parse error: unexpected identifier "x3" in @, expected timestamp"#),
    (#"f-{oo == '1"#, #"1:8: parse error: unexpected "=" in label matching, expected string"#),
    (#"f>=oo[10m:]"#, #"1:4: parse error: binary expression must contain only scalar and instant vector types"#),
    (#"f@3"#, #"OK"#),
    (#"floor(some_offset m@ start()'etric{foo!="bar"})"#, #"1:19: parse error: unexpected identifier "m""#),
    (#"fo__nignoring ame__o == 1"#, #"1:15: parse error: unexpected identifier "ame__o""#),
    (#"foiInfgnori@ start()ng o[10m:]"#, #"1:21: parse error: unexpected identifier "ng""#),
    (#"fonbar"#, #"OK"#),
    (#"foo"#, #"OK"#),
    (#"foo * b~ar"#, #"1:8: parse error: unexpected character: '~'"#),
    (#"foo * on(tes[5m]t,) bar"#, #"1:13: parse error: unexpected "[" in grouping opts, expected "," or ")""#),
    (#"foo - ignoring(test,blub)group_right(bar,foole) bar"#, #"OK"#),
    (
        #"foo / ignoring(test,blub) group_left(b!=lub) bar"#,
        #"1:39: parse error: unexpected <op:!=> in grouping opts, expected "," or ")""#
    ),
    (#"foo / on(test,blub) group_left(bar) br"#, #"OK"#),
    (#"foo / on(test,blub) roup_leftbar) bar"#, #"1:34: parse error: unexpected right parenthesis ')'"#),
    (#"foo =* bar"#, #"1:5: parse error: unexpected "=""#),
    (#"foo @ 223372036854775.808"#, #"OK"#),
    (#"foo @ 3.3offset 3"#, #"1:7: parse error: bad number or duration syntax: "3.3""#),
    (#"foo @ 922337203685477.808"#, #"OK"#),
    (#"foo @ sart()"#, #"1:7: parse error: unexpected identifier "sart" in @, expected timestamp"#),
    (#"foo OFFSET1h30m"#, #"1:5: parse error: unexpected identifier "OFFSET1h30m""#),
    (#"foo and bar unles baz or qux"#, #"1:13: parse error: unexpected identifier "unles""#),
    (#"foo and i"a"gnoring(test,blub) bar"#, #"1:10: parse error: unexpected string "\"a\"""#),
    (#"foo end bar"#, #"1:5: parse error: unexpected "end""#),
    (#"foo nes on(start) bar"#, #"1:5: parse error: unexpected identifier "nes""#),
    (#"foo offsetNaN `-7m"#, #"1:5: parse error: unexpected identifier "offsetNaN""#),
    (#"foo unle[ss bar@ start()"#, #"1:5: parse error: unexpected identifier "unle""#),
    (#"foo unless on(star) [5m:]bar"#, #"1:21: parse error: unexpected "[""#),
    (#"foo"a" @ 0xA"#, #"1:4: parse error: unexpected string "\"a\"""#),
    (#"foo:ar{a="bc"}"#, #"OK"#),
    (#"fooOFFSE,T 1h30m"#, #"1:9: parse error: unexpected ",""#),
    (#"foo[d()"#, #"1:5: parse error: not a valid duration string: "d""#),
    (#"foogroup_left  and ignoring(test,blub) bar"#, #"OK"#),
    (#"foot 5m"#, #"1:6: parse error: unexpected duration "5m""#),
    (#"foo{ bar=}'"#, #"1:10: parse error: unexpected "}" in label matching, expected string"#),
    (#"foo{a="b", foo!="bz"}"#, #"OK"#),
    (#"g@roffset op(foo)"#, #"1:3: parse error: unexpected identifier "roffset" in @, expected timestamp"#),
    (#"group without(point)ignoring (data)"#, #"1:21: parse error: unexpected <ignoring> in aggregation"#),
    (#"groupoffset -1m_right()metric"#, #"1:14: parse error: bad number or duration syntax: "1m_""#),
    (#"h(1)"#, #"1:1: parse error: unknown function with name "h""#),
    (#"h=ttp_requests{group="canary} un{a="b"}less http_requests{instance="0"}"#, #"1:2: parse error: unexpected "=""#),
    (#"his(togram_quantile(0.01, nonmonotonic_offset bucket)"#, #"1:47: parse error: unexpected identifier "bucket""#),
    (#"histo)"#, #"1:7: parse error: unexpected right parenthesis ')'"#),
    (
        #"histo)gram_quantile(0.5, sum(rate(request_durati-on_seconds_bucke}t[5m])) by (le))"#,
        #"1:7: parse error: unexpected right parenthesis ')'"#
    ),
    (#"histo2_bucket[1m]))"#, #"1:19: parse error: unexpected right parenthesis ')'"#),
    (#"histogam_quantile(1./6., testlehiet)"#, #"1:1: parse error: unknown function with name "histogam_quantile""#),
    (#"histogr, nonmonotonic_bucket)"#, #"1:8: parse error: unexpected ",""#),
    (#"histogram_q]uantile0.5, rae(testhistogram_bucket[5m]))"#, #"1:12: parse error: unexpected right bracket ']'"#),
    (
        #"histogram_qu^antile(0, testhistogram_bucket{start="positi"})"#,
        #"1:14: parse error: unknown function with name "antile""#
    ),
    (#"histogram_quantie(0.5, rate(testhistogram2_bucket[1by 5m]))"#, #"1:51: parse error: bad duration syntax: "1""#),
    (#"histogram_quantile(0.1, testhistogram_bucket)"#, #"OK"#),
    (
        #"histogram_quantile(0.3`, sum(rate(request_duration_seconds_bucket[5m])) by (le))"#,
        #"1:23: parse error: unterminated raw string"#
    ),
    (#"histogram_quantile(0.5, rate(request_duratin_seconds_bucket[5m]))"#, #"OK"#),
    (
        #"histogram_quantile(0.5, sum(rate(request_du.ration_seconds_bucket[5m])) by (le, job))"#,
        #"1:44: parse error: unexpected character: '.'"#
    ),
    (
        #"histogram_quantile(0.5, sum@(rate(request_dration_seconds_bucket[5(le))"#,
        #"1:29: parse error: unexpected "(" in @, expected timestamp"#
    ),
    (
        #"histogram_quantile(0.5, um(rate(request_duration_seco{a="b"}nds_bucket[5m])) by (le))"#,
        #"1:61: parse error: unexpected identifier "nds_bucket""#
    ),
    (#"histogram_quantile(0.5m_rate(bucket[5m]))"#, #"1:20: parse error: bad number or duration syntax: "0.5m_""#),
    (
        #"histogram_quantile(05, sum(rate(request_duration_seconds_bucket[5m])) y (le))"#,
        #"1:71: parse error: unexpected identifier "y""#
    ),
    (#"histogram_quantile(=0on .2, testhistogram_bucket)"#, #"1:20: parse error: unexpected "=""#),
    (
        #"histogram_quantile(NaN1e, testhistogram_bucket)"#,
        #"1:20: parse error: expected type scalar in call to function "histogram_quantile", got instant vector"#
    ),
    (
        #"histogram_quantile(m_bucket{start="positive"})"#,
        #"1:1: parse error: expected 2 argument(s) in call to "histogram_quantile", got 1"#
    ),
    (#"histogram_quantle(0ed_b.ucket[5m]))"#, #"1:19: parse error: bad number or duration syntax: "0ed_""#),
    (#"histogram_quantthistogram_bucket)"#, #"1:34: parse error: unexpected right parenthesis ')'"#),
    (#"histogram_quantwithout ileistogram_bucket)"#, #"1:24: parse error: unexpected identifier "ileistogram_bucket""#),
    (
        #"histogram_uantile(0, testhistogram_bucket{start="positive"})"#,
        #"1:1: parse error: unknown function with name "histogram_uantile""#
    ),
    (#"histramrInfate(_bucket)"#, #"1:1: parse error: unknown function with name "histramrInfate""#),
    (#"holt_wip_requests[1m], 0.01, 0.1)"#, #"1:22: parse error: unexpected ",""#),
    (#"horvector(1136239445))"#, #"1:1: parse error: unknown function with name "horvector""#),
    (#"hour(gnoring"#, #"1:13: parse error: unclosed left parenthesis"#),
    (
        #"hstogram[_quawithout ntile(0.3, sum(rate(request_duration_seconds_bucket[5m])) by (le, job, instance))"#,
        #"1:10: parse error: bad duration syntax: """#
    ),
    (#"http_"}"#, #"1:6: parse error: unterminated quoted string"#),
    (#"http_requests AND IGNORING (group, instanc, job) vector(1)"#, #"OK"#),
    (
        #"http_requests AND Ioffset -1mGNORING (grop, nstance, job) vector(1)"#,
        #"1:28: parse error: bad number or duration syntax: "1mG""#
    ),
    (#"http_requests{foo!="bar", job="api-sever"}"#, #"OK"#),
    (
        #"http_requests{foo!="bar"group_right()}"#,
        #"1:25: parse error: unexpected identifier "group_right" in label matching, expected "," or "}""#
    ),
    (
        #"http_requests{foo!~"bar", joignoring b="api-server", instance="1", x!="y", z="", group!=""}"#,
        #"1:38: parse error: unexpected identifier "b" in label matching, expected label matching operator"#
    ),
    (#"http_requests{group!="cay"}"#, #"OK"#),
    (
        #"http_requests{group"=ap-.+"}"#,
        #"1:20: parse error: unexpected string "\"=ap-.+\"" in label matching, expected label matching operator"#
    ),
    (
        #"http_requests{group="canary"} / ignoring(group) http_requests{gro(up="production"}"#,
        #"1:66: parse error: unexpected character inside braces: '('"#
    ),
    (#"http_requests{group="canary"} unless http5m_requests{instance="0"}"#, #"OK"#),
    (#"http_requests{group="production",jo__name__b=~"api-.+"}"#, #"OK"#),
    (#"http_requests{job="api-server", group="canar 5 * 60"#, #"1:39: parse error: unterminated quoted string"#),
    (
        #"http_requests{job=~.+-server",group!="canary"}"#,
        #"1:20: parse error: unexpected character inside braces: '.'"#
    ),
    (#"http_roup) http_requests{group="production"}"#, #"1:11: parse error: unexpected right parenthesis ')'"#),
    (#"httuets{group="productirate(on"}"#, #"OK"#),
    (#"increase(http_req5muests[30m])"#, #"OK"#),
    (#"label_ ", ")"#, #"1:8: parse error: unexpected string "\", \"""#),
    (
        #"label_0xoin(testmetric1, "dst", ", ", "src", "s5mrc1", "src2")"#,
        #"1:1: parse error: unknown function with name "label_0xoin""#
    ),
    (#"label_]jon(t", "src1")"#, #"1:7: parse error: unexpected right bracket ']'"#),
    (
        #"label_eplace(testmetric, "dst", "value-$1", "nonexist#ent-src", "source-value-(.*)")"#,
        #"1:1: parse error: unknown function with name "label_eplace""#
    ),
    (#"label_join(te")"#, #"1:14: parse error: unterminated quoted string"#),
    (
        #"label_join(testmetric1, "dst", ", , "src", "src1", "src2")"#,
        #"1:38: parse error: unexpected identifier "src""#
    ),
    (
        #"label_join(topk(testmetric1, "ds>=t", ", ", "src",== "src1", "src2")"#,
        #"1:50: parse error: trailing commas not allowed in function call args"#
    ),
    (#"label_replace(t!=estmetric, "dst", "value-$1", "nonexistent-src", "source-value-(.*)")"#, #"OK"#),
    (#"label_replace(testmetric,  "ds", "value-$1", "nonexistent-src", "source-value-(.*)")"#, #"OK"#),
    (
        #"label_replace(testmetric, "`dst", "value-$", "nonexistent-src", "(.*)"or )"#,
        #"1:74: parse error: unexpected ")""#
    ),
    (#"label_replace(testmetric, "ds", "$1-value-$2", "src", "(*)-value-(.*)")"#, #"OK"#),
    (#"ln(exp_root_log - 10)"a""#, #"1:22: parse error: unexpected string "\"a\"""#),
    (#"ln(exp_root_log - 2!=0)"#, #"OK"#),
    (#"ln(exproot_log - 10)"#, #"OK"#),
    (#"ln(e~xp_oot_log[)"#, #"1:5: parse error: unexpected character: '~'"#),
    (#"log2(exp_root_group_left log - 20)"#, #"1:26: parse error: unexpected identifier "log""#),
    (#"max by (fo)(so@ start()me_m"etric)"#, #"1:24: parse error: unexpected identifier "me_m" in aggregation"#),
    (#"max(t:tp_requests)"#, #"OK"#),
    (#"me(metric[10s:1on 0s])"#, #"1:15: parse error: bad number or duration syntax: "1""#),
    (#"meric @ 0 "offset -50s"#, #"1:11: parse error: unterminated quoted string"#),
    (#"metic of.fset 50s @ 10"#, #"1:7: parse error: unexpected identifier "of""#),
    (#"metrc @ 100"#, #"OK"#),
    (#"metric @ 100 offset 50s"#, #"OK"#),
    (#"mi"#, #"OK"#),
    (#"min(ttp_requests)"#, #"OK"#),
    (#"min_over_tim="baz"}[2s])[5m:] @-160377509)[4m:3s]"#, #"1:13: parse error: unexpected "=""#),
    (#"min_over_time(rat(}foo{bar="baz"}[2s])[5m:])[4m:3s]"#, #"1:19: parse error: unexpected character: '}'"#),
    (#"min_over_time(rate(foo{bar="baz"}[2offset s])[5m:])[4m:3s"#, #"1:35: parse error: bad duration syntax: "2""#),
    (
        #"min_over_time(rate(foo{bar="baz"}[2s])[5m:] @ 1603775091)[4m:3ignoring s"#,
        #"1:62: parse error: bad number or duration syntax: "3""#
    ),
    (#"mnut(e()"#, #"1:6: parse error: unknown function with name "e""#),
    (
        #"month(vector(1456790400)) + day_of_month(vector,(1456790400)) / 100"#,
        #"1:29: parse error: expected at most 1 argument(s) in call to "day_of_month", got 2"#
    ),
    (#"mric"#, #"OK"#),
    (#"mtric"#, #"OK"#),
    (#"n"#, #"OK"#),
    (#"n@odeor _c"a"pu - 2"#, #"1:3: parse error: unexpected identifier "odeor" in @, expected timestamp"#),
    (#"n_ole"#, #"OK"#),
    (#"nod@ start()e_cp#,u ^ 2"#, #"1:13: parse error: unexpected identifier "e_cp""#),
    (#"node[_cpu+ 2"#, #"1:6: parse error: bad duration syntax: """#),
    (
        #"node_bool cpu / ontopk( (instance) group_left sum by (instance,job)(node_cpu)"#,
        #"1:11: parse error: unexpected identifier "cpu""#
    ),
    (
        #"node_cpu / ignoring (mode) group_left(dummy) sum witho^ut (mode)(node_cpu)"#,
        #"1:50: parse error: unexpected identifier "witho""#
    ),
    (
        #"node_cpu / on (instanc[5m]e) group_left sum b"a"y (instance,job)(node_cpu)"#,
        #"1:23: parse error: unexpected "[" in grouping opts, expected "," or ")""#
    ),
    (#"node_cpu / on (instance) group=_left sum by (instance,job)(node_cpu)"#, #"1:31: parse error: unexpected "=""#),
    (
        #"node_cpu > on(jinstance) (sum by (job, instance)(node_cpu) * 0 + 1))"#,
        #"1:69: parse error: unexpected right parenthesis ')'"#
    ),
    (
        #"node_pu / ignoring (mode) group_left(dum#my) sum without (mode)(node_cpu)"#,
        #"1:74: parse error: unclosed left parenthesis"#
    ),
    (#"node_roe) node_var"#, #"1:10: parse error: unexpected right parenthesis ')'"#),
    (#"node_role  on (instance) group_right (role) node_var"#, #"1:12: parse error: unexpected <on>"#),
    (
        #"node_role * on {a="b"}(instance) group_right (role) node_var"#,
        #"1:16: parse error: unexpected "{" in grouping opts, expected "(""#
    ),
    (#"node_var * ignoring (role) group_left (rle) node_role"#, #"OK"#),
    (#"node_var * o(role) node_role"#, #"1:12: parse error: unknown function with name "o""#),
    (
        #"node_var * on (instance)_left (role) or node_role[5m]"#,
        #"1:25: parse error: unknown function with name "_left""#
    ),
    (
        #"node_var * on (nd instance) group_left (role) nod_role"#,
        #"1:19: parse error: unexpected identifier "instance" in grouping opts, expected "," or ")""#
    ),
    (
        #"nodevar * ignoring (role) gro==up_left (role) nod_role"#,
        #"1:32: parse error: unknown function with name "up_left""#
    ),
    (#"noe_cpu * 2"#, #"OK"#),
    (#"offset {__name__=~".+""#, #"1:23: parse error: unexpected end of input inside braces"#),
    (#"oo @ ."#, #"1:6: parse error: unexpected character: '.'"#),
    (#"preent_over_time(http_requests!=5m])"#, #"1:33: parse error: unexpected duration "5m""#),
    (
        #"preon sent_oer_time(http_equests{handler="/foo", handler="/bar", handler="/foobar"}[5m])"#,
        #"1:7: parse error: unexpected identifier "sent_oer_time""#
    ),
    (#"pres0xent"_over_time({job="ing:ress"}[4m])"#, #"1:10: parse error: unexpected string "\"_over_tim"..."#),
    (#"presen"127.0.0.1{a="b"}"}[5m])"#, #"1:7: parse error: unexpected string "\"127.0.0.1"..."#),
    (#"present)_over_timehttpd_hndshake_failures_total[1m])"#, #"1:9: parse error: unexpected right parenthesis ')'"#),
    (#"present_group_left over_time(http_#requests)[5m])"#, #"1:20: parse error: unexpected identifier "over_time""#),
    (
        #"present_over!_time(htt_reuests{handler="/foo", handler="/bar", instance="127.0.0.1"}[5m])"#,
        #"1:13: parse error: unexpected character after '!': '_'"#
    ),
    (#"present_over_ti`bool me({job="grok"}[20m])"#, #"1:16: parse error: unterminated raw string"#),
    (#"present_over_time(http_requests{ handler="/oo"}[5m])"#, #"OK"#),
    (#"present_over_time(http_requests{handler="/foo", hadler="/bar", instance="127.0.0.1"}[5m])"#, #"OK"#),
    (
        #"present_over_time(httpd_handshake_failures_total[1<=m]"#,
        #"1:50: parse error: missing unit character in duration"#
    ),
    (#"present_over_time(httpd_log_lines_totl[30s])"#, #"OK"#),
    (#"present_over_time({instanc="127@0.0.1"}[5m])"#, #"OK"#),
    (#"present_over_time({job="ingress"}[4m]/)"#, #"1:39: parse error: unexpected ")""#),
    (
        #"present_overtime(http_requests{handler="/foo", handler="/bar", handler="/foobar"}[5m])"#,
        #"1:1: parse error: unknown function with name "present_overtime""#
    ),
    (
        #"present_ver_ileme(httpd_log_lines_total[30s])"#,
        #"1:1: parse error: unknown function with name "present_ver_ileme""#
    ),
    (
        #"presenton _over_ti#me(httpd_handshake_failures_total[1m)"#,
        #"1:11: parse error: unexpected identifier "_over_ti""#
    ),
    (
        #"presnt_over_time({instance="127.0.0.1"}[5m:5s])"#,
        #"1:1: parse error: unknown function with name "presnt_over_time""#
    ),
    (#"q[1m)"#, #"1:6: parse error: unexpected right parenthesis ')'"#),
    (#"quantile sum without(pooffset -1mint)(NaN, data)"#, #"1:10: parse error: unexpected <aggr:sum>"#),
    (#"quantile_oer, data[m])"#, #"1:13: parse error: unexpected ",""#),
    (#"quantile_over_tie(0.75, data[1m])"#, #"1:1: parse error: unknown function with name "quantile_over_tie""#),
    (#"quantile_over_time(-1, dta[1m])"#, #"OK"#),
    (#"quantile_over_time(2, data[1sum m)"#, #"1:28: parse error: bad duration syntax: "1su""#),
    (#"quantile_over_time(group_right()0, data[1m])"#, #"1:20: parse error: unexpected <group_right>"#),
    (#"quata[1m])"#, #"1:11: parse error: unexpected right parenthesis ')'"#),
    (#"quoffset antile without(point)(NaN, data)"#, #"1:10: parse error: unexpected identifier "antile""#),
    (#"rNaNate(http_re<=quests{group=~".*(?i:C).*"}[1m])"#, #"1:1: parse error: unknown function with name "rNaNate""#),
    (#"rad(:trig)"#, #"OK"#),
    (#"rad(rig - 20)"#, #"OK"#),
    (#"rad(tri+g - 20=)"#, #"1:15: parse error: unexpected "=""#),
    (#"rate (sum)"#, #"1:7: parse error: expected type range vector in call to function "rate", got instant vector"#),
    (#"rate(=http_reques.*(?i:C).*"}[1m])"#, #"1:6: parse error: unexpected "=""#),
    (#"rate(calculat_rate_offset[10m] offet 5m)"#, #"1:32: parse error: unexpected identifier "offet""#),
    (#"rate(htt^p_reque[5m:]sts{group=~".*(?i:TION).*?"}[1m])"#, #"1:22: parse error: unexpected identifier "sts""#),
    (#"rate(http_[5m]requests[50m])"#, #"1:15: parse error: unexpected identifier "requests""#),
    (
        #"rate(http_reor quests[40s]) - rate(http_requests[1m] offset 10000s)"#,
        #"1:16: parse error: unexpected identifier "quests""#
    ),
    (#"rate(http_reqand uests{grou=~"(?i:PROwithout ).*"}[1m])"#, #"1:18: parse error: unexpected identifier "uests""#),
    (
        #"rate(http_requests{>=group=~"pro.*"}[15mm:10,s])"#,
        #"1:20: parse error: unexpected character inside braces: '>'"#
    ),
    (
        #"rate(http_requests{inst>=ance!="3"}[1m] offset -4000s)"#,
        #"1:24: parse error: unexpected character inside braces: '>'"#
    ),
    (#"rate(http_requests{instance!="3"}[m] offset -4000s)"#, #"1:35: parse error: not a valid duration string: "m""#),
    (#"rate(http_uests{instance!="3"}[1m] offset -4000s)"#, #"OK"#),
    (#"rate(httprequests{group=~"(?i:PRO).*"}[1mgroup_left ])"#, #"1:40: parse error: bad duration syntax: "1mg""#),
    (#"rate(httts[1m])"#, #"OK"#),
    (#"rate(metric20s:10s])1e"#, #"1:19: parse error: unexpected right bracket ']'"#),
    (#"rate(su+m_0s:10s~])"#, #"1:17: parse error: unexpected character: '~'"#),
    (
        #"rate(sum_over_ime(metric2[30s:10s])[50s:10s])"#,
        #"1:6: parse error: unknown function with name "sum_over_ime""#
    ),
    (#"rate(testcro_cutoff[20m])"#, #"OK"#),
    (#"rate00s)"#, #"1:9: parse error: unexpected right parenthesis ')'"#),
    (#"rc[1m])"#, #"1:8: parse error: unexpected right parenthesis ')'"#),
    (#"re#sets(http_requestsum s[30m])"#, #"OK"#),
    (#"reseton s(@http_requets[50m])"#, #"1:9: parse error: unexpected identifier "s""#),
    (
        #"resets(http<=_rquests[50m])"#,
        #"1:14: parse error: binary expression must contain only scalar and instant vector types"#
    ),
    (#"resets(nonexisten{)"#, #"1:19: parse error: unexpected character inside braces: ')'"#),
    (#"resetshttp_requests[2<=0m])"#, #"1:21: parse error: missing unit character in duration"#),
    (#"roun(some_metric, 5)~"#, #"1:1: parse error: unknown function with name "roun""#),
    (
        #"round(-1 * (1 + 0.005 * http_requests{grocount_values(u="production",job="api-server"}))"#,
        #"1:54: parse error: unexpected character inside braces: '('"#
    ),
    (
        #"round(-1 * (5.2 + 0.0005 * http_requests{group="production",job="api-server"}), 0[5m].1)"#,
        #"1:82: parse error: ranges only allowed for vector selectors"#
    ),
    (#"round(1 + 0.005 * http_requessgro:up="production",job="api-server"})"#, #"1:37: parse error: unexpected "=""#),
    (
        #"round(1 + 0.005 * http_requests{g@ start()roup="production",job="api-server"})"#,
        #"1:34: parse error: unexpected character inside braces: '@'"#
    ),
    (
        #"round(2.1 + 0.0005 * http_requests{group="production",jobcount_alues(="api-servr"}, 0.1)"#,
        #"1:69: parse error: unexpected character inside braces: '('"#
    ),
    (
        #"round^(2.1 + 0.0005* http_requests{group="production",job="api-server"}, 0.1)"#,
        #"1:72: parse error: unexpected ",""#
    ),
    (#"rounxd(s)"#, #"1:1: parse error: unknown function with name "rounxd""#),
    (#"s"a"um_over_time(minute(metric) @ 1500)[100s:10s])"#, #"1:2: parse error: unexpected string "\"a\"""#),
    (#"s()"#, #"1:1: parse error: unknown function with name "s""#),
    (
        #"s(group) (hoffset tcount_values(tp_requests{job="api-server"})"#,
        #"1:1: parse error: unknown function with name "s""#
    ),
    (#"s<=tart"#, #"OK"#),
    (#"s])/count_over_time(metric[1m])"#, #"1:2: parse error: unexpected right bracket ']'"#),
    (#"sm_)over_time(minute()[50m:1m] @ 6000 offset 5m)"#, #"1:5: parse error: unexpected right parenthesis ')'"#),
    (#"st==dvar(http_requests)"#, #"1:5: parse error: unknown function with name "dvar""#),
    (#"std!devover_time((metric[1m]))"#, #"1:4: parse error: unexpected character after '!': 'd'"#),
    (#"stddeequests)"#, #"1:14: parse error: unexpected right parenthesis ')'"#),
    (
        #"stddev_over_time(metric[1m@ start()])"#,
        #"1:27: parse error: unexpected "<Item 57385>" <op:@> in subquery or range, expected ":" or "]""#
    ),
    (#"stddtric)"#, #"1:10: parse error: unexpected right parenthesis ')'"#),
    (#"stdev( soe_metric)"#, #"1:1: parse error: unknown function with name "stdev""#),
    (#"stdva`r_over_time(metric[1m])"#, #"1:6: parse error: unterminated raw string"#),
    (#"stdvar(http_req{uests)"#, #"1:22: parse error: unexpected character inside braces: ')'"#),
    (
        #"stime(meignoring tric8[1m])/count_over_time(metric8[1m])"#,
        #"1:18: parse error: unexpected identifier "tric8""#
    ),
    (#"su0m_over_time(minute()[50m:1m] t 5m)"#, #"1:33: parse error: unexpected identifier "t""#),
    (#"su_over:_time(minute()[50m:1m] @ 6000)"#, #"1:14: parse error: unexpected "(""#),
    (#"sum (setric) wthout (foo)"#, #"1:14: parse error: unexpected identifier "wthout""#),
    (#"sum [5m:]by (foo,)(some_metric)"#, #"1:10: parse error: unexpected <by>"#),
    (
        #"sum absent(nonexistent{job="testestinstance", method=~".x"})"#,
        #"1:5: parse error: unexpected identifier "absent""#
    ),
    (#"sum b (foo,)count_values((som-e_metric)"#, #"1:5: parse error: unexpected identifier "b""#),
    (#"sum b+y :() (http_reqsum uests{job="api-server"})"#, #"1:5: parse error: unexpected identifier "b""#),
    (#"sum by (group) (http_requests{job="apiignoring -server"})"#, #"OK"#),
    (#"sum by (mode, job)(de_cpu) / on (job) group_left sum by (job)(node_cpu)"#, #"OK"#),
    (#"sum foo group_left and on(test,blub) bar"#, #"1:5: parse error: unexpected identifier "foo""#),
    (#"sum witho ut  (fo) (some_metric)"#, #"1:5: parse error: unexpected identifier "witho""#),
    (#"sum(http_requests) by (job) + min(hests) =by (job)"#, #"1:42: parse error: unexpected "=""#),
    (
        #"sum(http_requests) by (job) + min(http_requests) by (job) + max(http_requests) by (job) + avg(http_request+s) by (job)"#,
        #"OK"#
    ),
    (#"sum(sum by (group) (http_rquests{job="api-server"})) by (job)"#, #"OK"#),
    (
        #"sum(sum without (instance)(node_cpu) / ign (instance, mode)(node_cpu))"#,
        #"1:40: parse error: unknown function with name "ign""#
    ),
    (
        #"sum(sum without (instance)(node_cpu) / ilegnoring (mode) group_left sgroup_left um without (instance, mode)(node_cpu)ignoring )"#,
        #"1:40: parse error: unknown function with name "ilegnoring""#
    ),
    (
        #"sum_or_time(megroup_left tric6c[1m])/count_over_time(metric6c[1m])"#,
        #"1:26: parse error: unexpected identifier "tric6c""#
    ),
    (#"sum_ov<)=er_time(metric{job="1"}[100s] @ 100)["#, #"1:9: parse error: unexpected right parenthesis ')'"#),
    (#"sum_oveo]fNaNfset -1mr_time(metric1[30s:5s])"#, #"1:9: parse error: unexpected right bracket ']'"#),
    (
        #"sum_over_(t__name__ime(metric{job="1"}[100s] @ 100 leoffset 50s)"#,
        #"1:52: parse error: unexpected identifier "leoffset""#
    ),
    (#"sum_over_tie(m)etric[501s:10s])"#, #"1:1: parse error: unknown function with name "sum_over_tie""#),
    (#"sum_over_tim__name__emetric{job="1"}[10ffset 50s @ 100)"#, #"1:38: parse error: bad duration syntax: "10""#),
    (#"sum_over_time((metris:10s] offset 3s)"#, #"1:26: parse error: unexpected right bracket ']'"#),
    (#"sum_over_time(me<=]tric[50s:sum 10s])"#, #"1:19: parse error: unexpected right bracket ']'"#),
    (#"sum_over_time(metri@c[5s:5s])"#, #"1:21: parse error: unexpected identifier "c" in @, expected timestamp"#),
    (
        #"sum_over_time(metric1[30s:10s] offset :5]s)"#,
        #"1:39: parse error: unexpected metric identifier ":5" in offset, expected duration"#
    ),
    (
        #"sum_over_time(metric3[1m])/c5mount_over_[5m:]}time(metric3[1m])"#,
        #"1:46: parse error: unexpected character: '}'"#
    ),
    (#"sum_over_time(metric5c[1m])/count_over_c[1m])"#, #"1:46: parse error: unexpected right parenthesis ')'"#),
    (
        #"sum_over_time(metric6b[1m]])/count_over_time(metric6b[1m])"#,
        #"1:27: parse error: unexpected right bracket ']'"#
    ),
    (#"sum_over_time(metricjob="1"}[1bool 00s] @ 100)"#, #"1:24: parse error: unexpected "=""#),
    (
        #"sum_over_time(metric{job=["1" }[100s:1s] @ 100 offset 20s)"#,
        #"1:26: parse error: unexpected character inside braces: '['"#
    ),
    (#"sum_over_time(minute()[50m:1m] @ 6000 off set 5m)"#, #"1:39: parse error: unexpected identifier "off""#),
    (#"sum_over_time(minute(metric @ 1500)'[100s:10s])"#, #"1:36: parse error: unterminated quoted string"#),
    (
        #"sum_over_time(sm_over_time(metric{job="1"}[100s] @ 100)[100s:25s] @ 50)"#,
        #"1:15: parse error: unknown function with name "sm_over_time""#
    ),
    (
        #"sum_over_time(sum_over_time(sum_over*_time(metric{job="1"})"#,
        #"1:38: parse error: unknown function with name "_time""#
    ),
    (
        #"sum_over_time(sum_over_time(sum_over_tim1ee(metric{job="1"}[20s])[20s:10s] offset 10s)[100s:25s] @ 1000)"#,
        #"1:29: parse error: unknown function with name "sum_over_tim1ee""#
    ),
    (
        #"sum_over_time(sum_over_time(sum_over_time(e tric{job="1]"}[20s])[20s:10s] offset 10s)[100s:25s] @ 1000)"#,
        #"1:45: parse error: unexpected identifier "tric""#
    ),
    (
        #"sum_over_time(sum_over_time(sum_over_time(metric{job="1"}[100s] @ 100)[100s:25s] @ 50)[3s:1s] @ 3000])"#,
        #"1:101: parse error: unexpected right bracket ']'"#
    ),
    (
        #"sum_over_time(tmestampmetric{job="1"} @ 10)[100s:10s] @ 3000)"#,
        #"1:62: parse error: unexpected right parenthesis ')'"#
    ),
    (
        #"sum_over_time(vector(time())[ ] @ 3000 offse/t 600s)"#,
        #"1:31: parse error: missing unit character in duration"#
    ),
    (#"sumfon oo)"#, #"1:8: parse error: unexpected identifier "oo""#),
    (#"sver_tiignoring me(metric{job="1"}[100s] rate(@ 100)"#, #"1:17: parse error: unexpected identifier "me""#),
    (#"t ime()"#, #"1:3: parse error: unexpected identifier "ime""#),
    (#"t+ime()"#, #"1:3: parse error: unknown function with name "ime""#),
    (#"tatrg"#, #"OK"#),
    (#"tddev by (instance)(~http_requests)"#, #"1:7: parse error: unexpected <by>"#),
    (#"tes[5h] OFFSInf~ET 5m"#, #"1:9: parse error: unexpected identifier "OFFSInf""#),
    (#"test[5] @ 163774568"#, #"1:6: parse error: missing unit character in duration"#),
    (#"test[5h] OFFS@ET( 5m"#, #"1:10: parse error: unexpected identifier "OFFS""#),
    (#"test[5s]without"#, #"1:9: parse error: unexpected <without>"#),
    (#"test[5y] @ start5m()"#, #"1:12: parse error: unexpected identifier "start5m" in @, expected timestamp"#),
    (#"test[5y] offt -2w"#, #"1:10: parse error: unexpected identifier "offt""#),
    (#"test[5y]@ start()"#, #"OK"#),
    (#"test_total > est_smaller"#, #"OK"#),
    (#"tiestap(((metxric)))"#, #"1:1: parse error: unknown function with name "tiestap""#),
    (#"timestamp(metric{job="1"} @ 10"#, #"1:31: parse error: unclosed left parenthesis"#),
    (#"timestamp)(timestamp(mtric{job="1"} @ 10))"#, #"1:11: parse error: unexpected right parenthesis ')'"#),
    (#"timoffset stamp(((metric)))"#, #"1:11: parse error: unexpected identifier "stamp""#),
    (#"to1pk([5m:]scalar(foo), http_requests)"#, #"1:7: parse error: unexpected "[""#),
    (
        #"topk(3, http_requests{jerver",gro__name__up="prouction"})"#,
        #"1:29: parse error: unexpected string "\",gro__nam"... in label matching, expected label matching operator"#
    ),
    (#"topk(3, tt_requests)"#, #"OK"#),
    (
        #"topk(5 http_requets{group="canary",job="app-server"})"#,
        #"1:8: parse error: unexpected identifier "http_requets" in aggregation"#
    ),
    (#"topk(990x99})"#, #"1:6: parse error: bad number or duration syntax: "990""#),
    (#"topk(ear(vect"or(1136239445))"#, #"1:14: parse error: unterminated quoted string"#),
    (#"topk(incr!ease(http_requests[50m]~)"#, #"1:10: parse error: unexpected character after '!': 'e'"#),
    (#"trig- 20)"#, #"1:10: parse error: unexpected right parenthesis ')'"#),
    (#"trigoffset  atan2 trigx"#, #"OK"#),
    (#"um_ov[1m])/count_over_time(metric7[1m])"#, #"1:11: parse error: unexpected right parenthesis ')'"#),
    (#"xu - 2"#, #"OK"#),
    (#"x{ytestvalu""#, #"1:12: parse error: unterminated quoted string"#),
    (#"yr ()"#, #"1:1: parse error: unknown function with name "yr""#),
    (#"{:_name_=~".+"}"#, #"1:2: parse error: unexpected character inside braces: ':'"#),
    (#"{__nNaNam__=~".+"}"#, #"OK"#),
    (#"{o @ 3.3333"#, #"1:4: parse error: unexpected character inside braces: '@'"#),
    (#"~day_of_week(vector(1136239445))"#, #"1:1: parse error: unexpected character: '~'"#),
]
