import KlaxonConfig
import KlaxonScrape
import KlaxonServer
import Logging
import Testing

@testable import KlaxonDaemon

/// What the daemon hands the status page and `/api/v1/rules` before and without any evaluation.
struct StatusPageBackendTests {
    @Test func groupsNotEvaluatedYetAreListedInConfigurationOrder() async throws {
        let dir = try makeTemporaryDirectory()
        try writeFile(
            dir + "/b.yml",
            """
            groups:
              - name: slow
                interval: 1h
                rules:
                  - alert: Never
                    expr: vector(1) == 2
                    for: 5m
                  - record: job:x:sum
                    expr: sum(vector(1))

            """
        )
        try writeFile(
            dir + "/a.yml",
            "groups:\n  - name: first\n    rules:\n      - record: r\n        expr: vector(1)\n"
        )
        try writeFile(dir + "/prometheus.yml", "rule_files: ['b.yml', 'a.yml']\n")
        var options = DaemonOptions()
        options.configFile = dir + "/prometheus.yml"
        options.alertmanagerConfigFile = nil
        options.storagePath = dir + "/data"
        let daemon = try Daemon(options: options, logger: Logger(label: "test") { _ in SwiftLogNoOpLogHandler() })
        let groups = await DaemonBackend(daemon: daemon).ruleGroups()
        #expect(groups.map(\.name) == ["slow", "first"])
        #expect(groups.map(\.file) == [dir + "/b.yml", dir + "/a.yml"])
        #expect(groups.first?.interval == 3600)
        #expect(groups.allSatisfy { $0.lastEvaluation == nil })
        let rules = groups.first?.rules ?? []
        #expect(rules.map(\.name) == ["Never", "job:x:sum"])
        #expect(rules.map(\.kind) == [.alerting, .recording])
        #expect(rules.allSatisfy { $0.health == .unknown && $0.lastEvaluation == nil && $0.alerts.isEmpty })
        #expect(rules.first?.duration == 300)
    }

    @Test func configIsRedactedAsPrometheusPrintsItAndReloadErrorsQuoteTheFile() async throws {
        let dir = try makeTemporaryDirectory()
        let file = dir + "/prometheus.yml"
        try writeFile(
            file,
            """
            scrape_configs:
              - job_name: tls
                scheme: https
                bearer_token: hunter2
                tls_config:
                  cert_file: /x/cert.pem
                  key_file: /x/key.pem
                static_configs:
                  - targets: ['127.0.0.1:2']

            """
        )
        var options = DaemonOptions()
        options.configFile = file
        options.storagePath = dir + "/data"
        let daemon = try Daemon(options: options, logger: Logger(label: "test") { _ in SwiftLogNoOpLogHandler() })
        let backend = DaemonBackend(daemon: daemon)
        let yaml = await backend.configYAML()
        // As Prometheus 2.42 prints the same file (recorded from /api/v1/status/config).
        #expect(
            yaml.contains(
                """
                  authorization:
                    type: Bearer
                    credentials: <secret>
                  tls_config:
                    cert_file: /x/cert.pem
                    key_file: /x/key.pem
                    insecure_skip_verify: false
                  follow_redirects: true
                """
            )
        )
        #expect(!yaml.contains("hunter2"))

        try writeFile(file, "scrape_configs: [\n")
        do {
            try await backend.reload()
            Issue.record("a broken file must not reload")
        } catch {
            #expect("\(error)".hasPrefix("couldn't load configuration (--config.file=\"\(file)\"): "))
        }
        #expect(await backend.configYAML() == yaml)
    }

    @Test func embeddedDefaultScrapesItselfUnderTheExternalURLPath() throws {
        let dir = try makeTemporaryDirectory()
        try writeFile(dir + "/r.yml", "groups: []\n")
        var options = DaemonOptions()
        options.rulesDirectory = dir
        options.alertmanagerDirectory = dir
        options.storagePath = dir + "/data"
        options.listenAddress = "127.0.0.1:19999"
        options.externalURL = "https://proxy.example/it's/klaxon/"
        let prefixed = try ConfigLoader(options: options).load()
        #expect(prefixed.prometheus.scrapeConfigs.map(\.metricsPath) == ["/it's/klaxon/metrics"])
        options.externalURL = nil
        let plain = try ConfigLoader(options: options).load()
        #expect(plain.prometheus.scrapeConfigs.map(\.metricsPath) == ["/metrics"])
    }
}
