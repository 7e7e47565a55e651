import ArgumentParser
import KlaxonCheck

struct CheckConfig: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "config",
        abstract:
            "Check prometheus.yml (as `promtool check config`) or alertmanager.yml (as `amtool check-config`) files.",
        discussion: """
            The kind of each file is recognised by its top-level keys (route, receivers, inhibit_rules, templates, \
            time_intervals: Alertmanager; anything else: Prometheus) unless --kind is given.
            Exit codes: 0 valid, 1 invalid, 3 lint problems in rule files with --lint-fatal.
            """
    )

    @Option(help: "The kind of configuration: prometheus or alertmanager (default: recognised per file).")
    var kind: String?

    func validate() throws {
        if let kind, CheckConfigDispatch.Kind(rawValue: kind) == nil {
            throw ValidationError("--kind must be prometheus or alertmanager, not '\(kind)'")
        }
    }

    @Flag(name: .customLong("syntax-only"), help: "Only check the config file syntax, not the files it references.")
    var syntaxOnly = false

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

    @Argument(help: "The config files to check.")
    var configFiles: [String] = []

    func run() throws {
        let output = CheckConfigDispatch.run(
            paths: configFiles,
            kind: kind.flatMap(CheckConfigDispatch.Kind.init(rawValue:)),
            prometheusOptions: .init(
                syntaxOnly: syntaxOnly,
                rules: .init(lint: lint, lintFatal: lintFatal, prometheus2: prometheus2)
            )
        )
        try StandardStreams.emit(output)
    }
}
