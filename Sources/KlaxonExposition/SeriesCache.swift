public import KlaxonModel

/// A per-target cache from raw series bytes (`name{…}` as the target writes them) to their `Labels`.
///
/// A repeated scrape of the same target finds every series here by hash and byte comparison and reuses the
/// `Labels` built the first time, so it allocates no label strings. Call `endScrape()` after each body to drop
/// the series that were not seen in it (Prometheus' scrape cache does the same). Not thread-safe: one per target.
public struct SeriesCache {
    struct Entry {
        var offset: Int
        var count: Int
        var hash: UInt64
        var labels: Labels
        var lastSeen: UInt64
    }

    private var arena: [UInt8] = []
    private var entries: [Entry] = []
    private var slots: [Int32] = Array(repeating: -1, count: 256)
    private var generation: UInt64 = 1
    /// Lookups answered from the cache since creation.
    public private(set) var hits = 0
    /// Lookups that had to build the label set.
    public private(set) var misses = 0

    public init() {}

    /// Number of cached series.
    public var count: Int { entries.count }

    /// The label set of `parser`'s current series, built and remembered on first sight.
    public mutating func labels(for parser: TextParser) -> Labels {
        let range = parser.seriesRange
        let found: Labels? = parser.body.withUnsafeBytes { raw in
            let key = UnsafeRawBufferPointer(rebasing: raw[range])
            return cachedLabels(key, hash: byteHash(key))
        }
        if let found { return found }
        misses += 1
        let labels = parser.labels()
        parser.body.withUnsafeBytes { raw in
            let key = UnsafeRawBufferPointer(rebasing: raw[range])
            insert(key, hash: byteHash(key), labels: labels)
        }
        return labels
    }

    /// Ends a scrape: forgets series not looked up since the previous `endScrape()`.
    public mutating func endScrape() {
        let current = generation
        generation += 1
        guard entries.indices.contains(where: { entries[$0].lastSeen != current }) else { return }
        let kept = entries.filter { $0.lastSeen == current }
        var newArena: [UInt8] = []
        newArena.reserveCapacity(kept.reduce(0) { $0 + $1.count })
        entries.removeAll(keepingCapacity: true)
        var capacity = 256
        while capacity < kept.count * 2 { capacity *= 2 }
        slots = Array(repeating: -1, count: capacity)
        for entry in kept {
            let offset = newArena.count
            newArena.append(contentsOf: arena[entry.offset..<(entry.offset + entry.count)])
            entries.append(
                Entry(offset: offset, count: entry.count, hash: entry.hash, labels: entry.labels, lastSeen: current)
            )
            place(entries.count - 1, hash: entry.hash)
        }
        arena = newArena
    }

    /// The cached labels for `key`, marking the entry as seen in this scrape.
    private mutating func cachedLabels(_ key: UnsafeRawBufferPointer, hash: UInt64) -> Labels? {
        let mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: hash) & mask
        while true {
            let index = Int(slots[slot])
            if index < 0 { return nil }
            if entries[index].hash == hash, entries[index].count == key.count {
                let offset = entries[index].offset
                let equal = arena.withUnsafeBytes { arenaBytes in
                    bytesEqual(UnsafeRawBufferPointer(rebasing: arenaBytes[offset..<(offset + key.count)]), key)
                }
                if equal {
                    hits += 1
                    entries[index].lastSeen = generation
                    return entries[index].labels
                }
            }
            slot = (slot + 1) & mask
        }
    }

    private mutating func insert(_ key: UnsafeRawBufferPointer, hash: UInt64, labels: Labels) {
        if (entries.count + 1) * 2 > slots.count {
            slots = Array(repeating: -1, count: slots.count * 2)
            for index in entries.indices { place(index, hash: entries[index].hash) }
        }
        let offset = arena.count
        arena.append(contentsOf: key)
        entries.append(Entry(offset: offset, count: key.count, hash: hash, labels: labels, lastSeen: generation))
        place(entries.count - 1, hash: hash)
    }

    private mutating func place(_ index: Int, hash: UInt64) {
        let mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: hash) & mask
        while slots[slot] >= 0 { slot = (slot + 1) & mask }
        slots[slot] = Int32(index)
    }
}
