import ArgumentParser
import KlaxonCheck

/// `klaxon template render` (amtool `template render`): renders notification template text with sample data.
struct TemplateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "template",
        abstract: "Work with Alertmanager notification templates.",
        subcommands: [TemplateRender.self]
    )
}

struct TemplateRender: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "render",
        abstract: "Render template text with amtool's sample alert data (as `amtool template render`)."
    )

    @Option(name: .customLong("template.glob"), help: "Glob of template files to load (repeatable).")
    var globs: [String] = []

    @Option(name: .customLong("template.text"), help: "The template text to render.")
    var text: String

    func run() throws {
        try StandardStreams.emit(AmtoolCommands.templateRender(globs: globs, text: text))
    }
}
