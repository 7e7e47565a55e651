/// Appends bits, most significant first, to a growable array of 64-bit words.
///
/// Bits are packed big-end first inside each word, so a stream of `n` bits occupies `ceil(n / 8)` bytes when
/// serialised word by word in big-endian order.
struct BitWriter: Sendable {
    private(set) var words: [UInt64] = []
    private(set) var bitCount: Int = 0

    init() {}

    init(words: [UInt64], bitCount: Int) {
        self.words = words
        self.bitCount = bitCount
    }

    init(reservingWords capacity: Int) {
        words.reserveCapacity(capacity)
    }

    /// Writes the low `n` bits of `value` (`1 <= n <= 64`).
    @inline(__always)
    mutating func write(_ value: UInt64, bits n: Int) {
        let v = n == 64 ? value : value & ((1 &<< UInt64(n)) &- 1)
        let used = bitCount & 63
        bitCount &+= n
        if used == 0 {
            words.append(v &<< UInt64(64 - n))
            return
        }
        let free = 64 - used
        let last = words.count - 1
        if n <= free {
            words[last] |= v &<< UInt64(free - n)
        } else {
            let spill = n - free
            words[last] |= v &>> UInt64(spill)
            words.append(v &<< UInt64(64 - spill))
        }
    }

    /// Shrinks the storage to exactly the words in use.
    mutating func trim() {
        if words.capacity > words.count {
            var exact: [UInt64] = []
            exact.reserveCapacity(words.count)
            exact.append(contentsOf: words)
            words = exact
        }
    }
}

/// Reads bits written by `BitWriter` from a buffer of words; reads past the end yield zero bits.
struct BitReader {
    let words: UnsafeBufferPointer<UInt64>
    private(set) var position: Int = 0

    init(_ words: UnsafeBufferPointer<UInt64>) {
        self.words = words
    }

    /// Reads `n` bits (`1 <= n <= 64`) as the low bits of the result.
    @inline(__always)
    mutating func read(bits n: Int) -> UInt64 {
        let index = position &>> 6
        let used = position & 63
        position &+= n
        guard index < words.count else { return 0 }
        var combined = words[index] &<< UInt64(used)
        if used > 0, index + 1 < words.count {
            combined |= words[index + 1] &>> UInt64(64 - used)
        }
        return combined &>> UInt64(64 - n)
    }

    @inline(__always)
    mutating func readBit() -> Bool {
        let index = position &>> 6
        let used = position & 63
        position &+= 1
        guard index < words.count else { return false }
        return (words[index] &<< UInt64(used)) & (1 &<< 63) != 0
    }
}
