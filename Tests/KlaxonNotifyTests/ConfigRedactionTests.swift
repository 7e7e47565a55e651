import KlaxonYAML
import Testing

@testable import KlaxonNotify

/// `GET /api/v2/status` shows the routing configuration without its secrets.
struct ConfigRedactionTests {
    @Test func replacesSecretsAndKeepsTheRest() throws {
        let original = """
            global:
              slack_api_url: 'https://hooks.slack.com/services/T0/B0/s3cret-a'
              resolve_timeout: 5m
            route:
              receiver: team
              group_by: [alertname, 'cluster']
              routes:
                - matchers: ['severity="page"']
                  receiver: team
            receivers:
              - name: team
                webhook_configs:
                  - url: http://hook.example/x?key=s3cret-b
                    send_resolved: true
                    http_config:
                      basic_auth: {username: am, password: s3cret-c}
                      authorization: {credentials: s3cret-d}
                      proxy_url: http://proxy.example:3128
                slack_configs:
                  - api_url: https://hooks.slack.com/services/s3cret-e
                    channel: '#alerts'
                    text: "line one\\nline \\"two\\""
            templates: []

            """
        let redacted = ConfigRedaction.redact(original)
        #expect(!redacted.contains("s3cret"))
        #expect(
            redacted == """
                global:
                  slack_api_url: <secret>
                  resolve_timeout: 5m
                route:
                  receiver: team
                  group_by:
                    - alertname
                    - cluster
                  routes:
                    - matchers:
                        - "severity=\\"page\\""
                      receiver: team
                receivers:
                  - name: team
                    webhook_configs:
                      - url: <secret>
                        send_resolved: true
                        http_config:
                          basic_auth:
                            username: am
                            password: <secret>
                          authorization:
                            credentials: <secret>
                          proxy_url: "http://proxy.example:3128"
                    slack_configs:
                      - api_url: <secret>
                        channel: "#alerts"
                        text: "line one\\nline \\"two\\""
                templates: []

                """
        )
        // Still YAML, with the same shape.
        let reparsed = try #require(try YAMLParser.parse(redacted))
        guard case .mapping(let pairs) = reparsed.kind else {
            Issue.record("not a mapping")
            return
        }
        #expect(pairs.map { $0.key.scalarValue ?? "" } == ["global", "route", "receivers", "templates"])
    }

    @Test func unparsableTextShowsNothing() {
        #expect(ConfigRedaction.redact("route: [\n") == "")
    }
}
