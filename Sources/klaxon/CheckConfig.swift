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

    @OptionGroup var ruleOptions: RuleCheckOptions

    @Argument(help: "The config files to check.")
    var configFiles: [String] = []

    func run() throws {
        let output = CheckConfigDispatch.run(
            paths: configFiles,
            kind: kind.flatMap(CheckConfigDispatch.Kind.init(rawValue:)),
            prometheusOptions: .init(
                syntaxOnly: syntaxOnly,
                rules: ruleOptions.options
            )
        )
        try StandardStreams.emit(output)
    }
}
