public import KlaxonModel

/// One due flush of one aggregation group.
public struct Flush: Sendable {
    public var groupID: Int
    public var groupKey: String
    public var groupLabels: Labels
    public var options: RouteOptions
    public var alerts: [Alert]
    /// When the flush was taken (the `now` of the pipeline).
    public var now: Timestamp
}

extension Alert {
    /// Alertmanager's `Alert.Validate` wording, or nil when the alert is valid.
    public var validationError: String? {
        if startsAt == 0 { return "start time missing" }
        if let endsAt, endsAt < startsAt { return "start time must be before end time" }
        for label in labels where !isValidLabelName(label.name) {
            return "invalid label set: invalid name \(goQuote(label.name))"
        }
        if labels.isEmpty { return "at least one label pair required" }
        for name in annotations.keys.sorted() where !isValidLabelName(name) {
            return "invalid annotations: invalid name \(goQuote(name))"
        }
        return nil
    }
}

/// Alert store + routing + aggregation groups + their timers. Synchronous state machine: the caller
/// feeds alerts and time, and receives due flushes.
public struct Dispatcher: Sendable {
    public let route: Route
    public var resolveTimeout: Int64
    private var store: [UInt64: Alert] = [:]
    private var groups: [Int: AggregationGroup] = [:]
    private var groupIndex: [Int: [Labels: Int]] = [:]
    private var timers = TimerQueue()
    private var nextGroupID = 0

    public init(route: Route, resolveTimeout: Int64 = 5 * Time.minute) {
        self.route = route
        self.resolveTimeout = resolveTimeout
    }

    /// Ingests alerts like `POST /api/v2/alerts`: `updatedAt` = now, missing `startsAt` (0) = now (or
    /// `endsAt` when given), missing `endsAt` = now + `resolve_timeout` (flagged), merge with the stored
    /// alert of the same fingerprint when their intervals overlap, then route into groups.
    /// Invalid alerts (Alertmanager's `Alert.Validate`, after the defaults) are skipped and reported.
    /// Returns the stored (merged) alerts and the validation errors.
    @discardableResult
    public mutating func ingest(_ alerts: [Alert], now: Timestamp) -> (stored: [Alert], errors: [String]) {
        var stored: [Alert] = []
        var errors: [String] = []
        stored.reserveCapacity(alerts.count)
        for var alert in alerts {
            alert.updatedAt = now
            if alert.startsAt == 0 { alert.startsAt = alert.endsAt ?? now }
            if let error = alert.validationError {
                errors.append(error)
                continue
            }
            if alert.endsAt == nil {
                alert.endsAt = now + resolveTimeout
                alert.endsAtIsTimeout = true
            }
            let fingerprint = alert.fingerprint
            if let old = store[fingerprint], let oldEnd = old.endsAt, let newEnd = alert.endsAt {
                let overlaps =
                    (newEnd > old.startsAt && newEnd < oldEnd) || (alert.startsAt < oldEnd && newEnd > old.startsAt)
                if overlaps { alert = old.merged(with: alert, now: now) }
            }
            store[fingerprint] = alert
            stored.append(alert)
            for node in route.match(alert.labels) { insert(alert, into: node, now: now) }
        }
        return (stored, errors)
    }

    /// Stores and routes alerts that were already ingested (after a reload), unchanged.
    public mutating func adopt(_ alerts: [Alert], now: Timestamp) {
        for alert in alerts {
            store[alert.fingerprint] = alert
            for node in route.match(alert.labels) { insert(alert, into: node, now: now) }
        }
    }

    private mutating func insert(_ alert: Alert, into node: Route, now: Timestamp) {
        let labels = node.groupLabels(for: alert.labels)
        let id: Int
        if let existing = groupIndex[node.index]?[labels] {
            id = existing
        } else {
            id = nextGroupID
            nextGroupID += 1
            groups[id] = AggregationGroup(id: id, route: node, labels: labels)
            groupIndex[node.index, default: [:]][labels] = id
            timers.schedule(group: id, at: now + node.options.groupWait)
        }
        guard var group = groups[id] else { return }
        let flushNow = group.insert(alert, now: now)
        groups[id] = group
        if flushNow, !group.inFlight, let deadline = timers.deadline(of: id), deadline > now {
            timers.schedule(group: id, at: now)
        }
    }

    /// The earliest group deadline.
    public mutating func nextDeadline() -> Timestamp? { timers.nextDeadline() }

    /// Takes every flush due at `now` and schedules each group's next tick (`now + group_interval`).
    public mutating func takeDue(now: Timestamp) -> [Flush] {
        var flushes: [Flush] = []
        for id in timers.popDue(now: now) {
            guard var group = groups[id] else { continue }
            if group.inFlight {
                group.tickWhileInFlight = true
                groups[id] = group
                continue
            }
            group.hasFlushed = true
            timers.schedule(group: id, at: now + group.route.options.groupInterval)
            // Like `aggrGroup.flush`, an empty group (all resolved alerts already sent) sends nothing.
            if group.isEmpty {
                groups[id] = group
                continue
            }
            group.inFlight = true
            groups[id] = group
            flushes.append(
                Flush(
                    groupID: id,
                    groupKey: group.key,
                    groupLabels: group.labels,
                    options: group.route.options,
                    alerts: group.snapshot(now: now),
                    now: now
                )
            )
        }
        return flushes
    }

    /// Reports the end of a flush; on success resolved alerts are dropped from the group.
    public mutating func complete(_ flush: Flush, success: Bool, now: Timestamp) {
        guard var group = groups[flush.groupID] else { return }
        group.inFlight = false
        if success { group.removeResolved(sent: flush.alerts, now: now) }
        if group.tickWhileInFlight {
            group.tickWhileInFlight = false
            timers.schedule(group: group.id, at: now)
        }
        groups[flush.groupID] = group
    }

    /// Reaps empty groups and drops resolved alerts from the store (done every 30s by the driver).
    public mutating func maintenance(now: Timestamp) {
        for (id, group) in groups where group.isEmpty && !group.inFlight {
            groups[id] = nil
            groupIndex[group.route.index]?[group.labels] = nil
            timers.cancel(group: id)
        }
        store = store.filter { !$0.value.isResolved(at: now) }
    }

    /// Current stored alerts (merged), any order.
    public var alerts: [Alert] { Array(store.values) }

    /// The live groups as `GET /api/v2/alerts/groups` lists them (unsorted; stored alerts, unfiltered).
    public var groupSnapshots: [(labels: Labels, receiver: String, alerts: [Alert])] {
        groups.values.map { ($0.labels, $0.route.options.receiver, Array($0.alerts.values)) }
    }

    /// Group keys of the live groups, sorted.
    public var groupKeys: [String] { groups.values.map(\.key).sorted() }
}
