import ArgumentParser
import KlaxonCheck

struct CheckMetrics: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "metrics",
        abstract: "Lint a text-format exposition read from standard input (as `promtool check metrics`).",
        discussion: "Exit codes: 0 clean, 1 parse error, 3 lint problems."
    )

    func run() throws {
        let output = KlaxonCheck.CheckMetrics.run(input: StandardStreams.readAllStandardInput())
        StandardStreams.emit(output)
    }
}
