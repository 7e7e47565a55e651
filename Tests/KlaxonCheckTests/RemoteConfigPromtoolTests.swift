import Foundation
import KlaxonTestSupport
import Testing

@testable import KlaxonCheck

/// `check config` on the remote_write/remote_read cases (Fixtures/check-config/remote-*, and the HTTP client fields
/// those share with scrape configs) against the real `promtool check config` run now, not only against its
/// recording (CheckConfigGoldenTests): same stdout, stderr and exit code. Reported as skipped when promtool is not
/// installed; under CI=true a missing promtool fails.
@Suite(.timeLimit(.minutes(5)))
struct RemoteConfigPromtoolTests {
    static let promtool = "promtool"

    static let cases = TestSupport.fileNames(in: CheckConfigGoldenTests.directory, directoriesOnly: true).filter {
        $0.hasPrefix("remote-") || $0.hasPrefix("bad-scrape-") || $0.hasPrefix("good-scrape-")
    }

    @Test func casesArePresent() {
        #expect(Self.cases.count >= 60)
    }

    @Test(
        .enabled(if: Peers.available([promtool]), "needs promtool (Debian's prometheus; scripts/setup installs it)"),
        arguments: cases
    )
    func sameOutputAsPromtool(_ name: String) async throws {
        try Peers.require([Self.promtool])
        let folder = CheckConfigGoldenTests.directory + "/" + name
        let expected = try await Self.runPromtool(in: folder)
        let actual = CheckPrometheusConfig.run(
            paths: ["prometheus.yml"],
            options: .init(rules: .init(prometheus2: true)),
            directory: folder
        )
        #expect(actual.stdout == expected.stdout)
        #expect(actual.stderr == expected.stderr)
        #expect(actual.exitCode == expected.exitCode)
    }

    /// `promtool check config prometheus.yml` in `folder`.
    static func runPromtool(in folder: String) async throws -> (stdout: String, stderr: String, exitCode: Int32) {
        guard let path = Peers.path(promtool) else { throw TestSupportError("promtool not found") }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = ["check", "config", "prometheus.yml"]
        process.currentDirectoryURL = URL(fileURLWithPath: folder)
        let stdout = Pipe()
        let stderr = Pipe()
        process.standardOutput = stdout
        process.standardError = stderr
        // The outputs are a few lines, well within the pipes' buffers: read them once promtool has exited.
        let status = try await TestSupport.runToExit(process)
        let out = String(decoding: stdout.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        let err = String(decoding: stderr.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        return (out, err, status)
    }
}
