import ArgumentParser

struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check configuration, rule files and metrics expositions (promtool check compatible).",
        subcommands: [CheckMetricsCommand.self, CheckRules.self]
    )
}
