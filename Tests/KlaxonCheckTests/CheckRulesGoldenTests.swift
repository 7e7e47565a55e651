import KlaxonTestSupport
import Testing

@testable import KlaxonCheck

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Klaxon's `check rules` against the outputs of the real promtool 2.42, recorded by
/// scripts/record/promtool-check-rules.
@Suite struct CheckRulesGoldenTests {
    static let directory = TestSupport.fixtures("check-rules")

    static func listing(suffix: String) -> [String] { listing(in: directory, suffix: suffix) }

    static func listing(in directory: String, suffix: String) -> [String] {
        TestSupport.fileNames(in: directory, suffix: suffix)
    }

    static func read(_ name: String) -> String? { read(name, in: directory) }

    static func read(_ name: String, in directory: String) -> String? {
        TestSupport.readText(directory + "/" + name)
    }

    static func expected(_ base: String) -> CheckResult? {
        guard let stdout = read(base + ".stdout"), let stderr = read(base + ".stderr"),
            let exit = read(base + ".exit"), let code = Int32(exit.filter { !$0.isWhitespace })
        else { return nil }
        return CheckResult(stdout: stdout, stderr: stderr, exitCode: code)
    }

    /// Cases whose stderr is known to differ, with the reason.
    /// Cases whose stderr Klaxon words differently from promtool, with the reason (none at present).
    static let knownDivergences: [String: String] = [:]

    static let singleFiles = listing(suffix: ".yml")
    static let invocations = listing(suffix: ".args")

    @Test func fixturesArePresent() {
        #expect(Self.singleFiles.count >= 20)
        #expect(Self.invocations.count >= 5)
    }

    @Test(arguments: singleFiles)
    func singleFile(_ base: String) throws {
        let expected = try #require(
            Self.expected(base),
            "no recorded output for \(base); run scripts/record/promtool-check-rules"
        )
        let options = CheckRules.Options(prometheus2: base.hasPrefix("p2-"))
        let actual = CheckRules.run(paths: [base + ".yml"], options: options, directory: Self.directory)
        #expect(actual.stdout == expected.stdout)
        #expect(actual.exitCode == expected.exitCode)
        if let reason = Self.knownDivergences[base] {
            withKnownIssue(Comment(rawValue: reason)) { #expect(actual.stderr == expected.stderr) }
        } else {
            #expect(actual.stderr == expected.stderr)
        }
    }

    @Test(arguments: invocations)
    func invocation(_ base: String) throws {
        let expected = try #require(
            Self.expected(base),
            "no recorded output for \(base); run scripts/record/promtool-check-rules"
        )
        let arguments = try #require(Self.read(base + ".args")).split(whereSeparator: { $0 == " " || $0 == "\n" })
        var options = CheckRules.Options()
        var paths: [String] = []
        for argument in arguments {
            if argument == "--lint-fatal" {
                options.lintFatal = true
            } else if argument.hasPrefix("--lint=") {
                options.lint = String(argument.dropFirst("--lint=".count))
            } else {
                paths.append(String(argument))
            }
        }
        let actual = CheckRules.run(paths: paths, options: options, directory: Self.directory)
        #expect(actual.stdout == expected.stdout)
        #expect(actual.stderr == expected.stderr)
        #expect(actual.exitCode == expected.exitCode)
    }
}
