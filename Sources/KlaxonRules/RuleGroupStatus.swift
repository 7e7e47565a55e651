public import KlaxonModel

/// The state of an alert instance (`rules.AlertState`).
public enum AlertState: String, Sendable, Hashable {
    case inactive
    case pending
    case firing
}

/// A pending or firing alert as `/api/v1/alerts` and `/api/v1/rules` show it.
public struct ActiveAlert: Sendable, Hashable {
    public var labels: Labels
    /// Expanded annotations, sorted by name (empty values kept).
    public var annotations: [String: String]
    public var state: AlertState
    public var activeAt: Timestamp
    /// When the alert became firing; nil while pending.
    public var firedAt: Timestamp?
    /// Set while a firing alert is kept firing by `keep_firing_for` after its expression stopped matching.
    public var keepFiringSince: Timestamp?
    public var value: Double
}

/// One rule of a group as `/api/v1/rules` shows it.
public struct RuleStatus: Sendable {
    public enum Kind: String, Sendable, Hashable {
        case alerting
        case recording
    }
    public enum Health: String, Sendable, Hashable {
        case ok
        case err
        case unknown
    }

    public var kind: Kind
    public var name: String
    /// The expression as Prometheus prints it.
    public var query: String
    /// `for`, milliseconds.
    public var duration: Int64
    /// `keep_firing_for`, milliseconds.
    public var keepFiringFor: Int64
    public var labels: Labels
    public var annotations: [String: String]
    public var health: Health
    public var lastError: String?
    /// nil before the first evaluation.
    public var lastEvaluation: Timestamp?
    /// Seconds the last evaluation took.
    public var evaluationTime: Double
    /// Pending and firing alerts (resolved ones kept for re-sending are not listed), sorted by labels.
    public var alerts: [ActiveAlert]

    /// `firing` if any alert fires, else `pending` if any is pending, else `inactive` (alerting rules only).
    public var state: AlertState {
        if alerts.contains(where: { $0.state == .firing }) { return .firing }
        if alerts.contains(where: { $0.state == .pending }) { return .pending }
        return .inactive
    }
}

/// One group as `/api/v1/rules` shows it.
public struct RuleGroupStatus: Sendable {
    public var name: String
    public var file: String
    /// Milliseconds.
    public var interval: Int64
    public var limit: Int
    /// nil before the first evaluation.
    public var lastEvaluation: Timestamp?
    /// Seconds the last evaluation took.
    public var evaluationTime: Double
    public var rules: [RuleStatus]
}
