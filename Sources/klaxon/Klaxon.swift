import ArgumentParser

@main
struct Klaxon: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "klaxon",
        abstract: "A Prometheus-compatible alert rule engine: scrape, store, evaluate, route.",
        version: KlaxonVersion.string,
        subcommands: [Run.self, Check.self, Test.self, Query.self, Routes.self, TemplateCommand.self]
    )
}

enum KlaxonVersion {
    static let string = "0.1.0"
}
