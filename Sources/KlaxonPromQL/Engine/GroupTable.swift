import KlaxonModel

/// The labels an aggregation (or `histogram_quantile`) groups by, applied to a series' labels without building
/// the projected label set: `by` keeps `names`, `without` drops them.
struct GroupKeyer {
    /// Sorted, unique.
    let names: [String]
    let without: Bool

    init(names: some Sequence<String>, without: Bool) {
        self.names = Array(Set(names)).sorted()
        self.without = without
    }

    /// Whether `name` is one of `names` (a short sorted list; linear for the usual one to three names).
    @inline(__always)
    func listed(_ name: String) -> Bool {
        for candidate in names where candidate == name { return true }
        return false
    }

    /// A hash of the projected labels (FNV-1a over name 0xff value 0xff), equal for equal projections.
    func hash(_ labels: Labels) -> UInt64 {
        var h: UInt64 = 14_695_981_039_346_656_037
        if without {
            for label in labels where !listed(label.name) { mix(&h, label.name, label.value) }
        } else {
            for name in names {
                if let value = labels.value(of: name) { mix(&h, name, value) }
            }
        }
        return h
    }

    /// Whether the projection of `labels` equals `key` (a projection built by `key(_:)`).
    func matches(_ labels: Labels, key: Labels) -> Bool {
        var k = 0
        if without {
            for label in labels where !listed(label.name) {
                guard k < key.count, key[k] == label else { return false }
                k += 1
            }
        } else {
            for name in names {
                guard let value = labels.value(of: name) else { continue }
                guard k < key.count, key[k].name == name, key[k].value == value else { return false }
                k += 1
            }
        }
        return k == key.count
    }

    /// The projected label set (built once per group).
    func key(_ labels: Labels) -> Labels {
        if without && names.isEmpty { return labels }
        if !without && names.isEmpty { return .empty }
        var out: [Label] = []
        out.reserveCapacity(without ? labels.count : names.count)
        for label in labels where listed(label.name) != without { out.append(label) }
        return Labels(sortedUnchecked: out)
    }

    @inline(__always)
    private func mix(_ h: inout UInt64, _ name: String, _ value: String) {
        for byte in name.utf8 {
            h ^= UInt64(byte)
            h &*= 1_099_511_628_211
        }
        h ^= 0xff
        h &*= 1_099_511_628_211
        for byte in value.utf8 {
            h ^= UInt64(byte)
            h &*= 1_099_511_628_211
        }
        h ^= 0xff
        h &*= 1_099_511_628_211
    }
}

/// Maps series to group indices (0, 1, 2… in order of first appearance) by their projection under a
/// `GroupKeyer`: one hash and one table probe per series, the group's label set built only for a new group.
struct GroupTable {
    let keyer: GroupKeyer
    /// Projected label set of each group, by group index.
    private(set) var keys: [Labels] = []
    private var hashes: [UInt64] = []
    /// Open addressing: group index + 1, 0 = empty; capacity a power of two, at most half full.
    private var slots: [Int32]
    private var mask: Int

    init(keyer: GroupKeyer, expected: Int = 16) {
        self.keyer = keyer
        var capacity = 16
        while capacity < expected * 2 { capacity <<= 1 }
        slots = [Int32](repeating: 0, count: capacity)
        mask = capacity - 1
    }

    var count: Int { keys.count }

    /// The group of `labels` and whether it was created by this call.
    mutating func group(of labels: Labels) -> (index: Int, isNew: Bool) {
        let h = keyer.hash(labels)
        var slot = Int(truncatingIfNeeded: h ^ (h >> 29)) & mask
        while true {
            let entry = Int(slots[slot])
            if entry == 0 { break }
            let g = entry - 1
            if hashes[g] == h, keyer.matches(labels, key: keys[g]) { return (g, false) }
            slot = (slot + 1) & mask
        }
        let g = keys.count
        keys.append(keyer.key(labels))
        hashes.append(h)
        slots[slot] = Int32(truncatingIfNeeded: g + 1)
        if keys.count * 2 > slots.count { grow() }
        return (g, true)
    }

    private mutating func grow() {
        let capacity = slots.count * 2
        slots = [Int32](repeating: 0, count: capacity)
        mask = capacity - 1
        for g in hashes.indices {
            let h = hashes[g]
            var slot = Int(truncatingIfNeeded: h ^ (h >> 29)) & mask
            while slots[slot] != 0 { slot = (slot + 1) & mask }
            slots[slot] = Int32(truncatingIfNeeded: g + 1)
        }
    }
}
