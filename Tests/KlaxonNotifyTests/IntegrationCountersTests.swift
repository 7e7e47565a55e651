import KlaxonModel
import KlaxonTestSupport
import Testing

@testable import KlaxonNotify

/// The per-receiver, per-integration failure counters behind `/metrics`
/// (`alertmanager_notifications_total`, `…_failed_total`, `alertmanager_notification_requests_total`,
/// `…_requests_failed_total`).
@Suite struct IntegrationCountersTests {
    static func alertmanager(clock: SteppingClock, sender: RecordingSender) -> Alertmanager {
        Alertmanager(
            route: Route(
                root: RouteSpec(
                    receiver: "team",
                    groupBy: ["alertname"],
                    groupWait: 1000,
                    groupInterval: 20_000,
                    repeatInterval: 3_600_000
                )
            ),
            receivers: [
                Receiver(
                    name: "team",
                    integrations: [
                        .webhook(WebhookConfig(url: "http://sink/ok")), .webhook(WebhookConfig(url: "http://sink/bad")),
                    ]
                ),
                Receiver(name: "idle", integrations: [.webhook(WebhookConfig(url: "http://sink/idle"))]),
            ],
            sender: sender,
            clock: clock,
            silenceSeed: 1,
            random: { 0.5 }
        )
    }

    @Test func configuredIntegrationsStartAtZero() async {
        let clock = SteppingClock(now: 1_000_000)
        let am = Self.alertmanager(clock: clock, sender: RecordingSender(clock: clock))
        let rows = await am.integrationCounters()
        #expect(rows.map { "\($0.receiver)/\($0.integration)" } == ["idle/webhook", "team/webhook"])
        #expect(rows.allSatisfy { $0.counters == IntegrationCounters() })
    }

    @Test func twoWebhooksOfOneReceiverAreSummedAndFailuresCounted() async {
        let clock = SteppingClock(now: 1_000_000)
        // /ok answers 200; /bad fails with a connection error on every attempt.
        let sender = RecordingSender(clock: clock) { request, _ in
            request.url.hasSuffix("/ok") ? 200 : nil
        }
        let am = Self.alertmanager(clock: clock, sender: sender)
        await am.post([Alert(labels: ["alertname": "X"], startsAt: 1_000_000, endsAt: 9_000_000)])
        clock.advance(to: 1_001_000)
        await am.processDue()
        let perKey = await am.counters
        let ok = perKey[ReceiverKey(receiver: "team", integration: "webhook", index: 0)]
        let bad = perKey[ReceiverKey(receiver: "team", integration: "webhook", index: 1)]
        #expect(ok?.notifications == 1 && ok?.notificationsFailed == 0 && ok?.requests == 1)
        #expect(bad?.notifications == 1 && bad?.notificationsFailed == 1)
        let badRequests = bad?.requests ?? 0
        #expect(badRequests > 3 && bad?.requestsFailed == badRequests, "connection errors retried until the deadline")
        let rows = await am.integrationCounters()
        let team = rows.first { $0.receiver == "team" }?.counters
        #expect(team?.notifications == 2)
        #expect(team?.notificationsFailed == 1)
        #expect(team?.requests == 1 + badRequests)
        #expect(team?.requestsFailed == badRequests)
        #expect(rows.first { $0.receiver == "idle" }?.counters == IntegrationCounters())
    }

    @Test func reloadKeepsCountersAndAddsNewIntegrationsAtZero() async {
        let clock = SteppingClock(now: 1_000_000)
        let sender = RecordingSender(clock: clock) { _, _ in 400 }
        let am = Self.alertmanager(clock: clock, sender: sender)
        await am.post([Alert(labels: ["alertname": "X"], startsAt: 1_000_000, endsAt: 9_000_000)])
        clock.advance(to: 1_001_000)
        await am.processDue()
        #expect(sender.sent.count == 2, "a 400 is not retried: one request per webhook")
        await am.reload(
            route: Route(root: RouteSpec(receiver: "new")),
            receivers: [Receiver(name: "new", integrations: [.slack(SlackConfig(apiURL: "http://sink/slack"))])]
        )
        let rows = await am.integrationCounters()
        #expect(rows.map { "\($0.receiver)/\($0.integration)" } == ["idle/webhook", "new/slack", "team/webhook"])
        let team = rows.first { $0.receiver == "team" }?.counters
        #expect(team?.notificationsFailed == 2 && team?.requestsFailed == 2 && team?.requests == 2)
        #expect(rows.first { $0.receiver == "new" }?.counters == IntegrationCounters())
    }
}
