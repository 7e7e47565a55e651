public import KlaxonModel
import Synchronization

/// Outcome counts of one committed batch.
public struct AppendResult: Sendable, Hashable {
    public var appended = 0
    /// Samples older than the series' newest sample: rejected.
    public var outOfOrder = 0
    /// A different value at the series' newest timestamp: rejected.
    public var duplicateTimestamp = 0
    /// Samples for refs that no longer exist (dropped by retention): rejected.
    public var unknownSeries = 0

    public init() {}
}

/// Buffers samples for a `Head` and commits them taking each stripe's lock once. Not thread-safe: one appender
/// per scrape or rule evaluation.
public struct Appender {
    let head: Head
    private var pending: [[(ref: SeriesRef, t: Int64, v: Double)]]

    init(head: Head) {
        self.head = head
        pending = Array(repeating: [], count: head.stripes.count)
    }

    public mutating func add(_ ref: SeriesRef, t: Timestamp, v: Double) {
        pending[Int(ref.rawValue & UInt64(head.stripes.count - 1))].append((ref, t, v))
    }

    /// Adds a sample by label set, creating the series when new.
    public mutating func add(_ labels: Labels, t: Timestamp, v: Double) {
        add(head.getOrCreate(labels), t: t, v: v)
    }

    /// Writes everything added since the last commit, in order per series.
    @discardableResult
    public mutating func commit() -> AppendResult {
        var result = AppendResult()
        var bytes = 0
        for index in pending.indices where !pending[index].isEmpty {
            let batch = pending[index]
            pending[index].removeAll(keepingCapacity: true)
            head.stripes[index].state.withLock { state in
                for sample in batch {
                    guard let series = state.series[sample.ref.rawValue] else {
                        result.unknownSeries += 1
                        continue
                    }
                    switch series.append(t: sample.t, v: sample.v) {
                    case .appended(let grown):
                        bytes += grown
                        result.appended += 1
                    case .duplicateIgnored:
                        break
                    case .outOfOrder:
                        result.outOfOrder += 1
                    case .duplicateTimestamp:
                        result.duplicateTimestamp += 1
                    }
                }
            }
        }
        let counters = head.counters
        counters.samplesAppended.add(result.appended, ordering: .relaxed)
        counters.outOfOrder.add(result.outOfOrder, ordering: .relaxed)
        counters.duplicateTimestamp.add(result.duplicateTimestamp, ordering: .relaxed)
        counters.chunkBytes.add(bytes, ordering: .relaxed)
        return result
    }
}
