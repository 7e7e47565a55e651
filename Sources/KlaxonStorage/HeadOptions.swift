public import KlaxonModel

/// Configuration of the in-memory store.
public struct HeadOptions: Sendable {
    /// Samples older than `newest - retention` are dropped by housekeeping (`--storage.retention`), in ms.
    public var retention: Int64
    /// Upper bound on chunk bytes; housekeeping drops the oldest sealed chunks first to stay below it.
    public var memoryCapBytes: Int
    /// Samples per chunk before it is sealed (Prometheus uses 120).
    public var samplesPerChunk: Int
    /// `--storage.tsdb.max-series`: the most live series the head holds; 0 is unlimited. Beyond it new series
    /// are refused (their samples rejected as `.seriesLimit`); existing series keep appending.
    public var maxSeries: Int
    /// Told when new series were refused, at most once per `seriesLimitReportInterval` (for a log line).
    public var onSeriesLimit: (@Sendable (SeriesLimitReport) -> Void)?
    /// Minimum time between two `onSeriesLimit` calls.
    public var seriesLimitReportInterval: Duration

    public static let `default` = HeadOptions()

    public init(
        retention: Int64 = 6 * Time.hour,
        memoryCapBytes: Int = 1 << 30,
        samplesPerChunk: Int = 120,
        maxSeries: Int = 0,
        seriesLimitReportInterval: Duration = .seconds(60),
        onSeriesLimit: (@Sendable (SeriesLimitReport) -> Void)? = nil
    ) {
        self.retention = retention
        self.memoryCapBytes = memoryCapBytes
        self.samplesPerChunk = max(2, samplesPerChunk)
        self.maxSeries = max(0, maxSeries)
        self.seriesLimitReportInterval = seriesLimitReportInterval
        self.onSeriesLimit = onSeriesLimit
    }
}

/// What `HeadOptions.onSeriesLimit` is told.
public struct SeriesLimitReport: Sendable, Equatable {
    /// The configured limit.
    public var limit: Int
    /// New series refused since the head was created.
    public var refusedTotal: Int
    /// Labels of the series whose refusal triggered this report (one example of the spike).
    public var example: Labels
}

/// Counters for self-metrics. Totals are since the head was created.
public struct HeadStats: Sendable, Equatable {
    public var seriesCount = 0
    public var seriesCreated = 0
    public var seriesRemoved = 0
    public var samplesAppended = 0
    public var outOfOrderRejected = 0
    public var duplicateRejected = 0
    public var unknownSeriesRejected = 0
    /// New series refused by `HeadOptions.maxSeries`.
    public var seriesLimitRefused = 0
    /// Samples rejected because their series was refused by `HeadOptions.maxSeries`.
    public var seriesLimitSamplesRejected = 0
    public var chunkCount = 0
    /// Encoded bytes in all chunks, the open head chunks included.
    public var chunkBytes = 0
    public var chunksRemovedByRetention = 0
    public var chunksRemovedByMemoryCap = 0

    public init() {}
}
