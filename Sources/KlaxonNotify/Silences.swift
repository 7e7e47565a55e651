public import KlaxonModel

/// A silence (Alertmanager's `silencepb.Silence`).
public struct Silence: Sendable, Hashable {
    public enum State: String, Sendable {
        case pending, active, expired
    }

    public var id: String
    public var matchers: [LabelMatcher]
    public var startsAt: Timestamp
    public var endsAt: Timestamp
    public var createdBy: String
    public var comment: String
    public var updatedAt: Timestamp

    public init(
        id: String = "",
        matchers: [LabelMatcher],
        startsAt: Timestamp,
        endsAt: Timestamp,
        createdBy: String,
        comment: String,
        updatedAt: Timestamp = 0
    ) {
        self.id = id
        self.matchers = matchers
        self.startsAt = startsAt
        self.endsAt = endsAt
        self.createdBy = createdBy
        self.comment = comment
        self.updatedAt = updatedAt
    }

    public func state(at now: Timestamp) -> State {
        if now < startsAt { return .pending }
        if now < endsAt { return .active }
        return .expired
    }

    public func matches(_ labels: Labels) -> Bool {
        for matcher in matchers where !matcher.matches(labels) { return false }
        return true
    }
}

public struct SilenceError: Error, Sendable, Equatable, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}

/// The silence store: create / update / expire / query, with Alertmanager's validation wording.
public struct Silences: Sendable {
    private var byID: [String: Silence] = [:]
    private var order: [String] = []
    /// How long expired silences are kept (`--data.retention`).
    public var retention: Int64
    private var random: SplitMix64

    public init(retention: Int64 = 120 * Time.hour, seed: UInt64 = UInt64.random(in: .min ... .max)) {
        self.retention = retention
        self.random = SplitMix64(seed: seed)
    }

    /// Validates and stores `silence` (Alertmanager's `Silences.Set`). An empty id creates a silence with a
    /// random v4 UUID, its start clamped to `now`. An existing id is updated in place when only allowed
    /// fields change (same matchers; an active one keeps its start and does not end in the past; a pending
    /// one does not start in the past); otherwise the old silence is expired and a new id is issued.
    /// Returns the id of the stored silence.
    public mutating func set(_ silence: Silence, now: Timestamp) throws(SilenceError) -> String {
        try Silences.validate(silence)
        var silence = silence
        if !silence.id.isEmpty {
            guard let existing = byID[silence.id] else { throw SilenceError("silence not found") }
            if Silences.canUpdate(existing, to: silence, now: now) {
                silence.updatedAt = now
                byID[silence.id] = silence
                return silence.id
            }
            if existing.state(at: now) != .expired { try expire(id: existing.id, now: now) }
        }
        if silence.endsAt < now { throw SilenceError("end time can't be in the past") }
        if silence.startsAt < now { silence.startsAt = now }
        silence.id = nextUUID()
        silence.updatedAt = now
        order.append(silence.id)
        byID[silence.id] = silence
        return silence.id
    }

    static func canUpdate(_ old: Silence, to new: Silence, now: Timestamp) -> Bool {
        if old.matchers != new.matchers { return false }
        switch old.state(at: now) {
        case .active:
            return new.startsAt / 1000 == old.startsAt / 1000 && new.endsAt >= now
        case .pending:
            return new.startsAt >= now
        case .expired:
            return false
        }
    }

    static func validate(_ silence: Silence) throws(SilenceError) {
        if silence.matchers.isEmpty { throw SilenceError("at least one matcher required") }
        if silence.matchers.allSatisfy({ $0.matchesEmpty }) {
            throw SilenceError("at least one matcher must not match the empty string")
        }
        if silence.startsAt == 0 { throw SilenceError("invalid zero start timestamp") }
        if silence.endsAt == 0 { throw SilenceError("invalid zero end timestamp") }
        if silence.endsAt < silence.startsAt { throw SilenceError("end time must not be before start time") }
    }

    /// Expires a silence: an active one ends now, a pending one starts and ends now.
    public mutating func expire(id: String, now: Timestamp) throws(SilenceError) {
        guard var silence = byID[id] else { throw SilenceError("silence not found") }
        switch silence.state(at: now) {
        case .expired:
            throw SilenceError("silence \(id) already expired")
        case .pending:
            silence.startsAt = now
            silence.endsAt = now
        case .active:
            silence.endsAt = now
        }
        silence.updatedAt = now
        byID[id] = silence
    }

    public func silence(id: String) -> Silence? { byID[id] }

    /// Silences in creation order, optionally only those in `states`.
    public func query(states: Set<Silence.State>? = nil, now: Timestamp) -> [Silence] {
        order.compactMap { byID[$0] }.filter { states?.contains($0.state(at: now)) ?? true }
    }

    /// IDs of the active silences that match `labels`, sorted.
    public func mutingIDs(for labels: Labels, now: Timestamp) -> [String] {
        var ids: [String] = []
        for id in order {
            guard let silence = byID[id], silence.state(at: now) == .active, silence.matches(labels) else { continue }
            ids.append(id)
        }
        return ids.sorted()
    }

    public func mutes(_ labels: Labels, now: Timestamp) -> Bool { !mutingIDs(for: labels, now: now).isEmpty }

    /// Every stored silence in creation order (for snapshots).
    public var allSilences: [Silence] { order.compactMap { byID[$0] } }

    /// Loads silences from a snapshot, keeping their ids; an id already present is replaced.
    public mutating func restore(_ silences: [Silence]) {
        for silence in silences where !silence.id.isEmpty {
            if byID[silence.id] == nil { order.append(silence.id) }
            byID[silence.id] = silence
        }
    }

    /// Removes silences that expired more than `retention` ago.
    @discardableResult
    public mutating func garbageCollect(now: Timestamp) -> Int {
        let before = order.count
        order.removeAll { id in
            guard let silence = byID[id] else { return true }
            if silence.endsAt + retention < now {
                byID[id] = nil
                return true
            }
            return false
        }
        return before - order.count
    }

    private mutating func nextUUID() -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(16)
        for _ in 0..<2 {
            var word = random.next()
            for _ in 0..<8 {
                bytes.append(UInt8(truncatingIfNeeded: word))
                word >>= 8
            }
        }
        bytes[6] = (bytes[6] & 0x0f) | 0x40
        bytes[8] = (bytes[8] & 0x3f) | 0x80
        let hex: [Character] = Array("0123456789abcdef")
        var out = ""
        for (index, byte) in bytes.enumerated() {
            if index == 4 || index == 6 || index == 8 || index == 10 { out.append("-") }
            out.append(hex[Int(byte >> 4)])
            out.append(hex[Int(byte & 0x0f)])
        }
        return out
    }
}
