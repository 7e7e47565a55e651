import KlaxonModel

/// A compressed run of samples: delta-of-delta timestamps and XOR-encoded values (Gorilla, as in Prometheus's
/// `chunkenc.XORChunk`; the bit layout is our own), with a decimal shortcut for values.
///
/// Layout: the first sample is 64 bits of timestamp and 64 bits of value. Every later sample stores the
/// delta-of-delta of its timestamp (the second sample's "previous delta" is 0) in one of five buckets
/// (`0`, `10`+7 bits, `110`+14, `1110`+20, `1111`+64, two's complement; the 7-bit bucket, not in Prometheus,
/// takes the few milliseconds of scrape jitter), then its value as the shortest of:
/// - `0`: same bits as the previous value;
/// - `10` + integer delta-of-delta (`0` | `10`+6 | `110`+13 | `111`+20 bits) of `m` when value and previous value are
///   both `m / 10^s` for the same `s` in 0...4 (see `DecimalState`): counters and `%.2f` gauges;
/// - `110` + the meaningful bits of the XOR with the previous value, in the previous leading/trailing-zero window;
/// - `111` + 5 bits of leading zeros + 6 bits of meaningful-bit count (64 stored as 0) + the meaningful bits.
/// Values round-trip bit-exactly, NaN payloads (staleness markers) and -0.0 included.
///
/// Appending is O(1) amortised and does not validate ordering: the head checks that before appending.
struct XORChunk: Sendable {
    private var writer = BitWriter()
    /// Number of samples in the chunk.
    private(set) var count: Int = 0
    /// Timestamp of the first and last sample (meaningless when `count == 0`).
    private(set) var minTime: Timestamp = 0
    private(set) var maxTime: Timestamp = 0
    private var lastDelta: Int64 = 0
    private var lastValueBits: UInt64 = 0
    private var leading: UInt8 = 0xff
    private var trailing: UInt8 = 0
    private var decimal = DecimalState()

    init() {}

    /// A sealed chunk rebuilt from its encoded words (a checkpoint); it is only read, never appended to.
    init(sealedWords words: [UInt64], bitCount: Int, count: Int, minTime: Timestamp, maxTime: Timestamp) {
        writer = BitWriter(words: words, bitCount: bitCount)
        self.count = count
        self.minTime = minTime
        self.maxTime = maxTime
    }

    /// The encoded words and the number of bits used in them (what a checkpoint stores).
    var encodedWords: [UInt64] { writer.words }
    var encodedBitCount: Int { writer.bitCount }

    /// Bytes of encoded data.
    var byteCount: Int { (writer.bitCount + 7) >> 3 }

    /// Bytes of storage held for the encoded data (the head chunk keeps room to grow).
    var capacityBytes: Int { writer.words.capacity * 8 }

    var isEmpty: Bool { count == 0 }

    /// Appends a sample; `t` must be greater than the last timestamp (not checked here).
    @inline(__always)
    mutating func append(t: Timestamp, v: Double) {
        let bits = v.bitPattern
        if count == 0 {
            if writer.words.capacity == 0 { writer = BitWriter(reservingWords: 16) }
            writer.write(UInt64(bitPattern: t), bits: 64)
            writer.write(bits, bits: 64)
            decimal.update(v, unchanged: false)
            minTime = t
        } else {
            let delta = t &- maxTime
            writeDeltaOfDelta(delta &- lastDelta)
            lastDelta = delta
            writeValue(v)
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
        } else if dod >= -(1 << 6), dod < (1 << 6) {
            // Scrape jitter of a few milliseconds lands here.
            writer.write((0b10 << 7) | (raw & 0x7f), bits: 9)
        } else if dod >= -(1 << 13), dod < (1 << 13) {
            writer.write((0b110 << 14) | (raw & 0x3fff), bits: 17)
        } else if dod >= -(1 << 19), dod < (1 << 19) {
            writer.write((0b1110 << 20) | (raw & 0xfffff), bits: 24)
        } else {
            writer.write(0b1111, bits: 4)
            writer.write(raw, bits: 64)
        }
    }

    @inline(__always)
    private mutating func writeValue(_ v: Double) {
        let bits = v.bitPattern
        let xor = bits ^ lastValueBits
        if xor == 0 {
            writer.write(0, bits: 1)
            decimal.update(v, unchanged: true)
            return
        }
        let lead = min(xor.leadingZeroBitCount, 31)
        let trail = xor.trailingZeroBitCount
        let reuse = leading != 0xff && lead >= Int(leading) && trail >= Int(trailing)
        let xorCost = reuse ? 3 + 64 - Int(leading) - Int(trailing) : 3 + 11 + 64 - lead - trail
        if let dod = decimal.deltaOfDelta(for: v), let width = Self.decimalWidth(dod), 2 + width < xorCost {
            writeDecimal(dod, width: width)
            decimal.advance(to: decimal.mantissa &+ decimal.delta &+ dod)
            return
        } else if reuse {
            let significant = 64 - Int(leading) - Int(trailing)
            writer.write(0b110, bits: 3)
            writer.write(xor &>> UInt64(trailing), bits: significant)
        } else {
            let significant = 64 - lead - trail
            let header = (0b111 << 11) | (UInt64(lead) << 6) | UInt64(significant & 63)
            writer.write(header, bits: 14)
            writer.write(xor &>> UInt64(trail), bits: significant)
            leading = UInt8(lead)
            trailing = UInt8(trail)
        }
        decimal.update(v, unchanged: false)
    }

    /// Bits taken by an integer delta-of-delta after the `10` prefix, or `nil` when it needs more than 20 bits.
    @inline(__always)
    private static func decimalWidth(_ dod: Int64) -> Int? {
        if dod == 0 { return 1 }
        if dod >= -(1 << 5), dod < (1 << 5) { return 2 + 6 }
        if dod >= -(1 << 12), dod < (1 << 12) { return 3 + 13 }
        if dod >= -(1 << 19), dod < (1 << 19) { return 3 + 20 }
        return nil
    }

    @inline(__always)
    private mutating func writeDecimal(_ dod: Int64, width: Int) {
        let raw = UInt64(bitPattern: dod)
        switch width {
        case 1: writer.write(0b10_0, bits: 3)
        case 8: writer.write((0b10_10 << 6) | (raw & 0x3f), bits: 10)
        case 16: writer.write((0b10_110 << 13) | (raw & 0x1fff), bits: 18)
        default: writer.write((0b10_111 << 20) | (raw & 0xfffff), bits: 25)
        }
    }

    /// Decodes the samples with `mint <= t <= maxt`, appending them to `timestamps` and `values`.
    /// Stops decoding at the first sample after `maxt`.
    func decode(
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
            var decimal = DecimalState()
            decimal.update(Double(bitPattern: valueBits), unchanged: false)
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
                if !reader.readBit() {
                    decimal.update(Double(bitPattern: valueBits), unchanged: true)
                    continue
                }
                if !reader.readBit() {
                    let dod = Self.readDecimalDeltaOfDelta(&reader)
                    let m = decimal.mantissa &+ decimal.delta &+ dod
                    valueBits = decimal.value(mantissa: m).bitPattern
                    decimal.advance(to: m)
                    continue
                } else if !reader.readBit() {
                    let significant = 64 - leading - trailing
                    valueBits ^= reader.read(bits: significant) &<< UInt64(trailing)
                } else {
                    leading = Int(reader.read(bits: 5))
                    var significant = Int(reader.read(bits: 6))
                    if significant == 0 { significant = 64 }
                    trailing = 64 - leading - significant
                    valueBits ^= reader.read(bits: significant) &<< UInt64(trailing)
                }
                decimal.update(Double(bitPattern: valueBits), unchanged: false)
            }
        }
    }

    @inline(__always)
    private static func readDecimalDeltaOfDelta(_ reader: inout BitReader) -> Int64 {
        if !reader.readBit() { return 0 }
        let width: Int
        if !reader.readBit() {
            width = 6
        } else if !reader.readBit() {
            width = 13
        } else {
            width = 20
        }
        let raw = reader.read(bits: width)
        let shift = UInt64(64 - width)
        return Int64(bitPattern: raw &<< shift) &>> shift
    }

    @inline(__always)
    private static func readDeltaOfDelta(_ reader: inout BitReader) -> Int64 {
        if !reader.readBit() { return 0 }
        let width: Int
        if !reader.readBit() {
            width = 7
        } else if !reader.readBit() {
            width = 14
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
    func samples() -> [Sample] {
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
