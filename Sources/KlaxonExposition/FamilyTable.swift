/// What the text parser remembers about one metric family of the body being parsed.
struct FamilyState {
    /// The family name as a range of the body.
    var name: Range<Int>
    var hash: UInt64
    /// Declared or implied type; `nil` until a `# TYPE` line or the first sample.
    var type: MetricType?
    var hasHelp = false
    /// Number of sample lines attributed to this family.
    var sampleCount = 0
}

/// An open-addressing hash table of metric families keyed by name bytes of the current body.
///
/// Keys point into the body, so inserting never copies a name; `reset()` keeps the capacity, so a parser
/// reused for the next scrape does not allocate here at all.
struct FamilyTable {
    private(set) var families: [FamilyState] = []
    private var slots: [Int32] = Array(repeating: -1, count: 64)

    mutating func reset() {
        families.removeAll(keepingCapacity: true)
        for index in slots.indices { slots[index] = -1 }
    }

    subscript(index: Int) -> FamilyState {
        get { families[index] }
        _modify { yield &families[index] }
    }

    /// Index of the family named `body[name]`, if present.
    func find(_ body: UnsafeRawBufferPointer, _ name: Range<Int>, hash: UInt64) -> Int? {
        let key = UnsafeRawBufferPointer(rebasing: body[name])
        let mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: hash) & mask
        while true {
            let entry = slots[slot]
            if entry < 0 { return nil }
            let family = families[Int(entry)]
            if family.hash == hash, bytesEqual(UnsafeRawBufferPointer(rebasing: body[family.name]), key) {
                return Int(entry)
            }
            slot = (slot + 1) & mask
        }
    }

    /// Inserts a new family (the caller checked it is absent) and returns its index.
    mutating func insert(_ name: Range<Int>, hash: UInt64) -> Int {
        if (families.count + 1) * 2 > slots.count { grow() }
        let index = families.count
        families.append(FamilyState(name: name, hash: hash))
        place(index, hash: hash)
        return index
    }

    private mutating func place(_ index: Int, hash: UInt64) {
        let mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: hash) & mask
        while slots[slot] >= 0 { slot = (slot + 1) & mask }
        slots[slot] = Int32(index)
    }

    private mutating func grow() {
        slots = Array(repeating: -1, count: slots.count * 2)
        for index in families.indices { place(index, hash: families[index].hash) }
    }
}
