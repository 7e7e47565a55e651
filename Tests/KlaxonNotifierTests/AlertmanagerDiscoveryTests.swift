import KlaxonConfig
import KlaxonNotifier
import Testing

struct AlertmanagerDiscoveryTests {
    @Test func urlsFollowPrefixVersionRelabelingAndDefaultPorts() throws {
        let yaml = """
            alerting:
              alertmanagers:
                - path_prefix: /am/
                  static_configs: [{targets: ['a:9093', 'b']}]
                - scheme: https
                  api_version: v1
                  static_configs: [{targets: ['c', 'skip:1']}]
                  relabel_configs:
                    - source_labels: [__address__]
                      regex: 'skip.*'
                      action: drop
            """
        let config = try PrometheusConfigLoader.parse(yaml, file: "prometheus.yml")
        let first = config.alerting.alertmanagers[0].discoverURLs()
        #expect(first.urls == ["http://a:9093/am/api/v2/alerts", "http://b:80/am/api/v2/alerts"])
        #expect(first.errors.isEmpty)
        let second = config.alerting.alertmanagers[1].discoverURLs()
        #expect(second.urls == ["https://c:443/api/v1/alerts"])
        #expect(
            config.alerting.alertmanagers[0].alertsURLs() == [
                "http://a:9093/am/api/v2/alerts", "http://b/am/api/v2/alerts",
            ]
        )
    }
}
