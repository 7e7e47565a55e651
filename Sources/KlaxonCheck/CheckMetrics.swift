import KlaxonExposition

/// `promtool check metrics` (2.42): lint a text-format exposition read from standard input.
public enum CheckMetrics {
    public static func run(input: [UInt8]) -> CheckOutput {
        do {
            let problems = try MetricsLinter().lint(input)
            if problems.isEmpty { return CheckOutput() }
            let text = problems.map { "\($0.metric) \($0.text)\n" }.joined()
            return CheckOutput(stderr: text, exitCode: CheckOutput.lintFailure)
        } catch {
            return CheckOutput(stderr: "error while linting: \(error)\n", exitCode: CheckOutput.failure)
        }
    }
}
