import KlaxonCheck
import KlaxonTestSupport
import Testing

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Runs `CheckMetrics` (what `klaxon check metrics` calls) on every fixture and compares stdout, stderr and the
/// exit code with what the real promtool 2.42 recorded (`scripts/record/promtool-check-metrics`).
struct CheckMetricsGoldenTests {
    static let fixtureDirectory = TestSupport.fixtures("check-metrics")

    static let fixtureNames = TestSupport.fileNames(in: fixtureDirectory, suffix: ".prom")

    @Test func fixturesArePresent() {
        #expect(Self.fixtureNames.count >= 15)
        #expect(Self.fixtureNames.contains { $0.hasPrefix("good-") })
        #expect(Self.fixtureNames.contains { $0.hasPrefix("lint-") })
        #expect(Self.fixtureNames.contains { $0.hasPrefix("bad-") })
    }

    @Test(arguments: fixtureNames)
    func matchesPromtool(_ name: String) throws {
        let base = Self.fixtureDirectory + "/" + name
        let input = try #require(TestSupport.readBytes(base + ".prom"))
        let expectedStdout = try #require(TestSupport.readBytes(base + ".stdout"))
        let expectedStderr = try #require(TestSupport.readBytes(base + ".stderr"))
        let expectedExit = try #require(TestSupport.readBytes(base + ".exit"))
        let result = CheckMetrics.run(input: input)
        #expect(result.stdout == String(decoding: expectedStdout, as: UTF8.self))
        #expect(result.stderr == String(decoding: expectedStderr, as: UTF8.self))
        let exitText = String(decoding: expectedExit, as: UTF8.self).filter { !$0.isWhitespace }
        #expect(String(result.exitCode) == exitText)
    }
}
