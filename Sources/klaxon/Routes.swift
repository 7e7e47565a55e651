import ArgumentParser
import KlaxonCheck

/// `klaxon routes` (amtool `config routes`) and `klaxon routes test` (amtool `config routes test`).
struct Routes: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "routes",
        abstract: "Show or test the routing tree of an alertmanager.yml (as `amtool config routes`).",
        subcommands: [RoutesShow.self, RoutesTest.self],
        defaultSubcommand: RoutesShow.self
    )
}

struct RoutesShow: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "Print the routing tree (the default)."
    )

    @Option(name: .customLong("config.file"), help: "The alertmanager.yml to read.")
    var configFile: String

    func run() throws {
        try StandardStreams.emit(AmtoolCommands.routes(configFile: configFile))
    }
}

struct RoutesTest: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "test",
        abstract: "Print the receivers an alert with the given labels is routed to.",
        discussion: "Exit codes: 0 routed (and matching --verify.receivers), 1 otherwise."
    )

    @Option(name: .customLong("config.file"), help: "The alertmanager.yml to read.")
    var configFile: String

    @Flag(name: .customLong("tree"), help: "Also print the tree of the matching routes.")
    var tree = false

    @Option(
        name: .customLong("verify.receivers"),
        help: "Comma-separated receivers the alert must be routed to (exit 1 when they differ)."
    )
    var verifyReceivers: String?

    @Argument(help: "The alert's labels, as name=value.")
    var labels: [String] = []

    func run() throws {
        try StandardStreams.emit(
            AmtoolCommands.routesTest(
                configFile: configFile,
                tree: tree,
                verifyReceivers: verifyReceivers,
                labels: labels
            )
        )
    }
}
