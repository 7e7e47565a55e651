import KlaxonModel
import Testing

@testable import KlaxonPromQL

/// Removes positions and sorts matchers (the printer sorts them) so trees from different spellings compare.
private func stripped(_ expr: Expr) -> Expr {
    switch expr {
    case .number(var n):
        n.position = .none
        return .number(n)
    case .string(var s):
        s.position = .none
        return .string(s)
    case .vectorSelector(var v):
        v.position = .none
        v.matchers.sort { $0.description < $1.description }
        return .vectorSelector(v)
    case .matrixSelector(var m):
        m.position = .none
        m.selector.position = .none
        m.selector.matchers.sort { $0.description < $1.description }
        return .matrixSelector(m)
    case .subquery(var s):
        s.position = .none
        s.expr = stripped(s.expr)
        return .subquery(s)
    case .paren(var p):
        p.position = .none
        p.expr = stripped(p.expr)
        return .paren(p)
    case .unary(var u):
        u.position = .none
        u.expr = stripped(u.expr)
        return .unary(u)
    case .binary(var b):
        b.position = .none
        b.lhs = stripped(b.lhs)
        b.rhs = stripped(b.rhs)
        return .binary(b)
    case .aggregate(var a):
        a.position = .none
        a.expr = stripped(a.expr)
        a.parameter = a.parameter.map(stripped)
        return .aggregate(a)
    case .call(var c):
        c.position = .none
        c.args = c.args.map(stripped)
        return .call(c)
    }
}

struct PrinterTests {
    static let inputs: [String] =
        prometheusPrintedForms.map(\.0) + ParserTests.printedForms.map(\.0) + [
            "sum by (job) (rate(x[5m]))",
            "a + on (b) group_left (c) d",
            "foo offset -5m @ end()",
            "max_over_time(deriv(rate(x[5m])[30m:1m])[1h:] offset 1h)",
            "count_values without (a, b) (\"v\", foo{x=~\"a\\nb\", y!~\"\\\\d+\"})",
            "-(-foo) ^ -2",
            "1 + 2 * 3 ^ 4 ^ 5 / 6 % 7 - 8",
            "absent(nonexistent{job=\"myjob\", instance=~\".*\"})",
            "label_replace(up, \"foo\", \"$1\", \"job\", \"(.*)\")",
            "quantile_over_time(0.99, x[10m] @ 1700000000.123)",
            "foo @ 1e12",
            "1e-7 * 123456789 + 0.000123",
        ]

    /// Printing and parsing again gives the same tree, and printing that gives the same text.
    @Test(arguments: inputs)
    func printedFormParsesToTheSameTree(input: String) throws {
        let options = ParserOptions.prometheus2
        let first = try parseExpr(input, options: options)
        let printed = first.description
        let second = try parseExpr(printed, options: options)
        #expect(stripped(second) == stripped(first), "\(printed)")
        #expect(second.description == printed)
    }

    @Test(
        .enabled(
            if: ConformanceParseTests.sharedDirectory != nil,
            "../shared/conformance/promql not found beside the repository"
        )
    )
    func conformanceQueriesRoundTrip() throws {
        let directory = try #require(ConformanceParseTests.sharedDirectory)
        var failures: [String] = []
        let options = ParserOptions(enableExperimentalFunctions: true)
        for name in ["aggregators", "at_modifier", "functions", "histograms", "operators", "subquery", "limit"] {
            for (location, query, failing) in ConformanceParseTests.queries(in: "\(directory)/\(name).test")
            where !failing {
                guard let first = try? parseExpr(query, options: options) else { continue }
                let printed = first.description
                do {
                    let second = try parseExpr(printed, options: options)
                    if stripped(second) != stripped(first) || second.description != printed {
                        failures.append("\(location): \(query) -> \(printed)")
                    }
                } catch {
                    failures.append("\(location): \(query) -> \(printed): \(error)")
                }
            }
        }
        #expect(failures.isEmpty, "\(failures.joined(separator: "\n"))")
    }

    /// Signed infinities under `^` print as Prometheus prints them (checked with its format_query), which is
    /// not idempotent: `+Inf ^ x` reparses as `+(Inf ^ x)`.
    @Test func signedInfinityUnderPowerPrintsLikePrometheus() throws {
        #expect(try parseExpr("Inf ^ andon1").description == "+Inf ^ andon1")
        #expect(try parseExpr("+Inf ^ andon1").description == "++Inf ^ andon1")
        #expect(try parseExpr("-Inf ^ 2").description == "-+Inf ^ 2")
        #expect(try parseExpr("-(1) ^ 2").description == "-(1) ^ 2")
    }

    @Test func numbersPrintLikeGo() {
        let cases: [(Double, String)] = [
            (0, "0"), (1, "1"), (-1.5, "-1.5"), (100_000, "100000"), (1_000_000, "1e+06"),
            (123_456_789, "1.23456789e+08"), (0.0001, "0.0001"), (0.00001, "1e-05"), (1.5e300, "1.5e+300"),
            (.infinity, "+Inf"), (-.infinity, "-Inf"), (.nan, "NaN"), (0.1 + 0.2, "0.30000000000000004"),
            (Double.leastNonzeroMagnitude, "5e-324"), (123456, "123456"), (1_234_567, "1.234567e+06"),
        ]
        for (value, expected) in cases {
            #expect(formatGoFloat(value) == expected, "\(value)")
        }
    }

    @Test func timestampsPrintWithThreeDecimals() {
        #expect(formatMillisAsSeconds(0) == "0.000")
        #expect(formatMillisAsSeconds(1_500) == "1.500")
        #expect(formatMillisAsSeconds(-1_500) == "-1.500")
        #expect(formatMillisAsSeconds(1_603_774_568_123) == "1603774568.123")
        #expect(formatMillisAsSeconds(Int64.min) == "-9223372036854776.000")
    }

    @Test func matcherOrderIsSortedAndNameMatcherHidden() throws {
        let selector = VectorSelector(
            name: "foo",
            matchers: [.equal("z", "1"), try LabelMatcher(.regexMatch, "a", "x"), .equal("__name__", "foo")]
        )
        #expect(Expr.vectorSelector(selector).description == "foo{a=~\"x\",z=\"1\"}")
    }
}
