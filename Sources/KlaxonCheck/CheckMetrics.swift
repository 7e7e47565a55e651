import KlaxonExposition

/// `klaxon check metrics`: lints a text-format exposition like `promtool check metrics` (Prometheus 2.42).
///
/// Problems go to stderr as `<metric> <problem>` lines with exit code 3; a parse error prints
/// `error while linting: text format parsing error in line N: …` with exit code 1; a clean body exits 0
/// with no output.
public enum CheckMetrics {
    public static func run(input: [UInt8]) -> CheckResult {
        let problems: [LintProblem]
        do {
            problems = try MetricsLinter.lint(input)
        } catch {
            return CheckResult(stderr: "error while linting: \(error)\n", exitCode: CheckResult.failureExitCode)
        }
        guard !problems.isEmpty else { return CheckResult() }
        let stderr = problems.map { "\($0.metric) \($0.text)\n" }.joined()
        return CheckResult(stderr: stderr, exitCode: CheckResult.lintExitCode)
    }
}
