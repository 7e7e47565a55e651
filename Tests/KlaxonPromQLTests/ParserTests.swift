import KlaxonModel
import Testing

@testable import KlaxonPromQL

private func parseError(_ input: String, _ options: ParserOptions = .init()) -> String? {
    do {
        _ = try parseExpr(input, options: options)
        return nil
    } catch {
        return error.description
    }
}

private func printed(_ input: String) -> String {
    do {
        return try parseExpr(input).description
    } catch {
        return "error: \(error)"
    }
}

struct ParserTests {
    @Test(arguments: promtoolErrorCases)
    func invalidInputFailsWithPromtoolWording(input: String, expected: String) {
        #expect(parseError(input, .prometheus2) == expected)
    }

    @Test(arguments: promtoolRegexCases)
    func regexSyntaxErrorsMatchGo(input: String, expected: String) {
        #expect((parseError(input, .prometheus2) ?? "OK") == expected)
    }

    /// Unicode class names as Go 1.19 knows them (recorded with promtool 2.42): categories and Unicode 13 scripts
    /// pass, with or without `^`; other names, lower-case spellings and Unicode 14 scripts do not.
    @Test func unicodeClassNamesAreGos() {
        for name in ["L", "Lu", "Zs", "Any", "Greek", "^Greek", "Old_Italic", "Yezidi", "Khitan_Small_Script"] {
            #expect(parseError(#"foo{a=~"\\p{\#(name)}"}"#, .prometheus2) == nil, "\(name)")
        }
        #expect(parseError(#"foo{a=~"\\PL"}"#, .prometheus2) == nil)
        for name in ["LC", "Cn", "Latn", "greek", "Vithkuqi", "Script=Greek"] {
            #expect(
                parseError(#"foo{a=~"\\p{\#(name)}"}"#, .prometheus2)
                    == "1:5: parse error: error parsing regexp: invalid character class range: `\\p{\(name)}`"
            )
        }
        #expect(
            parseError(#"foo{a=~"\\pX"}"#, .prometheus2)
                == "1:5: parse error: error parsing regexp: invalid character class range: `\\pX`"
        )
    }

    @Test(arguments: promtoolMutationCases)
    func mutationsFailOrPassLikePromtool(input: String, expected: String) {
        #expect((parseError(input, .prometheus2) ?? "OK") == expected)
    }

    @Test(arguments: promtoolPrefixCases)
    func prefixesFailOrPassLikePromtool(input: String, expected: String) {
        #expect((parseError(input, .prometheus2) ?? "OK") == expected)
    }

    @Test(arguments: prometheusPrintedForms)
    func inputPrometheusAcceptsParsesAndPrintsTheSame(input: String, expected: String) throws {
        #expect(try parseExpr(input, options: .prometheus2).description == expected)
        // 3.x accepts all of it too, except the function it renamed.
        if !input.contains("holt_winters") { #expect(parseError(input) == nil) }
    }

    /// Valid inputs and their printed (normalised) form (checked against Prometheus 2.42's format_query).
    static let printedForms: [(String, String)] = [
        ("1", "1"),
        ("-1", "-1"),
        ("+1", "1"),
        ("0x10", "16"),
        ("017", "15"),
        ("08", "8"),
        (".5", "0.5"),
        ("5.", "5"),
        ("1e3", "1000"),
        ("1e6", "1e+06"),
        ("1.5e-7", "1.5e-07"),
        ("Inf", "+Inf"),
        ("-inf", "-Inf"),
        ("NaN", "NaN"),
        ("\"foo\"", "\"foo\""),
        ("'foo\\'s'", "\"foo's\""),
        ("`a\\b`", "\"a\\\\b\""),
        ("\"\\x41\\u00e9\\n\"", "\"Aé\\n\""),
        ("foo", "foo"),
        ("foo:bar", "foo:bar"),
        ("foo{}", "foo"),
        ("foo{b=\"2\", a!=\"1\", c=~\"x.*\", d!~\"y\"}", "foo{a!=\"1\",b=\"2\",c=~\"x.*\",d!~\"y\"}"),
        ("{__name__=~\"foo.+\"}", "{__name__=~\"foo.+\"}"),
        ("{a=\"b\",}", "{a=\"b\"}"),
        ("foo[5m]", "foo[5m]"),
        ("foo[1h30m]", "foo[1h30m]"),
        ("foo[90m]", "foo[1h30m]"),
        ("foo offset 5m", "foo offset 5m"),
        ("foo offset -5m", "foo offset -5m"),
        ("foo[5m] offset 1w", "foo[5m] offset 1w"),
        ("foo @ 1", "foo @ 1.000"),
        ("foo @ -1.5", "foo @ -1.500"),
        ("foo @ start()", "foo @ start()"),
        ("foo @ end() offset 1m", "foo @ end() offset 1m"),
        ("foo offset 1m @ 10", "foo @ 10.000 offset 1m"),
        ("foo[5m] @ 100", "foo[5m] @ 100.000"),
        ("rate(foo[5m])[30m:1m]", "rate(foo[5m])[30m:1m]"),
        ("foo[30m:]", "foo[30m:]"),
        ("foo[30m:] offset 5m @ end()", "foo[30m:] @ end() offset 5m"),
        ("a + b * c", "a + b * c"),
        ("(a + b) * c", "(a + b) * c"),
        ("a ^ b ^ c", "a ^ b ^ c"),
        ("-a ^ b", "-a ^ b"),
        ("a and b or c unless d", "a and b or c unless d"),
        ("a > bool 1", "a > bool 1"),
        ("1 == bool 1", "1 == bool 1"),
        ("a + on(b) group_left(c) d", "a + on (b) group_left (c) d"),
        ("a + ON(b) GROUP_LEFT d", "a + on (b) group_left () d"),
        ("a * ignoring(b, c) group_right d", "a * ignoring (b, c) group_right () d"),
        ("a == on() b", "a == on () b"),
        ("a and on(x) b", "a and on (x) b"),
        ("a atan2 b", "a atan2 b"),
        ("sum(foo)", "sum(foo)"),
        ("sum by (job) (rate(x[5m]))", "sum by (job) (rate(x[5m]))"),
        ("sum(rate(x[5m])) by (job, instance)", "sum by (job, instance) (rate(x[5m]))"),
        ("sum without (a) (x)", "sum without (a) (x)"),
        ("sum without () (x)", "sum without () (x)"),
        ("sum by () (x)", "sum(x)"),
        ("SUM BY (a) (x)", "sum by (a) (x)"),
        ("topk(5, x)", "topk(5, x)"),
        ("quantile without (a) (0.9, x)", "quantile without (a) (0.9, x)"),
        ("count_values(\"v\", x)", "count_values(\"v\", x)"),
        ("sum by (and, by, offset) (x)", "sum by (and, by, offset) (x)"),
        ("time()", "time()"),
        ("round(x, 5)", "round(x, 5)"),
        ("label_join(x, \"a\", \",\", \"b\", \"c\")", "label_join(x, \"a\", \",\", \"b\", \"c\")"),
        (
            "histogram_quantile(0.9, sum by (le) (rate(x_bucket[5m])))",
            "histogram_quantile(0.9, sum by (le) (rate(x_bucket[5m])))"
        ),
        ("sum", "sum"),
        ("and", "and"),
        ("offset", "offset"),
        ("sum offset 5m", "sum offset 5m"),
        ("foo # comment\n+ bar", "foo + bar"),
        ("-(foo)", "-(foo)"),
        ("- - 1", "1"),
        ("1 - -1", "1 - -1"),
    ]

    @Test(arguments: printedForms)
    func printsNormalisedForm(input: String, expected: String) {
        #expect(printed(input) == expected)
    }

    @Test func precedenceAndAssociativity() throws {
        // `*` binds tighter than `+`, `-` is left-associative, `^` right-associative.
        guard case .binary(let add) = try parseExpr("a + b * c"), case .binary(let mul) = add.rhs else {
            Issue.record("expected a + (b * c)")
            return
        }
        #expect(add.op == .add && mul.op == .mul)
        guard case .binary(let sub) = try parseExpr("a - b - c"), case .binary(let inner) = sub.lhs else {
            Issue.record("expected (a - b) - c")
            return
        }
        #expect(sub.op == .sub && inner.op == .sub)
        guard case .binary(let pow) = try parseExpr("a ^ b ^ c"), case .binary(let right) = pow.rhs else {
            Issue.record("expected a ^ (b ^ c)")
            return
        }
        #expect(pow.op == .pow && right.op == .pow)
        guard case .binary(let or) = try parseExpr("a or b and c"), case .binary(let and) = or.rhs else {
            Issue.record("expected a or (b and c)")
            return
        }
        #expect(or.op == .or && and.op == .and)
        guard case .binary(let cmp) = try parseExpr("a + 1 > b unless c"), case .binary(let gt) = cmp.lhs,
            case .binary(let plus) = gt.lhs
        else {
            Issue.record("expected ((a + 1) > b) unless c")
            return
        }
        #expect(cmp.op == .unless && gt.op == .gtr && plus.op == .add)
        // Unary minus binds like `*`: -a ^ b is -(a ^ b), -a * b is (-a) * b.
        guard case .unary(let neg) = try parseExpr("-a ^ b"), case .binary(let p) = neg.expr else {
            Issue.record("expected -(a ^ b)")
            return
        }
        #expect(p.op == .pow)
        guard case .binary(let m) = try parseExpr("-a * b"), case .unary = m.lhs else {
            Issue.record("expected (-a) * b")
            return
        }
    }

    @Test func selectorShape() throws {
        guard case .vectorSelector(let v) = try parseExpr("foo{a=\"b\", c=~\"d|e\"} offset -5m @ 12.5") else {
            Issue.record("expected a vector selector")
            return
        }
        #expect(v.name == "foo")
        #expect(
            v.matchers == [
                .equal("a", "b"), try LabelMatcher(.regexMatch, "c", "d|e"), .equal("__name__", "foo"),
            ]
        )
        #expect(v.offset == -300_000)
        #expect(v.at == .timestamp(12_500))
        #expect(v.position == PositionRange(start: 0, end: 38))
    }

    @Test func matrixAndSubqueryShape() throws {
        guard case .call(let call) = try parseExpr("rate(foo[5m] offset 1h)"),
            case .matrixSelector(let m) = call.args.first
        else {
            Issue.record("expected rate(matrix)")
            return
        }
        #expect(call.function.name == "rate" && call.function.returnType == .vector)
        #expect(m.range == 300_000 && m.selector.offset == 3_600_000)
        guard case .subquery(let s) = try parseExpr("max_over_time(x[1m])[1h:30s] @ start()") else {
            Issue.record("expected a subquery")
            return
        }
        #expect(s.range == 3_600_000 && s.step == 30_000 && s.at == .start)
        #expect(s.expr.type == .vector)
    }

    @Test func vectorMatchingIsNormalised() throws {
        guard case .binary(let set) = try parseExpr("a and b") else {
            Issue.record("expected a binary expression")
            return
        }
        #expect(set.matching == VectorMatching(cardinality: .manyToMany))
        guard case .binary(let scalarSide) = try parseExpr("a * 2") else {
            Issue.record("expected a binary expression")
            return
        }
        #expect(scalarSide.matching == nil)
        guard case .binary(let grouped) = try parseExpr("a / on(x, y) group_left(z) b") else {
            Issue.record("expected a binary expression")
            return
        }
        #expect(
            grouped.matching
                == VectorMatching(cardinality: .manyToOne, matchingLabels: ["x", "y"], on: true, include: ["z"])
        )
        guard case .binary(let cmp) = try parseExpr("a >= bool b") else {
            Issue.record("expected a binary expression")
            return
        }
        #expect(cmp.returnBool && cmp.matching == VectorMatching())
    }

    @Test func aggregationShape() throws {
        guard case .aggregate(let a) = try parseExpr("topk by (job) (3, rate(x[5m]))") else {
            Issue.record("expected an aggregation")
            return
        }
        #expect(a.op == .topk && a.grouping == ["job"] && !a.without)
        #expect(a.parameter == .number(NumberLiteral(value: 3, position: PositionRange(start: 15, end: 16))))
        #expect(a.expr.type == .vector)
    }

    @Test func deepNestingIsAnErrorNotACrash() throws {
        let ok = String(repeating: "(", count: 150) + "1" + String(repeating: ")", count: 150)
        #expect(try parseExpr(ok).description == ok)
        let unary = String(repeating: "-", count: 150) + "foo"
        #expect(try parseExpr(unary).type == .vector)
        let hostile = String(repeating: "(", count: 100_000) + "1" + String(repeating: ")", count: 100_000)
        #expect(parseError(hostile) == "1:201: parse error: expression nests deeper than 200 levels")
        let chain = Array(repeating: "foo", count: 400).joined(separator: " or ")
        #expect(parseError(chain) == nil)
        let longChain = Array(repeating: "foo", count: 100_000).joined(separator: " or ")
        #expect(parseError(longChain) == "1:3498: parse error: expression tree is deeper than 500 levels")
        // Nested chains add up: 100 parenthesised left operands under chains of 9 are 1000 levels deep.
        let nestedChains =
            String(repeating: "(", count: 100) + "a"
            + String(repeating: " + a + a + a + a + a + a + a + a + a)", count: 100)
        #expect(parseError(nestedChains)?.hasSuffix("expression tree is deeper than 500 levels") == true)
        let calls = String(repeating: "abs(", count: 10_000) + "foo" + String(repeating: ")", count: 10_000)
        #expect(parseError(calls)?.hasSuffix("expression nests deeper than 200 levels") == true)
    }

    @Test func emptyInput() {
        #expect(parseError("") == "1:1: parse error: no expression found in input")
        #expect(parseError("# just a comment\n\n") == "1:1: parse error: no expression found in input")
        #expect(parseError("  \n ") == "1:1: parse error: no expression found in input")
    }

    @Test func multilinePositionsAreLineColumn() {
        #expect(
            parseError("foo +\n  bar +\n   rate(x)")
                == "3:9: parse error: expected type range vector in call to function \"rate\", got instant vector"
        )
        #expect(parseError("sum(\nfoo") == "2:4: parse error: unclosed left parenthesis")
    }

    @Test func dotMatchesNewlineDependsOnMode() throws {
        guard case .vectorSelector(let v3) = try parseExpr("{a=~\"x.y\"}"),
            case .vectorSelector(let v2) = try parseExpr("{a=~\"x.y\"}", options: .prometheus2)
        else {
            Issue.record("expected selectors")
            return
        }
        #expect(v3.matchers[0].matches("x\ny"))
        #expect(!v2.matchers[0].matches("x\ny"))
        #expect(v2.matchers[0].matches("x-y"))
    }

    @Test func experimentalFunctionsNeedTheFlag() {
        let on = ParserOptions(enableExperimentalFunctions: true)
        #expect(
            parseError("sort_by_label(foo, \"a\")") == "1:1: parse error: function \"sort_by_label\" is not enabled"
        )
        #expect(parseError("sort_by_label(foo, \"a\", \"b\")", on) == nil)
        #expect(parseError("mad_over_time(foo[5m])", on) == nil)
        #expect(parseError("double_exponential_smoothing(foo[5m], 0.5, 0.5)", on) == nil)
        #expect(
            parseError("limitk(1, foo)")
                == "1:1: parse error: limitk() is experimental and must be enabled with --enable-feature=promql-experimental-functions"
        )
        #expect(parseError("limitk(1, foo)", on) == nil)
        #expect(parseError("limit_ratio(0.5, foo)", on) == nil)
        #expect(
            parseError("limit_ratio(\"a\", foo)", on)
                == "1:13: parse error: expected type scalar in aggregation parameter, got string"
        )
    }

    @Test func prometheus3AcceptsNumbersAsDurationsAndBack() throws {
        #expect(printed("time() - 5m") == "time() - 300")
        #expect(printed("foo[100]") == "foo[1m40s]")
        #expect(printed("foo[1.5]") == "foo[1s500ms]")
        #expect(printed("foo offset 50") == "foo offset 50s")
        #expect(printed("foo offset -50") == "foo offset -50s")
        #expect(printed("foo @ 100s") == "foo @ 100.000")
        #expect(printed("rate(foo[5m])[30:10]") == "rate(foo[5m])[30s:10s]")
        #expect(parseError("foo[0]") == "1:5: parse error: duration must be greater than 0")
        #expect(parseError("foo[5m:1]", .prometheus2) != nil)
        let on = ParserOptions(enableExperimentalFunctions: true)
        #expect(try parseExpr("end() - start()", options: on).type == .scalar)
        #expect(try parseExpr("min_of(step(), range())", options: on).type == .scalar)
        #expect(parseError("start()") == "1:6: parse error: unexpected \"(\"")
    }

    /// Type-check order as Prometheus's `checkAST` (arity before argument types, aggregation expression before
    /// its parameter) and version-specific function sets; expected texts from promtool 2.42.
    static let checkOrderCases: [(String, String)] = [
        (
            "sum(foo) by (a) offset 5m",
            "1:1: parse error: offset modifier must be preceded by an instant vector selector or range vector selector or a subquery"
        ),
        ("rate(foo[5m], foo[5m])", "1:1: parse error: expected 1 argument(s) in call to \"rate\", got 2"),
        ("rate(1)", "1:6: parse error: expected type range vector in call to function \"rate\", got scalar"),
        ("abs(rate(foo), 1)", "1:1: parse error: expected 1 argument(s) in call to \"abs\", got 2"),
        (
            "topk(rate(x), rate(y))",
            "1:20: parse error: expected type range vector in call to function \"rate\", got instant vector"
        ),
        (
            "label_join(foo, \"a\", \",\", 1)",
            "1:27: parse error: expected type string in call to function \"label_join\", got scalar"
        ),
        (
            "foo{a=\"b\"} and on(c) group_left(d) 1",
            "1:1: parse error: vector matching only allowed between instant vectors"
        ),
        ("sort_by_label(foo, \"a\")", "1:1: parse error: unknown function with name \"sort_by_label\""),
        (
            "double_exponential_smoothing(foo[5m], 0.5, 0.5)",
            "1:1: parse error: unknown function with name \"double_exponential_smoothing\""
        ),
        ("limitk(1, foo)", "1:1: parse error: unknown function with name \"limitk\""),
    ]

    @Test(arguments: checkOrderCases)
    func typeCheckOrderAndFunctionSetMatchPromtool(input: String, expected: String) {
        #expect(parseError(input, .prometheus2) == expected)
    }

    @Test func holtWintersIsTheTwoXName() {
        #expect(parseError("holt_winters(foo[5m], 0.5, 0.5)", .prometheus2) == nil)
        #expect(
            parseError("holt_winters(foo[5m], 0.5, 0.5)")
                == "1:1: parse error: unknown function with name \"holt_winters\""
        )
        #expect(parseError("limitk", .prometheus2) == nil)
    }

    @Test func prometheus3QuotedNames() throws {
        guard case .vectorSelector(let v) = try parseExpr("{\"my.metric\", \"a.b\"=~\"x\", c=\"d\"}") else {
            Issue.record("expected a selector")
            return
        }
        #expect(v.name == nil)
        #expect(
            v.matchers == [
                .equal("__name__", "my.metric"), try LabelMatcher(.regexMatch, "a.b", "x"), .equal("c", "d"),
            ]
        )
        #expect(printed("{\"my.metric\", \"a.b\"=~\"x\"}") == "{\"a.b\"=~\"x\",__name__=\"my.metric\"}")
        #expect(printed("sum by (\"a.b\", c) (x)") == "sum by (\"a.b\", c) (x)")
        #expect(printed("x * on (\"k.8s\") group_left (\"z-z\") y") == "x * on (\"k.8s\") group_left (\"z-z\") y")
        #expect(printed("{\"up\"}") == "{__name__=\"up\"}")
        #expect(
            parseError("{\"a.b\"=\"c\"}", .prometheus2)
                == "1:2: parse error: unexpected string \"\\\"a.b\\\"\" in label matching, expected identifier or \"}\""
        )
        #expect(try parseSeriesDescription("{\"a.b\"=\"c\", d=\"e\"}") == ["a.b": "c", "d": "e"])
    }

    @Test func functionTableCoversPrometheus242() {
        #expect(FunctionTable.prometheus242Names.count == 70)
        #expect(FunctionTable.lookup("rate")?.argTypes == [.matrix])
        #expect(FunctionTable.lookup("label_join")?.variadic == -1)
        #expect(FunctionTable.lookup("nope") == nil)
    }

    @Test func seriesSelector() throws {
        #expect(try parseSeriesSelector("up{job=\"a\"}") == [.equal("job", "a"), .equal("__name__", "up")])
        #expect(try parseSeriesSelector("{__name__=~\"x.*\"}") == [try LabelMatcher(.regexMatch, "__name__", "x.*")])
        #expect(throws: ParseError.self) { try parseSeriesSelector("up + 1") }
        #expect(throws: ParseError.self) { try parseSeriesSelector("rate(x[5m])") }
    }

    @Test func seriesDescription() throws {
        #expect(
            try parseSeriesDescription("http_requests{job=\"api\", instance=\"0\"}") == [
                "__name__": "http_requests", "job": "api", "instance": "0",
            ]
        )
        #expect(try parseSeriesDescription("{a=\"b\"}") == ["a": "b"])
        #expect(try parseSeriesDescription("up") == ["__name__": "up"])
        do {
            _ = try parseSeriesDescription("up{a=~\"b\"}")
            Issue.record("expected an error")
        } catch {
            #expect(error.description == "1:5: parse error: unexpected <op:=~> in label set, expected \"=\"")
        }
    }
}
