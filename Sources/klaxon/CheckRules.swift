import ArgumentParser
import KlaxonCheck

struct CheckRules: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rules",
        abstract: "Check that rule files are valid (as `promtool check rules`).",
        discussion: "Exit codes: 0 valid, 1 invalid, 3 lint problems with --lint-fatal."
    )

    @OptionGroup var ruleOptions: RuleCheckOptions

    @Argument(help: "The rule files to check.")
    var ruleFiles: [String] = []

    func run() throws {
        let output = KlaxonCheck.CheckRules.run(
            paths: ruleFiles,
            options: ruleOptions.options
        )
        try StandardStreams.emit(output)
    }
}

/// The rule-file options `check rules` and `check config` share (promtool's `--lint`, `--lint-fatal`).
struct RuleCheckOptions: ParsableArguments {
    @Option(
        name: .customLong("lint"),
        help: "Linting checks to apply to rule files (comma-separated): all, duplicate-rules, none."
    )
    var lint: String = "duplicate-rules"

    @Flag(name: .customLong("lint-fatal"), help: "Make lint errors exit with exit code 3.")
    var lintFatal = false

    @Flag(
        name: .customLong("prometheus2"),
        help: "Read rule files as Prometheus 2.42 (no query_offset or group labels, 2.x PromQL)."
    )
    var prometheus2 = false

    var options: KlaxonCheck.CheckRules.Options {
        .init(lint: lint, lintFatal: lintFatal, prometheus2: prometheus2)
    }
}
