/// Appends bits, most significant first, to a byte array.
struct BitWriter {
    private(set) var bytes: [UInt8]
    /// Bits used in the last byte (0 means the last byte is full or there is none).
    private(set) var bitCount: Int = 0

    init(capacity: Int) {
        bytes = []
        bytes.reserveCapacity(capacity)
    }

    var totalBits: Int { bytes.count * 8 - (bitCount == 0 ? 0 : 8 - bitCount) }

    @inline(__always)
    mutating func writeBit(_ bit: Bool) {
        if bitCount == 0 {
            bytes.append(0)
            bitCount = 0
        }
        if bit { bytes[bytes.count - 1] |= 0x80 >> UInt8(bitCount) }
        bitCount = (bitCount + 1) & 7
    }

    /// Writes the low `count` bits of `value` (count in 0...64).
    @inline(__always)
    mutating func writeBits(_ value: UInt64, count: Int) {
        var remaining = count
        while remaining > 0 {
            if bitCount == 0 { bytes.append(0) }
            let free = 8 - bitCount
            let take = min(free, remaining)
            let shift = remaining - take
            let chunk = UInt8(truncatingIfNeeded: (value >> UInt64(shift)) & ((1 << UInt64(take)) - 1))
            bytes[bytes.count - 1] |= chunk << UInt8(free - take)
            bitCount = (bitCount + take) & 7
            remaining -= take
        }
    }
}

/// Reads bits written by `BitWriter`.
struct BitReader {
    private let bytes: UnsafeBufferPointer<UInt8>
    private var position: Int = 0  // in bits

    init(_ bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

    var remainingBits: Int { bytes.count * 8 - position }

    @inline(__always)
    mutating func readBit() -> Bool? {
        guard position < bytes.count * 8 else { return nil }
        let bit = bytes[position >> 3] & (0x80 >> UInt8(position & 7)) != 0
        position += 1
        return bit
    }

    @inline(__always)
    mutating func readBits(_ count: Int) -> UInt64? {
        guard count <= remainingBits else { return nil }
        var value: UInt64 = 0
        var remaining = count
        while remaining > 0 {
            let byte = bytes[position >> 3]
            let offset = position & 7
            let available = 8 - offset
            let take = min(available, remaining)
            let bits = (UInt64(byte) >> UInt64(available - take)) & ((1 << UInt64(take)) - 1)
            value = (value << UInt64(take)) | bits
            position += take
            remaining -= take
        }
        return value
    }
}
