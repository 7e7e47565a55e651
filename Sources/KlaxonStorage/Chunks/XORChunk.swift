/// A compressed run of samples in Gorilla's encoding (as Prometheus's XOR chunks): timestamps as
/// delta-of-delta in variable-width buckets, values as XOR with the previous value, reusing the previous
/// leading/trailing-zero window when it fits. Append is O(1); decoding is sequential.
///
/// Layout: sample 0 as 64-bit time and 64-bit value; sample 1 as a zigzag delta in 64 bits only when it does
/// not fit the 14/17/20/32-bit buckets (same buckets as delta-of-delta, relative to 0), then per sample a
/// delta-of-delta bucket and an XOR value block. Values are compared and stored as bit patterns, so NaN payloads
/// (including the staleness marker) round-trip exactly.
struct XORChunk: Sendable {
    private(set) var writer: BitWriter
    private(set) var count: Int = 0
    private(set) var minTime: Int64 = .max
    private(set) var maxTime: Int64 = .min
    private var previousTime: Int64 = 0
    private var previousDelta: Int64 = 0
    private var previousValue: UInt64 = 0
    private var leading: Int = 0xff
    private var trailing: Int = 0

    /// Samples per chunk before the series cuts a new one (Prometheus uses 120).
    static let targetSamples = 120

    init() {
        writer = BitWriter(capacity: 160)
    }

    var byteCount: Int { writer.bytes.count }
    var isFull: Bool { count >= Self.targetSamples }

    mutating func append(t: Int64, v: Double) {
        let bits = v.bitPattern
        switch count {
        case 0:
            writer.writeBits(UInt64(bitPattern: t), count: 64)
            writer.writeBits(bits, count: 64)
            minTime = t
        case 1:
            let delta = t &- previousTime
            writeDelta(delta)
            writeValue(bits)
            previousDelta = delta
        default:
            let delta = t &- previousTime
            writeDelta(delta &- previousDelta)
            writeValue(bits)
            previousDelta = delta
        }
        previousTime = t
        previousValue = bits
        maxTime = t
        count += 1
    }

    @inline(__always)
    private mutating func writeDelta(_ dod: Int64) {
        if dod == 0 {
            writer.writeBit(false)
        } else if dod >= -8191 && dod <= 8192 {
            writer.writeBits(0b10, count: 2)
            writer.writeBits(UInt64(bitPattern: dod) & 0x3fff, count: 14)
        } else if dod >= -65535 && dod <= 65536 {
            writer.writeBits(0b110, count: 3)
            writer.writeBits(UInt64(bitPattern: dod) & 0x1ffff, count: 17)
        } else if dod >= -524_287 && dod <= 524_288 {
            writer.writeBits(0b1110, count: 4)
            writer.writeBits(UInt64(bitPattern: dod) & 0xfffff, count: 20)
        } else {
            writer.writeBits(0b1111, count: 4)
            writer.writeBits(UInt64(bitPattern: dod), count: 64)
        }
    }

    @inline(__always)
    private mutating func writeValue(_ bits: UInt64) {
        let xor = bits ^ previousValue
        if xor == 0 {
            writer.writeBit(false)
            return
        }
        writer.writeBit(true)
        var newLeading = xor.leadingZeroBitCount
        let newTrailing = xor.trailingZeroBitCount
        if newLeading >= 32 { newLeading = 31 }  // 5 bits store the count
        if leading != 0xff && newLeading >= leading && newTrailing >= trailing {
            writer.writeBit(false)
            writer.writeBits(xor >> UInt64(trailing), count: 64 - leading - trailing)
            return
        }
        leading = newLeading
        trailing = newTrailing
        writer.writeBit(true)
        writer.writeBits(UInt64(newLeading), count: 5)
        let significant = 64 - newLeading - newTrailing
        // 64 significant bits are stored as 0 (6 bits hold 0...63).
        writer.writeBits(UInt64(significant & 63), count: 6)
        writer.writeBits(xor >> UInt64(newTrailing), count: significant)
    }

    /// An immutable snapshot for readers.
    var frozen: FrozenChunk {
        FrozenChunk(bytes: writer.bytes, count: count, minTime: minTime, maxTime: maxTime)
    }
}

/// A chunk's bytes and bounds, safe to decode on any thread.
struct FrozenChunk: Sendable {
    let bytes: [UInt8]
    let count: Int
    let minTime: Int64
    let maxTime: Int64

    /// Decodes the samples with `mint <= t <= maxt`, appending them to the output arrays.
    func decode(mint: Int64, maxt: Int64, timestamps: inout [Int64], values: inout [Double]) {
        bytes.withUnsafeBufferPointer { buffer in
            var reader = BitReader(buffer)
            var time: Int64 = 0
            var delta: Int64 = 0
            var value: UInt64 = 0
            var leading = 0
            var trailing = 0
            for index in 0..<count {
                switch index {
                case 0:
                    guard let t = reader.readBits(64), let v = reader.readBits(64) else { return }
                    time = Int64(bitPattern: t)
                    value = v
                default:
                    guard let dod = Self.readDelta(&reader) else { return }
                    delta = index == 1 ? dod : delta &+ dod
                    time = time &+ delta
                    guard Self.readValue(&reader, &value, &leading, &trailing) else { return }
                }
                if time > maxt { return }
                if time >= mint {
                    timestamps.append(time)
                    values.append(Double(bitPattern: value))
                }
            }
        }
    }

    @inline(__always)
    private static func readDelta(_ reader: inout BitReader) -> Int64? {
        var prefix = 0
        while prefix < 4 {
            guard let bit = reader.readBit() else { return nil }
            if !bit { break }
            prefix += 1
        }
        let width: Int
        switch prefix {
        case 0: return 0
        case 1: width = 14
        case 2: width = 17
        case 3: width = 20
        default: width = 64
        }
        guard let raw = reader.readBits(width) else { return nil }
        if width == 64 { return Int64(bitPattern: raw) }
        // Sign-extend from `width` bits.
        let shift = UInt64(64 - width)
        return Int64(bitPattern: raw << shift) >> Int64(shift)
    }

    @inline(__always)
    private static func readValue(
        _ reader: inout BitReader,
        _ value: inout UInt64,
        _ leading: inout Int,
        _ trailing: inout Int
    ) -> Bool {
        guard let changed = reader.readBit() else { return false }
        if !changed { return true }
        guard let newWindow = reader.readBit() else { return false }
        if newWindow {
            guard let l = reader.readBits(5), let s = reader.readBits(6) else { return false }
            leading = Int(l)
            let significant = s == 0 ? 64 : Int(s)
            trailing = 64 - leading - significant
        }
        let significant = 64 - leading - trailing
        guard significant > 0, let bits = reader.readBits(significant) else { return false }
        value ^= bits << UInt64(trailing)
        return true
    }
}
