import KlaxonTestSupport
import Testing

@testable import KlaxonCheck

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Klaxon's `check config` against the outputs of the real promtool 2.42, recorded by
/// scripts/record/promtool-check-config. Each case is a folder run as the working directory; an `args` file replaces
/// `check config prometheus.yml`.
@Suite struct CheckConfigGoldenTests {
    static let directory = TestSupport.fixtures("check-config")

    static let cases = TestSupport.fileNames(in: directory)

    static func read(_ path: String) -> String? { TestSupport.readText(path) }

    /// The promtool arguments after `check config`, parsed into paths and options.
    static func invocation(_ folder: String) -> (paths: [String], options: CheckPrometheusConfig.Options) {
        var words = ["check", "config", "prometheus.yml"]
        if let args = read(folder + "/args") {
            words = args.split(whereSeparator: { $0 == " " || $0 == "\n" }).map(String.init)
        }
        var options = CheckPrometheusConfig.Options(rules: .init(prometheus2: true))
        var paths: [String] = []
        for word in words.dropFirst(2) {
            switch word {
            case "--syntax-only": options.syntaxOnly = true
            case "--lint-fatal": options.rules.lintFatal = true
            default:
                if word.hasPrefix("--lint=") {
                    options.rules.lint = String(word.dropFirst(7))
                } else {
                    paths.append(word)
                }
            }
        }
        return (paths, options)
    }

    @Test func fixturesArePresent() {
        #expect(Self.cases.count >= 20)
    }

    @Test(arguments: cases)
    func matchesPromtool(_ name: String) throws {
        let folder = Self.directory + "/" + name
        let stdout = try #require(Self.read(folder + "/expected.stdout"), "run scripts/record/promtool-check-config")
        let stderr = try #require(Self.read(folder + "/expected.stderr"))
        let exit = try #require(Self.read(folder + "/expected.exit").flatMap { Int32($0.filter { !$0.isWhitespace }) })
        let (paths, options) = Self.invocation(folder)
        let actual = CheckPrometheusConfig.run(paths: paths, options: options, directory: folder)
        #expect(actual.stdout == stdout)
        #expect(actual.stderr == stderr)
        #expect(actual.exitCode == exit)
    }

    @Test func noArgumentsIsAnError() {
        let result = CheckPrometheusConfig.run(paths: [])
        #expect(result.exitCode == 1)
        #expect(result.stderr == "promtool: error: required argument 'config-files' not provided, try --help\n")
    }
}
