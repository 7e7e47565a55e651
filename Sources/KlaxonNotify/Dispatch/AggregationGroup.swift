internal import KlaxonModel

/// One aggregation group (Alertmanager's `aggrGroup`), a pure state machine: the dispatcher owns its
/// timer in the `TimerQueue`.
struct AggregationGroup {
    let id: Int
    let route: Route
    let labels: Labels
    /// `<route key>:<group labels>`, e.g. `{}/{chan="slack"}:{alertname="HighCPU"}`.
    let key: String
    var alerts: [UInt64: Alert] = [:]
    var hasFlushed = false
    var inFlight = false
    var tickWhileInFlight = false

    init(id: Int, route: Route, labels: Labels) {
        self.id = id
        self.route = route
        self.labels = labels
        self.key = route.key + ":" + labels.description
    }

    /// Stores the alert (replacing one with the same fingerprint). Returns true when the group must
    /// flush now: it never flushed and the alert's `startsAt + group_wait` is already past.
    mutating func insert(_ alert: Alert, now: Timestamp) -> Bool {
        alerts[alert.fingerprint] = alert
        return !hasFlushed && alert.startsAt + route.options.groupWait < now
    }

    /// The alerts of one flush: sorted like `types.AlertSlice`, firing ones with `endsAt` cleared.
    func snapshot(now: Timestamp) -> [Alert] {
        var out: [Alert] = []
        out.reserveCapacity(alerts.count)
        for var alert in alerts.values {
            if !alert.isResolved(at: now) { alert.endsAt = nil }
            out.append(alert)
        }
        out.sort(by: alertOrder)
        return out
    }

    /// After a successful flush: drop resolved alerts that were not updated since they were sent.
    mutating func removeResolved(sent: [Alert], now: Timestamp) {
        for alert in sent where alert.isResolved(at: now) {
            let fingerprint = alert.fingerprint
            if let stored = alerts[fingerprint], stored.updatedAt == alert.updatedAt {
                alerts[fingerprint] = nil
            }
        }
    }

    var isEmpty: Bool { alerts.isEmpty }
}

/// `types.AlertSlice.Less`: by `job`, then `instance` (present before absent), then the label sets.
func alertOrder(_ lhs: Alert, _ rhs: Alert) -> Bool {
    for name in [LabelName.job, LabelName.instance] {
        let left = lhs.labels.value(of: name)
        let right = rhs.labels.value(of: name)
        switch (left, right) {
        case (nil, nil): continue
        case (nil, _): return false
        case (_, nil): return true
        case (let left?, let right?):
            if left != right { return left < right }
        }
    }
    return labelsBefore(lhs.labels, rhs.labels)
}

/// `model.LabelSet.Before`.
func labelsBefore(_ lhs: Labels, _ rhs: Labels) -> Bool {
    if lhs.count != rhs.count { return lhs.count < rhs.count }
    for (left, right) in zip(lhs, rhs) {
        if left.name != right.name { return left.name > right.name }
        if left.value != right.value { return left.value < right.value }
    }
    return false
}
