import Foundation
import KlaxonTestSupport
import Testing

/// amtool takes its flags anywhere (`amtool config routes --config.file F test a=b`), and the README shows that
/// order: the built `klaxon` accepts it too, with the same output and exit code as the subcommand-first order.
struct RoutesArgumentOrderTests {
    static let config = TestSupport.packageRoot + "/alertmanager/alertmanager.yml"

    func run(_ arguments: [String]) async throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try TestSupport.klaxonBinary())
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        let status = try await TestSupport.runToExit(process)
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        return (status, String(decoding: data, as: UTF8.self))
    }

    @Test(arguments: [
        (
            ["routes", "--config.file", config, "test", "severity=critical"],
            ["routes", "test", "--config.file", config, "severity=critical"]
        ),
        (
            ["routes", "--config.file=\(config)", "--tree", "test", "a=b"],
            ["routes", "test", "--tree", "--config.file=\(config)", "a=b"]
        ),
        (
            ["routes", "--config.file", config, "--verify.receivers", "nobody", "test", "a=b"],
            ["routes", "test", "--config.file", config, "--verify.receivers", "nobody", "a=b"]
        ),
        (["routes", "--config.file", config, "show"], ["routes", "show", "--config.file", config]),
    ])
    func flagsBeforeTheSubcommandAreAccepted(amtoolOrder: [String], subcommandFirst: [String]) async throws {
        let a = try await run(amtoolOrder)
        let b = try await run(subcommandFirst)
        #expect(a.status == b.status)
        #expect(a.output == b.output)
        #expect(!a.output.contains("unexpected argument"), "\(a.output)")
    }

    /// The README's line, as an amtool user types it, on the example routing config: routed to `default`.
    @Test func theReadmeLineWorks() async throws {
        let result = try await run(["routes", "--config.file", Self.config, "test", "severity=critical"])
        #expect(result.status == 0)
        #expect(result.output == "default\n")
    }
}
