public import KlaxonModel

/// One alert instance of an alerting rule as saved across restarts: everything the state machine needs to go on
/// where it stopped (`rules.Alert` plus the send bookkeeping).
public struct SavedAlert: Sendable, Equatable {
    public var labels: Labels
    public var annotations: [String: String]
    public var state: AlertState
    public var value: Double
    public var activeAt: Timestamp
    public var firedAt: Timestamp?
    public var resolvedAt: Timestamp?
    public var lastSentAt: Timestamp?
    public var validUntil: Timestamp?
    public var keepFiringSince: Timestamp?

    public init(
        labels: Labels,
        annotations: [String: String],
        state: AlertState,
        value: Double,
        activeAt: Timestamp,
        firedAt: Timestamp? = nil,
        resolvedAt: Timestamp? = nil,
        lastSentAt: Timestamp? = nil,
        validUntil: Timestamp? = nil,
        keepFiringSince: Timestamp? = nil
    ) {
        self.labels = labels
        self.annotations = annotations
        self.state = state
        self.value = value
        self.activeAt = activeAt
        self.firedAt = firedAt
        self.resolvedAt = resolvedAt
        self.lastSentAt = lastSentAt
        self.validUntil = validUntil
        self.keepFiringSince = keepFiringSince
    }

    /// Equal in everything but `value` and `annotations`, which change on every evaluation without changing
    /// the state machine (the daemon saves when this changes, not on every new value).
    public func sameTransitions(as other: SavedAlert) -> Bool {
        labels == other.labels && state == other.state && activeAt == other.activeAt && firedAt == other.firedAt
            && resolvedAt == other.resolvedAt && lastSentAt == other.lastSentAt && validUntil == other.validUntil
            && keepFiringSince == other.keepFiringSince
    }

    public static func == (a: SavedAlert, b: SavedAlert) -> Bool {
        a.sameTransitions(as: b) && a.annotations == b.annotations
            && (a.value == b.value || (a.value.isNaN && b.value.isNaN))
    }
}

/// The alerts of one alerting rule, keyed by what identifies the rule across restarts: name, expression (as
/// printed, so reformatting the file does not lose state) and static labels (sorted).
public struct SavedRule: Sendable, Equatable {
    public var name: String
    public var query: String
    public var labels: Labels
    public var alerts: [SavedAlert]

    public init(name: String, query: String, labels: Labels, alerts: [SavedAlert]) {
        self.name = name
        self.query = query
        self.labels = labels
        self.alerts = alerts
    }

    func sameTransitions(as other: SavedRule) -> Bool {
        name == other.name && query == other.query && labels == other.labels && alerts.count == other.alerts.count
            && zip(alerts, other.alerts).allSatisfy { $0.sameTransitions(as: $1) }
    }
}

/// The alert state of one group (file + name), taken after an evaluation at `evaluatedAt`.
public struct SavedGroupState: Sendable, Equatable {
    public var file: String
    public var name: String
    /// The group's last evaluation (ms), or 0 if it never ran.
    public var evaluatedAt: Timestamp
    /// Alerting rules with at least one alert, in rule order.
    public var rules: [SavedRule]

    public init(file: String, name: String, evaluatedAt: Timestamp, rules: [SavedRule]) {
        self.file = file
        self.name = name
        self.evaluatedAt = evaluatedAt
        self.rules = rules
    }

    /// Whether saving `self` over `other` changes any alert's state machine (values and annotations aside).
    public func sameTransitions(as other: SavedGroupState) -> Bool {
        file == other.file && name == other.name && rules.count == other.rules.count
            && zip(rules, other.rules).allSatisfy { $0.sameTransitions(as: $1) }
    }
}

/// What `importState` did.
public struct StateRestoreReport: Sendable, Equatable {
    public var firing = 0
    public var pending = 0
    /// Resolved alerts still within `resolvedRetention`, kept so that their resolution is (re-)sent.
    public var resolved = 0
    /// Pending alerts dropped because the outage was longer than the tolerance.
    public var pendingDropped = 0
    /// Saved rules with no rule of the same name, expression and labels in the group (their alerts are lost).
    public var rulesUnmatched = 0

    public init() {}
}

extension RuleGroup {
    /// The alert state of every alerting rule, sorted by labels within a rule; rules without alerts are left out.
    public func exportState() -> SavedGroupState {
        var saved: [SavedRule] = []
        for rule in rules where rule.isAlerting && !rule.active.isEmpty {
            let alerts = rule.active.values.sorted { $0.labels.lexicographicallyPrecedes($1.labels) }.map {
                SavedAlert(
                    labels: $0.labels,
                    annotations: $0.annotations,
                    state: $0.state,
                    value: $0.value,
                    activeAt: $0.activeAt,
                    firedAt: $0.firedAt,
                    resolvedAt: $0.resolvedAt,
                    lastSentAt: $0.lastSentAt,
                    validUntil: $0.validUntil,
                    keepFiringSince: $0.keepFiringSince
                )
            }
            saved.append(SavedRule(name: rule.spec.name, query: rule.query, labels: rule.staticLabels, alerts: alerts))
        }
        return SavedGroupState(file: file, name: name, evaluatedAt: lastEvaluation ?? 0, rules: saved)
    }

    /// Restores the alerts saved by `exportState` into the rules with the same name, expression and labels.
    ///
    /// The outage rule: Klaxon was down from `downAt` (the last moment it is known to have run: its newest
    /// stored sample, or the saved evaluation time) until `now`.
    /// - firing alerts stay firing with their `activeAt`, `firedAt` and `lastSentAt`, so they are neither
    ///   pending again nor re-notified before the resend delay; the next evaluation resolves them if the
    ///   condition no longer holds;
    /// - resolved alerts are kept (until `resolvedRetention` after `resolvedAt`) so the resolution still goes out;
    /// - pending alerts keep their `activeAt`: the downtime counts towards `for`, as if the condition held while
    ///   Klaxon was down (the next evaluation drops the alert if it no longer holds), but only when the outage
    ///   lasted at most `outageTolerance` (Prometheus' `--rules.alert.for-outage-tolerance`, 1 h); after a
    ///   longer outage they are dropped and start a fresh pending period if the condition still holds.
    /// The group must not have evaluated yet (alerts of rules it already holds are replaced).
    @discardableResult
    public mutating func importState(
        _ saved: SavedGroupState,
        downAt: Timestamp,
        now: Timestamp,
        outageTolerance: Int64 = 60 * 60_000
    ) -> StateRestoreReport {
        var report = StateRestoreReport()
        let outage = max(0, now - downAt)
        var used = Set<Int>()
        for savedRule in saved.rules {
            guard
                let index = rules.indices.first(where: { index in
                    !used.contains(index) && rules[index].isAlerting && rules[index].spec.name == savedRule.name
                        && rules[index].query == savedRule.query && rules[index].staticLabels == savedRule.labels
                })
            else {
                report.rulesUnmatched += 1
                continue
            }
            used.insert(index)
            var active: [Labels: AlertInstance] = [:]
            var written: Set<Labels> = []
            for alert in savedRule.alerts {
                switch alert.state {
                case .pending:
                    guard outage <= outageTolerance else {
                        report.pendingDropped += 1
                        continue
                    }
                    report.pending += 1
                case .firing:
                    report.firing += 1
                case .inactive:
                    if let resolvedAt = alert.resolvedAt, now - resolvedAt > options.resolvedRetention { continue }
                    report.resolved += 1
                }
                active[alert.labels] = AlertInstance(
                    labels: alert.labels,
                    annotations: alert.annotations,
                    state: alert.state,
                    value: alert.value,
                    activeAt: alert.activeAt,
                    firedAt: alert.firedAt,
                    resolvedAt: alert.resolvedAt,
                    lastSentAt: alert.lastSentAt,
                    validUntil: alert.validUntil,
                    keepFiringSince: alert.keepFiringSince
                )
                if alert.state != .inactive {
                    // The series the last evaluation wrote, so that they get stale markers if the alert is gone.
                    written.insert(
                        alert.labels.setting(LabelName.metricName, to: "ALERTS")
                            .setting("alertstate", to: alert.state.rawValue)
                    )
                    written.insert(alert.labels.setting(LabelName.metricName, to: "ALERTS_FOR_STATE"))
                }
            }
            rules[index].active = active
            rules[index].seriesInPreviousEval = written
        }
        if lastEvaluation == nil, saved.evaluatedAt > 0 { lastEvaluation = saved.evaluatedAt }
        return report
    }
}

extension RuleGroup {
    /// After `importState`: the restored alerts that had been sent before the restart (firing, or resolved
    /// within retention), to send again now, marked as sent at `ts` with a fresh `endsAt` for firing ones.
    ///
    /// The router lost its in-memory alerts with the restart: this gives them back at once, so a notification
    /// that was waiting for `group_wait` when the process died goes out now rather than a resend delay later,
    /// and a firing alert's old `validUntil` (maybe past after a long outage) does not read as resolved. The
    /// router's restored notification log keeps what was already notified from being notified again.
    public mutating func resendRestored(at ts: Timestamp) -> [Alert] {
        var out: [Alert] = []
        for index in rules.indices where rules[index].isAlerting {
            out += alertsToSend(&rules[index], at: ts, restored: true)
        }
        return out
    }
}

extension RuleRuntime {
    /// The rule's static labels (templates unexpanded), sorted by name.
    var staticLabels: Labels {
        Labels(spec.labels.map { Label($0.name, $0.value) })
    }
}
