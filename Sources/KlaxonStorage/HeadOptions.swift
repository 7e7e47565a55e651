public import KlaxonModel

/// Configuration of the in-memory store.
public struct HeadOptions: Sendable {
    /// Samples older than `newest - retention` are dropped by housekeeping (`--storage.retention`), in ms.
    public var retention: Int64
    /// Upper bound on chunk bytes; housekeeping drops the oldest sealed chunks first to stay below it.
    public var memoryCapBytes: Int
    /// Samples per chunk before it is sealed (Prometheus uses 120).
    public var samplesPerChunk: Int

    public static let `default` = HeadOptions()

    public init(retention: Int64 = 6 * Time.hour, memoryCapBytes: Int = 1 << 30, samplesPerChunk: Int = 120) {
        self.retention = retention
        self.memoryCapBytes = memoryCapBytes
        self.samplesPerChunk = max(2, samplesPerChunk)
    }
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
    public var chunkCount = 0
    /// Encoded bytes in all chunks, the open head chunks included.
    public var chunkBytes = 0
    public var chunksRemovedByRetention = 0
    public var chunksRemovedByMemoryCap = 0

    public init() {}
}
