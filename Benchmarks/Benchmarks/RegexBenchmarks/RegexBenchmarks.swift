import Benchmark
import KlaxonModel

// Label-matcher throughput over 100,000 label values for the regex shapes real rules use, on the current engine
// (`LabelMatcher` → `AnchoredRegex` → RE2) and on the engine before the move to RE2, reproduced here as a baseline:
// Swift's `Regex` compiled as `^(?:pattern)$` with `.dotMatchesNewlines()` and matched with `wholeMatch(in:)`
// (what `CompiledRegex` did; the RE2-to-Swift spelling translation it ran first leaves these patterns unchanged).
//
// `api|web|db` is an alternation of literals: `AnchoredRegex` answers it with a Set lookup, before and after the
// change, so neither engine runs for it in Klaxon. Its RE2 and Swift `Regex` rows only show what each engine
// would cost without that fast path.
//
// The pathological `(a|aa)+` runs RE2 over 100,000 values of 30 `a`s + `!`; the Swift `Regex` baseline backtracks
// exponentially on it, so it gets only 3 values of 20 `a`s + `!` (30 `a`s would take seconds per value).
//
// Every figure is per iteration over the whole value set: `values/s` (larger is better) and `ns/value`.

let benchmarks: @Sendable () -> Void = {
    let values = RegexWorkload.values
    RegexWorkload.checkEnginesAgree(values)

    for shape in RegexWorkload.shapes {
        let current = try! LabelMatcher(shape.type, "label", shape.pattern)
        let label = "\(shape.type.rawValue)\"\(shape.pattern)\""
        let currentName = shape.fastPath ? "LabelMatcher (Set fast path, unchanged)" : "LabelMatcher (RE2)"
        register("\(label) \(currentName), 100k values", count: values.count) {
            var matched = 0
            for value in values where current.matches(value) { matched += 1 }
            return matched
        }
        if shape.fastPath {
            // What RE2 would cost if the alternation were not fast-pathed.
            let re2 = try! RE2Regex("^(?:" + shape.pattern + ")$", dotMatchesNewline: true)
            register("\(label) RE2Regex without the fast path, 100k values", count: values.count) {
                var matched = 0
                for value in values where re2.matches(value) { matched += 1 }
                return matched
            }
        }
        let swift = SwiftRegexBaseline(shape.pattern)
        let negate = shape.type == .regexNoMatch
        let swiftName = shape.fastPath ? "Swift Regex without the fast path" : "Swift Regex (before)"
        register("\(label) \(swiftName), 100k values", count: values.count) {
            var matched = 0
            for value in values where swift.wholeMatches(value) != negate { matched += 1 }
            return matched
        }
    }

    let pathological = "(a|aa)+"
    let re2Values = RegexWorkload.pathologicalValues(count: 100_000, length: 30)
    let current = try! LabelMatcher(.regexMatch, "label", pathological)
    register("=~\"\(pathological)\" LabelMatcher (RE2), 100k values of 30 a + !", count: re2Values.count) {
        var matched = 0
        for value in re2Values where current.matches(value) { matched += 1 }
        return matched
    }
    let swiftValues = RegexWorkload.pathologicalValues(count: 3, length: 20)
    let swift = SwiftRegexBaseline(pathological)
    register(
        "=~\"\(pathological)\" Swift Regex (before), 3 values of 20 a + !",
        count: swiftValues.count,
        maxIterations: 20
    ) {
        var matched = 0
        for value in swiftValues where swift.wholeMatches(value) { matched += 1 }
        return matched
    }
}

private let valuesPerSecond = BenchmarkMetric.custom("values/s", polarity: .prefersLarger, useScalingFactor: false)
private let nanosecondsPerValue = BenchmarkMetric.custom("ns/value", polarity: .prefersSmaller, useScalingFactor: false)

/// One benchmark: `body` matches every value once and returns how many matched.
private func register(_ name: String, count: Int, maxIterations: Int = 50, _ body: @escaping () -> Int) {
    Benchmark(
        name,
        configuration: .init(
            metrics: [.wallClock, valuesPerSecond, nanosecondsPerValue],
            maxDuration: .seconds(10),
            maxIterations: maxIterations
        )
    ) { benchmark in
        for _ in benchmark.scaledIterations {
            let start = ContinuousClock.now
            let matched = body()
            let elapsed = ContinuousClock.now - start
            blackHole(matched)
            let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
            guard seconds > 0 else { continue }
            benchmark.measurement(valuesPerSecond, Int(Double(count) / seconds))
            benchmark.measurement(nanosecondsPerValue, Int(seconds * 1e9 / Double(count)))
        }
    }
}

/// The engine before RE2: Swift's `Regex`, compiled and matched as `CompiledRegex` did.
struct SwiftRegexBaseline: @unchecked Sendable {
    // `Regex` is immutable after compilation; matching does not mutate it.
    private let regex: Regex<AnyRegexOutput>

    init(_ pattern: String) {
        regex = try! Regex("^(?:" + pattern + ")$").dotMatchesNewlines()
    }

    func wholeMatches(_ value: String) -> Bool {
        (try? regex.wholeMatch(in: value)) != nil
    }
}

enum RegexWorkload {
    struct Shape {
        let type: LabelMatcher.MatchType
        let pattern: String
        /// `AnchoredRegex` answers it without a regex engine.
        let fastPath: Bool
    }

    static let shapes: [Shape] = [
        Shape(type: .regexMatch, pattern: "5..", fastPath: false),
        Shape(type: .regexMatch, pattern: "api|web|db", fastPath: true),
        Shape(type: .regexMatch, pattern: ".*foo.*", fastPath: false),
        Shape(type: .regexNoMatch, pattern: "5..|4..", fastPath: false),
    ]

    /// 100,000 label values from a fixed seed: 30 % HTTP status codes, 25 % job/service names, 25 % instances
    /// (`host:port`), 20 % request paths (about a third of them with "foo" in them).
    static let values: [String] = {
        var random = SplitMix64(seed: 0x5EED_0F_4E6E)
        let codes = [
            "200", "200", "200", "200", "201", "204", "301", "302", "304", "400", "401", "403", "404", "404", "409",
            "429", "500", "502", "503", "504",
        ]
        let jobs = [
            "api", "web", "db", "node", "prometheus", "alertmanager", "kube-state-metrics", "api-gateway",
            "web-frontend", "dbproxy", "blackbox", "grafana",
        ]
        let ports = [9100, 9090, 8080, 443, 9093, 10250]
        let paths = [
            "/api/v1/users/", "/api/v1/orders/", "/static/js/app.", "/healthz", "/metrics", "/foo/bar/",
            "/v2/foobar/items/", "/assets/img/", "/search?q=foo", "/login",
        ]
        func pick<T>(_ list: [T]) -> T { list[Int(random.next() % UInt64(list.count))] }
        var values: [String] = []
        values.reserveCapacity(100_000)
        for _ in 0..<100_000 {
            let kind = random.next() % 100
            switch kind {
            case 0..<30:
                values.append(pick(codes))
            case 30..<55:
                values.append(random.next() % 4 == 0 ? "cache-\(random.next() % 16)" : pick(jobs))
            case 55..<80:
                let (a, b, c) = (random.next() % 8, random.next() % 256, random.next() % 256)
                values.append("10.\(a).\(b).\(c):\(pick(ports))")
            default:
                let path = pick(paths)
                values.append(path.hasSuffix("/") || path.hasSuffix(".") ? path + "\(random.next() % 100_000)" : path)
            }
        }
        return values
    }()

    static func pathologicalValues(count: Int, length: Int) -> [String] {
        Array(repeating: String(repeating: "a", count: length) + "!", count: count)
    }

    /// Both engines must give the same answer for every value; prints the match counts.
    static func checkEnginesAgree(_ values: [String]) {
        var summary: [String] = []
        for shape in shapes {
            let current = try! LabelMatcher(shape.type, "label", shape.pattern)
            let swift = SwiftRegexBaseline(shape.pattern)
            let negate = shape.type == .regexNoMatch
            var matched = 0
            for value in values {
                let answer = current.matches(value)
                precondition(
                    answer == (swift.wholeMatches(value) != negate),
                    "engines disagree on \(shape.pattern) for \(value)"
                )
                if answer { matched += 1 }
            }
            summary.append("\(shape.type.rawValue)\"\(shape.pattern)\": \(matched)")
        }
        print("regex workload: \(values.count) values; matched " + summary.joined(separator: ", "))
    }
}
