public import KlaxonModel
import Synchronization

/// The in-memory time-series store: series registry, postings index and per-series rings of XOR chunks.
///
/// Thread-safety: all methods may be called concurrently. Series live in 16 stripes, each behind its own lock
/// (series hash → stripe); an `Appender` commit takes each stripe lock it needs once per batch. Readers resolve
/// matchers on the postings index, copy chunk references under the stripe locks and decode outside them.
/// Lock order, where two are held: stripe, then postings.
public final class Head: Queryable, Sendable {
    public let options: HeadOptions
    let stripes: [Stripe]
    let postings = StripeLock(Postings())
    private let nextSequence = Atomic<UInt64>(1)
    /// Write-ahead log of an attached `HeadPersistence` (innermost lock); `walAttached` gates it lock-free.
    let wal = StripeLock(WALWriter())
    let walAttached = Atomic<Bool>(false)
    /// Live series, kept for the series limit (only maintained when `options.maxSeries > 0`).
    let liveSeries = Atomic<Int>(0)
    let seriesLimitRefused = Atomic<Int>(0)
    /// `ContinuousClock` nanoseconds before which no further `onSeriesLimit` report is made.
    let nextSeriesLimitReport = Atomic<Int64>(.min)

    final class Stripe: Sendable {
        let state = StripeLock(StripeState())
    }

    public init(options: HeadOptions = .default) {
        self.options = options
        stripes = (0..<SeriesRef.stripeCount).map { _ in Stripe() }
    }

    /// Returns the ref of the series with exactly these labels, creating it (without samples) if needed.
    public func getOrCreate(_ labels: Labels) -> SeriesRef {
        let stripeIndex = labels.hashValue & (SeriesRef.stripeCount - 1)
        let ref = stripes[stripeIndex].state.withLock { state -> SeriesRef in
            if let slot = state.byLabels[labels] {
                return SeriesRef(raw: state.slab[slot].id)
            }
            if options.maxSeries > 0 && !reserveSeries() {
                state.stats.seriesLimitRefused += 1
                return .overLimit
            }
            let slot: Int
            if let free = state.freeSlots.popLast() {
                slot = free
            } else {
                slot = state.slab.count
                precondition(slot < SeriesRef.maxSlots, "too many series in one stripe")
                state.slab.append(MemSeries())
            }
            let sequence = nextSequence.wrappingAdd(1, ordering: .relaxed).oldValue
            let ref = SeriesRef(sequence: sequence, slot: slot, stripe: stripeIndex)
            state.slab[slot] = MemSeries(id: ref.raw, labels: labels)
            state.byLabels[labels] = slot
            state.stats.seriesCreated += 1
            postings.withLock { $0.insert(ref.raw, labels) }
            if walAttached.load(ordering: .relaxed) {
                wal.withLock { $0.logSeries(sequence: sequence, labels: labels) }
            }
            return ref
        }
        if !ref.isStored { reportSeriesLimit(labels) }
        return ref
    }

    /// The ref of an existing series, if any.
    public func ref(for labels: Labels) -> SeriesRef? {
        let stripeIndex = labels.hashValue & (SeriesRef.stripeCount - 1)
        return stripes[stripeIndex].state.withLock { state in
            state.byLabels[labels].map { SeriesRef(raw: state.slab[$0].id) }
        }
    }

    /// Starts a batch of appends (one scrape or one rule-group evaluation).
    public func appender() -> Appender {
        Appender(head: self)
    }

    /// Counters and sizes, summed over the stripes.
    public func stats() -> HeadStats {
        var total = HeadStats()
        for stripe in stripes {
            stripe.state.withLock { state in
                let s = state.stats
                total.seriesCreated += s.seriesCreated
                total.seriesRemoved += s.seriesRemoved
                total.samplesAppended += s.samplesAppended
                total.outOfOrderRejected += s.outOfOrderRejected
                total.duplicateRejected += s.duplicateRejected
                total.unknownSeriesRejected += s.unknownSeriesRejected
                total.seriesLimitRefused += s.seriesLimitRefused
                total.seriesLimitSamplesRejected += s.seriesLimitSamplesRejected
                total.chunksRemovedByRetention += s.chunksRemovedByRetention
                total.chunksRemovedByMemoryCap += s.chunksRemovedByMemoryCap
                total.chunkBytes += state.sealedBytes
                for series in state.slab where !series.isFree {
                    total.seriesCount += 1
                    total.chunkCount += series.sealed.count + (series.head.isEmpty ? 0 : 1)
                    total.chunkBytes += series.head.byteCount
                }
            }
        }
        return total
    }

    /// Applies a batch whose samples all belong to `stripeIndex`; `order` lists the batch indices to apply.
    func apply(
        stripe stripeIndex: Int,
        order: ArraySlice<Int>,
        refs: [UInt64],
        timestamps: [Timestamp],
        values: [Double],
        result: inout AppendResult
    ) {
        let perChunk = options.samplesPerChunk
        stripes[stripeIndex].state.withLock { state in
            var appended = 0
            for index in order {
                let ref = SeriesRef(raw: refs[index])
                let slot = ref.slot
                guard slot < state.slab.count, state.slab[slot].id == ref.raw else {
                    if ref.isStored {
                        state.stats.unknownSeriesRejected += 1
                        result.record(index: index, .unknownSeries)
                    } else {
                        state.stats.seriesLimitSamplesRejected += 1
                        result.record(index: index, .seriesLimit)
                    }
                    continue
                }
                let outcome = state.slab[slot].append(
                    t: timestamps[index],
                    v: values[index],
                    samplesPerChunk: perChunk,
                    sealedBytes: &state.sealedBytes
                )
                switch outcome {
                case .appended: appended += 1
                case .ignoredDuplicate: result.ignoredDuplicates += 1
                case .rejected(let reason):
                    if reason == .outOfOrder {
                        state.stats.outOfOrderRejected += 1
                    } else {
                        state.stats.duplicateRejected += 1
                    }
                    result.record(index: index, reason)
                }
            }
            state.stats.samplesAppended += appended
            result.appended += appended
        }
    }
}
