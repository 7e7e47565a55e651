import Foundation
import KlaxonModel
import KlaxonTestSupport
import Testing

@testable import KlaxonNotify

/// What the YAML loader builds (the amtool wording of its errors is covered by the KlaxonCheck goldens).
@Suite struct AlertmanagerConfigLoaderTests {
    static let full = """
        global:
          resolve_timeout: 2m
          slack_api_url: https://hooks.slack.example/global
        route:
          receiver: default
          group_by: [alertname, cluster]
          group_wait: 10s
          routes:
            - receiver: pager
              matchers: ['{severity="page", team=~"db|ops"}']
              continue: true
            - receiver: slack
              match: {service: api}
              match_re: {env: 'prod|stag.*'}
              group_by: ['...']
              repeat_interval: 1h
              mute_time_intervals: [nights]
        inhibit_rules:
          - source_match: {severity: critical}
            target_matchers: [severity="warning"]
            equal: [alertname]
        receivers:
          - name: default
          - name: pager
            webhook_configs:
              - url: http://127.0.0.1:9/hook
                max_alerts: 5
                send_resolved: false
                http_config: {basic_auth: {username: u, password: p}}
          - name: slack
            slack_configs:
              - channel: '#alerts'
                title: '{{ .Status }}'
                fields: [{title: a, value: b, short: true}]
            email_configs: [{to: x@example.com, smarthost: 'mail:25', from: am@example.com}]
            pagerduty_configs: [{routing_key: k}]
        time_intervals:
          - name: nights
            time_intervals:
              - times: [{start_time: '22:00', end_time: '24:00'}]
                weekdays: ['monday:friday']
                location: UTC
        """

    @Test func decodesEverySection() throws {
        let config = try AlertmanagerConfigLoader.parse(Self.full, file: "am.yml")
        #expect(config.global.resolveTimeout == 120_000)
        #expect(config.global.slackAPIURL == "https://hooks.slack.example/global")
        let route = try #require(config.route)
        #expect(route.groupBy == ["alertname", "cluster"])
        #expect(route.groupWait == 10_000)
        #expect(route.routes.count == 2)
        #expect(route.routes[0].matchers.map(\.description) == ["severity=\"page\"", "team=~\"db|ops\""])
        #expect(route.routes[0].continue)
        // match_re is anchored as Alertmanager converts it.
        #expect(route.routes[1].matchers.map(\.description) == ["service=\"api\"", "env=~\"^(?:prod|stag.*)$\""])
        #expect(route.routes[1].groupBy == ["..."])
        #expect(route.routes[1].repeatInterval == 3_600_000)
        #expect(route.routes[1].muteTimeIntervals == ["nights"])
        #expect(config.inhibitRules.count == 1)
        #expect(config.inhibitRules[0].sourceMatchers.map(\.description) == ["severity=\"critical\""])
        #expect(config.inhibitRules[0].equal == ["alertname"])
        #expect(config.receivers.map(\.name) == ["default", "pager", "slack"])
        let webhook = try #require(config.receivers[1].webhookConfigs.first)
        #expect(webhook.maxAlerts == 5)
        #expect(!webhook.sendResolved)
        #expect(webhook.httpConfig.authorizationHeader() == "Basic dTpw")
        let slack = try #require(config.receivers[2].slackConfigs.first)
        #expect(slack.channel == "#alerts")
        #expect(slack.title == "{{ .Status }}")
        #expect(slack.username == nil)
        #expect(slack.fields == [SlackConfig.Field(title: "a", value: "b", short: true)])
        #expect(config.receivers[2].unsupportedIntegrations == ["email_configs", "pagerduty_configs"])
        #expect(
            config.unsupportedIntegrationWarnings == [
                "receiver \"slack\": email_configs (1) is not supported by Klaxon; its notifications are not sent",
                "receiver \"slack\": pagerduty_configs (1) is not supported by Klaxon; its notifications are not sent",
            ]
        )
        let interval = try #require(config.timeIntervals.first?.intervals.first)
        #expect(interval.times == [1320...1439])
        #expect(interval.weekdays == [1...5])
    }

    @Test func buildResolvesInheritanceAndGlobalSlackURL() throws {
        let config = try AlertmanagerConfigLoader.parse(Self.full, file: "am.yml")
        let (route, receivers) = config.build()
        #expect(route.children[0].options.groupWait == 10_000)
        #expect(route.children[1].options.groupByAll)
        guard case .slack(let slack) = receivers[2].integrations.first else {
            Issue.record("no slack integration")
            return
        }
        #expect(slack.apiURL == "https://hooks.slack.example/global")
        let labels = Labels([
            Label("severity", "page"), Label("team", "ops"), Label("service", "api"), Label("env", "staging"),
        ])
        #expect(route.match(labels).map(\.options.receiver) == ["pager", "slack"])
        #expect(route.match(Labels([Label("env", "xprod")])).map(\.options.receiver) == ["default"])
    }

    @Test func globalHTTPConfigIsTheDefault() throws {
        let config = try AlertmanagerConfigLoader.parse(
            "global: {http_config: {authorization: {credentials: g}}}\nroute: {receiver: a}\n"
                + "receivers: [{name: a, webhook_configs: [{url: 'http://x/'}, "
                + "{url: 'http://y/', http_config: {bearer_token: own}}]}]\n",
            file: "am.yml"
        )
        let integrations = config.build().receivers[0].integrations
        guard case .webhook(let first) = integrations[0], case .webhook(let second) = integrations[1] else {
            Issue.record("expected two webhooks")
            return
        }
        #expect(first.httpConfig.authorizationHeader() == "Bearer g")
        #expect(second.httpConfig.authorizationHeader() == "Bearer own")
    }

    @Test func notificationsCarryTheAuthorizationHeader() async throws {
        let config = try AlertmanagerConfigLoader.parse(
            "route: {receiver: a, group_wait: 1s}\nreceivers: [{name: a, webhook_configs: [{url: 'http://x/hook', "
                + "http_config: {basic_auth: {username: user, password: pass}}}]}]\n",
            file: "am.yml"
        )
        let clock = ManualClock(now: 1_000_000)
        let sender = RecordingSender(clock: clock)
        let alertmanager = try Alertmanager(config: config, options: .init(), sender: sender, clock: clock)
        await alertmanager.post([Alert(labels: Labels([Label("alertname", "A")]), startsAt: clock.now())])
        clock.advance(to: clock.now() + 2_000)
        await alertmanager.processDue()
        #expect(sender.sent.map(\.request.url) == ["http://x/hook"])
        #expect(sender.sent.first?.request.headers["Authorization"] == "Basic dXNlcjpwYXNz")
    }

    @Test func errorsAreWordedAsAlertmanager() {
        func error(_ yaml: String) -> String? {
            do {
                _ = try AlertmanagerConfigLoader.parse(yaml, file: "x.yml")
                return nil
            } catch {
                return error.description
            }
        }
        #expect(error("") == "no route provided in config")
        #expect(error("route: {receiver: a}\nreceivers: [{name: b}]\n") == "undefined receiver \"a\" used in route")
        #expect(
            error("route: {receiver: a, bogus: 1}\nreceivers: [{name: a}]\n")
                == "yaml: unmarshal errors:\n  line 1: field bogus not found in type config.plain"
        )
        #expect(
            error("route: {receiver: a, routes: [{matchers: ['a=\"b']}]}\nreceivers: [{name: a}]\n")
                == "matcher value contains unescaped double quote: \"b"
        )
        #expect(error("route: {receiver: a}\nreceivers: [{name: a}]\nglobal: {resolve_timeout: 5}\n") != nil)
    }

    @Test func loadResolvesTemplatesRelativeToTheFile() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "klaxon-am-\(UInt32.random(in: 0...UInt32.max))"
        )
        try FileManager.default.createDirectory(
            at: directory.appendingPathComponent("t"),
            withIntermediateDirectories: true
        )
        defer { try? FileManager.default.removeItem(at: directory) }
        try "{{ define \"slack.default.title\" }}custom {{ .Status }}{{ end }}".write(
            to: directory.appendingPathComponent("t/a.tmpl"),
            atomically: true,
            encoding: .utf8
        )
        let file = directory.appendingPathComponent("am.yml").path
        try "route: {receiver: a}\nreceivers: [{name: a}]\ntemplates: ['t/*.tmpl']\n".write(
            toFile: file,
            atomically: true,
            encoding: .utf8
        )
        let config = try AlertmanagerConfigLoader.load(file: file)
        #expect(config.templates == [directory.path + "/t/*.tmpl"])
        let files = try AlertmanagerConfigLoader.templateFiles(config)
        #expect(files.map(\.name) == ["a.tmpl"])
        #expect(throws: AlertmanagerConfigError.self) {
            try AlertmanagerConfigLoader.load(file: directory.path + "/none.yml")
        }
    }

    @Test func matcherParser() throws {
        let parsed = try MatcherParser.parseMatchers(#"{a="b\"c", d!~ "e|f" ,g=h\n}"#)
        #expect(parsed.map(\.description) == [#"a="b\"c""#, #"d!~"e|f""#, #"g="h\n""#])
        #expect(throws: MatcherParser.ParseError.self) { try MatcherParser.parseMatcher("=x") }
        #expect(throws: MatcherParser.ParseError.self) { try MatcherParser.parseMatcher("a=~(") }
        #expect(try MatcherParser.parseMatcher("a=").value == "")
        #expect(try MatcherParser.parseMatcher(#"a="x\y""#).value == #"x\y"#)
    }

    @Test func authorizationHeaders() {
        var config = HTTPClientConfig()
        #expect(config.authorizationHeader() == nil)
        config.bearerToken = "t"
        #expect(config.authorizationHeader() == "Bearer t")
        config = HTTPClientConfig()
        var auth = HTTPClientConfig.Authorization()
        auth.credentials = "c"
        config.authorization = auth
        #expect(config.authorizationHeader() == "Bearer c")
        #expect(base64(Array("Man".utf8)) == "TWFu")
        #expect(base64(Array("Ma".utf8)) == "TWE=")
        #expect(base64(Array("user:pass".utf8)) == "dXNlcjpwYXNz")
    }
}
