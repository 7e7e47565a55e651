import Foundation
import KlaxonModel
import KlaxonTestSupport
import Testing

@testable import KlaxonNotify

@Suite struct NeedsUpdateTests {
    static let key = ReceiverKey(receiver: "r", integration: "webhook", index: 0)

    static func entry(firing: Set<UInt64>, resolved: Set<UInt64>, at time: Timestamp) -> NotificationLogEntry {
        NotificationLogEntry(
            groupKey: "g",
            receiver: key,
            timestamp: time,
            firingAlerts: firing,
            resolvedAlerts: resolved,
            expiresAt: time + 1000
        )
    }

    func check(
        _ entry: NotificationLogEntry?,
        firing: Set<UInt64>,
        resolved: Set<UInt64> = [],
        sendResolved: Bool = true,
        now: Timestamp = 10_000
    ) -> Bool {
        needsUpdate(
            entry: entry,
            firing: firing,
            resolved: resolved,
            sendResolved: sendResolved,
            repeatInterval: 5000,
            now: now
        )
    }

    @Test func noEntrySendsOnlyWhenSomethingFires() {
        #expect(check(nil, firing: [1]))
        #expect(!check(nil, firing: [], resolved: [1]))
        #expect(!check(nil, firing: []))
    }

    @Test func newFiringAlertSends() {
        let last = Self.entry(firing: [1], resolved: [], at: 9000)
        #expect(check(last, firing: [1, 2]))
        #expect(!check(last, firing: [1]))
    }

    @Test func firingSubsetDoesNotSendUntilRepeat() {
        let last = Self.entry(firing: [1, 2], resolved: [], at: 9000)
        #expect(!check(last, firing: [2]))
        // 4999 ms after the last notification is too early; exactly the repeat interval (the tick
        // `repeat_interval` later, as Alertmanager 0.25 mostly behaves) and later repeat.
        #expect(!check(last, firing: [2], now: 13_999))
        #expect(check(last, firing: [2], now: 14_000))
        #expect(check(last, firing: [2], now: 14_001))
    }

    @Test func allResolvedSendsOnceEvenWithoutSendResolved() {
        let lastFiring = Self.entry(firing: [1], resolved: [], at: 9000)
        #expect(check(lastFiring, firing: [], resolved: [1], sendResolved: false))
        let lastResolved = Self.entry(firing: [], resolved: [1], at: 9000)
        #expect(!check(lastResolved, firing: [], resolved: [1], now: 100_000))
    }

    @Test func newResolvedSendsOnlyWithSendResolved() {
        let last = Self.entry(firing: [1, 2], resolved: [], at: 9000)
        #expect(check(last, firing: [2], resolved: [1], sendResolved: true))
        #expect(!check(last, firing: [2], resolved: [1], sendResolved: false))
    }

    @Test func logKeepsEntriesPerReceiverAndExpires() {
        var log = NotificationLog(retention: 1000)
        let other = ReceiverKey(receiver: "r", integration: "webhook", index: 1)
        log.log(groupKey: "g", receiver: Self.key, firing: [1], resolved: [], now: 100)
        log.log(groupKey: "g", receiver: other, firing: [2], resolved: [3], now: 200)
        #expect(log.entry(groupKey: "g", receiver: Self.key)?.firingAlerts == [1])
        #expect(log.entry(groupKey: "g", receiver: other)?.resolvedAlerts == [3])
        #expect(log.entry(groupKey: "h", receiver: Self.key) == nil)
        var copy = NotificationLog(retention: 1000)
        copy.restore(log.allEntries)
        #expect(copy.allEntries == log.allEntries)
        #expect(log.garbageCollect(now: 1150) == 1)
        #expect(log.entry(groupKey: "g", receiver: Self.key) == nil)
        #expect(log.count == 1)
    }
}

@Suite struct SilenceTests {
    @Test func lifecycleAndStates() throws {
        var silences = Silences(seed: 42)
        let id = try silences.set(
            Silence(matchers: [matcher("instance=b")], startsAt: 2000, endsAt: 5000, createdBy: "me", comment: "c"),
            now: 1000
        )
        let uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/
        #expect(id.wholeMatch(of: uuid) != nil)
        let silence = try #require(silences.silence(id: id))
        #expect(silence.state(at: 1999) == .pending)
        #expect(silence.state(at: 2000) == .active)
        #expect(silence.state(at: 5000) == .expired)
        #expect(!silences.mutes(["instance": "b"], now: 1500))
        #expect(silences.mutingIDs(for: ["instance": "b", "job": "x"], now: 3000) == [id])
        #expect(!silences.mutes(["instance": "c"], now: 3000))
        #expect(silences.query(states: [.active], now: 3000).map(\.id) == [id])
        #expect(silences.query(states: [.pending, .expired], now: 3000).isEmpty)
        try silences.expire(id: id, now: 3000)
        #expect(!silences.mutes(["instance": "b"], now: 3000))
        #expect(silences.silence(id: id)?.endsAt == 3000)
        #expect(throws: SilenceError("silence \(id) already expired")) { try silences.expire(id: id, now: 3500) }
        #expect(throws: SilenceError("silence not found")) { try silences.expire(id: "nope", now: 3500) }
    }

    @Test func expiringPendingSilenceCollapsesIt() throws {
        var silences = Silences(seed: 1)
        let id = try silences.set(
            Silence(matchers: [matcher("a=b")], startsAt: 5000, endsAt: 9000, createdBy: "me", comment: ""),
            now: 1000
        )
        try silences.expire(id: id, now: 2000)
        let silence = try #require(silences.silence(id: id))
        #expect(silence.startsAt == 2000 && silence.endsAt == 2000)
        #expect(silence.state(at: 2000) == .expired)
    }

    @Test func validation() {
        var silences = Silences(seed: 1)
        func make(_ matchers: [LabelMatcher], _ start: Timestamp, _ end: Timestamp) -> Silence {
            Silence(matchers: matchers, startsAt: start, endsAt: end, createdBy: "me", comment: "")
        }
        #expect(throws: SilenceError("at least one matcher required")) {
            try silences.set(make([], 1000, 2000), now: 1000)
        }
        #expect(throws: SilenceError("at least one matcher must not match the empty string")) {
            try silences.set(make([matcher("a=~.*"), matcher("b!=x")], 1000, 2000), now: 1000)
        }
        #expect(throws: SilenceError("end time must not be before start time")) {
            try silences.set(make([matcher("a=b")], 3000, 2000), now: 1000)
        }
        #expect(throws: SilenceError("end time can't be in the past")) {
            try silences.set(make([matcher("a=b")], 500, 900), now: 1000)
        }
        #expect(silences.query(now: 1000).isEmpty)
    }

    @Test func snapshotRoundTrip() throws {
        var silences = Silences(seed: 3)
        let first = try silences.set(
            Silence(matchers: [matcher("a=b")], startsAt: 10, endsAt: 5000, createdBy: "me", comment: "one"),
            now: 10
        )
        let second = try silences.set(
            Silence(matchers: [matcher("c=~d.*")], startsAt: 2000, endsAt: 9000, createdBy: "you", comment: "two"),
            now: 10
        )
        var restored = Silences(seed: 99)
        restored.restore(silences.allSilences)
        #expect(restored.allSilences == silences.allSilences)
        #expect(restored.allSilences.map(\.id) == [first, second])
        #expect(restored.mutes(["a": "b"], now: 100))
        // Updating a restored silence keeps working and keeps its id.
        var updated = try #require(restored.silence(id: second))
        updated.comment = "changed"
        #expect(try restored.set(updated, now: 100) == second)
        #expect(restored.silence(id: second)?.comment == "changed")
        #expect(restored.allSilences.count == 2)
    }

    @Test func updatesInPlaceOrReplaces() throws {
        var silences = Silences(seed: 5)
        let id = try silences.set(
            Silence(matchers: [matcher("a=b")], startsAt: 1000, endsAt: 9000, createdBy: "me", comment: ""),
            now: 1000
        )
        // Active: extending the end keeps the id.
        var longer = try #require(silences.silence(id: id))
        longer.endsAt = 20_000
        longer.comment = "longer"
        #expect(try silences.set(longer, now: 2000) == id)
        #expect(silences.silence(id: id)?.endsAt == 20_000)
        // Changing the matchers expires the old silence and issues a new id starting now.
        var other = longer
        other.matchers = [matcher("a=c")]
        other.startsAt = 500
        let replaced = try silences.set(other, now: 3000)
        #expect(replaced != id)
        #expect(silences.silence(id: id)?.state(at: 3000) == .expired)
        #expect(silences.silence(id: replaced)?.startsAt == 3000)
        #expect(silences.query(states: [.active], now: 3000).map(\.id) == [replaced])
        // An expired silence cannot be updated: a new one is created.
        let expired = try #require(silences.silence(id: id))
        #expect(try silences.set(expired, now: 3000) != id)
    }

    @Test func distinctIDsAndRetention() throws {
        var silences = Silences(retention: 1000, seed: 7)
        var ids: Set<String> = []
        for index in 0..<50 {
            ids.insert(
                try silences.set(
                    Silence(matchers: [matcher("n=\(index)")], startsAt: 1, endsAt: 2000, createdBy: "", comment: ""),
                    now: 1
                )
            )
        }
        #expect(ids.count == 50)
        #expect(silences.garbageCollect(now: 3000) == 0)
        #expect(silences.garbageCollect(now: 3001) == 50)
        #expect(silences.query(now: 3001).isEmpty)
    }
}

@Suite struct InhibitorTests {
    static let rule = InhibitRule(
        sourceMatchers: [matcher("severity=critical")],
        targetMatchers: [matcher("severity=warning")],
        equal: ["cluster", "zone"]
    )

    @Test func firingSourceWithEqualLabelsMutes() {
        var inhibitor = Inhibitor(rules: [Self.rule])
        inhibitor.observe(
            Alert(labels: ["alertname": "Down", "severity": "critical", "cluster": "eu"], startsAt: 0, endsAt: 10_000)
        )
        // `zone` missing on both sides counts as equal.
        #expect(inhibitor.mutes(["alertname": "Slow", "severity": "warning", "cluster": "eu"], now: 5000))
        #expect(!inhibitor.mutes(["alertname": "Slow", "severity": "warning", "cluster": "us"], now: 5000))
        #expect(
            !inhibitor.mutes(["alertname": "Slow", "severity": "warning", "cluster": "eu", "zone": "a"], now: 5000)
        )
        #expect(!inhibitor.mutes(["alertname": "Slow", "severity": "info", "cluster": "eu"], now: 5000))
        // Resolved sources do not inhibit.
        #expect(!inhibitor.mutes(["alertname": "Slow", "severity": "warning", "cluster": "eu"], now: 10_000))
    }

    @Test func alertMatchingBothSidesIsNotMutedByItsPeers() throws {
        let rule = InhibitRule(
            sourceMatchers: [matcher("alertname=~Down|Slow")],
            targetMatchers: [matcher("alertname=Slow")],
            equal: ["cluster"]
        )
        var inhibitor = Inhibitor(rules: [rule])
        let slow = Alert(labels: ["alertname": "Slow", "cluster": "eu"], startsAt: 0, endsAt: 10_000)
        inhibitor.observe(slow)
        // Slow matches both sides; the only source (itself) also matches both: not muted.
        #expect(!inhibitor.mutes(slow.labels, now: 1))
        inhibitor.observe(Alert(labels: ["alertname": "Down", "cluster": "eu"], startsAt: 0, endsAt: 10_000))
        let by = try #require(inhibitor.inhibitingFingerprint(for: slow.labels, now: 1))
        #expect(by == Labels(["alertname": "Down", "cluster": "eu"]).fingerprint)
        inhibitor.garbageCollect(now: 20_000)
        #expect(!inhibitor.mutes(slow.labels, now: 1))
    }
}

@Suite struct RetryTests {
    static func setup(
        respond: @escaping @Sendable (HTTPRequest, Int) -> Int?
    ) -> (Alertmanager, RecordingSender, SteppingClock) {
        let clock = SteppingClock(now: 1_000_000)
        let sender = RecordingSender(clock: clock, respond: respond)
        let am = DispatchTests.hookAlertmanager(
            clock: clock,
            sender: sender,
            route: RouteSpec(
                receiver: "hook",
                groupBy: ["alertname"],
                groupWait: 1000,
                groupInterval: 20_000,
                repeatInterval: 60_000
            )
        )
        return (am, sender, clock)
    }

    static let key = ReceiverKey(receiver: "hook", integration: "webhook", index: 0)

    @Test func serverErrorsAreRetriedWithBackoffUntilTheFlushDeadline() async {
        let (am, sender, clock) = Self.setup { _, _ in 503 }
        await am.post([Alert(labels: ["alertname": "X"], startsAt: 1_000_000, endsAt: 2_000_000)])
        clock.advance(to: 1_001_000)
        await am.processDue()
        // random = 0.5: waits 500, 750, 1125, … (×1.5) until the next one would cross 1_001_000 + 20 s.
        let offsets = sender.sent.map { $0.time - 1_001_000 }
        var expected: [Int64] = [0]
        var interval = 500.0
        var time: Int64 = 0
        while true {
            let wait = Int64(interval * 0.5 + 0.5 * (interval * 1.5 - interval * 0.5 + 0.000_001))
            if time + wait >= 20_000 { break }
            time += wait
            expected.append(time)
            interval *= 1.5
        }
        #expect(offsets == expected)
        #expect(offsets.count >= 6)
        let counters = await am.counters[Self.key]
        #expect(counters?.notifications == 1)
        #expect(counters?.notificationsFailed == 1)
        #expect(counters?.requests == offsets.count)
        #expect(counters?.requestsFailed == offsets.count)
        // Not logged: the next tick sends again.
        #expect(await am.notificationLog.count == 0)
    }

    @Test func clientErrorsAreNotRetried() async {
        let (am, sender, clock) = Self.setup { _, _ in 400 }
        await am.post([Alert(labels: ["alertname": "X"], startsAt: 1_000_000, endsAt: 2_000_000)])
        clock.advance(to: 1_001_000)
        await am.processDue()
        #expect(sender.sent.count == 1)
        let counters = await am.counters[Self.key]
        #expect(counters?.notificationsFailed == 1)
        #expect(counters?.requestsFailed == 1)
        // The failed group is flushed again on its next tick.
        clock.advance(to: 1_021_000)
        await am.processDue()
        #expect(sender.sent.count == 2)
    }

    @Test func connectionErrorsAreRetriedUntilSuccess() async {
        let (am, sender, clock) = Self.setup { _, attempt in attempt < 3 ? nil : 200 }
        await am.post([Alert(labels: ["alertname": "X"], startsAt: 1_000_000, endsAt: 2_000_000)])
        clock.advance(to: 1_001_000)
        await am.processDue()
        #expect(sender.sent.map { $0.time - 1_001_000 } == [0, 500, 1250])
        let counters = await am.counters[Self.key]
        #expect(counters?.notificationsFailed == 0)
        #expect(counters?.requestsFailed == 2)
        #expect(await am.notificationLog.count == 1)
        // Logged: the next tick does not resend.
        clock.advance(to: 1_021_000)
        await am.processDue()
        #expect(sender.sent.count == 3)
    }

    @Test func randomizedBackoffBounds() {
        let policy = RetryPolicy()
        #expect(policy.randomized(1000, random: 0) == 500)
        #expect(policy.randomized(1000, random: 0.999_999) == 1499)
        #expect(policy.randomized(1000, random: 0.5) == 1000)
    }
}

@Suite struct MutingPipelineTests {
    @Test func silencedAndInhibitedAlertsAreDroppedBeforeDedup() async throws {
        let t0: Timestamp = 1_000_000
        let clock = ManualClock(now: t0)
        let sender = RecordingSender(clock: clock)
        let am = DispatchTests.hookAlertmanager(
            clock: clock,
            sender: sender,
            inhibitRules: [
                InhibitRule(sourceMatchers: [matcher("alertname=Down")], targetMatchers: [matcher("alertname=Slow")])
            ]
        )
        let silenceID = try await am.setSilence(
            Silence(matchers: [matcher("alertname=Noise")], startsAt: t0, endsAt: t0 + 5000, createdBy: "", comment: "")
        )
        await am.post([
            Alert(labels: ["alertname": "Noise"], startsAt: t0, endsAt: t0 + 600_000),
            Alert(labels: ["alertname": "Slow"], startsAt: t0, endsAt: t0 + 600_000),
        ])
        #expect(await am.silencedBy(["alertname": "Noise"]) == [silenceID])
        await DispatchTests.run(am, clock, until: t0 + 1000)
        await am.post([Alert(labels: ["alertname": "Down"], startsAt: t0, endsAt: t0 + 600_000)])
        #expect(await am.isInhibited(["alertname": "Slow"]))
        await DispatchTests.run(am, clock, until: t0 + 4000)
        // Only Down got through; Noise silenced, Slow inhibited.
        #expect(sender.sent.count == 1)
        #expect(sender.sent.first?.body.contains("\"alertname\":\"Down\"") == true)
        // Silence ends at t0+5s: Noise is sent on its next tick (t0+8s).
        await DispatchTests.run(am, clock, until: t0 + 9000)
        #expect(sender.sent.map { $0.time - t0 } == [3000, 8000])
        #expect(sender.sent.last?.body.contains("\"alertname\":\"Noise\"") == true)
        await #expect(throws: SilenceError("silence \(silenceID) already expired")) {
            try await am.expireSilence(id: silenceID)
        }
    }

    @Test func muteAndActiveTimeIntervals() async {
        // 1_000_000_000_000 ms = 2001-09-09T01:46:40Z (a Sunday).
        let t0: Timestamp = 1_000_000_000_000
        let clock = ManualClock(now: t0)
        let sender = RecordingSender(clock: clock)
        let am = DispatchTests.hookAlertmanager(
            clock: clock,
            sender: sender,
            route: RouteSpec(
                receiver: "hook",
                groupBy: ["alertname"],
                groupWait: 1000,
                groupInterval: 60_000,
                routes: [
                    RouteSpec(matchers: [matcher("when=night")], muteTimeIntervals: ["early"]),
                    RouteSpec(matchers: [matcher("when=weekday")], activeTimeIntervals: ["weekdays"]),
                ]
            ),
            timeIntervals: [
                NamedTimeInterval(name: "early", intervals: [TimeInterval(times: [0...119])]),
                NamedTimeInterval(name: "weekdays", intervals: [TimeInterval(weekdays: [1...5])]),
            ]
        )
        await am.post([
            Alert(labels: ["alertname": "A", "when": "night"], startsAt: t0, endsAt: t0 + 7_200_000),
            Alert(labels: ["alertname": "B", "when": "weekday"], startsAt: t0, endsAt: t0 + 7_200_000),
            Alert(labels: ["alertname": "C"], startsAt: t0, endsAt: t0 + 7_200_000),
        ])
        await DispatchTests.run(am, clock, until: t0 + 2000)
        #expect(sender.sent.count == 1)
        #expect(sender.sent.first?.body.contains("\"alertname\":\"C\"") == true)
        // First tick after 02:00 UTC (02:00:41): the mute interval (00:00–02:00) is over, A goes out;
        // B stays muted on a Sunday.
        await DispatchTests.run(am, clock, until: t0 + 13 * Time.minute + 19 * Time.second)
        #expect(sender.sent.count == 1)
        await DispatchTests.run(am, clock, until: t0 + 15 * Time.minute)
        #expect(sender.sent.count == 2)
        #expect(sender.sent.last?.body.contains("\"alertname\":\"A\"") == true)
    }
}
