import KlaxonModel
import Testing

@testable import KlaxonConfig

struct PrometheusConfigLoaderTests {
    func load(_ yaml: String) throws -> PrometheusConfig {
        try PrometheusConfigLoader.parse(yaml, file: "conf/prometheus.yml")
    }

    func error(_ yaml: String) -> String? {
        do {
            _ = try PrometheusConfigLoader.parse(yaml, file: "prometheus.yml")
            return nil
        } catch {
            return error.message
        }
    }

    @Test func emptyFileHasDefaults() throws {
        let config = try load("")
        #expect(config.global == .default)
        #expect(config.global.scrapeInterval == 60_000)
        #expect(config.global.scrapeTimeout == 10_000)
        #expect(config.scrapeConfigs.isEmpty)
        #expect(config.directory == "conf")
    }

    @Test func scrapeConfigsInheritFromGlobal() throws {
        let config = try load(
            """
            global:
              scrape_interval: 5s
              external_labels: {dc: eu1}
            scrape_configs:
              - job_name: a
              - job_name: b
                scrape_interval: 20s
              - job_name: c
                scrape_interval: 1s
            """
        )
        // The global timeout defaults to min(10s, interval).
        #expect(config.global.scrapeTimeout == 5_000)
        #expect(config.global.externalLabels == ["dc": "eu1"])
        let jobs = config.scrapeConfigs.map { ($0.jobName, $0.scrapeInterval, $0.scrapeTimeout) }
        #expect(jobs.map(\.0) == ["a", "b", "c"])
        #expect(jobs.map(\.1) == [5_000, 20_000, 1_000])
        // A job's timeout is the global one, clamped to the job's interval.
        #expect(jobs.map(\.2) == [5_000, 5_000, 1_000])
        #expect(config.scrapeConfigs[0].metricsPath == "/metrics")
        #expect(config.scrapeConfigs[0].scheme == "http")
        #expect(config.scrapeConfigs[0].honorTimestamps)
        #expect(!config.scrapeConfigs[0].honorLabels)
    }

    @Test func fieldsAreRead() throws {
        let config = try load(
            """
            rule_files: ['rules/*.yml']
            scrape_configs:
              - job_name: node
                metrics_path: /probe
                params: {module: [http_2xx]}
                honor_labels: yes
                sample_limit: 10
                label_limit: 3
                body_size_limit: 1KB
                target_limit: 2
                bearer_token_file: token.txt
                tls_config: {insecure_skip_verify: true, ca_file: ca.pem}
                static_configs:
                  - targets: ['h:1']
                    labels: {env: prod}
                file_sd_configs:
                  - files: ['sd/*.json']
                    refresh_interval: 30s
                metric_relabel_configs:
                  - source_labels: [__name__]
                    regex: go_.*
                    action: drop
            alerting:
              alertmanagers:
                - path_prefix: /am/
                  static_configs: [{targets: ['am:9093']}]
            """
        )
        let scrape = try #require(config.scrapeConfigs.first)
        #expect(scrape.metricsPath == "/probe")
        #expect(scrape.params.map(\.name) == ["module"])
        #expect(scrape.params.first?.values == ["http_2xx"])
        #expect(scrape.honorLabels)
        #expect(scrape.sampleLimit == 10 && scrape.labelLimit == 3 && scrape.targetLimit == 2)
        #expect(scrape.bodySizeLimit == 1024)
        #expect(scrape.http.authorization == .init(type: "Bearer", credentials: .file("token.txt")))
        #expect(scrape.http.tls.insecureSkipVerify && scrape.http.tls.caFile == "ca.pem")
        #expect(scrape.staticConfigs == [TargetGroup(targets: ["h:1"], labels: ["env": "prod"], source: "0")])
        #expect(scrape.fileSDConfigs == [FileSDConfig(files: ["sd/*.json"], refreshInterval: 30_000)])
        #expect(scrape.metricRelabelConfigs.first?.action == .drop)
        #expect(config.resolve(config.ruleFiles[0]) == "conf/rules/*.yml")
        #expect(config.alerting.alertmanagers.first?.alertsURLs() == ["http://am:9093/am/api/v2/alerts"])
    }

    @Test func redactedYAMLHidesSecrets() throws {
        let config = try load(
            """
            scrape_configs:
              - job_name: a
                basic_auth: {username: u, password: hunter2}
              - job_name: b
                authorization: {credentials: s3cr3t}
            """
        )
        #expect(!config.redactedYAML.contains("hunter2"))
        #expect(!config.redactedYAML.contains("s3cr3t"))
        #expect(config.redactedYAML.contains("password: <secret>"))
        #expect(config.redactedYAML.contains("credentials: <secret>"))
        #expect(config.redactedYAML.contains("- job_name: a\n"))
        #expect(config.redactedYAML.hasPrefix("global:\n  scrape_interval: 1m\n  scrape_timeout: 10s\n"))
    }

    @Test(arguments: [
        (
            "scrape_configs:\n  - job_name: a\n    scrape_timeout: 2m\n",
            "scrape timeout greater than scrape interval for scrape config with job name \"a\""
        ),
        ("scrape_configs:\n  - job_name: a\n  - job_name: a\n", "found multiple scrape configs with job name \"a\""),
        (
            "scrape_configs:\n  - job_name: a\n    foo: 1\n",
            "yaml: unmarshal errors:\n  line 3: field foo not found in type config.ScrapeConfig"
        ),
        (
            "scrape_configs:\n  - job_name: a\n    relabel_configs: [{regex: '(', source_labels: [a]}]\n",
            "error parsing regexp: missing closing ): `^(?:()$`"
        ),
        (
            "scrape_configs:\n  - job_name: a\n    relabel_configs: [{action: Keep, regex: 'x', source_labels: ['0a']}]\n",
            "\"0a\" is not a valid label name"
        ),
        (
            "scrape_configs:\n  - job_name: a\n    sample_limit: -1\n",
            "yaml: unmarshal errors:\n  line 3: cannot unmarshal !!int `-1` into uint"
        ),
        ("scrape_configs:\n  - job_name: a\n    body_size_limit: 5XB\n", "units: unknown unit XB in 5XB"),
        (
            "scrape_configs:\n  - job_name: a\n    basic_auth: {username: u}\n    bearer_token: t\n",
            "at most one of basic_auth, oauth2, bearer_token & bearer_token_file must be configured"
        ),
        (
            "scrape_configs:\n  - job_name: a\n    authorization: {credentials: a, credentials_file: b}\n",
            "at most one of authorization credentials & credentials_file must be configured"
        ),
        (
            "scrape_configs:\n  - job_name: a\n    file_sd_configs: [{files: []}]\n",
            "file service discovery config must contain at least one path name"
        ),
        (
            "scrape_configs:\n  - job_name: a\n    relabel_configs: [~]\n",
            "empty or null target relabeling rule in scrape config"
        ),
        (
            "scrape_configs: 3\n",
            "yaml: unmarshal errors:\n  line 1: cannot unmarshal !!int `3` into []*config.ScrapeConfig"
        ),
        ("global: {scrape_interval: 1x}\n", "not a valid duration string: \"1x\""),
        (
            "alerting: {alertmanagers: [{static_configs: [{targets: ['http://a/']}]}]}\n",
            "\"http://a/\" is not a valid hostname"
        ),
    ])
    func invalidConfigsAreRejectedWithPrometheusWording(_ yaml: String, _ message: String) {
        #expect(error(yaml) == message)
    }

    @Test func otherDiscoveryMechanismsAreAcceptedAndNamed() throws {
        let config = try load("scrape_configs:\n  - job_name: k\n    kubernetes_sd_configs: [{role: pod}]\n")
        #expect(config.scrapeConfigs.first?.unsupportedDiscovery == ["kubernetes_sd_configs"])
    }

    @Test func base2Bytes() throws {
        #expect(try parseBase2Bytes("10MB").get() == 10 << 20)
        #expect(try parseBase2Bytes("1GiB").get() == 1 << 30)
        #expect(try parseBase2Bytes("1.5KB").get() == 1536)
        #expect(try parseBase2Bytes("0").get() == 0)
        #expect((try? parseBase2Bytes("MB").get()) == nil)
    }
}

/// The redacted config against what the real Prometheus 2.42 serves at /api/v1/status/config for the same file
/// (recorded by scripts/record/promtool-check-config).
struct StatusConfigYAMLTests {
    static let folder: String = {
        let file = "\(#filePath)"
        let folder = file.split(separator: "/", omittingEmptySubsequences: false).dropLast().joined(separator: "/")
        return folder + "/Fixtures/status-config"
    }()

    @Test func matchesPrometheus() throws {
        let input = try readTextFile(Self.folder + "/prometheus.yml").get()
        let expected = try readTextFile(Self.folder + "/expected.yml").get()
        let config = try PrometheusConfigLoader.parse(input, file: "prometheus.yml")
        #expect(config.redactedYAML == expected)
    }

    @Test func scalarsAreQuotedAsYAMLv2Does() {
        #expect(ConfigYAMLWriter.scalar("(.*):9100") == "(.*):9100")
        #expect(ConfigYAMLWriter.scalar("$1") == "$1")
        #expect(ConfigYAMLWriter.scalar("") == "\"\"")
        #expect(ConfigYAMLWriter.scalar("true") == "\"true\"")
        #expect(ConfigYAMLWriter.scalar("10") == "\"10\"")
        #expect(ConfigYAMLWriter.scalar("a: b") == "'a: b'")
        #expect(ConfigYAMLWriter.scalar("*.json") == "'*.json'")
        #expect(ConfigYAMLWriter.scalar("it's #1") == "'it''s #1'")
        #expect(ConfigYAMLWriter.base2Bytes(10 << 20) == "10MiB")
        #expect(ConfigYAMLWriter.base2Bytes(1536) == "1KiB512B")
    }
}
