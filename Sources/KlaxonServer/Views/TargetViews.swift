public import KlaxonModel

/// Health of a scrape target.
public enum TargetHealthView: String, Sendable {
    case up, down, unknown
}

/// An active scrape target (`/api/v1/targets`).
public struct TargetView: Sendable {
    public var discoveredLabels: Labels
    public var labels: Labels
    public var scrapePool: String
    public var scrapeURL: String
    public var globalURL: String
    public var lastError: String
    /// `nil` before the first scrape (Go's zero time).
    public var lastScrape: Timestamp?
    /// Seconds.
    public var lastScrapeDuration: Double
    public var health: TargetHealthView
    /// As configured: `15s`.
    public var scrapeInterval: String
    public var scrapeTimeout: String

    public init(
        discoveredLabels: Labels,
        labels: Labels,
        scrapePool: String,
        scrapeURL: String,
        globalURL: String,
        lastError: String = "",
        lastScrape: Timestamp? = nil,
        lastScrapeDuration: Double = 0,
        health: TargetHealthView = .unknown,
        scrapeInterval: String,
        scrapeTimeout: String
    ) {
        self.discoveredLabels = discoveredLabels
        self.labels = labels
        self.scrapePool = scrapePool
        self.scrapeURL = scrapeURL
        self.globalURL = globalURL
        self.lastError = lastError
        self.lastScrape = lastScrape
        self.lastScrapeDuration = lastScrapeDuration
        self.health = health
        self.scrapeInterval = scrapeInterval
        self.scrapeTimeout = scrapeTimeout
    }
}

/// A target dropped by relabeling.
public struct DroppedTargetView: Sendable {
    public var discoveredLabels: Labels
    public init(discoveredLabels: Labels) { self.discoveredLabels = discoveredLabels }
}

/// Active and dropped targets; the server filters by `state=`.
public struct TargetsView: Sendable {
    public var active: [TargetView]
    public var dropped: [DroppedTargetView]
    public init(active: [TargetView], dropped: [DroppedTargetView]) {
        self.active = active
        self.dropped = dropped
    }
}
