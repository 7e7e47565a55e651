import KlaxonModel
import KlaxonPromQL
import Testing

@testable import KlaxonRules

/// The alert state machine and group evaluation (`rules/alerting.go`, `rules/manager.go` @2.42), driven by a
/// ManualClock over a MemoryQueryable.
@Suite struct RuleGroupTests {
    static let minute: Int64 = 60_000

    static func group(
        _ yaml: String,
        file: String = "rules.yml",
        options: RuleGroupOptions = RuleGroupOptions()
    ) throws -> RuleGroup {
        guard case .success(let parsed) = RuleFileLoader.parse(yaml) else {
            Issue.record("rule file did not load")
            throw CancellationError()
        }
        let spec = try #require(parsed.groups.first)
        return RuleGroup(spec: spec, file: file, options: options)
    }

    static func alerting(for duration: String = "0s", keepFiringFor: String = "0s", expr: String = "m > 0") -> String {
        """
        groups:
          - name: g
            interval: 1m
            rules:
              - alert: A
                expr: \(expr)
                for: \(duration)
                keep_firing_for: \(keepFiringFor)
                labels:
                  severity: page
                annotations:
                  summary: 'value {{ $value }} on {{ $labels.i }}'
        """
    }

    /// A store where `m{i="1"}` has `values[k]` at minute k (nil = no sample).
    static func store(_ values: [Double?]) -> MemoryQueryable {
        var store = MemoryQueryable()
        for (k, v) in values.enumerated() {
            if let v { store.append(["__name__": "m", "i": "1"], t: Int64(k) * minute, v: v) }
        }
        return store
    }

    static func state(_ group: RuleGroup) -> AlertState? {
        group.status.rules[0].alerts.first?.state
    }

    /// Evaluates every minute from 0 through `last`, advancing a ManualClock, and returns each evaluation.
    static func run(_ group: inout RuleGroup, store: MemoryQueryable, through last: Int) -> [GroupEvaluation] {
        let clock = ManualClock(now: 0)
        var out: [GroupEvaluation] = []
        for _ in 0...last {
            out.append(group.evaluate(at: clock.now(), queryable: store))
            clock.advance(by: minute)
        }
        return out
    }

    @Test func pendingThenFiringAtExactlyFor() throws {
        var group = try Self.group(Self.alerting(for: "5m"))
        let store = Self.store(Array(repeating: 1, count: 10))
        let clock = ManualClock(now: 0)
        for k in 0..<5 {
            let evaluation = group.evaluate(at: clock.now(), queryable: store)
            #expect(Self.state(group) == .pending, "minute \(k)")
            #expect(evaluation.alertsToSend.isEmpty, "pending alerts are never sent")
            #expect(evaluation.samples.contains { $0.labels["alertstate"] == "pending" })
            clock.advance(by: Self.minute)
        }
        let evaluation = group.evaluate(at: clock.now(), queryable: store)
        #expect(Self.state(group) == .firing)
        let alert = try #require(evaluation.alertsToSend.first)
        #expect(alert.startsAt == 5 * Self.minute, "startsAt is FiredAt, not ActiveAt")
        #expect(alert.labels == ["alertname": "A", "i": "1", "severity": "page"])
        #expect(alert.annotations == ["summary": "value 1 on 1"])
        // endsAt = now + 4 × max(resend delay 1m, interval 1m).
        #expect(alert.endsAt == 5 * Self.minute + 4 * Self.minute)
        let active = try #require(group.status.rules[0].alerts.first)
        #expect(active.activeAt == 0)
        #expect(active.firedAt == 5 * Self.minute)
    }

    @Test func forZeroFiresInTheFirstEvaluation() throws {
        var group = try Self.group(Self.alerting())
        let evaluation = group.evaluate(at: 0, queryable: Self.store([3]))
        #expect(Self.state(group) == .firing)
        #expect(evaluation.alertsToSend.count == 1)
        #expect(evaluation.alertsToSend.first?.annotations["summary"] == "value 3 on 1")
    }

    @Test func pendingAlertThatDisappearsIsDroppedWithoutResolution() throws {
        var group = try Self.group(Self.alerting(for: "5m"))
        let evaluations = Self.run(&group, store: Self.store([1, 1, 0, 0]), through: 3)
        #expect(group.status.rules[0].alerts.isEmpty)
        #expect(evaluations.allSatisfy { $0.alertsToSend.isEmpty })
        // The pending ALERTS series went stale when the alert vanished.
        let stale = evaluations[2].samples.filter { StaleNaN.isStale($0.v) }
        #expect(stale.map { $0.labels.metricName }.sorted() == ["ALERTS", "ALERTS_FOR_STATE"])
    }

    @Test func flappingInputRestartsThePendingPeriod() throws {
        var group = try Self.group(Self.alerting(for: "2m"))
        // 1 1 0 1 1 1: the gap at minute 2 resets ActiveAt to minute 3, so it fires at minute 5.
        _ = Self.run(&group, store: Self.store([1, 1, 0, 1, 1]), through: 4)
        #expect(Self.state(group) == .pending)
        #expect(group.status.rules[0].alerts.first?.activeAt == 3 * Self.minute)
        _ = group.evaluate(at: 5 * Self.minute, queryable: Self.store([1, 1, 0, 1, 1, 1]))
        #expect(Self.state(group) == .firing)
    }

    @Test func resolutionIsSentAndKeptFifteenMinutes() throws {
        var group = try Self.group(Self.alerting())
        var values: [Double?] = [1, 1]
        values += Array(repeating: 0, count: 20)
        let store = Self.store(values)
        let evaluations = Self.run(&group, store: store, through: 19)
        // Firing at 0; resolved at minute 2 and sent at once with endsAt = ResolvedAt.
        let resolved = try #require(evaluations[2].alertsToSend.first)
        #expect(resolved.endsAt == 2 * Self.minute)
        #expect(resolved.startsAt == 0)
        #expect(group.status.rules[0].alerts.isEmpty, "inactive alerts are not listed")
        // Resent as resolved every 2 minutes (strict resend delay) while retained.
        let resends = evaluations.enumerated().filter { !$0.element.alertsToSend.isEmpty }.map(\.offset)
        #expect(resends == [0, 2, 4, 6, 8, 10, 12, 14, 16])
        // Deleted once more than 15 minutes passed since ResolvedAt (minute 2): gone at minute 18.
        #expect(evaluations[16].alertsToSend.first?.endsAt == 2 * Self.minute)
        #expect(evaluations[18].alertsToSend.isEmpty)
    }

    @Test func stillFiringAlertIsResentEveryTwoEvaluationsWithDefaults() throws {
        var group = try Self.group(Self.alerting())
        let evaluations = Self.run(&group, store: Self.store(Array(repeating: 1, count: 8)), through: 7)
        let sent = evaluations.map { $0.alertsToSend.count }
        #expect(sent == [1, 0, 1, 0, 1, 0, 1, 0])
        #expect(evaluations[2].alertsToSend.first?.endsAt == 2 * Self.minute + 4 * Self.minute)
    }

    @Test func resendDelayAndIntervalSetValidUntil() throws {
        let options = RuleGroupOptions(resendDelay: 10_000)
        var group = try Self.group(Self.alerting(), options: options)
        let evaluations = Self.run(&group, store: Self.store(Array(repeating: 1, count: 4)), through: 3)
        // 10s resend delay < 1m interval: sent every evaluation, endsAt = now + 4 × interval.
        #expect(evaluations.map { $0.alertsToSend.count } == [1, 1, 1, 1])
        #expect(evaluations[3].alertsToSend.first?.endsAt == 3 * Self.minute + 4 * Self.minute)
        var slow = try Self.group(Self.alerting(), options: RuleGroupOptions(resendDelay: 3 * Self.minute))
        let slowEvaluations = Self.run(&slow, store: Self.store(Array(repeating: 1, count: 6)), through: 5)
        #expect(slowEvaluations.map { $0.alertsToSend.count } == [1, 0, 0, 0, 1, 0])
        #expect(slowEvaluations[4].alertsToSend.first?.endsAt == 4 * Self.minute + 12 * Self.minute)
    }

    @Test func keepFiringForHoldsTheAlertAndFreezesIt() throws {
        var group = try Self.group(Self.alerting(for: "1m", keepFiringFor: "3m"))
        var values: [Double?] = [5, 5]
        values += Array(repeating: 0, count: 8)
        let store = Self.store(values)
        var states: [AlertState?] = []
        var sentEnds: [Timestamp?] = []
        for k in 0...6 {
            let evaluation = group.evaluate(at: Int64(k) * Self.minute, queryable: store)
            states.append(Self.state(group))
            sentEnds.append(evaluation.alertsToSend.first?.endsAt)
            if k == 3 {
                // Absent since minute 2: KeepFiringSince = 2m and the value stays the last seen one.
                let alert = try #require(group.status.rules[0].alerts.first)
                #expect(alert.keepFiringSince == 2 * Self.minute)
                #expect(alert.value == 5)
                #expect(evaluation.samples.contains { $0.labels["alertstate"] == "firing" })
            }
        }
        // Firing while ts − 2m < 3m (minutes 2, 3, 4); resolved at minute 5.
        #expect(states == [.pending, .firing, .firing, .firing, .firing, nil, nil])
        #expect(sentEnds[5] == 5 * Self.minute, "the resolution is sent at once")
    }

    @Test func keepFiringSinceResetsWhenTheExpressionMatchesAgain() throws {
        var group = try Self.group(Self.alerting(keepFiringFor: "2m"))
        let store = Self.store([1, 0, 1, 0, 0, 0])
        var since: [Timestamp?] = []
        for k in 0...5 {
            _ = group.evaluate(at: Int64(k) * Self.minute, queryable: store)
            since.append(group.status.rules[0].alerts.first?.keepFiringSince)
        }
        #expect(since[1] == Self.minute)
        #expect(since[2] == nil)
        #expect(since[3] == 3 * Self.minute)
        #expect(Self.state(group) == nil, "resolved at 5m (5m − 3m = 2m, not < 2m)")
    }

    @Test func alertsSeriesAndForState() throws {
        var group = try Self.group(Self.alerting(for: "2m"))
        let evaluations = Self.run(&group, store: Self.store([1, 1, 1]), through: 2)
        let last = evaluations[2].samples
        let alerts = try #require(last.first { $0.labels.metricName == "ALERTS" && !StaleNaN.isStale($0.v) })
        #expect(
            alerts.labels == [
                "__name__": "ALERTS", "alertname": "A", "alertstate": "firing", "i": "1", "severity": "page",
            ]
        )
        #expect(alerts.v == 1)
        let forState = try #require(last.first { $0.labels.metricName == "ALERTS_FOR_STATE" })
        #expect(forState.v == 0, "ActiveAt in Unix seconds")
        // pending → firing changes the series: the pending one goes stale.
        let stale = last.filter { StaleNaN.isStale($0.v) }
        #expect(stale.map { $0.labels["alertstate"] } == ["pending"])
    }

    @Test func duplicateLabelsetIsARuleError() throws {
        var group = try Self.group(
            """
            groups:
              - name: g
                rules:
                  - alert: Dup
                    expr: m
                    labels: {i: same}
                  - record: after
                    expr: vector(1)
            """
        )
        var store = MemoryQueryable()
        store.append(["__name__": "m", "i": "1"], t: 0, v: 1)
        store.append(["__name__": "m", "i": "2"], t: 0, v: 1)
        let evaluation = group.evaluate(at: 0, queryable: store)
        #expect(
            evaluation.errors == [
                "rule \"Dup\": vector contains metrics with the same labelset after applying alert labels"
            ]
        )
        let status = group.status.rules
        #expect(status[0].health == .err)
        #expect(status[1].health == .ok, "the group goes on after a failing rule")
        #expect(evaluation.samples.map(\.labels.metricName) == ["after"])
    }

    @Test func limitDiscardsAllOutputAndAlerts() throws {
        var group = try Self.group(
            """
            groups:
              - name: g
                limit: 1
                rules:
                  - alert: L
                    expr: m > 0
                  - record: r
                    expr: m
            """
        )
        var store = MemoryQueryable()
        store.append(["__name__": "m", "i": "1"], t: 0, v: 1)
        let first = group.evaluate(at: 0, queryable: store)
        #expect(first.errors.isEmpty)
        #expect(group.status.rules[0].alerts.count == 1)
        store.append(["__name__": "m", "i": "2"], t: Self.minute, v: 1)
        let second = group.evaluate(at: Self.minute, queryable: store)
        #expect(
            second.errors == [
                "rule \"L\": exceeded limit of 1 with 2 alerts", "rule \"r\": exceeded limit of 1 with 2 series",
            ]
        )
        #expect(group.status.rules[0].alerts.isEmpty)
        #expect(second.samples.isEmpty, "no output and no stale markers when the limit is exceeded")
    }

    @Test func recordingOutputIsVisibleToLaterRulesAndGoesStale() throws {
        var group = try Self.group(
            """
            groups:
              - name: g
                rules:
                  - record: doubled
                    expr: m * 2
                    labels: {src: rec}
                  - alert: Big
                    expr: doubled > 5
            """
        )
        var store = MemoryQueryable()
        store.append(["__name__": "m", "i": "1"], t: 0, v: 3)
        let first = group.evaluate(at: 0, queryable: store)
        #expect(first.samples.contains { $0.labels == ["__name__": "doubled", "i": "1", "src": "rec"] && $0.v == 6 })
        #expect(group.status.rules[1].alerts.count == 1, "the alert saw the recording output of the same cycle")
        store.append(["__name__": "m", "i": "1"], t: 30_000, v: StaleNaN.value)
        let second = group.evaluate(at: Self.minute, queryable: store)
        let stale = second.samples.filter { StaleNaN.isStale($0.v) }.map(\.labels.metricName).sorted()
        #expect(stale == ["ALERTS", "ALERTS_FOR_STATE", "doubled"])
        #expect(second.samples.allSatisfy { $0.t == Self.minute })
        #expect(second.alertsToSend.first?.endsAt == Self.minute, "resolved")
    }

    @Test func expressionErrorMarksTheRuleAndKeepsGoing() throws {
        var group = try Self.group(
            """
            groups:
              - name: g
                rules:
                  - record: bad
                    expr: m + on(i) group_left n
            """
        )
        var store = MemoryQueryable()
        store.append(["__name__": "m", "i": "1"], t: 0, v: 1)
        store.append(["__name__": "n", "i": "1", "a": "x"], t: 0, v: 1)
        store.append(["__name__": "n", "i": "1", "a": "y"], t: 0, v: 1)
        let evaluation = group.evaluate(at: 0, queryable: store)
        #expect(evaluation.errors.count == 1)
        #expect(group.status.rules[0].health == .err)
        #expect(group.status.rules[0].lastError?.isEmpty == false)
        #expect(group.status.lastEvaluation == 0)
    }

    @Test func templatesSeeExternalLabelsURLAndQuery() throws {
        let options = RuleGroupOptions(externalLabels: ["cluster": "c1"], externalURL: "http://prom.example:9090")
        var group = try Self.group(
            """
            groups:
              - name: g
                rules:
                  - alert: T
                    expr: vector(1234567)
                    labels:
                      env: '{{ $externalLabels.cluster }}'
                      cluster: mine
                    annotations:
                      v: '{{ $value }}'
                      url: '{{ $externalURL }}'
                      count: '{{ with query "count(m)" }}{{ . | first | value }}{{ end }}'
                      broken: '{{ template "missing" }}'
            """,
            options: options
        )
        var store = MemoryQueryable()
        store.append(["__name__": "m", "i": "1"], t: 0, v: 1)
        store.append(["__name__": "m", "i": "2"], t: 0, v: 1)
        let evaluation = group.evaluate(at: 0, queryable: store)
        let alert = try #require(evaluation.alertsToSend.first)
        #expect(alert.labels == ["alertname": "T", "env": "c1", "cluster": "mine"], "external labels only if absent")
        #expect(alert.annotations["v"] == "1.234567e+06")
        #expect(alert.annotations["url"] == "http://prom.example:9090")
        #expect(alert.annotations["count"] == "2")
        #expect(alert.annotations["broken"]?.hasPrefix("<error expanding template: ") == true)
        #expect(alert.generatorURL == "http://prom.example:9090/graph?g0.expr=vector%281.234567e%2B06%29&g0.tab=1")
    }

    @Test func inheritStateCarriesAlertsAndStaleMarksRemovedRules() throws {
        let yaml = """
            groups:
              - name: g
                rules:
                  - alert: A
                    expr: m > 0
                    for: 1m
                  - record: gone
                    expr: m
            """
        var old = try Self.group(yaml)
        let store = Self.store([1, 1, 1])
        _ = old.evaluate(at: 0, queryable: store)
        _ = old.evaluate(at: Self.minute, queryable: store)
        #expect(old.status.rules[0].alerts.first?.state == .firing)
        var new = try Self.group(
            """
            groups:
              - name: g
                rules:
                  - alert: A
                    expr: m > 0.5
                    for: 1m
            """
        )
        new.inheritState(from: old)
        #expect(new.status.rules[0].alerts.first?.state == .firing)
        #expect(new.status.rules[0].alerts.first?.activeAt == 0)
        let next = new.evaluate(at: 2 * Self.minute, queryable: store)
        let stale = next.samples.filter { StaleNaN.isStale($0.v) }.map(\.labels)
        #expect(stale == [["__name__": "gone", "i": "1"]])
        #expect(new.staleMarkers(at: 3 * Self.minute).count == 2, "ALERTS + ALERTS_FOR_STATE of the firing alert")
    }

    @Test func evaluationSlotsAreStableAndWithinTheInterval() throws {
        let group = try Self.group(Self.alerting(), file: "/etc/prometheus/rules.yml")
        let offset = group.evaluationOffset
        #expect(offset >= 0 && offset < group.interval)
        for t: Int64 in [0, 1, 59_999, 60_000, 1_795_501_811_484] {
            let next = group.nextEvaluation(atOrAfter: t)
            #expect(next >= t && next - t < group.interval)
            #expect((next - offset) % group.interval == 0)
        }
        let slot = group.nextEvaluation(atOrAfter: 1_000_000)
        #expect(group.nextEvaluation(atOrAfter: slot) == slot)
        let other = try Self.group(Self.alerting(), file: "/etc/prometheus/other.yml")
        #expect(other.evaluationOffset != offset, "different files spread over the interval")
    }

    @Test func queryEscapeIsGoQueryEscape() {
        #expect(goQueryEscape("up{job=\"a b\"} == 0") == "up%7Bjob%3D%22a+b%22%7D+%3D%3D+0")
        #expect(goQueryEscape("a-_.~z") == "a-_.~z")
    }
}
