import Foundation
import KlaxonModel
import KlaxonTestSupport
import Testing

@testable import KlaxonNotify

/// Replays the scenario of `scripts/record/alertmanager-notifications.py` on a ManualClock and compares every
/// request with what the real Alertmanager 0.25 sent: same bodies (byte for byte), same order per
/// endpoint, same times (±250 ms of the recorded arrival).
@Suite struct AlertmanagerFixtureTests {
    static let generatorURL = "http://prom:9090/graph?g0.expr=cpu<1&x>2"
    static let alerts: [String: (Labels, [String: String])] = [
        "A": (
            ["alertname": "HighCPU", "instance": "a", "job": "node", "severity": "warning", "chan": "slack"],
            ["summary": "CPU high on a <b>&\"q\"", "description": "ünï\nline2"]
        ),
        "B": (
            ["alertname": "HighCPU", "instance": "b", "job": "node", "severity": "critical", "chan": "slack"],
            ["summary": "CPU high on b"]
        ),
        "C": (["alertname": "DiskFull", "instance": "c", "job": "node", "severity": "warning"], [:]),
        "D": (
            ["alertname": "HighCPU", "instance": "z", "severity": "warning", "chan": "slack"],
            ["summary": "CPU high on z"]
        ),
        "E": (["alertname": "NodeDown", "instance": "c", "job": "node", "severity": "critical"], [:]),
        "L": (["alertname": "Long" + String(repeating: "x", count: 1100), "instance": "l"], [:]),
        "A2": (["alertname": "HighCPU", "instance": "a"], [:]),
        "B2": (["alertname": "HighCPU", "instance": "b"], [:]),
        "C2": (["alertname": "HighCPU", "instance": "c"], [:]),
    ]

    enum Event {
        case post(offset: Int64, key: String, startsAt: Int64, endsAt: Int64)
        case silence(offset: Int64, name: String, value: String)
        var offset: Int64 {
            switch self {
            case .post(let offset, _, _, _), .silence(let offset, _, _): return offset
            }
        }
    }

    struct Received {
        var offset: Int64
        var path: String
        var userAgent: String
        var body: String
    }

    static func load(_ file: String) throws -> (base: Int64, events: [Event], received: [Received])? {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("Fixtures/" + file)
        guard let text = try? String(contentsOf: url, encoding: .utf8) else { return nil }
        var base: Int64 = 0
        var events: [Event] = []
        var received: [Received] = []
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var index = 0
        while index < lines.count {
            let fields = lines[index].split(separator: " ").map(String.init)
            index += 1
            guard let kind = fields.first else { continue }
            switch kind {
            case "base":
                base = Int64(fields[1]) ?? 0
            case "post":
                events.append(
                    .post(
                        offset: Int64(fields[1]) ?? 0,
                        key: fields[2],
                        startsAt: Int64(fields[3]) ?? 0,
                        endsAt: Int64(fields[4]) ?? 0
                    )
                )
            case "silence":
                events.append(.silence(offset: Int64(fields[1]) ?? 0, name: fields[2], value: fields[3]))
            case "recv":
                received.append(
                    Received(
                        offset: Int64(fields[1]) ?? 0,
                        path: fields[2],
                        userAgent: fields[3],
                        body: lines[index] + "\n"
                    )
                )
                index += 1
            default:
                Issue.record("unknown fixture line \(fields)")
            }
        }
        return (base, events, received)
    }

    static func makeAlertmanager(sender: any HTTPSender, clock: any KlaxonClock, templated: Bool) -> Alertmanager {
        let route = Route(
            root: RouteSpec(
                receiver: "hook",
                groupBy: ["alertname"],
                groupWait: 2000,
                groupInterval: 6000,
                repeatInterval: 20000,
                routes: [
                    RouteSpec(receiver: "slack", matchers: [matcher("chan=slack")], continue: true),
                    RouteSpec(receiver: "hook", matchers: [matcher("alertname=~.+")]),
                ]
            )
        )
        var options = Alertmanager.Options()
        options.externalURL = "http://am.example:9093"
        return Alertmanager(
            route: route,
            receivers: [
                Receiver(
                    name: "hook",
                    integrations: [
                        .webhook(WebhookConfig(url: "http://sink/hook")),
                        .webhook(WebhookConfig(url: "http://sink/hook-trunc", maxAlerts: 1)),
                    ]
                ),
                Receiver(
                    name: "slack",
                    integrations: [
                        .slack(SlackConfig(apiURL: "http://sink/slack", sendResolved: true, channel: "#alerts"))
                    ]
                ),
            ],
            inhibitRules: [
                InhibitRule(
                    sourceMatchers: [matcher("severity=critical")],
                    targetMatchers: [matcher("severity=warning")],
                    equal: ["instance"]
                )
            ],
            options: options,
            sender: sender,
            clock: clock,
            templates: templated ? try? ReceiverTemplates() : nil
        )
    }

    /// Scenario "resolve": one receiver with a webhook (send_resolved on by default) and Slack (off).
    static func makeResolveAlertmanager(
        sender: any HTTPSender,
        clock: any KlaxonClock,
        templated: Bool
    ) -> Alertmanager {
        var options = Alertmanager.Options()
        options.externalURL = "http://am.example:9093"
        return Alertmanager(
            route: Route(
                root: RouteSpec(
                    receiver: "both",
                    groupBy: ["alertname"],
                    groupWait: 1000,
                    groupInterval: 4000,
                    repeatInterval: Time.hour
                )
            ),
            receivers: [
                Receiver(
                    name: "both",
                    integrations: [
                        .webhook(WebhookConfig(url: "http://sink/hook")),
                        .slack(
                            Self.templated(
                                SlackConfig(
                                    apiURL: "http://sink/slack",
                                    iconEmoji: ":fire:",
                                    linkNames: true,
                                    fields: [
                                        .init(title: "t", value: "v"), .init(title: "u", value: "w", short: false),
                                    ],
                                    shortFields: true,
                                    imageURL: "http://img.example/x.png"
                                ),
                                templated
                            )
                        ),
                    ]
                )
            ],
            options: options,
            sender: sender,
            clock: clock,
            templates: templated ? try? ReceiverTemplates() : nil
        )
    }

    /// The Slack config with Alertmanager's default field templates spelled out, so they are rendered by
    /// KlaxonTemplate through `ReceiverTemplates` instead of natively.
    static func templated(_ config: SlackConfig, _ templated: Bool) -> SlackConfig {
        guard templated else { return config }
        var config = config
        config.username = "{{ template \"slack.default.username\" . }}"
        config.title = "{{ template \"slack.default.title\" . }}"
        config.titleLink = "{{ template \"slack.default.titlelink\" . }}"
        config.fallback = "{{ template \"slack.default.fallback\" . }}"
        config.color = "{{ if eq .Status \"firing\" }}danger{{ else }}good{{ end }}"
        config.text = "{{ template \"slack.default.text\" . }}"
        config.pretext = "{{ template \"slack.default.pretext\" . }}"
        config.footer = "{{ template \"slack.default.footer\" . }}"
        config.callbackID = "{{ template \"slack.default.callbackid\" . }}"
        return config
    }

    @Test(arguments: [false, true])
    func replayMatchesRealAlertmanager(templated: Bool) async throws {
        try await replay(file: "am_timeline.txt", duration: 50_000) {
            Self.makeAlertmanager(sender: $0, clock: $1, templated: templated)
        }
    }

    @Test(arguments: [false, true])
    func replayResolvedHandlingMatchesRealAlertmanager(templated: Bool) async throws {
        try await replay(file: "am_timeline_resolve.txt", duration: 16_000) {
            Self.makeResolveAlertmanager(sender: $0, clock: $1, templated: templated)
        }
    }

    func replay(
        file: String,
        duration: Int64,
        make: (any HTTPSender, any KlaxonClock) -> Alertmanager
    ) async throws {
        let fixture = try #require(try Self.load(file), "Fixtures/\(file) is missing")
        let base = fixture.base
        let clock = ManualClock(now: base)
        let sender = RecordingSender(clock: clock)
        let am = make(sender, clock)
        var events = fixture.events[...]
        let end = base + duration
        while true {
            let deadline = await am.nextDeadline() ?? Int64.max
            if let event = events.first, base + event.offset <= deadline {
                events.removeFirst()
                clock.advance(to: base + event.offset)
                switch event {
                case .post(_, let key, let startsAt, let endsAt):
                    let (labels, annotations) = try #require(Self.alerts[key])
                    await am.post([
                        Alert(
                            labels: labels,
                            annotations: annotations,
                            startsAt: startsAt,
                            endsAt: endsAt,
                            generatorURL: Self.generatorURL
                        )
                    ])
                case .silence(_, let name, let value):
                    let now = clock.now()
                    _ = try await am.setSilence(
                        Silence(
                            matchers: [.equal(name, value)],
                            startsAt: now,
                            endsAt: now + Time.hour,
                            createdBy: "me",
                            comment: "test"
                        )
                    )
                }
                continue
            }
            if deadline > end { break }
            clock.advance(to: deadline)
            await am.processDue()
        }
        let ours = sender.sent
        #expect(ours.count == fixture.received.count)
        for path in ["/hook", "/hook-trunc", "/slack"] {
            let theirs = fixture.received.filter { $0.path == path }
            let mine = ours.filter { $0.path == path }
            #expect(mine.count == theirs.count, "\(path)")
            for (want, got) in zip(theirs, mine) {
                #expect(got.body == want.body, "\(path) at \(want.offset)")
                #expect(abs((got.time - base) - want.offset) <= 250, "\(path) at \(want.offset): \(got.time - base)")
                #expect(got.request.headers["User-Agent"] == want.userAgent)
                #expect(got.request.headers["Content-Type"] == "application/json")
            }
        }
    }
}
