import ArgumentParser

struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check configuration, rule files and metrics expositions (promtool check compatible).",
        subcommands: [CheckConfig.self, CheckMetricsCommand.self, CheckRules.self, CheckWebConfig.self]
    )
}
