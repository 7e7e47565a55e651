public import KlaxonModel

/// A compressed run of samples: delta-of-delta timestamps and XOR-encoded values (Gorilla, as in Prometheus's
/// `chunkenc.XORChunk`; the bit layout is our own).
///
/// Layout: the first sample is 64 bits of timestamp and 64 bits of value. Every later sample stores the
/// delta-of-delta of its timestamp (the second sample's "previous delta" is 0) in one of five buckets
/// (`0`, `10`+14 bits, `110`+17, `1110`+20, `1111`+64, two's complement) and the XOR of its value's bits with the
/// previous value's: `0` when equal, `10` + the meaningful bits when they fit in the previous leading/trailing
/// zero window, otherwise `11` + 5 bits of leading zeros + 6 bits of meaningful-bit count (64 stored as 0) + the
/// meaningful bits. Values round-trip bit-exactly, NaN payloads (staleness markers) included.
///
/// Appending is O(1) amortised and does not validate ordering: the head checks that before appending.
public struct XORChunk: Sendable {
    private var writer = BitWriter()
    /// Number of samples in the chunk.
    public private(set) var count: Int = 0
    /// Timestamp of the first and last sample (meaningless when `count == 0`).
    public private(set) var minTime: Timestamp = 0
    public private(set) var maxTime: Timestamp = 0
    private var lastDelta: Int64 = 0
    private var lastValueBits: UInt64 = 0
    private var leading: UInt8 = 0xff
    private var trailing: UInt8 = 0

    public init() {}

    /// Bytes of encoded data.
    public var byteCount: Int { (writer.bitCount + 7) >> 3 }

    /// Bytes of storage held for the encoded data (the head chunk keeps room to grow).
    var capacityBytes: Int { writer.words.capacity * 8 }

    public var isEmpty: Bool { count == 0 }

    /// Appends a sample; `t` must be greater than the last timestamp (not checked here).
    @inline(__always)
    public mutating func append(t: Timestamp, v: Double) {
        let bits = v.bitPattern
        if count == 0 {
            if writer.words.capacity == 0 { writer = BitWriter(reservingWords: 16) }
            writer.write(UInt64(bitPattern: t), bits: 64)
            writer.write(bits, bits: 64)
            minTime = t
        } else {
            let delta = t &- maxTime
            writeDeltaOfDelta(delta &- lastDelta)
            lastDelta = delta
            writeValue(bits)
        }
        maxTime = t
        lastValueBits = bits
        count &+= 1
    }

    /// Releases the spare capacity kept for appending; call when the chunk is full.
    mutating func seal() {
        writer.trim()
    }

    @inline(__always)
    private mutating func writeDeltaOfDelta(_ dod: Int64) {
        let raw = UInt64(bitPattern: dod)
        if dod == 0 {
            writer.write(0, bits: 1)
        } else if dod >= -(1 << 13), dod < (1 << 13) {
            writer.write((0b10 << 14) | (raw & 0x3fff), bits: 16)
        } else if dod >= -(1 << 16), dod < (1 << 16) {
            writer.write((0b110 << 17) | (raw & 0x1ffff), bits: 20)
        } else if dod >= -(1 << 19), dod < (1 << 19) {
            writer.write((0b1110 << 20) | (raw & 0xfffff), bits: 24)
        } else {
            writer.write(0b1111, bits: 4)
            writer.write(raw, bits: 64)
        }
    }

    @inline(__always)
    private mutating func writeValue(_ bits: UInt64) {
        let xor = bits ^ lastValueBits
        if xor == 0 {
            writer.write(0, bits: 1)
            return
        }
        let lead = min(xor.leadingZeroBitCount, 31)
        let trail = xor.trailingZeroBitCount
        if leading != 0xff, lead >= Int(leading), trail >= Int(trailing) {
            let significant = 64 - Int(leading) - Int(trailing)
            writer.write(0b10, bits: 2)
            writer.write(xor &>> UInt64(trailing), bits: significant)
        } else {
            let significant = 64 - lead - trail
            let header = (0b11 << 11) | (UInt64(lead) << 6) | UInt64(significant & 63)
            writer.write(header, bits: 13)
            writer.write(xor &>> UInt64(trail), bits: significant)
            leading = UInt8(lead)
            trailing = UInt8(trail)
        }
    }

    /// Decodes the samples with `mint <= t <= maxt`, appending them to `timestamps` and `values`.
    /// Stops decoding at the first sample after `maxt`.
    public func decode(
        into timestamps: inout [Timestamp],
        _ values: inout [Double],
        mint: Timestamp = .min,
        maxt: Timestamp = .max
    ) {
        guard count > 0 else { return }
        writer.words.withUnsafeBufferPointer { buffer in
            var reader = BitReader(buffer)
            var t = Int64(bitPattern: reader.read(bits: 64))
            var valueBits = reader.read(bits: 64)
            var delta: Int64 = 0
            var leading = 0
            var trailing = 0
            var index = 0
            while true {
                if t > maxt { return }
                if t >= mint {
                    timestamps.append(t)
                    values.append(Double(bitPattern: valueBits))
                }
                index &+= 1
                if index == count { return }
                delta &+= Self.readDeltaOfDelta(&reader)
                t &+= delta
                if reader.readBit() {
                    if reader.readBit() {
                        leading = Int(reader.read(bits: 5))
                        var significant = Int(reader.read(bits: 6))
                        if significant == 0 { significant = 64 }
                        trailing = 64 - leading - significant
                        valueBits ^= reader.read(bits: significant) &<< UInt64(trailing)
                    } else {
                        let significant = 64 - leading - trailing
                        valueBits ^= reader.read(bits: significant) &<< UInt64(trailing)
                    }
                }
            }
        }
    }

    @inline(__always)
    private static func readDeltaOfDelta(_ reader: inout BitReader) -> Int64 {
        if !reader.readBit() { return 0 }
        let width: Int
        if !reader.readBit() {
            width = 14
        } else if !reader.readBit() {
            width = 17
        } else if !reader.readBit() {
            width = 20
        } else {
            return Int64(bitPattern: reader.read(bits: 64))
        }
        let raw = reader.read(bits: width)
        let shift = UInt64(64 - width)
        return Int64(bitPattern: raw &<< shift) &>> shift
    }

    /// All samples, decoded.
    public func samples() -> [Sample] {
        var timestamps: [Timestamp] = []
        var values: [Double] = []
        timestamps.reserveCapacity(count)
        values.reserveCapacity(count)
        decode(into: &timestamps, &values)
        var result: [Sample] = []
        result.reserveCapacity(count)
        for index in timestamps.indices { result.append(Sample(t: timestamps[index], v: values[index])) }
        return result
    }
}
