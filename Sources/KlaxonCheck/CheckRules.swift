import KlaxonModel
import KlaxonPromQL
import KlaxonRules

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `promtool check rules` (Prometheus 2.42): same stdout, stderr and exit code.
public enum CheckRules {
    /// `--lint` options (comma-separated): `all` and `duplicate-rules` enable the duplicate-rule lint.
    public static let lintOptions = ["all", "duplicate-rules", "none"]

    public struct Options: Sendable {
        /// The `--lint` value: a comma-separated list of `all`, `duplicate-rules`, `none`.
        public var lint: String
        public var lintFatal: Bool
        /// Read rule files as Prometheus 2.42 does: `query_offset` and group `labels` are unknown fields,
        /// expressions use the 2.x grammar and function set. Default: Prometheus 3.x.
        public var prometheus2: Bool

        public init(lint: String = "duplicate-rules", lintFatal: Bool = false, prometheus2: Bool = false) {
            self.lint = lint
            self.lintFatal = lintFatal
            self.prometheus2 = prometheus2
        }

        var loadOptions: RuleLoadOptions {
            if prometheus2 {
                return RuleLoadOptions(
                    parser: ParserOptions(
                        dotMatchesNewline: false,
                        numbersAndDurationsInterchangeable: false,
                        prometheus2Functions: true
                    ),
                    allowPrometheus3GroupFields: false
                )
            }
            return RuleLoadOptions()
        }
    }

    /// Checks the files at `paths` (each printed as given; relative paths are opened from `directory` when set).
    public static func run(paths: [String], options: Options = .init(), directory: String? = nil) -> CheckResult {
        if paths.isEmpty {
            return CheckResult(
                stderr: "promtool: error: required argument 'rule-files' not provided, try --help\n",
                exitCode: CheckResult.failureExitCode
            )
        }
        var contents: [String: Result<String, FileReadError>] = [:]
        for path in paths {
            let location = directory.map { path.hasPrefix("/") ? path : $0 + "/" + path } ?? path
            if isDirectory(location) {
                return CheckResult(
                    stderr: "promtool: error: '\(path)' is a directory, try --help\n",
                    exitCode: CheckResult.failureExitCode
                )
            }
            let result = readFile(location)
            if case .failure(.notFound) = result {
                // kingpin's ExistingFiles validates every argument before the command runs.
                return CheckResult(
                    stderr: "promtool: error: path '\(path)' does not exist, try --help\n",
                    exitCode: CheckResult.failureExitCode
                )
            }
            contents[path] = result
        }
        return run(files: paths.map { path in (path, contents[path] ?? .failure(.notFound)) }, options: options)
    }

    /// Checks already-read files: (name as printed, contents or read error).
    public static func run(
        files: [(name: String, contents: Result<String, FileReadError>)],
        options: Options
    )
        -> CheckResult
    {
        var output = CheckResult()
        // promtool's newLintConfig: unknown settings are warned about on stdout, then ignored.
        var lintDuplicates = false
        for setting in options.lint.split(separator: ",", omittingEmptySubsequences: false) {
            switch setting {
            case "all", "duplicate-rules": lintDuplicates = true
            case "none": break
            default: output.stdout += "WARNING: unknown lint option \(setting)\n"
            }
        }
        var failed = false
        var hasErrors = false
        for file in files {
            output.stdout += "Checking \(file.name)\n"
            let result = check(file.contents, name: file.name, options: options, lintDuplicates: lintDuplicates)
            switch result {
            case .success(let count):
                output.stdout += "  SUCCESS: \(count) rules found\n"
            case .errors(let lines, let lintOnly):
                output.stderr += "  FAILED:\n"
                for line in lines { output.stderr += line + "\n" }
                failed = true
                hasErrors = hasErrors || !lintOnly
            }
            output.stdout += "\n"
        }
        if failed && hasErrors {
            output.exitCode = CheckResult.failureExitCode
        } else if failed && options.lintFatal {
            output.exitCode = CheckResult.lintExitCode
        }
        return output
    }

    enum FileResult {
        case success(Int)
        case errors([String], lintOnly: Bool)
    }

    static func check(
        _ contents: Result<String, FileReadError>,
        name: String,
        options: Options,
        lintDuplicates: Bool
    ) -> FileResult {
        let text: String
        switch contents {
        case .success(let value): text = value
        case .failure(let error): return .errors(["\(name): \(error.message(for: name))"], lintOnly: false)
        }
        switch RuleFileLoader.parse(text, options: options.loadOptions) {
        case .failure(let errors):
            return .errors(errors.map { "\(name): \($0)" }, lintOnly: false)
        case .success(let file):
            if lintDuplicates {
                let duplicates = duplicateRules(in: file)
                if !duplicates.isEmpty {
                    var message = "lint error \(duplicates.count) duplicate rule(s) found.\n"
                    for duplicate in duplicates {
                        message += "Metric: \(duplicate.metric)\nLabel(s):\n"
                        for label in duplicate.labels { message += "\t\(label.name): \(label.value)\n" }
                    }
                    message += "Might cause inconsistency while recording expressions"
                    return .errors([message], lintOnly: true)
                }
            }
            return .success(file.ruleCount)
        }
    }

    struct RuleIdentity {
        var metric: String
        /// Sorted by name, last value of a repeated name wins (Go map semantics).
        var labels: [(name: String, value: String)]
    }

    /// promtool's checkDuplicates: rules with the same name and labels (expression ignored), across groups,
    /// each duplicated identity reported once, in sorted order.
    static func duplicateRules(in file: RuleFile) -> [RuleIdentity] {
        var rules: [RuleIdentity] = []
        for group in file.groups {
            for rule in group.rules {
                var map: [String: String] = [:]
                for label in rule.labels { map[label.name] = label.value }
                let labels = map.sorted { goLess($0.key, $1.key) }.map { (name: $0.key, value: $0.value) }
                rules.append(RuleIdentity(metric: rule.name, labels: labels))
            }
        }
        guard rules.count >= 2 else { return [] }
        rules.sort { compare($0, $1) < 0 }
        var duplicates: [RuleIdentity] = []
        var last = rules[0]
        for rule in rules.dropFirst() {
            if compare(last, rule) == 0 {
                if duplicates.isEmpty || compare(last, duplicates[duplicates.count - 1]) != 0 {
                    duplicates.append(rule)
                }
            }
            last = rule
        }
        return duplicates
    }

    static func compare(_ a: RuleIdentity, _ b: RuleIdentity) -> Int {
        if goLess(a.metric, b.metric) { return -1 }
        if goLess(b.metric, a.metric) { return 1 }
        // labels.Compare
        let n = min(a.labels.count, b.labels.count)
        for i in 0..<n {
            if a.labels[i].name != b.labels[i].name { return goLess(a.labels[i].name, b.labels[i].name) ? -1 : 1 }
            if a.labels[i].value != b.labels[i].value { return goLess(a.labels[i].value, b.labels[i].value) ? -1 : 1 }
        }
        return a.labels.count - b.labels.count
    }

    /// Go string ordering: bytewise.
    static func goLess(_ a: String, _ b: String) -> Bool { a.utf8.lexicographicallyPrecedes(b.utf8) }

    public enum FileReadError: Error, Sendable {
        case notFound
        case other(String)

        func message(for name: String) -> String {
            switch self {
            case .notFound: "open \(name): no such file or directory"
            case .other(let reason): "open \(name): \(reason)"
            }
        }
    }

    static func isDirectory(_ path: String) -> Bool {
        var info = stat()
        guard stat(path, &info) == 0 else { return false }
        return (info.st_mode & S_IFMT) == S_IFDIR
    }

    /// promtool's wording: a missing file is its own case, other reasons keep the C library's capital letter.
    static func readFile(_ path: String) -> Result<String, FileReadError> {
        switch KlaxonModel.readFile(path) {
        case .success(let bytes): return .success(String(decoding: bytes, as: UTF8.self))
        case .failure(let error) where error.code == ENOENT: return .failure(.notFound)
        case .failure(let error) where error.description.hasPrefix("open "):
            return .failure(.other(String(cString: strerror(error.code))))
        case .failure(let error): return .failure(.other("read \(path): " + String(cString: strerror(error.code))))
        }
    }
}
