/// The samples of one series inside a time window, as structure-of-arrays (timestamps ascending).
public struct SeriesSamples: Sendable {
    public var labels: Labels
    public var timestamps: [Timestamp]
    public var values: [Double]

    public init(labels: Labels, timestamps: [Timestamp] = [], values: [Double] = []) {
        self.labels = labels
        self.timestamps = timestamps
        self.values = values
    }

    public var count: Int { timestamps.count }
}

/// Read access to stored series: what the PromQL engine needs from a store.
///
/// `KlaxonStorage.Head` conforms for the daemon; `MemoryQueryable` serves test scripts and fixtures.
public protocol Queryable: Sendable {
    /// Every series matching all `matchers` that has at least one sample with `mint <= t <= maxt`, with exactly
    /// those samples (staleness markers included, as stored). Order of the series is unspecified.
    func select(_ matchers: [LabelMatcher], mint: Timestamp, maxt: Timestamp) -> [SeriesSamples]
}
