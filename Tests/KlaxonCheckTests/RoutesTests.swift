import Testing

@testable import KlaxonCheck

/// `klaxon routes`, `klaxon routes test` and `klaxon template render` against the real amtool 0.25, recorded by
/// scripts/record/amtool-routes.py. amtool's `Warning: --config.file flag overrides the --alertmanager.url.` stderr
/// line is about its own flags and is not reproduced; everything else is compared byte for byte.
@Suite struct RoutesTests {
    static let directory: String = {
        let file = "\(#filePath)"
        let folder = file.split(separator: "/", omittingEmptySubsequences: false).dropLast().joined(separator: "/")
        return folder + "/Fixtures/amtool-routes"
    }()

    static let cases = CheckRulesGoldenTests.listing(in: directory, suffix: ".args")
    static let amtoolWarning = "Warning: --config.file flag overrides the --alertmanager.url.\n"

    static func read(_ name: String) -> String? { CheckRulesGoldenTests.read(name, in: directory) }

    @Test func fixturesArePresent() {
        #expect(Self.cases.count >= 30)
    }

    static func run(_ arguments: [String]) -> CheckResult? {
        var configFile = ""
        var tree = false
        var verify: String?
        var globs: [String] = []
        var text = ""
        var labels: [String] = []
        let command = arguments.prefix(3).joined(separator: " ")
        for argument in arguments.dropFirst(command.hasPrefix("config routes test") ? 3 : 2) {
            if argument.hasPrefix("--config.file=") {
                configFile = String(argument.dropFirst("--config.file=".count))
            } else if argument == "--tree" {
                tree = true
            } else if argument.hasPrefix("--verify.receivers=") {
                verify = String(argument.dropFirst("--verify.receivers=".count))
            } else if argument.hasPrefix("--template.glob=") {
                globs.append(String(argument.dropFirst("--template.glob=".count)))
            } else if argument.hasPrefix("--template.text=") {
                text = String(argument.dropFirst("--template.text=".count))
            } else {
                labels.append(argument)
            }
        }
        if command.hasPrefix("config routes test") {
            return AmtoolCommands.routesTest(
                configFile: configFile,
                tree: tree,
                verifyReceivers: verify,
                labels: labels,
                directory: directory
            )
        }
        if command.hasPrefix("config routes") {
            return AmtoolCommands.routes(configFile: configFile, directory: directory)
        }
        if command.hasPrefix("template render") {
            return AmtoolCommands.templateRender(globs: globs, text: text, directory: directory)
        }
        return nil
    }

    @Test(arguments: cases)
    func matchesAmtool(_ base: String) throws {
        guard let stdout = Self.read(base + ".stdout"), let stderr = Self.read(base + ".stderr"),
            let exit = Self.read(base + ".exit"), let code = Int32(exit.filter { !$0.isWhitespace }),
            let arguments = Self.read(base + ".args")
        else {
            Issue.record("no recorded output for \(base); run scripts/record/amtool-routes.py")
            return
        }
        let actual = try #require(Self.run(arguments.split(separator: "\n").map(String.init)))
        #expect(actual.stdout == stdout)
        let expectedStderr =
            stderr.hasPrefix(Self.amtoolWarning) ? String(stderr.dropFirst(Self.amtoolWarning.count)) : stderr
        #expect(actual.stderr == expectedStderr)
        #expect(actual.exitCode == code)
    }
}
