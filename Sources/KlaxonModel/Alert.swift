/// An alert as the rule engine produces it and the notification router consumes it
/// (Alertmanager's `types.Alert`). Times are milliseconds since the Unix epoch.
public struct Alert: Sendable, Hashable {
    public var labels: Labels
    /// Annotations keep empty values (they are a plain map in Alertmanager).
    public var annotations: [String: String]
    public var startsAt: Timestamp
    /// `nil` is Go's zero time (an alert that has not been given an end).
    public var endsAt: Timestamp?
    public var generatorURL: String
    /// When the router last received this alert.
    public var updatedAt: Timestamp
    /// True when `endsAt` was not sent and was defaulted to now + `resolve_timeout`.
    public var endsAtIsTimeout: Bool

    public init(
        labels: Labels,
        annotations: [String: String] = [:],
        startsAt: Timestamp,
        endsAt: Timestamp? = nil,
        generatorURL: String = "",
        updatedAt: Timestamp = 0,
        endsAtIsTimeout: Bool = false
    ) {
        self.labels = labels
        self.annotations = annotations
        self.startsAt = startsAt
        self.endsAt = endsAt
        self.generatorURL = generatorURL
        self.updatedAt = updatedAt
        self.endsAtIsTimeout = endsAtIsTimeout
    }

    /// The label-set fingerprint (FNV-1a 64, as Prometheus' `model.LabelSet.Fingerprint`).
    public var fingerprint: UInt64 { labels.fingerprint }

    /// Resolved at `time` when it has an end and the end is not after `time`.
    public func isResolved(at time: Timestamp) -> Bool {
        guard let endsAt else { return false }
        return endsAt <= time
    }

    /// Alertmanager's `Alert.Merge`: `other` and `self` describe the same label set; the younger one
    /// (by `updatedAt`) wins, keeping the earliest `startsAt` and the latest explicit `endsAt`.
    public func merged(with other: Alert, now: Timestamp) -> Alert {
        if other.updatedAt < updatedAt { return other.merged(with: self, now: now) }
        var result = other
        if startsAt < other.startsAt { result.startsAt = startsAt }
        let mineEnd = endsAt ?? Timestamp.min
        let otherEnd = other.endsAt ?? Timestamp.min
        if other.isResolved(at: now) {
            if isResolved(at: now) && mineEnd > otherEnd { result.endsAt = endsAt }
        } else if mineEnd > otherEnd && !endsAtIsTimeout {
            result.endsAt = endsAt
        }
        return result
    }
}
