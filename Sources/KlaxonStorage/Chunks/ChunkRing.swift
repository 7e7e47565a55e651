import KlaxonModel

/// The sealed chunks of one series, oldest first, in a power-of-two ring (index arithmetic by mask).
///
/// The ring doubles when full; retention and the memory cap pop from the front, so at steady state its capacity
/// is fixed and appends and pops are O(1) without allocation.
struct ChunkRing: Sendable {
    private var slots: [XORChunk] = []
    private var start = 0
    private(set) var count = 0

    init() {}

    var isEmpty: Bool { count == 0 }

    subscript(offset: Int) -> XORChunk {
        slots[(start &+ offset) & (slots.count &- 1)]
    }

    var first: XORChunk? { count == 0 ? nil : self[0] }

    /// The time bounds of chunk `offset`, read in place (the subscript returns a copy, which retains the chunk's
    /// buffer: the query path asks for the bounds of every chunk of every selected series).
    func minTime(at offset: Int) -> Timestamp { slots[(start &+ offset) & (slots.count &- 1)].minTime }
    func maxTime(at offset: Int) -> Timestamp { slots[(start &+ offset) & (slots.count &- 1)].maxTime }

    mutating func append(_ chunk: XORChunk) {
        if count == slots.count { grow() }
        slots[(start &+ count) & (slots.count &- 1)] = chunk
        count &+= 1
    }

    /// Removes and returns the oldest chunk.
    @discardableResult
    mutating func removeFirst() -> XORChunk? {
        guard count > 0 else { return nil }
        let chunk = slots[start]
        slots[start] = XORChunk()
        start = (start &+ 1) & (slots.count &- 1)
        count &-= 1
        return chunk
    }

    private mutating func grow() {
        let capacity = Swift.max(2, slots.count * 2)
        var fresh = [XORChunk](repeating: XORChunk(), count: capacity)
        for offset in 0..<count { fresh[offset] = self[offset] }
        slots = fresh
        start = 0
    }
}
