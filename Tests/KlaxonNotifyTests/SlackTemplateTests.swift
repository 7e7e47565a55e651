import Foundation
import KlaxonModel
import KlaxonTestSupport
import Testing

@testable import KlaxonNotify

/// The seam for user templates. The engine itself lives in KlaxonTemplate; here a tiny double that knows
/// two actions checks that every text field goes through it and that failures fail the notification.
@Suite struct SlackTemplateTests {
    struct TinyTemplates: NotificationTemplates {
        struct Unknown: Error {}
        func render(_ source: String, data: NotificationData) throws -> String {
            if source.contains("{{ fail }}") { throw Unknown() }
            return
                source
                .replacingOccurrences(of: "{{ .Status }}", with: data.status)
                .replacingOccurrences(of: "{{ .CommonLabels.instance }}", with: data.commonLabels["instance"])
        }
    }

    static func run(
        config: SlackConfig,
        templates: (any NotificationTemplates)?
    ) async -> (
        RecordingSender, Alertmanager
    ) {
        let clock = ManualClock(now: 10_000)
        let sender = RecordingSender(clock: clock)
        let am = Alertmanager(
            route: Route(root: RouteSpec(receiver: "s", groupWait: 1000)),
            receivers: [Receiver(name: "s", integrations: [.slack(config)])],
            sender: sender,
            clock: clock,
            templates: templates
        )
        await am.post([Alert(labels: ["alertname": "X", "instance": "i1"], startsAt: 10_000, endsAt: 99_000)])
        clock.advance(to: 11_000)
        await am.processDue()
        return (sender, am)
    }

    @Test func userTemplatesAreRendered() async {
        let config = SlackConfig(
            apiURL: "http://slack",
            channel: "#{{ .Status }}",
            title: "{{ .Status }} on {{ .CommonLabels.instance }}",
            text: "plain",
            fields: [.init(title: "where", value: "{{ .CommonLabels.instance }}")]
        )
        let (sender, _) = await Self.run(config: config, templates: TinyTemplates())
        #expect(sender.sent.count == 1)
        let body = sender.sent.first?.body ?? ""
        #expect(body.hasPrefix("{\"channel\":\"#firing\",\"username\":\"Alertmanager\""))
        #expect(body.contains("\"title\":\"firing on i1\""))
        #expect(body.contains("\"text\":\"plain\""))
        #expect(body.contains("{\"title\":\"where\",\"value\":\"i1\",\"short\":false}"))
        // Unset fields keep the defaults (no group labels: the subject has two spaces, as in Alertmanager).
        #expect(body.contains("\"fallback\":\"[FIRING:1]  (X i1) | /#/alerts?receiver=s\""))
    }

    @Test func templateErrorsFailTheNotification() async {
        let key = ReceiverKey(receiver: "s", integration: "slack", index: 0)
        let broken = SlackConfig(apiURL: "http://slack", title: "{{ fail }}")
        let (sender, am) = await Self.run(config: broken, templates: TinyTemplates())
        #expect(sender.sent.isEmpty)
        #expect(await am.counters[key]?.notificationsFailed == 1)
        // Template text but no engine: also a failure, never the raw source.
        let (sender2, am2) = await Self.run(
            config: SlackConfig(apiURL: "http://slack", text: "{{ .Status }}"),
            templates: nil
        )
        #expect(sender2.sent.isEmpty)
        #expect(await am2.counters[key]?.notificationsFailed == 1)
    }
}

@Suite struct ReceiverTemplatesTests {
    static let data = NotificationData(
        receiver: "team-x",
        groupLabels: ["alertname": "HighCPU"],
        alerts: [
            Alert(labels: ["alertname": "HighCPU", "instance": "a", "sev": "p1"], startsAt: 1000),
            Alert(labels: ["alertname": "HighCPU", "instance": "b", "sev": "p1"], startsAt: 1000, endsAt: 1500),
        ],
        externalURL: "http://am",
        now: 2000
    )

    @Test func defaultsMatchTheNativeRendering() throws {
        let templates = try ReceiverTemplates()
        #expect(
            try templates.render("{{ template \"slack.default.title\" . }}", data: Self.data)
                == SlackPayload.defaultSubject(Self.data)
        )
        #expect(
            try templates.render("{{ template \"slack.default.title\" . }}", data: Self.data)
                == "[FIRING:1] HighCPU (p1)"
        )
        #expect(
            try templates.render("{{ template \"slack.default.titlelink\" . }}", data: Self.data)
                == "http://am/#/alerts?receiver=team-x"
        )
        #expect(try templates.render("", data: Self.data) == "")
    }

    @Test func userFilesDefineTemplatesAndTheirOutsideTextIsIgnored() throws {
        let file = """
            Some notes outside any define.
            {{ define "my.title" }}{{ .Alerts.Firing | len }} firing, {{ .Alerts.Resolved | len }} resolved{{ end }}
            {{ define "my.list" }}{{ range .Alerts }}{{ .Labels.instance }}={{ .Status }} {{ end }}{{ end }}

            """
        let templates = try ReceiverTemplates(files: [file])
        #expect(try templates.render("{{ template \"my.title\" . }}", data: Self.data) == "1 firing, 1 resolved")
        #expect(try templates.render("[{{ template \"my.list\" . }}]", data: Self.data) == "[a=firing b=resolved ]")
        #expect(try templates.render("{{ .CommonLabels.missing }}|{{ .Receiver }}", data: Self.data) == "|team-x")
    }

    @Test func brokenFilesAndSourcesThrow() {
        #expect(throws: (any Error).self) { try ReceiverTemplates(files: ["{{ define \"x\" }}{{ .Foo "]) }
        let templates = try? ReceiverTemplates()
        #expect(throws: (any Error).self) { try templates?.render("{{ nosuchfunc . }}", data: Self.data) }
        #expect(throws: (any Error).self) { try templates?.render("{{ template \"nope\" . }}", data: Self.data) }
    }
}
