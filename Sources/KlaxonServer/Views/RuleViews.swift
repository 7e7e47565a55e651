public import KlaxonModel

/// Health of a rule as `/api/v1/rules` reports it.
public enum RuleHealthView: String, Sendable {
    case ok, err, unknown
}

/// State of an alert or alerting rule as the API reports it.
public enum AlertStateView: String, Sendable {
    case inactive, pending, firing
}

/// One alert of an alerting rule (`/api/v1/alerts`, `/api/v1/rules`).
public struct AlertView: Sendable {
    public var labels: Labels
    public var annotations: Labels
    public var state: AlertStateView
    /// When the alert became active; `nil` leaves `activeAt` out.
    public var activeAt: Timestamp?
    /// The value as Prometheus prints it (`%e`: `1e+00`), formatted by the daemon.
    public var value: String

    public init(labels: Labels, annotations: Labels, state: AlertStateView, activeAt: Timestamp?, value: String) {
        self.labels = labels
        self.annotations = annotations
        self.state = state
        self.activeAt = activeAt
        self.value = value
    }
}

/// One rule of a group. Alerting-only fields (`state`, `duration`, `keepFiringFor`, `annotations`, `alerts`) are
/// ignored for recording rules.
public struct RuleView: Sendable {
    public enum Kind: String, Sendable {
        case alerting, recording
    }

    public var kind: Kind
    public var name: String
    public var query: String
    /// Alerting rules: the `for` duration, in seconds.
    public var duration: Double
    /// Alerting rules: `keep_firing_for`, in seconds.
    public var keepFiringFor: Double
    public var labels: Labels
    public var annotations: Labels
    public var alerts: [AlertView]
    public var state: AlertStateView
    public var health: RuleHealthView
    /// Empty when the last evaluation succeeded (the key is then left out).
    public var lastError: String
    /// Seconds the last evaluation took.
    public var evaluationTime: Double
    /// `nil` before the first evaluation (Go's zero time).
    public var lastEvaluation: Timestamp?

    public init(
        kind: Kind,
        name: String,
        query: String,
        duration: Double = 0,
        keepFiringFor: Double = 0,
        labels: Labels = .empty,
        annotations: Labels = .empty,
        alerts: [AlertView] = [],
        state: AlertStateView = .inactive,
        health: RuleHealthView = .unknown,
        lastError: String = "",
        evaluationTime: Double = 0,
        lastEvaluation: Timestamp? = nil
    ) {
        self.kind = kind
        self.name = name
        self.query = query
        self.duration = duration
        self.keepFiringFor = keepFiringFor
        self.labels = labels
        self.annotations = annotations
        self.alerts = alerts
        self.state = state
        self.health = health
        self.lastError = lastError
        self.evaluationTime = evaluationTime
        self.lastEvaluation = lastEvaluation
    }
}

/// One rule group (`/api/v1/rules`).
public struct RuleGroupView: Sendable {
    public var name: String
    public var file: String
    public var rules: [RuleView]
    /// Evaluation interval in seconds.
    public var interval: Double
    public var limit: Int
    public var evaluationTime: Double
    public var lastEvaluation: Timestamp?

    public init(
        name: String,
        file: String,
        rules: [RuleView],
        interval: Double,
        limit: Int = 0,
        evaluationTime: Double = 0,
        lastEvaluation: Timestamp? = nil
    ) {
        self.name = name
        self.file = file
        self.rules = rules
        self.interval = interval
        self.limit = limit
        self.evaluationTime = evaluationTime
        self.lastEvaluation = lastEvaluation
    }
}
