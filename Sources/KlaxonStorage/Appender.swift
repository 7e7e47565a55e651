public import KlaxonModel
import Synchronization

/// The outcome of one `Appender.commit()`.
public struct AppendResult: Sendable, Equatable {
    /// Samples stored.
    public var appended = 0
    /// Exact duplicates (same timestamp, bit-identical value) accepted as no-ops, as Prometheus does.
    public var ignoredDuplicates = 0
    /// Each rejected sample: its index in the batch (order of `append` calls) and the reason.
    public var rejections: [Rejection] = []

    public struct Rejection: Sendable, Equatable {
        public var index: Int
        public var reason: AppendRejection
    }

    public init() {}

    public func count(_ reason: AppendRejection) -> Int {
        rejections.reduce(0) { $0 + ($1.reason == reason ? 1 : 0) }
    }

    mutating func record(index: Int, _ reason: AppendRejection) {
        rejections.append(Rejection(index: index, reason: reason))
    }
}

/// Collects one batch of samples (a scrape or a rule-group evaluation) and stores it on `commit()`.
///
/// Not shareable between tasks: each scrape loop or rule group owns one and reuses it across batches (its buffers
/// are kept). `commit()` takes each stripe lock it needs exactly once. Samples of one series must be appended in
/// time order; out-of-order and conflicting duplicate samples are rejected and counted, never reordered.
public struct Appender {
    public let head: Head
    private var refs: [UInt64] = []
    private var timestamps: [Timestamp] = []
    private var values: [Double] = []
    private var order: [Int] = []
    private var stripeCounts = [Int](repeating: 0, count: SeriesRef.stripeCount)

    init(head: Head) {
        self.head = head
    }

    /// Samples pending in this batch.
    public var pendingCount: Int { refs.count }

    /// Resolves labels to a ref (get-or-create); callers cache the ref for later batches.
    public func ref(for labels: Labels) -> SeriesRef {
        head.getOrCreate(labels)
    }

    /// Adds a sample to the batch.
    @inline(__always)
    public mutating func append(_ ref: SeriesRef, t: Timestamp, v: Double) {
        refs.append(ref.raw)
        timestamps.append(t)
        values.append(v)
    }

    /// Resolves `labels` and adds a sample; returns the ref for caching.
    @discardableResult
    public mutating func append(_ labels: Labels, t: Timestamp, v: Double) -> SeriesRef {
        let ref = head.getOrCreate(labels)
        append(ref, t: t, v: v)
        return ref
    }

    /// Stores the batch and empties it (keeping its buffers).
    @discardableResult
    public mutating func commit() -> AppendResult {
        var result = AppendResult()
        let total = refs.count
        guard total > 0 else { return result }
        if head.walAttached.load(ordering: .relaxed) {
            head.log(refs: refs, timestamps: timestamps, values: values)
        }
        for index in stripeCounts.indices { stripeCounts[index] = 0 }
        for raw in refs { stripeCounts[SeriesRef(raw: raw).stripe] &+= 1 }
        // Counting sort of the batch indices by stripe, stable within a stripe.
        var starts = stripeCounts
        var running = 0
        for index in starts.indices {
            let count = starts[index]
            starts[index] = running
            running += count
        }
        if order.count < total {
            order.append(contentsOf: repeatElement(0, count: total - order.count))
        }
        var cursor = starts
        for index in 0..<total {
            let stripe = SeriesRef(raw: refs[index]).stripe
            order[cursor[stripe]] = index
            cursor[stripe] &+= 1
        }
        for stripe in 0..<SeriesRef.stripeCount where stripeCounts[stripe] > 0 {
            let slice = order[starts[stripe]..<(starts[stripe] + stripeCounts[stripe])]
            head.apply(
                stripe: stripe,
                order: slice,
                refs: refs,
                timestamps: timestamps,
                values: values,
                result: &result
            )
        }
        rollback()
        return result
    }

    /// Discards the pending samples.
    public mutating func rollback() {
        refs.removeAll(keepingCapacity: true)
        timestamps.removeAll(keepingCapacity: true)
        values.removeAll(keepingCapacity: true)
    }
}

extension AppendResult {
    public var outOfOrder: Int { count(.outOfOrder) }
    public var duplicateTimestamp: Int { count(.duplicateTimestamp) }
    public var unknownSeries: Int { count(.unknownSeries) }
    public var seriesLimit: Int { count(.seriesLimit) }
}

extension Head {
    /// Appends one sample as a batch of one. Prefer an `Appender` for many samples.
    @discardableResult
    public func append(_ ref: SeriesRef, t: Timestamp, v: Double) -> AppendResult {
        var appender = appender()
        appender.append(ref, t: t, v: v)
        return appender.commit()
    }
}
