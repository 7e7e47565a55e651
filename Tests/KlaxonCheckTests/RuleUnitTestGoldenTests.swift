import KlaxonTestSupport
import Testing

@testable import KlaxonCheck

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Klaxon's `test rules` against the outputs of the real promtool 2.42, recorded by scripts/record/promtool-test-rules.
@Suite struct RuleUnitTestGoldenTests {
    static let directory = TestSupport.fixtures("test-rules")

    static let cases = TestSupport.fileNames(in: directory, directoriesOnly: true)

    static func read(_ path: String) -> String? { TestSupport.readText(path) }

    static func arguments(_ name: String) -> [String] {
        guard let text = read(directory + "/" + name + "/args") else { return ["test.yml"] }
        return text.split(whereSeparator: { $0 == " " || $0 == "\n" }).map(String.init)
    }

    @Test func fixturesArePresent() {
        #expect(Self.cases.count >= 25)
        #expect(Self.cases.contains { $0.hasPrefix("pass-") })
        #expect(Self.cases.contains { $0.hasPrefix("fail-") })
    }

    /// promtool 2.42 uses PromQL 2.x, so the comparison runs with `--compat prometheus2`.
    @Test(arguments: cases)
    func matchesPromtool(_ name: String) throws {
        let folder = Self.directory + "/" + name
        let stdout = try #require(Self.read(folder + "/expected.stdout"), "run scripts/record/promtool-test-rules")
        let stderr = try #require(Self.read(folder + "/expected.stderr"))
        let exit = try #require(Self.read(folder + "/expected.exit").flatMap { Int32($0.filter(\.isNumber)) })
        let report = RuleUnitTester.run(
            paths: Self.arguments(name),
            options: .init(prometheus2: true),
            directory: folder
        )
        #expect(report.output.stdout == stdout)
        #expect(report.output.stderr == stderr)
        #expect(report.output.exitCode == exit)
        #expect(name.hasPrefix("fail-") == (exit != 0))
    }
}
