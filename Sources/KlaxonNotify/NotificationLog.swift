public import KlaxonModel

/// One notification-log entry: what was last sent for a (group, receiver, integration).
public struct NotificationLogEntry: Sendable, Hashable {
    public var groupKey: String
    public var receiver: ReceiverKey
    public var timestamp: Timestamp
    public var firingAlerts: Set<UInt64>
    public var resolvedAlerts: Set<UInt64>
    public var expiresAt: Timestamp

    public init(
        groupKey: String,
        receiver: ReceiverKey,
        timestamp: Timestamp,
        firingAlerts: Set<UInt64>,
        resolvedAlerts: Set<UInt64>,
        expiresAt: Timestamp
    ) {
        self.groupKey = groupKey
        self.receiver = receiver
        self.timestamp = timestamp
        self.firingAlerts = firingAlerts
        self.resolvedAlerts = resolvedAlerts
        self.expiresAt = expiresAt
    }
}

/// Identifies one integration of one receiver (`receiver/integration/index` in nflog).
public struct ReceiverKey: Sendable, Hashable, CustomStringConvertible {
    public var receiver: String
    public var integration: String
    public var index: Int

    public init(receiver: String, integration: String, index: Int) {
        self.receiver = receiver
        self.integration = integration
        self.index = index
    }

    public var description: String { "\(receiver)/\(integration)/\(index)" }
}

/// The notification log (Alertmanager's nflog). Plain value state so it can be snapshotted.
public struct NotificationLog: Sendable {
    private struct Key: Hashable {
        var groupKey: String
        var receiver: ReceiverKey
    }

    private var entries: [Key: NotificationLogEntry] = [:]
    /// How long an entry is kept (`--data.retention`, 120h by default).
    public var retention: Int64

    public init(retention: Int64 = 120 * Time.hour) {
        self.retention = retention
    }

    public func entry(groupKey: String, receiver: ReceiverKey) -> NotificationLogEntry? {
        entries[Key(groupKey: groupKey, receiver: receiver)]
    }

    public mutating func log(
        groupKey: String,
        receiver: ReceiverKey,
        firing: Set<UInt64>,
        resolved: Set<UInt64>,
        now: Timestamp
    ) {
        entries[Key(groupKey: groupKey, receiver: receiver)] = NotificationLogEntry(
            groupKey: groupKey,
            receiver: receiver,
            timestamp: now,
            firingAlerts: firing,
            resolvedAlerts: resolved,
            expiresAt: now + retention
        )
    }

    /// Drops expired entries; returns how many were removed.
    @discardableResult
    public mutating func garbageCollect(now: Timestamp) -> Int {
        let before = entries.count
        entries = entries.filter { $0.value.expiresAt > now }
        return before - entries.count
    }

    /// All entries, ordered by group key then receiver (for snapshots).
    public var allEntries: [NotificationLogEntry] {
        entries.values.sorted {
            ($0.groupKey, $0.receiver.description) < ($1.groupKey, $1.receiver.description)
        }
    }

    public mutating func restore(_ list: [NotificationLogEntry]) {
        for entry in list { entries[Key(groupKey: entry.groupKey, receiver: entry.receiver)] = entry }
    }

    public var count: Int { entries.count }
}
