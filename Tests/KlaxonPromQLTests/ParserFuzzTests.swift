import Testing

@testable import KlaxonPromQL

/// Deterministic fuzzing: random token soups must never trap, and whatever parses must print to text that
/// parses to the same printed form.
struct ParserFuzzTests {
    /// A small linear congruential generator, so runs are reproducible.
    struct Generator {
        var state: UInt64
        mutating func next(_ bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(bound))
        }
    }

    static let pieces: [String] = [
        "foo", "bar", "sum", "rate", "(", ")", "{", "}", "[", "]", "5m", "1h30m", ":", ",", "a=\"b\"", "c=~\"d.*\"",
        "e!=\"\"", "+", "-", "*", "/", "%", "^", "==", "!=", ">", "<=", "and", "or", "unless", "atan2", "bool", "on",
        "ignoring", "(x)", "group_left", "group_right", "by", "without", "offset", "@", "start()", "end()", "1", "0.5",
        "-1", "Inf", "NaN", "0x1f", "\"s\"", "'t'", "`u`", "topk", "count_values", "histogram_quantile", "abs",
        "label_replace", "time()", "vector", "[5m:1m]", " ", "\n", "#c\n", "é", "\\", "!", "=", "~", "10", "5",
    ]

    static func randomQuery(_ generator: inout Generator) -> String {
        var out = ""
        for _ in 0..<(1 + generator.next(14)) { out += pieces[generator.next(pieces.count)] }
        return out
    }

    @Test(arguments: [ParserOptions.prometheus2, ParserOptions(enableExperimentalFunctions: true)])
    func randomInputNeverTrapsAndRoundTrips(options: ParserOptions) {
        var generator = Generator(state: 42)
        var parsed = 0
        for _ in 0..<20_000 {
            let query = Self.randomQuery(&generator)
            guard let expr = try? parseExpr(query, options: options) else { continue }
            parsed += 1
            let printed = expr.description
            do {
                let again = try parseExpr(printed, options: options)
                // Like Prometheus, `+Inf ^ x` prints with its sign and reparses as a unary `+` over `Inf ^ x`,
                // so only sign-free printed forms are idempotent.
                if !printed.contains("Inf") {
                    #expect(again.description == printed, "\(query) -> \(printed)")
                }
            } catch {
                Issue.record("\(query) printed as \(printed) does not parse: \(error)")
            }
        }
        #expect(parsed > 100)
    }
}
