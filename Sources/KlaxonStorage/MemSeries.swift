import KlaxonModel

/// One series in memory: its labels, closed (frozen) chunks oldest first, and the open head chunk.
///
/// A reference type on purpose: the stripe's dictionary holds it, and mutating through the reference appends
/// to the chunk buffer in place (a struct copied out of the dictionary would copy the buffer on every append).
/// Only touched under its stripe's lock.
final class MemSeries {
    let labels: Labels
    let ref: SeriesRef
    var closed: [FrozenChunk] = []
    var head = XORChunk()
    var lastTime: Int64 = .min
    var lastValueBits: UInt64 = 0

    init(labels: Labels, ref: SeriesRef) {
        self.labels = labels
        self.ref = ref
    }

    var isEmpty: Bool { closed.isEmpty && head.count == 0 }
    var minTime: Int64 { closed.first?.minTime ?? (head.count > 0 ? head.minTime : .max) }
    var chunkBytes: Int { closed.reduce(head.byteCount) { $0 + $1.bytes.count } }

    /// Appends in time order. Returns the bytes the chunks grew by, or the reason the sample was rejected.
    func append(t: Int64, v: Double) -> AppendOutcome {
        if t < lastTime { return .outOfOrder }
        if t == lastTime {
            // Prometheus accepts an exact duplicate silently and rejects a different value at the same time.
            return v.bitPattern == lastValueBits ? .duplicateIgnored : .duplicateTimestamp
        }
        if head.isFull {
            closed.append(head.frozen)
            head = XORChunk()
        }
        let before = head.byteCount
        head.append(t: t, v: v)
        let grown = head.byteCount - before
        lastTime = t
        lastValueBits = v.bitPattern
        return .appended(bytes: grown)
    }

    /// Drops closed chunks ending before `mint` (and the head chunk too, when it does). Returns bytes freed.
    func truncate(before mint: Int64) -> Int {
        var freed = 0
        var keepFrom = 0
        while keepFrom < closed.count, closed[keepFrom].maxTime < mint {
            freed += closed[keepFrom].bytes.count
            keepFrom += 1
        }
        if keepFrom > 0 { closed.removeFirst(keepFrom) }
        if closed.isEmpty, head.count > 0, head.maxTime < mint {
            freed += head.byteCount
            head = XORChunk()
        }
        return freed
    }

    /// Frozen chunks overlapping `[mint, maxt]`, oldest first (the head chunk copied).
    func chunks(overlapping mint: Int64, _ maxt: Int64) -> [FrozenChunk] {
        var result: [FrozenChunk] = []
        for chunk in closed where chunk.maxTime >= mint && chunk.minTime <= maxt { result.append(chunk) }
        if head.count > 0, head.maxTime >= mint, head.minTime <= maxt { result.append(head.frozen) }
        return result
    }
}

enum AppendOutcome {
    case appended(bytes: Int)
    case duplicateIgnored
    case outOfOrder
    case duplicateTimestamp
}

/// A stable identifier of a series in a `Head`, valid until the series is dropped by retention.
public struct SeriesRef: Hashable, Sendable, Comparable {
    public let rawValue: UInt64
    public init(rawValue: UInt64) { self.rawValue = rawValue }
    public static func < (lhs: SeriesRef, rhs: SeriesRef) -> Bool { lhs.rawValue < rhs.rawValue }
}
