import KlaxonModel
import KlaxonPromQL
import Testing

@testable import KlaxonRules

/// `RuleGroup.exportState` / `importState`: what a restart keeps of the alert state machine.
@Suite struct RuleGroupStateTests {
    static let minute: Int64 = 60_000

    /// Evaluates `group` every minute from `from` through `through` (inclusive) over `store`.
    static func evaluate(
        _ group: inout RuleGroup,
        _ store: MemoryQueryable,
        from: Int,
        through: Int
    ) -> [GroupEvaluation] {
        (from...through).map { k in group.evaluate(at: Int64(k) * minute, queryable: store) }
    }

    static func fresh(
        for duration: String = "5m",
        keepFiringFor: String = "0s",
        expr: String = "m > 0"
    ) throws
        -> RuleGroup
    {
        try RuleGroupTests.group(RuleGroupTests.alerting(for: duration, keepFiringFor: keepFiringFor, expr: expr))
    }

    @Test func firingAlertStaysFiringWithoutPendingWaitOrResend() throws {
        var before = try Self.fresh()
        let store = RuleGroupTests.store(Array(repeating: 1, count: 30))
        let sent = Self.evaluate(&before, store, from: 0, through: 6).flatMap(\.alertsToSend)
        #expect(sent.count == 1, "fired at minute 5; at 6 the 1m resend delay has not strictly passed")
        let saved = before.exportState()
        #expect(saved.rules.count == 1)
        #expect(saved.rules[0].alerts.first?.state == .firing)
        #expect(saved.rules[0].alerts.first?.lastSentAt == 5 * Self.minute)

        // Restart after a 30 s outage: the first evaluation (minute 7) finds the alert firing with the same
        // activeAt, and sends it only because the resend delay has passed since minute 5, not as a new alert.
        var after = try Self.fresh()
        let report = after.importState(saved, downAt: 6 * Self.minute + 30_000, now: 7 * Self.minute - 1)
        #expect(
            report
                == {
                    var r = StateRestoreReport()
                    r.firing = 1
                    return r
                }()
        )
        #expect(RuleGroupTests.state(after) == .firing, "firing at once, before any evaluation")
        #expect(after.status.rules[0].alerts.first?.activeAt == 0)
        let first = after.evaluate(at: 7 * Self.minute, queryable: store)
        #expect(RuleGroupTests.state(after) == .firing)
        #expect(first.alertsToSend.map(\.startsAt) == [5 * Self.minute], "same alert, same start")
        #expect(first.samples.contains { $0.labels["alertstate"] == "firing" })
        #expect(!first.samples.contains { $0.labels["alertstate"] == "pending" })
    }

    @Test func restoredLastSentAtSuppressesAnEarlyResend() throws {
        var before = try Self.fresh(for: "0s")
        let store = RuleGroupTests.store(Array(repeating: 1, count: 30))
        _ = Self.evaluate(&before, store, from: 0, through: 0)
        var after = try Self.fresh(for: "0s")
        after.importState(before.exportState(), downAt: 0, now: 1000)
        // 1 s after the last send: nothing is due; a group without restored state would send at once.
        #expect(after.evaluate(at: 1000, queryable: store).alertsToSend.isEmpty)
        var cold = try Self.fresh(for: "0s")
        #expect(cold.evaluate(at: 1000, queryable: store).alertsToSend.count == 1)
    }

    @Test func pendingAlertCountsAShortOutageTowardsFor() throws {
        var before = try Self.fresh(for: "5m")
        let store = RuleGroupTests.store(Array(repeating: 1, count: 30))
        _ = Self.evaluate(&before, store, from: 0, through: 2)
        #expect(RuleGroupTests.state(before) == .pending)
        var after = try Self.fresh(for: "5m")
        // Down from minute 2 to minute 4: the alert keeps activeAt 0 and fires at minute 5 as if never stopped.
        let report = after.importState(before.exportState(), downAt: 2 * Self.minute, now: 4 * Self.minute)
        #expect(report.pending == 1)
        _ = Self.evaluate(&after, store, from: 4, through: 4)
        #expect(RuleGroupTests.state(after) == .pending)
        let fired = after.evaluate(at: 5 * Self.minute, queryable: store)
        #expect(RuleGroupTests.state(after) == .firing)
        #expect(fired.alertsToSend.count == 1)
    }

    @Test func pendingAlertIsDroppedAfterAnOutageBeyondTheTolerance() throws {
        var before = try Self.fresh(for: "5m")
        let store = RuleGroupTests.store(Array(repeating: 1, count: 200))
        _ = Self.evaluate(&before, store, from: 0, through: 2)
        var after = try Self.fresh(for: "5m")
        let report = after.importState(
            before.exportState(),
            downAt: 2 * Self.minute,
            now: 63 * Self.minute,
            outageTolerance: 60 * Self.minute
        )
        #expect(report.pending == 0 && report.pendingDropped == 1)
        #expect(RuleGroupTests.state(after) == nil)
        _ = Self.evaluate(&after, store, from: 63, through: 67)
        #expect(RuleGroupTests.state(after) == .pending, "a fresh pending period: activeAt 63m")
        #expect(after.status.rules[0].alerts.first?.activeAt == 63 * Self.minute)
    }

    @Test func resolvedAlertIsKeptSoItsResolutionIsStillSent() throws {
        var before = try Self.fresh(for: "0s")
        let store = RuleGroupTests.store([1, 1, StaleNaN.value])
        _ = Self.evaluate(&before, store, from: 0, through: 2)
        let saved = before.exportState()
        #expect(saved.rules[0].alerts.first?.state == .inactive)
        var after = try Self.fresh(for: "0s")
        #expect(after.importState(saved, downAt: 2 * Self.minute, now: 3 * Self.minute).resolved == 1)
        // Minute 3: resolved at 2, sent at 2 (resolvedAt == lastSentAt): re-sent only per resend delay.
        let later = Self.evaluate(&after, store, from: 3, through: 4).flatMap(\.alertsToSend)
        #expect(!later.isEmpty)
        #expect(later.allSatisfy { $0.endsAt == 2 * Self.minute })
        // Past the 15 min retention a resolved alert is not restored at all.
        var late = try Self.fresh(for: "0s")
        #expect(late.importState(saved, downAt: 2 * Self.minute, now: 20 * Self.minute).resolved == 0)
    }

    @Test func stateIsRestoredOnlyIntoTheSameRule() throws {
        var before = try Self.fresh(for: "0s")
        let store = RuleGroupTests.store(Array(repeating: 1, count: 10))
        _ = Self.evaluate(&before, store, from: 0, through: 0)
        let saved = before.exportState()
        var otherExpr = try Self.fresh(for: "0s", expr: "m > 0.5")
        #expect(otherExpr.importState(saved, downAt: 0, now: 1).rulesUnmatched == 1)
        #expect(RuleGroupTests.state(otherExpr) == nil)
        // Reformatted but equal expression: the printed form matches.
        var reformatted = try Self.fresh(for: "0s", expr: "m>0")
        #expect(reformatted.importState(saved, downAt: 0, now: 1).firing == 1)
        // Different static labels: another rule.
        var relabeled = saved
        relabeled.rules[0].labels = Labels(["severity": "ticket"])
        var group = try Self.fresh(for: "0s")
        #expect(group.importState(relabeled, downAt: 0, now: 1).rulesUnmatched == 1)
    }

    @Test func keepFiringSinceSurvivesAndItsWindowCountsTheOutage() throws {
        var before = try Self.fresh(for: "0s", keepFiringFor: "3m")
        let store = RuleGroupTests.store([1, 1, StaleNaN.value])
        _ = Self.evaluate(&before, store, from: 0, through: 2)
        let saved = before.exportState()
        #expect(saved.rules[0].alerts.first?.keepFiringSince == 2 * Self.minute)
        var after = try Self.fresh(for: "0s", keepFiringFor: "3m")
        after.importState(saved, downAt: 2 * Self.minute, now: 4 * Self.minute)
        _ = Self.evaluate(&after, store, from: 4, through: 4)
        #expect(RuleGroupTests.state(after) == .firing, "4m - 2m < 3m")
        _ = Self.evaluate(&after, store, from: 5, through: 5)
        #expect(after.status.rules[0].alerts.isEmpty, "resolved at 5m: the window started before the restart")
    }

    @Test func staleMarkersFollowARestoredAlertThatIsGone() throws {
        var before = try Self.fresh(for: "0s")
        let store = RuleGroupTests.store([1, StaleNaN.value])
        _ = Self.evaluate(&before, store, from: 0, through: 0)
        var after = try Self.fresh(for: "0s")
        after.importState(before.exportState(), downAt: 0, now: Self.minute)
        let evaluation = after.evaluate(at: Self.minute, queryable: store)
        let stale = evaluation.samples.filter { StaleNaN.isStale($0.v) }.map { $0.labels.metricName }.sorted()
        #expect(stale == ["ALERTS", "ALERTS_FOR_STATE"])
    }

    @Test func sameTransitionsIgnoresValueAndAnnotationsOnly() throws {
        var group = try Self.fresh(for: "0s")
        let store = RuleGroupTests.store([1, 2, StaleNaN.value])
        _ = Self.evaluate(&group, store, from: 0, through: 0)
        let first = group.exportState()
        _ = group.evaluate(at: 30_000, queryable: RuleGroupTests.store([2, 2]))
        let second = group.exportState()
        #expect(first != second, "value and annotation changed")
        #expect(first.sameTransitions(as: second), "but nothing a restart needs")
        _ = Self.evaluate(&group, store, from: 2, through: 2)
        #expect(!group.exportState().sameTransitions(as: second), "resolved")
        let empty = try Self.fresh().exportState()
        #expect(empty.rules.isEmpty)
    }
}

extension RuleGroupStateTests {
    @Test func restoredAlertsThatWereSentAreSentAgainOnceWithAFreshEndsAt() throws {
        var before = try Self.fresh(for: "0s")
        let store = RuleGroupTests.store([1, 1, 1])
        _ = Self.evaluate(&before, store, from: 0, through: 0)
        var saved = before.exportState()
        #expect(saved.rules[0].alerts.first?.validUntil == 4 * Self.minute)
        // A second firing alert that was never sent, a pending one and a resolved one.
        var unsent = saved.rules[0].alerts[0]
        unsent.labels = unsent.labels.setting("i", to: "2")
        unsent.lastSentAt = nil
        var pending = saved.rules[0].alerts[0]
        pending.labels = pending.labels.setting("i", to: "3")
        pending.state = .pending
        var resolved = saved.rules[0].alerts[0]
        resolved.labels = resolved.labels.setting("i", to: "4")
        resolved.state = .inactive
        resolved.resolvedAt = 9 * Self.minute
        resolved.lastSentAt = 9 * Self.minute
        saved.rules[0].alerts += [unsent, pending, resolved]

        // Restart 10 minutes later: the old validUntil (4m) has passed.
        var after = try Self.fresh(for: "0s")
        after.importState(saved, downAt: 9 * Self.minute, now: 10 * Self.minute)
        let resent = after.resendRestored(at: 10 * Self.minute)
        #expect(resent.map { $0.labels["i"] } == ["1", "4"], "sent before the restart: firing and resolved only")
        #expect(resent[0].endsAt == 14 * Self.minute, "firing: now + 4 × max(resend delay, interval)")
        #expect(resent[0].startsAt == 0)
        #expect(resent[1].endsAt == 9 * Self.minute, "resolved: its resolvedAt")
        #expect(after.exportState().rules[0].alerts.first?.lastSentAt == 10 * Self.minute)
        // Marked as sent: the first evaluation does not send the firing one again at once.
        let first = after.evaluate(
            at: 10 * Self.minute + 30_000,
            queryable: RuleGroupTests.store(Array(repeating: 1, count: 12))
        )
        #expect(!first.alertsToSend.contains { $0.labels["i"] == "1" })
    }
}
