import Foundation
import KlaxonModel
import KlaxonTestSupport
import Testing

@testable import KlaxonNotify

@Suite struct DispatchTests {
    static func hookAlertmanager(
        clock: any KlaxonClock,
        sender: any HTTPSender,
        route: RouteSpec = RouteSpec(
            receiver: "hook",
            groupBy: ["alertname"],
            groupWait: 2000,
            groupInterval: 6000,
            repeatInterval: 20000
        ),
        webhook: WebhookConfig = WebhookConfig(url: "http://sink/hook"),
        inhibitRules: [InhibitRule] = [],
        timeIntervals: [NamedTimeInterval] = [],
        options: Alertmanager.Options = Alertmanager.Options()
    ) -> Alertmanager {
        Alertmanager(
            route: Route(root: route),
            receivers: [Receiver(name: "hook", integrations: [.webhook(webhook)])],
            inhibitRules: inhibitRules,
            timeIntervals: timeIntervals,
            options: options,
            sender: sender,
            clock: clock,
            silenceSeed: 1,
            random: { 0.5 }
        )
    }

    /// Advances a ManualClock deadline by deadline up to `end`, flushing what is due.
    static func run(_ am: Alertmanager, _ clock: ManualClock, until end: Timestamp) async {
        while let deadline = await am.nextDeadline(), deadline <= end {
            clock.advance(to: deadline)
            await am.processDue()
        }
        clock.advance(to: end)
    }

    /// The group status followed by each alert's status.
    static func statuses(_ body: String) -> [String] {
        var result: [String] = []
        if let range = body.range(of: "\"receiver\":\"hook\",\"status\":\"") {
            let rest = body[range.upperBound...]
            if let end = rest.firstIndex(of: "\"") { result.append(String(rest[..<end])) }
        }
        var rest = alertsSection(body)
        while let range = rest.range(of: "{\"status\":\"") {
            rest = rest[range.upperBound...]
            if let end = rest.firstIndex(of: "\"") { result.append(String(rest[..<end])) }
        }
        return result
    }

    static func alertsSection(_ body: String) -> Substring {
        guard let start = body.range(of: "\"alerts\":["), let end = body.range(of: "],\"groupLabels\"") else {
            return ""
        }
        return body[start.upperBound..<end.lowerBound]
    }

    /// The `instance` label of each alert, in order.
    static func instances(_ body: String) -> [String] {
        var result: [String] = []
        var rest = alertsSection(body)
        while let range = rest.range(of: "\"instance\":\"") {
            rest = rest[range.upperBound...]
            if let end = rest.firstIndex(of: "\"") { result.append(String(rest[..<end])) }
        }
        return result
    }

    /// COMPATIBILITY §5.5's observed table (times relative to the first notification).
    @Test func observedTimeline() async {
        let t0: Timestamp = 1_000_000_000_000
        let clock = ManualClock(now: t0 - 2000)
        let sender = RecordingSender(clock: clock)
        let am = Self.hookAlertmanager(clock: clock, sender: sender)
        let a = Alert(labels: ["alertname": "HighCPU", "instance": "a"], startsAt: t0 - 2000, endsAt: t0 + 240_000)
        var b = Alert(labels: ["alertname": "HighCPU", "instance": "b"], startsAt: t0 + 2000, endsAt: t0 + 240_000)
        await am.post([a])
        await Self.run(am, clock, until: t0 + 2000)
        await am.post([b])
        await Self.run(am, clock, until: t0 + 8000)
        var resolvedA = a
        resolvedA.endsAt = t0 + 8000
        await am.post([resolvedA])
        await Self.run(am, clock, until: t0 + 35_000)
        // Prometheus keeps re-sending b; that must not cause notifications.
        b.endsAt = t0 + 300_000
        await am.post([b])
        await Self.run(am, clock, until: t0 + 40_000)

        let sent = sender.sent
        #expect(sent.map { $0.time - t0 } == [0, 6000, 12000, 36000])
        guard sent.count == 4 else { return }
        #expect(Self.statuses(sent[0].body) == ["firing", "firing"])
        #expect(Self.instances(sent[0].body) == ["a"])
        #expect(Self.statuses(sent[1].body) == ["firing", "firing", "firing"])
        #expect(Self.instances(sent[1].body) == ["a", "b"])
        #expect(Self.statuses(sent[2].body) == ["firing", "resolved", "firing"])
        #expect(Self.instances(sent[2].body) == ["a", "b"])
        #expect(sent[2].body.contains("\"endsAt\":\"\(Time.rfc3339Nano(t0 + 8000))\""))
        #expect(Self.statuses(sent[3].body) == ["firing", "firing"])
        #expect(Self.instances(sent[3].body) == ["b"])
        #expect(await am.groupKeys == ["{}:{alertname=\"HighCPU\"}"])
    }

    @Test func oldAlertFlushesImmediatelyButOnlyBeforeFirstFlush() async {
        let t0: Timestamp = 1_000_000_000_000
        let clock = ManualClock(now: t0)
        let sender = RecordingSender(clock: clock)
        let am = Self.hookAlertmanager(clock: clock, sender: sender)
        // Fresh alert: waits group_wait.
        await am.post([Alert(labels: ["alertname": "X", "instance": "1"], startsAt: t0, endsAt: t0 + 600_000)])
        #expect(await am.nextDeadline() == t0 + 2000)
        clock.advance(to: t0 + 1000)
        // An alert of the same group that started long ago: flush now.
        await am.post([Alert(labels: ["alertname": "X", "instance": "2"], startsAt: t0 - 60_000, endsAt: t0 + 600_000)])
        #expect(await am.nextDeadline() == t0 + 1000)
        await am.processDue()
        #expect(sender.sent.count == 1)
        #expect(Self.instances(sender.sent[0].body) == ["1", "2"])
        // After the first flush, old alerts wait for the next tick.
        clock.advance(to: t0 + 3000)
        await am.post([Alert(labels: ["alertname": "X", "instance": "3"], startsAt: t0 - 60_000, endsAt: t0 + 600_000)])
        #expect(await am.nextDeadline() == t0 + 7000)
    }

    @Test func groupKeysAndGrouping() async {
        let clock = ManualClock(now: 1000)
        let sender = RecordingSender(clock: clock)
        let am = Self.hookAlertmanager(
            clock: clock,
            sender: sender,
            route: RouteSpec(
                receiver: "hook",
                groupBy: ["alertname"],
                routes: [
                    RouteSpec(matchers: [matcher("chan=slack")], continue: true),
                    RouteSpec(groupBy: ["..."], matchers: [matcher("team=~a|b")]),
                    RouteSpec(groupBy: [], matchers: [matcher("team=c")]),
                ]
            )
        )
        await am.post([
            Alert(labels: ["alertname": "HighCPU", "chan": "slack", "team": "a"], startsAt: 1000),
            Alert(labels: ["alertname": "HighCPU", "chan": "slack", "team": "b"], startsAt: 1000),
            Alert(labels: ["alertname": "Disk", "team": "c"], startsAt: 1000),
            Alert(labels: ["alertname": "Other", "team": "c"], startsAt: 1000),
            Alert(labels: ["alertname": "Root"], startsAt: 1000),
        ])
        #expect(
            await am.groupKeys == [
                "{}/{chan=\"slack\"}:{alertname=\"HighCPU\"}",
                "{}/{team=\"c\"}:{}",
                "{}/{team=~\"a|b\"}:{alertname=\"HighCPU\", chan=\"slack\", team=\"a\"}",
                "{}/{team=~\"a|b\"}:{alertname=\"HighCPU\", chan=\"slack\", team=\"b\"}",
                "{}:{alertname=\"Root\"}",
            ]
        )
    }

    /// Observed on Alertmanager 0.25 with the same tree: `{}/{team=~"a|b"}:{alertname="HighCPU", chan="slack",
    /// q="x\"y", team="a"}` and `{}:{}` for an alert reaching the root without group_by.
    @Test func groupKeyQuotingMatchesAlertmanager() async {
        let clock = ManualClock(now: 1000)
        let am = Self.hookAlertmanager(
            clock: clock,
            sender: RecordingSender(clock: clock),
            route: RouteSpec(receiver: "hook", routes: [RouteSpec(groupBy: ["..."], matchers: [matcher("team=~a|b")])])
        )
        await am.post([
            Alert(labels: ["alertname": "HighCPU", "chan": "slack", "team": "a", "q": "x\"y"], startsAt: 1000),
            Alert(labels: ["alertname": "Root"], startsAt: 1000),
        ])
        #expect(
            await am.groupKeys == [
                "{}/{team=~\"a|b\"}:{alertname=\"HighCPU\", chan=\"slack\", q=\"x\\\"y\", team=\"a\"}", "{}:{}",
            ]
        )
    }

    @Test func resolvedAlertsAreDeletedAfterFlushAndEmptyGroupsReaped() async {
        let t0: Timestamp = 1_000_000
        let clock = ManualClock(now: t0)
        let sender = RecordingSender(clock: clock)
        let am = Self.hookAlertmanager(clock: clock, sender: sender)
        let alert = Alert(labels: ["alertname": "X"], startsAt: t0, endsAt: t0 + 600_000)
        await am.post([alert])
        await Self.run(am, clock, until: t0 + 2000)
        var resolved = alert
        resolved.endsAt = t0 + 3000
        clock.advance(to: t0 + 3000)
        await am.post([resolved])
        await Self.run(am, clock, until: t0 + 8000)
        #expect(sender.sent.count == 2)
        #expect(sender.sent.last?.body.contains("\"status\":\"resolved\"") == true)
        // Nothing left to send: later ticks are silent.
        await Self.run(am, clock, until: t0 + 29_000)
        #expect(sender.sent.count == 2)
        // Maintenance (every 30s) reaps the empty group.
        await Self.run(am, clock, until: t0 + 31_000)
        await am.processDue()
        #expect(await am.groupKeys.isEmpty)
        #expect(await am.alerts.isEmpty)
    }

    @Test func resolveTimeoutDefaultsEndsAt() async {
        let t0: Timestamp = 1_000_000
        let clock = ManualClock(now: t0)
        let sender = RecordingSender(clock: clock)
        var options = Alertmanager.Options()
        options.resolveTimeout = 10_000
        let am = Self.hookAlertmanager(clock: clock, sender: sender, options: options)
        await am.post([Alert(labels: ["alertname": "X"], startsAt: 0)])
        let stored = await am.alerts
        #expect(stored.first?.startsAt == t0)
        #expect(stored.first?.endsAt == t0 + 10_000)
        #expect(stored.first?.endsAtIsTimeout == true)
        await Self.run(am, clock, until: t0 + 20_000)
        // Firing at t0+2s, then resolved by the timeout and announced at the t0+14s tick.
        #expect(sender.sent.map { $0.time - t0 } == [2000, 14000])
        #expect(sender.sent.last?.body.contains("\"status\":\"resolved\"") == true)
    }

    @Test func driverRunsOnManualClock() async {
        let t0: Timestamp = 5_000_000
        let clock = ManualClock(now: t0)
        let sender = RecordingSender(clock: clock)
        let am = Self.hookAlertmanager(clock: clock, sender: sender)
        let driver = Task { await am.run() }
        await am.post([Alert(labels: ["alertname": "X"], startsAt: t0, endsAt: t0 + 600_000)])
        // Move time past the deadline until the driver (another task) has flushed; no sleeping.
        for _ in 0..<1_000_000 where sender.sent.isEmpty {
            clock.advance(to: t0 + 2000)
            await Task.yield()
        }
        #expect(sender.sent.map(\.time) == [t0 + 2000])
        // A later alert with an earlier deadline than the driver's current sleep wakes it.
        clock.advance(to: t0 + 3000)
        await am.post([Alert(labels: ["alertname": "Y"], startsAt: t0, endsAt: t0 + 600_000)])
        for _ in 0..<1_000_000 where sender.sent.count < 2 {
            await Task.yield()
        }
        #expect(sender.sent.map(\.time) == [t0 + 2000, t0 + 3000])
        driver.cancel()
        _ = await driver.value
    }
}

@Suite struct ReloadTests {
    @Test func reloadRedispatchesWithoutDuplicatesAndFollowsNewRoutes() async {
        let t0: Timestamp = 1_000_000
        let clock = ManualClock(now: t0)
        let sender = RecordingSender(clock: clock)
        let am = DispatchTests.hookAlertmanager(clock: clock, sender: sender)
        let silenceID = try? await am.setSilence(
            Silence(
                matchers: [matcher("alertname=Quiet")],
                startsAt: t0,
                endsAt: t0 + Time.hour,
                createdBy: "",
                comment: ""
            )
        )
        await am.post([
            Alert(labels: ["alertname": "X"], startsAt: t0, endsAt: t0 + 600_000),
            Alert(labels: ["alertname": "Quiet"], startsAt: t0, endsAt: t0 + 600_000),
        ])
        await DispatchTests.run(am, clock, until: t0 + 3000)
        #expect(sender.sent.count == 1)
        // Same tree again: groups are rebuilt and flush at once (old startsAt), but the log dedups.
        let route = Route(
            root: RouteSpec(
                receiver: "hook",
                groupBy: ["alertname"],
                groupWait: 2000,
                groupInterval: 6000,
                repeatInterval: 20000
            )
        )
        let hook = Receiver(name: "hook", integrations: [.webhook(WebhookConfig(url: "http://sink/hook"))])
        await am.reload(route: route, receivers: [hook])
        await am.processDue()
        #expect(sender.sent.count == 1)
        #expect(await am.groupKeys == ["{}:{alertname=\"Quiet\"}", "{}:{alertname=\"X\"}"])
        // New tree: X now goes to another receiver, which has never been notified.
        let other = Receiver(name: "other", integrations: [.webhook(WebhookConfig(url: "http://sink/other"))])
        let newRoute = Route(
            root: RouteSpec(
                receiver: "hook",
                groupBy: ["alertname"],
                groupWait: 2000,
                routes: [RouteSpec(receiver: "other", matchers: [matcher("alertname=X")])]
            )
        )
        await am.reload(route: newRoute, receivers: [hook, other])
        await am.processDue()
        #expect(sender.sent.map(\.path) == ["/hook", "/other"])
        // Silences survive reloads.
        #expect(await am.silencedBy(["alertname": "Quiet"]) == [silenceID].compactMap { $0 })
    }
}
