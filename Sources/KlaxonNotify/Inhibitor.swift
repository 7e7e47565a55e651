public import KlaxonModel

/// One `inhibit_rules` entry.
public struct InhibitRule: Sendable {
    public var sourceMatchers: [LabelMatcher]
    public var targetMatchers: [LabelMatcher]
    public var equal: [String]

    public init(sourceMatchers: [LabelMatcher], targetMatchers: [LabelMatcher], equal: [String] = []) {
        self.sourceMatchers = sourceMatchers
        self.targetMatchers = targetMatchers
        self.equal = equal
    }

    func sourceMatches(_ labels: Labels) -> Bool { sourceMatchers.allSatisfy { $0.matches(labels) } }
    func targetMatches(_ labels: Labels) -> Bool { targetMatchers.allSatisfy { $0.matches(labels) } }
}

/// Alertmanager's inhibitor: a target is muted while at least one *firing* source alert has the same
/// values (missing = empty) for every `equal` label. An alert matching both sides is not muted by
/// sources that also match both sides.
public struct Inhibitor: Sendable {
    public let rules: [InhibitRule]
    /// Per rule, the source alerts by fingerprint (the "scache").
    private var sources: [[UInt64: Alert]]

    public init(rules: [InhibitRule]) {
        self.rules = rules
        self.sources = Array(repeating: [:], count: rules.count)
    }

    /// Feeds an ingested alert (after merging) to the source caches.
    public mutating func observe(_ alert: Alert) {
        for index in rules.indices where rules[index].sourceMatches(alert.labels) {
            sources[index][alert.fingerprint] = alert
        }
    }

    /// Drops resolved sources from the caches.
    public mutating func garbageCollect(now: Timestamp) {
        for index in sources.indices {
            sources[index] = sources[index].filter { !$0.value.isResolved(at: now) }
        }
    }

    /// The fingerprint of an alert inhibiting `labels`, or nil.
    public func inhibitingFingerprint(for labels: Labels, now: Timestamp) -> UInt64? {
        for (index, rule) in rules.enumerated() where rule.targetMatches(labels) {
            let excludeTwoSided = rule.sourceMatches(labels)
            candidates: for (fingerprint, source) in sources[index] {
                if source.isResolved(at: now) { continue }
                for name in rule.equal where source.labels[name] != labels[name] { continue candidates }
                if excludeTwoSided && rule.targetMatches(source.labels) { continue }
                return fingerprint
            }
        }
        return nil
    }

    public func mutes(_ labels: Labels, now: Timestamp) -> Bool {
        inhibitingFingerprint(for: labels, now: now) != nil
    }
}
