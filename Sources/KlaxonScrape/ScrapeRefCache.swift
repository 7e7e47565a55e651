import KlaxonConfig
import KlaxonDiscovery
import KlaxonModel
import KlaxonStorage

/// A per-target map from the raw series bytes of a scrape body (`name{labels}` as the target writes them) straight
/// to the Head series ref, or to "dropped by metric relabeling" — Prometheus' scrape cache. A repeated scrape finds
/// each series by hash and byte comparison, without building labels, relabeling or allocating.
/// Entries not seen in a successful scrape are forgotten at its end. Not thread-safe: one per target loop.
struct ScrapeRefCache {
    struct Entry {
        var offset: Int
        var count: Int
        var hash: UInt64
        /// nil: dropped by metric relabeling.
        var ref: SeriesRef?
        var lastSeen: UInt64
    }

    private var arena: [UInt8] = []
    private(set) var entries: [Entry] = []
    private var slots: [Int32] = Array(repeating: -1, count: 256)
    private var generation: UInt64 = 1

    var count: Int { entries.count }
    /// Entries whose series the head refused (`SeriesRef.overLimit`).
    private(set) var refusedCount = 0

    /// FNV-1a over the bytes.
    static func hash(_ key: UnsafeRawBufferPointer) -> UInt64 {
        FNV1a64.add(key, to: FNV1a64.offsetBasis)
    }

    /// The entry index for `key`, marking it seen in this scrape; nil when unknown.
    mutating func lookup(_ key: UnsafeRawBufferPointer, hash: UInt64) -> Int? {
        let mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: hash) & mask
        while true {
            let index = Int(slots[slot])
            if index < 0 { return nil }
            if entries[index].hash == hash, entries[index].count == key.count {
                let offset = entries[index].offset
                let equal = arena.withUnsafeBytes { bytes in
                    key.count == 0 || memoryEqual(bytes.baseAddress.map { $0 + offset }, key.baseAddress, key.count)
                }
                if equal {
                    entries[index].lastSeen = generation
                    return index
                }
            }
            slot = (slot + 1) & mask
        }
    }

    mutating func insert(_ key: UnsafeRawBufferPointer, hash: UInt64, ref: SeriesRef?) {
        if (entries.count + 1) * 2 > slots.count {
            slots = Array(repeating: -1, count: slots.count * 2)
            for index in entries.indices { place(index, hash: entries[index].hash) }
        }
        let offset = arena.count
        arena.append(contentsOf: key)
        entries.append(Entry(offset: offset, count: key.count, hash: hash, ref: ref, lastSeen: generation))
        place(entries.count - 1, hash: hash)
        if ref == .overLimit { refusedCount += 1 }
    }

    /// Ends a scrape: when `keepUnseen` is false (a successful scrape), forgets the series it did not contain.
    mutating func endScrape(keepUnseen: Bool) {
        let current = generation
        generation += 1
        guard !keepUnseen, entries.contains(where: { $0.lastSeen != current }) else { return }
        keep { $0.lastSeen == current }
    }

    /// Forgets the series the head refused, so that the next scrape asks the head again (it has room now).
    mutating func forgetRefused() {
        guard refusedCount > 0 else { return }
        keep { $0.ref != .overLimit }
    }

    private mutating func keep(where wanted: (Entry) -> Bool) {
        let kept = entries.filter(wanted)
        var newArena: [UInt8] = []
        newArena.reserveCapacity(kept.reduce(0) { $0 + $1.count })
        entries.removeAll(keepingCapacity: true)
        refusedCount = 0
        var capacity = 256
        while capacity < kept.count * 2 { capacity *= 2 }
        slots = Array(repeating: -1, count: capacity)
        for var entry in kept {
            let start = newArena.count
            newArena.append(contentsOf: arena[entry.offset..<(entry.offset + entry.count)])
            entry.offset = start
            entries.append(entry)
            place(entries.count - 1, hash: entry.hash)
            if entry.ref == .overLimit { refusedCount += 1 }
        }
        arena = newArena
    }

    private mutating func place(_ index: Int, hash: UInt64) {
        let mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: hash) & mask
        while slots[slot] >= 0 { slot = (slot + 1) & mask }
        slots[slot] = Int32(index)
    }
}

private func memoryEqual(_ a: UnsafeRawPointer?, _ b: UnsafeRawPointer?, _ count: Int) -> Bool {
    guard let a, let b else { return count == 0 }
    for index in 0..<count
    where a.load(fromByteOffset: index, as: UInt8.self) != b.load(fromByteOffset: index, as: UInt8.self) {
        return false
    }
    return true
}
