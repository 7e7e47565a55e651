import ArgumentParser

@main
struct Klaxon: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "klaxon",
        abstract: "A Prometheus-compatible alert rule engine: scrape, store, evaluate, route.",
        version: KlaxonVersion.string,
        subcommands: [Run.self, Check.self, Test.self, Query.self, Routes.self, TemplateCommand.self]
    )

    static func main() async {
        await main(AmtoolArgumentOrder.normalized(Array(CommandLine.arguments.dropFirst())))
    }
}

/// amtool (kingpin) takes flags anywhere, so amtool users write `routes --config.file F test a=b`; the argument
/// parser wants the subcommand first. This moves `test`/`show` right after `routes` when flags come before it.
enum AmtoolArgumentOrder {
    /// `klaxon routes` options that take their value as the next argument.
    static let optionsWithValue: Set<String> = ["--config.file", "--verify.receivers"]

    static func normalized(_ arguments: [String]) -> [String] {
        guard arguments.first == "routes", arguments.count > 2 else { return arguments }
        var index = 1
        while index < arguments.count {
            let argument = arguments[index]
            if argument == "test" || argument == "show" {
                var moved = arguments
                moved.remove(at: index)
                moved.insert(argument, at: 1)
                return moved
            }
            // A label or `--`: there is no subcommand to move.
            guard argument.hasPrefix("-"), argument != "--" else { return arguments }
            index += optionsWithValue.contains(argument) ? 2 : 1
        }
        return arguments
    }
}

enum KlaxonVersion {
    static let string = "0.1.0"
}
