import KlaxonModel
import KlaxonTestSupport
import Testing

@testable import KlaxonConfig
@testable import KlaxonScrape

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The config as `/api/v1/status/config` shows it, for each folder of Fixtures/status-config-cases: Klaxon's
/// redacted YAML against what the real Prometheus 2.42 served for the same prometheus.yml (recorded by
/// `scripts/record/prometheus-api.py --status-config`).
struct StatusConfigCasesTests {
    static let folder = TestSupport.fixtures("status-config-cases")

    static let cases = TestSupport.fileNames(in: folder)

    @Test func casesArePresent() {
        #expect(Self.cases.count >= 6)
    }

    @Test(arguments: cases)
    func matchesPrometheus(_ name: String) throws {
        let input = try readTextFile(Self.folder + "/\(name)/prometheus.yml").get()
        let expected = try readTextFile(Self.folder + "/\(name)/expected.yml").get()
        let config = try PrometheusConfigLoader.parse(input, file: "prometheus.yml")
        let actual = config.redactedYAML
        #expect(actual == expected)
        if actual != expected {
            // The first differing line, for a readable failure.
            let a = actual.split(separator: "\n", omittingEmptySubsequences: false)
            let e = expected.split(separator: "\n", omittingEmptySubsequences: false)
            if let i = zip(a, e).enumerated().first(where: { $0.element.0 != $0.element.1 })?.offset {
                Issue.record("line \(i + 1): klaxon `\(a[i])`, prometheus `\(e[i])`")
            }
        }
    }
}
