import KlaxonCheck
import KlaxonTestSupport
import Testing

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Runs `CheckMetrics` (what `klaxon check metrics` calls) on every fixture and compares stdout, stderr and the
/// exit code with what the real promtool 2.42 recorded (`scripts/golden-check-metrics`).
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
        let input = try #require(readFile(base + ".prom"))
        let expectedStdout = try #require(readFile(base + ".stdout"))
        let expectedStderr = try #require(readFile(base + ".stderr"))
        let expectedExit = try #require(readFile(base + ".exit"))
        let result = CheckMetrics.run(input: input)
        #expect(result.stdout == String(decoding: expectedStdout, as: UTF8.self))
        #expect(result.stderr == String(decoding: expectedStderr, as: UTF8.self))
        let exitText = String(decoding: expectedExit, as: UTF8.self).filter { !$0.isWhitespace }
        #expect(String(result.exitCode) == exitText)
    }
}

/// Reads a whole file, `nil` if it cannot be opened.
func readFile(_ path: String) -> [UInt8]? {
    guard let file = fopen(path, "rb") else { return nil }
    defer { fclose(file) }
    var bytes: [UInt8] = []
    var chunk = [UInt8](repeating: 0, count: 65_536)
    while true {
        let count = chunk.withUnsafeMutableBytes { fread($0.baseAddress, 1, $0.count, file) }
        if count == 0 { break }
        bytes.append(contentsOf: chunk[0..<count])
    }
    return bytes
}
