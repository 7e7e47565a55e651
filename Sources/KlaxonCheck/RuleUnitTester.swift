import KlaxonModel
import KlaxonPromQL
import KlaxonRules

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `promtool test rules` (Prometheus 2.42): same stdout, stderr and exit code, plus `--junit` and `--diff`.
public enum RuleUnitTester {
    public struct Options: Sendable {
        /// PromQL 2.x semantics and 2.42 rule-file fields (what promtool 2.42 does). Default: Prometheus 3.x.
        public var prometheus2: Bool
        /// Show only the differing alerts / samples of a failure, as `-`/`+` lines.
        public var diff: Bool

        public init(prometheus2: Bool = false, diff: Bool = false) {
            self.prometheus2 = prometheus2
            self.diff = diff
        }

        var engine: EngineOptions {
            EngineOptions(mode: prometheus2 ? .prometheus2 : .prometheus3)
        }

        var parser: ParserOptions { prometheus2 ? .prometheus2 : .prometheus3 }

        var loadOptions: RuleLoadOptions {
            RuleLoadOptions(parser: parser, allowPrometheus3GroupFields: !prometheus2)
        }
    }

    /// The outcome of one test group, for JUnit.
    public struct TestCaseResult: Sendable {
        public var file: String
        public var name: String
        public var failures: [String]
        public var durationSeconds: Double
    }

    public struct Report: Sendable {
        public var output: CheckResult
        public var cases: [TestCaseResult]
    }

    /// Runs the test files at `paths` (relative ones opened from `directory` when set, printed as given).
    public static func run(paths: [String], options: Options = .init(), directory: String? = nil) -> Report {
        if paths.isEmpty {
            let message = "promtool: error: required argument 'test-rule-file' not provided, try --help\n"
            return Report(output: CheckResult(stderr: message, exitCode: 1), cases: [])
        }
        // kingpin's ExistingFiles: every argument must exist before anything runs.
        for path in paths {
            let location = directory.map { path.hasPrefix("/") ? path : $0 + "/" + path } ?? path
            if access(location, F_OK) != 0 {
                let message = "promtool: error: path '\(path)' does not exist, try --help\n"
                return Report(output: CheckResult(stderr: message, exitCode: 1), cases: [])
            }
        }
        var stdout = ""
        var stderr = ""
        var failed = false
        var cases: [TestCaseResult] = []
        for path in paths {
            stdout += "Unit Testing:  \(path)\n"
            let location = directory.map { path.hasPrefix("/") ? path : $0 + "/" + path } ?? path
            let errors = testFile(
                path: path,
                location: location,
                options: options,
                warnings: &stderr,
                cases: &cases
            )
            if errors.isEmpty {
                stdout += "  SUCCESS\n"
            } else {
                stderr += "  FAILED:\n"
                for error in errors {
                    stderr += error + "\n"
                    stdout += "\n"
                }
                failed = true
            }
            stdout += "\n"
        }
        return Report(
            output: CheckResult(stdout: stdout, stderr: stderr, exitCode: failed ? 1 : 0),
            cases: cases
        )
    }

    static func testFile(
        path: String,
        location: String,
        options: Options,
        warnings: inout String,
        cases: inout [TestCaseResult]
    ) -> [String] {
        let text: String
        switch CheckRules.readFile(location) {
        case .failure(let error):
            cases.append(TestCaseResult(file: path, name: "", failures: [error.message(for: path)], durationSeconds: 0))
            return [error.message(for: path)]
        case .success(let contents): text = contents
        }
        var file: RuleUnitTestFile
        switch RuleUnitTestFile.parse(text) {
        case .failure(let failure):
            cases.append(TestCaseResult(file: path, name: "", failures: [failure.message], durationSeconds: 0))
            return [failure.message]
        case .success(let parsed): file = parsed
        }
        let baseDirectory = directoryName(path)
        let locationDirectory = directoryName(location)
        var ruleFiles: [(shown: String, location: String)] = []
        for pattern in file.ruleFiles {
            let shown = pattern.isEmpty || pattern.hasPrefix("/") ? pattern : goJoinPath(baseDirectory, pattern)
            let onDisk = pattern.isEmpty || pattern.hasPrefix("/") ? pattern : goJoinPath(locationDirectory, pattern)
            let matches = globFiles(onDisk)
            if matches.isEmpty { warnings += "  WARNING: no file match pattern \(shown)\n" }
            let onDiskPrefix = goJoinPath(locationDirectory, "") + "/"
            for match in matches {
                let shownMatch =
                    match.hasPrefix(onDiskPrefix) && !pattern.hasPrefix("/")
                    ? goJoinPath(baseDirectory, String(match.dropFirst(onDiskPrefix.count))) : match
                ruleFiles.append((shownMatch, match))
            }
        }
        if file.evaluationInterval == 0 { file.evaluationInterval = 60_000 }
        var order: [String: Int] = [:]
        for (index, name) in file.groupEvalOrder.enumerated() {
            if order[name] != nil { return ["group name repeated in evaluation order: \(name)"] }
            order[name] = index
        }
        var errors: [String] = []
        for var group in file.tests {
            if group.interval == 0 { group.interval = file.evaluationInterval }
            let clock = ContinuousClock()
            let started = clock.now
            let failures = runGroup(
                group,
                evaluationInterval: file.evaluationInterval,
                order: order,
                ruleFiles: ruleFiles,
                options: options
            )
            let elapsed = clock.now - started
            cases.append(
                TestCaseResult(
                    file: path,
                    name: group.name,
                    failures: failures,
                    durationSeconds: Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
                )
            )
            errors.append(contentsOf: failures)
        }
        return errors
    }

    /// The first `staleN`-style token (`stalex3`) and its byte offset.
    static func repeatedStale(_ values: String) -> (text: String, offset: Int)? {
        var offset = 0
        for token in values.split(separator: " ", omittingEmptySubsequences: false) {
            if token.hasPrefix("stale") && token != "stale" { return (String(token), offset) }
            offset += token.utf8.count + 1
        }
        return nil
    }

    /// Words a bad `values` token as Prometheus's series-description parser does: the position counts from the
    /// start of `series values`, the line promtool builds.
    static func seriesValuesError(series: String, values: String, fallback: String) -> String {
        let bytes = Array(values.utf8)
        var i = 0
        while i < bytes.count {
            while i < bytes.count, bytes[i] == 0x20 || bytes[i] == 0x09 { i += 1 }
            let start = i
            while i < bytes.count, bytes[i] != 0x20 && bytes[i] != 0x09 { i += 1 }
            guard i > start else { break }
            let token = String(decoding: bytes[start..<i], as: UTF8.self)
            if (try? SeriesNotation.expand(Substring(token))) != nil { continue }
            let column = series.utf8.count + 1 + start + 1
            let isIdentifier = token.utf8.allSatisfy {
                ($0 >= 0x61 && $0 <= 0x7a) || ($0 >= 0x41 && $0 <= 0x5a) || $0 == 0x5f || ($0 >= 0x30 && $0 <= 0x39)
            }
            if isIdentifier, let first = token.utf8.first, !(first >= 0x30 && first <= 0x39) {
                return "1:\(column): parse error: unexpected identifier \(goQuote(token)) in series values, "
                    + "expected number or \"stale\""
            }
            return "1:\(column): parse error: \(fallback)"
        }
        return fallback
    }

    // MARK: formatting

    struct AlertPair: Equatable {
        var labels: [(String, String)]
        var annotations: [(String, String)]

        static func == (a: AlertPair, b: AlertPair) -> Bool {
            a.labels.elementsEqual(b.labels, by: { $0 == $1 })
                && a.annotations.elementsEqual(b.annotations, by: { $0 == $1 })
        }

        static func compare(_ a: [(String, String)], _ b: [(String, String)]) -> Int {
            for (x, y) in zip(a, b) {
                if x.0 != y.0 { return goLess(x.0, y.0) ? -1 : 1 }
                if x.1 != y.1 { return goLess(x.1, y.1) ? -1 : 1 }
            }
            return a.count == b.count ? 0 : (a.count < b.count ? -1 : 1)
        }

        static func less(_ a: AlertPair, _ b: AlertPair) -> Bool {
            let diff = compare(a.labels, b.labels)
            if diff != 0 { return diff < 0 }
            return compare(a.annotations, b.annotations) < 0
        }

        var text: String {
            "Labels:" + labelsString(labels) + "\nAnnotations:" + labelsString(annotations)
        }
    }

    static func goLess(_ a: String, _ b: String) -> Bool { a.utf8.lexicographicallyPrecedes(b.utf8) }

    static func labelsString(_ labels: [(String, String)]) -> String {
        "{" + labels.map { "\($0.0)=\(goQuote($0.1))" }.joined(separator: ", ") + "}"
    }

    static func alertsString(_ alerts: [AlertPair]) -> String {
        if alerts.isEmpty { return "[]" }
        var s = "[\n0:" + indentLines("\n" + alerts[0].text, "  ")
        for (index, alert) in alerts.dropFirst().enumerated() {
            s += ",\n\(index + 1):" + indentLines("\n" + alert.text, "  ")
        }
        return s + "\n]"
    }

    static func indentLines(_ text: String, _ indent: String) -> String {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        var out = ""
        for (index, line) in lines.enumerated() {
            if index > 0 { out += indent }
            out += line
            if index != lines.count - 1 { out += "\n" }
        }
        return out
    }

    static func alertFailure(
        test: RuleUnitTestFile.TestGroup,
        alertname: String,
        time: Int64,
        expected: [AlertPair],
        got: [AlertPair],
        diff: Bool
    ) -> String {
        let name = test.name.isEmpty ? "" : "    name: \(test.name),\n"
        let head = "\(name)    alertname: \(alertname), time: \(PromDuration(milliseconds: time)), \n"
        if diff {
            var lines: [String] = []
            for alert in expected where !got.contains(alert) {
                lines.append("        - " + alert.text.split(separator: "\n").joined(separator: " "))
            }
            for alert in got where !expected.contains(alert) {
                lines.append("        + " + alert.text.split(separator: "\n").joined(separator: " "))
            }
            return head + lines.joined(separator: "\n")
        }
        return head + "        exp:" + indentLines(alertsString(expected), "            ") + ", \n        got:"
            + indentLines(alertsString(got), "            ")
    }

    static func samplesString(_ samples: [(Labels, Double)]) -> String {
        if samples.isEmpty { return "nil" }
        return samples.map { "\($0.0) \(formatE($0.1))" }.joined(separator: ", ")
    }

    static func sampleDiff(expected: [(Labels, Double)], got: [(Labels, Double)]) -> String {
        func contains(_ list: [(Labels, Double)], _ item: (Labels, Double)) -> Bool {
            list.contains { $0.0 == item.0 && $0.1 == item.1 }
        }
        var lines: [String] = []
        for sample in expected where !contains(got, sample) {
            lines.append("        - \(sample.0) \(formatE(sample.1))")
        }
        for sample in got where !contains(expected, sample) {
            lines.append("        + \(sample.0) \(formatE(sample.1))")
        }
        return lines.joined(separator: "\n")
    }

    /// Go `strconv.FormatFloat(v, 'E', -1, 64)`.
    static func formatE(_ value: Double) -> String {
        if value.isNaN { return "NaN" }
        if value.isInfinite { return value < 0 ? "-Inf" : "+Inf" }
        if value == 0 { return value.sign == .minus ? "-0E+00" : "0E+00" }
        // Shortest round-trip digits from Swift's description, re-laid out as d.dddE±XX.
        var text = "\(abs(value))"
        var exponent = 0
        if let e = text.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            exponent = Int(text[text.index(after: e)...]) ?? 0
            text = String(text[..<e])
        }
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        let integer = String(parts[0])
        let fraction = parts.count > 1 ? String(parts[1]) : ""
        var digits = integer + fraction
        exponent += integer.count - 1
        while digits.first == "0" && digits.count > 1 {
            digits.removeFirst()
            exponent -= 1
        }
        while digits.last == "0" && digits.count > 1 { digits.removeLast() }
        var out = value < 0 ? "-" : ""
        out += String(digits.prefix(1))
        if digits.count > 1 { out += "." + digits.dropFirst() }
        out += exponent < 0 ? "E-" : "E+"
        let magnitude = abs(exponent)
        out += magnitude < 10 ? "0\(magnitude)" : "\(magnitude)"
        return out
    }

    /// Go `time.Duration.String()` for a millisecond count.
    static func goDuration(_ ms: Int64) -> String {
        if ms == 0 { return "0s" }
        let negative = ms < 0
        var rest = abs(ms)
        if rest < 1000 { return (negative ? "-" : "") + "\(rest)ms" }
        let hours = rest / 3_600_000
        rest %= 3_600_000
        let minutes = rest / 60_000
        rest %= 60_000
        let seconds = rest / 1000
        let millis = rest % 1000
        var out = negative ? "-" : ""
        if hours > 0 { out += "\(hours)h" }
        if hours > 0 || minutes > 0 { out += "\(minutes)m" }
        out += "\(seconds)"
        if millis > 0 {
            var fraction = String(millis)
            while fraction.count < 3 { fraction = "0" + fraction }
            while fraction.last == "0" { fraction.removeLast() }
            out += "." + fraction
        }
        return out + "s"
    }

}

/// Go's `filepath.Join(a, b)`: the non-empty elements joined by `/`, cleaned.
private func goJoinPath(_ a: String, _ b: String) -> String {
    if a.isEmpty { return b.isEmpty ? "" : cleanPath(b) }
    return cleanPath(b.isEmpty ? a : a + "/" + b)
}
