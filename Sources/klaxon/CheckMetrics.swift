import ArgumentParser
import KlaxonCheck

struct CheckMetricsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "metrics",
        abstract: "Lint metrics read from stdin in the text exposition format (promtool check metrics).",
        discussion: "Exit code 0 when clean, 3 when lint problems were found, 1 on a parse error."
    )

    func run() throws {
        try StandardStreams.emit(CheckMetrics.run(input: StandardStreams.readAllStandardInput()))
    }
}
