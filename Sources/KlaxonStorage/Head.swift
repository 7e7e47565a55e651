public import KlaxonModel
import Synchronization

/// Klaxon's in-memory time-series store.
///
/// Series live in `stripeCount` stripes chosen by label hash, each behind its own lock, so appends from many
/// scrapes contend only when they hit the same stripe; an appender takes each stripe's lock once per batch.
/// Readers resolve series through the postings index, copy chunk references under the stripe lock and decode
/// outside it. Samples older than the retention window are dropped by `truncate(before:)` (called by
/// `housekeeping(now:)`), and so are series left without samples; a global cap on chunk bytes drops the oldest
/// chunks first when reached.
public final class Head: Queryable, Sendable {
    public struct Options: Sendable {
        /// How long samples are kept, in milliseconds.
        public var retention: Int64
        /// Upper bound on compressed chunk bytes; 0 means none.
        public var maxChunkBytes: Int
        public var stripeCount: Int

        public init(retention: Int64 = 6 * Time.hour, maxChunkBytes: Int = 0, stripeCount: Int = 16) {
            self.retention = retention
            self.maxChunkBytes = maxChunkBytes
            self.stripeCount = stripeCount
        }
    }

    public let options: Options
    let stripes: [Stripe]
    private let postings = Mutex(Postings())
    let counters = Counters()
    private let stripeMask: UInt64
    private let stripeBits: UInt64

    final class Stripe: Sendable {
        struct State {
            var series: [UInt64: MemSeries] = [:]
            var byLabels: [Labels: SeriesRef] = [:]
            var nextLocal: UInt64 = 0
        }
        let state = Mutex(State())
    }

    public init(options: Options = Options()) {
        var count = 1
        var bits: UInt64 = 0
        while count < max(1, options.stripeCount) {
            count <<= 1
            bits += 1
        }
        self.options = options
        stripeMask = UInt64(count - 1)
        stripeBits = bits
        stripes = (0..<count).map { _ in Stripe() }
    }

    // MARK: - Writing

    /// The ref of the series with `labels`, creating the series when new.
    public func getOrCreate(_ labels: Labels) -> SeriesRef {
        let stripeIndex = UInt64(truncatingIfNeeded: labels.hashValue) & stripeMask
        let (ref, created) = stripes[Int(stripeIndex)].state.withLock { state -> (SeriesRef, Bool) in
            if let existing = state.byLabels[labels] { return (existing, false) }
            let ref = SeriesRef(rawValue: (state.nextLocal << stripeBits) | stripeIndex)
            state.nextLocal += 1
            state.series[ref.rawValue] = MemSeries(labels: labels, ref: ref)
            state.byLabels[labels] = ref
            return (ref, true)
        }
        if created {
            postings.withLock { $0.add(ref, labels) }
            counters.seriesCreated.add(1, ordering: .relaxed)
        }
        return ref
    }

    /// A batch writer: buffer samples, then `commit()` takes each stripe lock once.
    public func appender() -> Appender { Appender(head: self) }

    /// Appends one sample (a batch of one). Prefer `appender()` for many samples.
    @discardableResult
    public func append(_ ref: SeriesRef, t: Timestamp, v: Double) -> AppendResult {
        var appender = appender()
        appender.add(ref, t: t, v: v)
        return appender.commit()
    }

    func stripe(of ref: SeriesRef) -> Stripe { stripes[Int(ref.rawValue & stripeMask)] }

    // MARK: - Reading

    public func select(_ matchers: [LabelMatcher], mint: Timestamp, maxt: Timestamp) -> [SeriesSamples] {
        let refs = postings.withLock { $0.select(matchers) }
        var result: [SeriesSamples] = []
        for ref in refs {
            guard let (labels, chunks) = snapshot(ref, mint: mint, maxt: maxt), !chunks.isEmpty else { continue }
            var samples = SeriesSamples(labels: labels)
            samples.timestamps.reserveCapacity(chunks.reduce(0) { $0 + $1.count })
            samples.values.reserveCapacity(samples.timestamps.capacity)
            for chunk in chunks {
                chunk.decode(mint: mint, maxt: maxt, timestamps: &samples.timestamps, values: &samples.values)
            }
            if samples.count > 0 { result.append(samples) }
        }
        return result
    }

    /// Label sets of the series matching `matchers` that have samples in `[mint, maxt]`.
    public func series(_ matchers: [LabelMatcher], mint: Timestamp, maxt: Timestamp) -> [Labels] {
        let refs = postings.withLock { $0.select(matchers) }
        return refs.compactMap { ref in
            stripe(of: ref).state.withLock { state -> Labels? in
                guard let series = state.series[ref.rawValue] else { return nil }
                let overlaps =
                    series.closed.contains { $0.maxTime >= mint && $0.minTime <= maxt }
                    || (series.head.count > 0 && series.head.maxTime >= mint && series.head.minTime <= maxt)
                return overlaps ? series.labels : nil
            }
        }
    }

    /// All label names in the index, sorted; with matchers, only those of matching series.
    public func labelNames(_ matchers: [LabelMatcher] = []) -> [String] {
        if matchers.isEmpty { return postings.withLock { $0.labelNames() } }
        var names = Set<String>()
        for labels in labelSets(matchers) { for label in labels { names.insert(label.name) } }
        return names.sorted()
    }

    /// The values of label `name`, sorted; with matchers, only those of matching series.
    public func labelValues(_ name: String, _ matchers: [LabelMatcher] = []) -> [String] {
        if matchers.isEmpty { return postings.withLock { $0.labelValues(name) } }
        var values = Set<String>()
        for labels in labelSets(matchers) { if let value = labels.value(of: name) { values.insert(value) } }
        return values.sorted()
    }

    private func labelSets(_ matchers: [LabelMatcher]) -> [Labels] {
        let refs = postings.withLock { $0.select(matchers) }
        return refs.compactMap { ref in stripe(of: ref).state.withLock { $0.series[ref.rawValue]?.labels } }
    }

    private func snapshot(_ ref: SeriesRef, mint: Int64, maxt: Int64) -> (Labels, [FrozenChunk])? {
        stripe(of: ref).state.withLock { state in
            guard let series = state.series[ref.rawValue] else { return nil }
            return (series.labels, series.chunks(overlapping: mint, maxt))
        }
    }

    // MARK: - Retention

    /// Drops samples (whole chunks) older than `mint` and series left empty; returns the number of series
    /// dropped.
    @discardableResult
    public func truncate(before mint: Timestamp) -> Int {
        var dropped: [(SeriesRef, Labels)] = []
        for stripe in stripes {
            let (freed, removed) = stripe.state.withLock { state -> (Int, [(SeriesRef, Labels)]) in
                var freed = 0
                var removed: [(SeriesRef, Labels)] = []
                for (key, series) in state.series {
                    freed += series.truncate(before: mint)
                    if series.isEmpty {
                        state.series[key] = nil
                        state.byLabels[series.labels] = nil
                        removed.append((series.ref, series.labels))
                    }
                }
                return (freed, removed)
            }
            counters.chunkBytes.subtract(freed, ordering: .relaxed)
            dropped.append(contentsOf: removed)
        }
        if !dropped.isEmpty {
            postings.withLock { postings in for (ref, labels) in dropped { postings.remove(ref, labels) } }
            counters.seriesRemoved.add(dropped.count, ordering: .relaxed)
        }
        return dropped.count
    }

    /// Applies retention relative to `now`, then the memory cap.
    public func housekeeping(now: Timestamp) {
        truncate(before: now - options.retention)
        enforceMemoryCap()
    }

    /// When chunk bytes exceed `maxChunkBytes`, drops the oldest closed chunks (by end time) across all series
    /// until under the cap. Head chunks are never dropped, so every live series keeps its latest samples.
    func enforceMemoryCap() {
        let cap = options.maxChunkBytes
        guard cap > 0, counters.chunkBytes.load(ordering: .relaxed) > cap else { return }
        var ends: [(Int64, Int)] = []
        for stripe in stripes {
            stripe.state.withLock { state in
                for series in state.series.values {
                    for chunk in series.closed { ends.append((chunk.maxTime, chunk.bytes.count)) }
                }
            }
        }
        ends.sort { $0.0 < $1.0 }
        var excess = counters.chunkBytes.load(ordering: .relaxed) - cap
        var cutoff = Int64.min
        for (end, bytes) in ends where excess > 0 {
            excess -= bytes
            cutoff = end
        }
        guard cutoff > .min else { return }
        var droppedChunks = 0
        for stripe in stripes {
            let freed = stripe.state.withLock { state -> Int in
                var freed = 0
                for series in state.series.values {
                    let before = series.closed.count
                    while let first = series.closed.first, first.maxTime <= cutoff {
                        freed += first.bytes.count
                        series.closed.removeFirst()
                    }
                    droppedChunks += before - series.closed.count
                }
                return freed
            }
            counters.chunkBytes.subtract(freed, ordering: .relaxed)
        }
        counters.chunksDroppedByCap.add(droppedChunks, ordering: .relaxed)
    }

    // MARK: - Statistics

    public var stats: Stats {
        Stats(
            series: counters.seriesCreated.load(ordering: .relaxed) - counters.seriesRemoved.load(ordering: .relaxed),
            samplesAppended: counters.samplesAppended.load(ordering: .relaxed),
            outOfOrder: counters.outOfOrder.load(ordering: .relaxed),
            duplicateTimestamp: counters.duplicateTimestamp.load(ordering: .relaxed),
            chunkBytes: counters.chunkBytes.load(ordering: .relaxed),
            seriesRemoved: counters.seriesRemoved.load(ordering: .relaxed),
            chunksDroppedByCap: counters.chunksDroppedByCap.load(ordering: .relaxed)
        )
    }

    public struct Stats: Sendable, Hashable {
        public var series: Int
        public var samplesAppended: Int
        public var outOfOrder: Int
        public var duplicateTimestamp: Int
        public var chunkBytes: Int
        public var seriesRemoved: Int
        public var chunksDroppedByCap: Int
    }

    final class Counters: Sendable {
        let seriesCreated = Atomic<Int>(0)
        let seriesRemoved = Atomic<Int>(0)
        let samplesAppended = Atomic<Int>(0)
        let outOfOrder = Atomic<Int>(0)
        let duplicateTimestamp = Atomic<Int>(0)
        let chunkBytes = Atomic<Int>(0)
        let chunksDroppedByCap = Atomic<Int>(0)
    }
}
