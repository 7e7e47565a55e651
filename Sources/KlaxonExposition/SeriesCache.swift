/// A table from the raw bytes of a series (`name{labels}` as a target writes it) to a payload (its `Labels`
/// and, in the scraper, its storage reference), so that a repeated scrape of the same target finds its series
/// without decoding labels or allocating.
///
/// Keys live in one byte arena; lookups hash and compare the borrowed bytes directly. Entries carry the
/// generation (scrape number) in which they were last seen, so the scraper can find series that vanished.
public struct SeriesCache<Payload> {
    public struct Entry {
        public var payload: Payload
        /// The generation in which the entry was last looked up or inserted.
        public var lastSeen: UInt64
        let hash: UInt64
        let keyStart: Int
        let keyCount: Int
    }

    public private(set) var entries: [Entry] = []
    private var arena: [UInt8] = []
    /// Open addressing: entry index + 1, 0 = empty. Capacity is a power of two, at most half full.
    private var slots: [Int32]
    private var removedBytes = 0

    public init(capacity: Int = 1024) {
        var size = 16
        while size < capacity * 2 { size <<= 1 }
        slots = [Int32](repeating: 0, count: size)
    }

    public var count: Int { entries.count }

    /// The index of the entry for `key`, marking it seen in `generation`; `nil` when absent.
    @inline(__always)
    public mutating func find(_ key: UnsafeBufferPointer<UInt8>, generation: UInt64) -> Int? {
        let hash = Self.hash(key)
        let mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: hash) & mask
        while true {
            let stored = Int(slots[slot])
            if stored == 0 { return nil }
            let index = stored - 1
            if entries[index].hash == hash && entries[index].keyCount == key.count && keyEquals(index, key) {
                entries[index].lastSeen = generation
                return index
            }
            slot = (slot + 1) & mask
        }
    }

    /// Adds `key` (which must be absent) with `payload`; returns its index.
    @discardableResult
    public mutating func insert(_ key: UnsafeBufferPointer<UInt8>, payload: Payload, generation: UInt64) -> Int {
        if (entries.count + 1) * 2 > slots.count { grow() }
        let hash = Self.hash(key)
        let start = arena.count
        arena.append(contentsOf: key)
        entries.append(Entry(payload: payload, lastSeen: generation, hash: hash, keyStart: start, keyCount: key.count))
        place(entries.count - 1)
        return entries.count - 1
    }

    public subscript(index: Int) -> Entry {
        get { entries[index] }
        set { entries[index] = newValue }
    }

    /// Drops every entry not seen in `generation` or later, returning their payloads, and compacts.
    public mutating func removeEntries(notSeenSince generation: UInt64) -> [Payload] {
        var kept: [Entry] = []
        var removed: [Payload] = []
        var newArena: [UInt8] = []
        kept.reserveCapacity(entries.count)
        newArena.reserveCapacity(arena.count)
        for entry in entries {
            if entry.lastSeen >= generation {
                let start = newArena.count
                newArena.append(contentsOf: arena[entry.keyStart..<(entry.keyStart + entry.keyCount)])
                kept.append(
                    Entry(
                        payload: entry.payload,
                        lastSeen: entry.lastSeen,
                        hash: entry.hash,
                        keyStart: start,
                        keyCount: entry.keyCount
                    )
                )
            } else {
                removed.append(entry.payload)
            }
        }
        if removed.isEmpty { return [] }
        entries = kept
        arena = newArena
        slots = [Int32](repeating: 0, count: slots.count)
        for index in entries.indices { place(index) }
        return removed
    }

    private mutating func grow() {
        slots = [Int32](repeating: 0, count: slots.count * 2)
        for index in entries.indices { place(index) }
    }

    private mutating func place(_ index: Int) {
        let mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: entries[index].hash) & mask
        while slots[slot] != 0 { slot = (slot + 1) & mask }
        slots[slot] = Int32(index + 1)
    }

    @inline(__always)
    private func keyEquals(_ index: Int, _ key: UnsafeBufferPointer<UInt8>) -> Bool {
        let start = entries[index].keyStart
        return arena.withUnsafeBufferPointer { stored in
            guard let base = stored.baseAddress, let other = key.baseAddress else { return key.isEmpty }
            return memcmp(base + start, other, key.count) == 0
        }
    }

    /// A fast 64-bit hash over bytes, eight at a time.
    @inline(__always)
    static func hash(_ key: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var hash: UInt64 = 0x9E37_79B9_7F4A_7C15 ^ UInt64(key.count)
        let raw = UnsafeRawBufferPointer(key)
        var offset = 0
        while offset + 8 <= raw.count {
            let word = raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
            hash = (hash ^ word) &* 0x0000_0100_0000_01B3
            hash ^= hash >> 29
            offset += 8
        }
        var tail: UInt64 = 0
        var shift: UInt64 = 0
        while offset < raw.count {
            tail |= UInt64(raw[offset]) << shift
            shift += 8
            offset += 1
        }
        hash = (hash ^ tail) &* 0x0000_0100_0000_01B3
        hash ^= hash >> 32
        return hash
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
