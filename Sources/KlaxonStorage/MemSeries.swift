import KlaxonModel

/// Why a sample was not stored.
public enum AppendRejection: Sendable, Equatable {
    /// Older than the newest sample of its series.
    case outOfOrder
    /// Same timestamp as the newest sample of its series, with a different value.
    case duplicateTimestamp
    /// The ref does not name a live series (dropped by retention, or never created by this head).
    case unknownSeries
    /// The series was refused by the head's series limit (`HeadOptions.maxSeries`).
    case seriesLimit
}

/// One series in a stripe's slab: its labels, sealed chunks and the open head chunk.
struct MemSeries: Sendable {
    var id: UInt64 = 0
    var labels: Labels = .empty
    var sealed = ChunkRing()
    var head = XORChunk()
    var lastTime: Timestamp = .min
    var lastValueBits: UInt64 = 0
    var everAppended = false
    /// Truncations that saw the series without any sample; a never-appended series survives one.
    var idleTruncations: UInt8 = 0

    var isFree: Bool { id == 0 }
    var hasChunks: Bool { !sealed.isEmpty || !head.isEmpty }

    /// Appends `(t, v)` unless it is out of order or a conflicting duplicate; seals the head chunk when full.
    /// An exact duplicate (same timestamp, bit-identical value) is accepted as a no-op, as Prometheus does.
    @inline(__always)
    mutating func append(t: Timestamp, v: Double, samplesPerChunk: Int, sealedBytes: inout Int) -> AppendOutcome {
        if t <= lastTime {
            if t < lastTime { return .rejected(.outOfOrder) }
            return v.bitPattern == lastValueBits ? .ignoredDuplicate : .rejected(.duplicateTimestamp)
        }
        if head.count >= samplesPerChunk {
            var full = head
            head = XORChunk()
            full.seal()
            sealedBytes &+= full.byteCount
            sealed.append(full)
        }
        head.append(t: t, v: v)
        lastTime = t
        lastValueBits = v.bitPattern
        everAppended = true
        return .appended
    }
}

enum AppendOutcome {
    case appended
    case ignoredDuplicate
    case rejected(AppendRejection)
}

/// The series of one stripe and the counters updated under the same lock.
struct StripeState: Sendable {
    var slab: [MemSeries] = []
    var freeSlots: [Int] = []
    var byLabels: [Labels: Int] = [:]
    var sealedBytes = 0
    var sealedChunks: Int {
        var total = 0
        for series in slab where !series.isFree { total += series.sealed.count }
        return total
    }
    var stats = HeadStats()
}
