import Testing

@testable import KlaxonPromQL

/// PromQL's math follows Go's `math` package bit for bit, as the real Prometheus 2.42 answered (the cases in
/// `GoMathRecorded.swift`, recorded by `scripts/compare/go-math.py --write-tests`).
struct GoMathTests {
    /// Evaluates `function` as the engine does: the function table for one-argument functions, the binary
    /// operator for `^`, `%` and `atan2`.
    static func evaluate(_ function: String, _ arguments: [Double]) -> Double? {
        switch (function, arguments.count) {
        case ("^", 2): return binaryValue(.pow, arguments[0], arguments[1]).value
        case ("%", 2): return binaryValue(.mod, arguments[0], arguments[1]).value
        case ("atan2", 2): return binaryValue(.atan2, arguments[0], arguments[1]).value
        case (_, 1): return mathFunction(function).map { $0(arguments[0]) }
        default: return nil
        }
    }

    /// Bits compared as Prometheus prints them: every NaN is "NaN".
    static func same(_ a: Double, _ expected: UInt64) -> Bool {
        let b = Double(bitPattern: expected)
        return a.isNaN ? b.isNaN : a.bitPattern == expected
    }

    static func hex(_ v: UInt64) -> String {
        let digits = String(v, radix: 16, uppercase: true)
        return "0x" + String(repeating: "0", count: 16 - digits.count) + digits
    }

    @Test func recordedCasesCoverEveryFunction() {
        let functions = Set(GoMathRecorded.cases.map(\.function))
        for name in [
            "exp", "ln", "log2", "log10", "sin", "cos", "tan", "asin", "acos", "atan", "sinh", "cosh", "tanh",
            "asinh", "acosh", "atanh", "^", "atan2",
        ] {
            #expect(functions.contains(name), "no recorded case for \(name)")
        }
    }

    @Test func functionsAnswerWhatPrometheusAnswered() {
        var failures: [String] = []
        for c in GoMathRecorded.cases {
            let expected = GoMath.usesFMA ? c.fma : c.noFMA
            let arguments = c.arguments.map { Double(bitPattern: $0) }
            guard let got = Self.evaluate(c.function, arguments) else {
                failures.append("\(c.function): not evaluated")
                continue
            }
            if !Self.same(got, expected) {
                failures.append(
                    "\(c.function)(\(c.arguments.map(Self.hex).joined(separator: ", "))) = \(Self.hex(got.bitPattern)), "
                        + "Prometheus \(Self.hex(expected))"
                )
            }
        }
        #expect(failures.isEmpty, "\(failures.count) differ:\n\(failures.prefix(20).joined(separator: "\n"))")
    }

    /// Both of Go's Exp paths, whichever this CPU takes.
    @Test func expMatchesBothPaths() {
        for c in GoMathRecorded.cases where c.function == "exp" {
            let x = Double(bitPattern: c.arguments[0])
            #expect(Self.same(GoMath.exp(x, fused: true), c.fma), "exp(\(x)) with FMA")
            #expect(Self.same(GoMath.exp(x, fused: false), c.noFMA), "exp(\(x)) without FMA")
        }
    }

    @Test func specialValuesFollowGo() {
        #expect(GoMath.exp(-.infinity) == 0)
        #expect(GoMath.exp(.infinity) == .infinity)
        #expect(GoMath.exp(-1e300) == 0)
        #expect(GoMath.log(-0.0) == -.infinity)
        #expect(GoMath.log(-1).isNaN)
        #expect(GoMath.pow(.nan, 0) == 1)
        #expect(GoMath.pow(1, .nan) == 1)
        #expect(GoMath.pow(-0.0, -3) == -.infinity)
        #expect(GoMath.pow(-8, 1.0 / 3).isNaN)
        #expect(GoMath.sinh(-0.0).sign == .minus)
        #expect(GoMath.atanh(-0.0).sign == .minus)
        #expect(GoMath.atan2(0, -0.0) == .pi)
        #expect(GoMath.sin(0x1p1000) == GoMath.sin(0x1p1000))  // Payne–Hanek path runs
    }
}
