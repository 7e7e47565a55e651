import KlaxonModel
import Testing

@testable import KlaxonConfig

struct TargetBuilderTests {
    func scrapeConfig(_ body: String = "") throws -> ScrapeConfig {
        let yaml = "scrape_configs:\n  - job_name: node\n    scrape_interval: 15s\n" + body
        return try #require(try PrometheusConfigLoader.parse(yaml, file: "p.yml").scrapeConfigs.first)
    }

    @Test func defaultsGiveJobInstanceAndURL() throws {
        let config = try scrapeConfig()
        let group = TargetGroup(targets: ["h:9100"], labels: ["env": "prod"])
        guard case .active(let target) = TargetBuilder.build(address: "h:9100", group: group, config: config) else {
            Issue.record("target not active")
            return
        }
        #expect(target.labels == ["env": "prod", "instance": "h:9100", "job": "node"])
        #expect(target.scrapeURL == "http://h:9100/metrics")
        #expect(target.interval == 15_000 && target.timeout == 10_000)
        #expect(target.discoveredLabels["__scrape_interval__"] == "15s")
        #expect(target.discoveredLabels["__metrics_path__"] == "/metrics")
        #expect(target.discoveredLabels["__address__"] == "h:9100")
    }

    @Test func relabelingRewritesAddressSchemePathAndParams() throws {
        let config = try scrapeConfig(
            """
                params: {module: [icmp], target: [x]}
                relabel_configs:
                  - source_labels: [__address__]
                    target_label: __param_target
                  - target_label: __address__
                    replacement: exporter:9115
                  - target_label: __scheme__
                    replacement: https
                  - target_label: __metrics_path__
                    replacement: probe
                  - source_labels: [__param_target]
                    target_label: instance
                  - target_label: __scrape_timeout__
                    replacement: 2s

            """
        )
        let group = TargetGroup(targets: ["example.com a"])
        guard case .active(let target) = TargetBuilder.build(address: "example.com a", group: group, config: config)
        else {
            Issue.record("target not active")
            return
        }
        #expect(target.scrapeURL == "https://exporter:9115/probe?module=icmp&target=example.com+a")
        #expect(target.labels == ["instance": "example.com a", "job": "node"])
        #expect(target.timeout == 2_000)
    }

    @Test func droppedTargetsKeepTheirDiscoveredLabels() throws {
        let config = try scrapeConfig(
            """
                relabel_configs:
                  - source_labels: [__address__]
                    regex: 'skip.*'
                    action: drop

            """
        )
        let group = TargetGroup(targets: ["skip:1"])
        guard case .dropped(let labels) = TargetBuilder.build(address: "skip:1", group: group, config: config) else {
            Issue.record("target not dropped")
            return
        }
        #expect(labels["__address__"] == "skip:1")
        #expect(labels["job"] == "node")
    }

    @Test func invalidIntervalAfterRelabelingIsReported() throws {
        let config = try scrapeConfig(
            """
                relabel_configs:
                  - target_label: __scrape_timeout__
                    replacement: 1m

            """
        )
        guard
            case .invalid(_, let reason) = TargetBuilder.build(
                address: "a:1",
                group: .init(targets: []),
                config: config
            )
        else {
            Issue.record("target not invalid")
            return
        }
        #expect(reason == "scrape timeout cannot be greater than scrape interval (\"1m\" > \"15s\")")
    }

    @Test func missingPortIsInferredFromTheScheme() throws {
        let http = try scrapeConfig()
        guard case .active(let plain) = TargetBuilder.build(address: "host", group: .init(targets: []), config: http)
        else {
            Issue.record("target not active")
            return
        }
        #expect(plain.labels["instance"] == "host:80")
        #expect(plain.scrapeURL == "http://host:80/metrics")
        let https = try scrapeConfig("    scheme: https\n")
        guard case .active(let secure) = TargetBuilder.build(address: "[::1]", group: .init(targets: []), config: https)
        else {
            Issue.record("target not active")
            return
        }
        #expect(secure.labels["instance"] == "[::1]:443")
        let ftp = try scrapeConfig("    scheme: ftp\n")
        guard case .invalid(_, let reason) = TargetBuilder.build(address: "h", group: .init(targets: []), config: ftp)
        else {
            Issue.record("target not invalid")
            return
        }
        #expect(reason == "invalid scheme: \"ftp\"")
        #expect(hasPort("a:1") && hasPort("[::1]:9") && !hasPort("a") && !hasPort("a:b:c") && !hasPort("[::1]"))
    }
}
