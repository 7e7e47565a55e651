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
    /// The same selection as `select`, as a `FlatSeriesSet` (same series, same order).
    func selectFlat(_ matchers: [LabelMatcher], mint: Timestamp, maxt: Timestamp) -> FlatSeriesSet
}

/// The samples of many series in two shared flat arrays (two allocations for the whole selection instead of two
/// per series): series `i` is `labels[i]` with `timestamps[ranges[i]]` and `values[ranges[i]]`.
public struct FlatSeriesSet: Sendable {
    public var labels: [Labels]
    public var ranges: [Range<Int>]
    public var timestamps: [Timestamp]
    public var values: [Double]

    public init(labels: [Labels] = [], ranges: [Range<Int>] = [], timestamps: [Timestamp] = [], values: [Double] = []) {
        self.labels = labels
        self.ranges = ranges
        self.timestamps = timestamps
        self.values = values
    }

    public var count: Int { labels.count }
}

extension Queryable {
    /// `select` with the samples in flat arrays; stores override it to decode without an array per series.
    public func selectFlat(_ matchers: [LabelMatcher], mint: Timestamp, maxt: Timestamp) -> FlatSeriesSet {
        let selected = select(matchers, mint: mint, maxt: maxt)
        var set = FlatSeriesSet()
        set.labels.reserveCapacity(selected.count)
        set.ranges.reserveCapacity(selected.count)
        for s in selected {
            let start = set.timestamps.count
            set.timestamps.append(contentsOf: s.timestamps)
            set.values.append(contentsOf: s.values)
            set.labels.append(s.labels)
            set.ranges.append(start..<set.timestamps.count)
        }
        return set
    }
}
