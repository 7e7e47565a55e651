import Foundation
import KlaxonCheck
import Testing

/// Each input under Fixtures/check-metrics was run through the real `promtool check metrics` 2.42 by
/// `scripts/golden-check-metrics`, which recorded its stdout, stderr and exit code next to it.
struct CheckMetricsGoldenTests {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Fixtures/check-metrics")

    static let cases: [String] = {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        return names.filter { $0.hasSuffix(".prom") }.map { String($0.dropLast(5)) }.sorted()
    }()

    @Test func fixturesArePresent() {
        #expect(Self.cases.count >= 50)
    }

    @Test(arguments: cases)
    func matchesPromtool(name: String) throws {
        let base = Self.directory.appendingPathComponent(name)
        let input = try Data(contentsOf: base.appendingPathExtension("prom"))
        let expectedStdout = try String(contentsOf: base.appendingPathExtension("stdout"), encoding: .utf8)
        let expectedStderr = try String(contentsOf: base.appendingPathExtension("stderr"), encoding: .utf8)
        let exitText = try String(contentsOf: base.appendingPathExtension("exit"), encoding: .utf8)
        let expectedExit = try #require(Int32(exitText.trimmingCharacters(in: .whitespacesAndNewlines)))

        let output = CheckMetrics.run(input: Array(input))
        #expect(output.stdout == expectedStdout)
        #expect(output.stderr == expectedStderr)
        #expect(output.exitCode == expectedExit)
    }
}
