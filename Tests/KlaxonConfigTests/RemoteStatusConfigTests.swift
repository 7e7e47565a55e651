import KlaxonModel
import KlaxonTestSupport
import Testing

@testable import KlaxonConfig

/// `remote_write`/`remote_read` against the real Prometheus 2.42, for each folder of Fixtures/remote-status
/// (recorded by scripts/record/prometheus-remote-config.py, which ran Prometheus with `--config.file=conf/…`):
/// the config as `/api/v1/status/config` serves it, and the queue names (`remote_name` on /metrics, with the
/// queue's `url` label), which for unnamed entries are the first 6 hex digits of the MD5 of the entry's YAML.
struct RemoteStatusConfigTests {
    static let folder = TestSupport.fixtures("remote-status")

    static let cases = TestSupport.fileNames(in: folder, directoriesOnly: true)

    @Test func casesArePresent() {
        #expect(Self.cases.count >= 5)
    }

    static func load(_ name: String) throws -> PrometheusConfig {
        let input = try readTextFile(folder + "/\(name)/prometheus.yml").get()
        return try PrometheusConfigLoader.parse(input, file: "conf/prometheus.yml")
    }

    @Test(arguments: cases)
    func statusConfigMatchesPrometheus(_ name: String) throws {
        let expected = try readTextFile(Self.folder + "/\(name)/expected.yml").get()
        let actual = try Self.load(name).redactedYAML
        #expect(actual == expected)
        if actual != expected {
            let a = actual.split(separator: "\n", omittingEmptySubsequences: false)
            let e = expected.split(separator: "\n", omittingEmptySubsequences: false)
            if let i = zip(a, e).enumerated().first(where: { $0.element.0 != $0.element.1 })?.offset {
                Issue.record("line \(i + 1): klaxon `\(a[i])`, prometheus `\(e[i])`")
            }
        }
    }

    @Test(arguments: cases)
    func queueNamesMatchPrometheus(_ name: String) throws {
        let recorded = try readTextFile(Self.folder + "/\(name)/expected-names.txt").get()
        let expected = Set(recorded.split(separator: "\n").map(String.init))
        let config = try Self.load(name)
        func pair(_ name: String, _ url: String) -> String {
            "remote_name=\"\(Self.escaped(name))\",url=\"\(Self.escaped(url))\""
        }
        // A write queue's `url` label is redacted; a read client's is not.
        let actual = Set(
            config.remoteWriteConfigs.map { pair($0.queueName, $0.endpoint) }
                + config.remoteReadConfigs.map { pair($0.queueName, $0.url) }
        )
        #expect(actual == expected)
    }

    /// A label value as the text exposition format escapes it.
    static func escaped(_ value: String) -> String {
        value.replacing("\\", with: "\\\\").replacing("\"", with: "\\\"").replacing("\n", with: "\\n")
    }
}
