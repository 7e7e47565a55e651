/// Writes a remote-write `WriteRequest` straight into a reusable byte buffer: the sending hot path, without a
/// message object per sample. The bytes are those swift-protobuf (and Prometheus's gogo code) produce for the same
/// message: fields in number order, proto3 defaults (a +0 value, a 0 timestamp, an empty string) left out; tests
/// compare them with `Prometheus_WriteRequest.serializedBytes()`.
public struct WriteRequestEncoder: Sendable {
    /// The encoded `WriteRequest` so far.
    public private(set) var bytes: [UInt8] = []

    public init() {}

    public mutating func reset() { bytes.removeAll(keepingCapacity: true) }

    /// A series' labels as `TimeSeries` field 1 entries, to encode once per series and reuse in every request.
    public static func encodeLabels(_ labels: some Sequence<(name: String, value: String)>) -> [UInt8] {
        var out: [UInt8] = []
        for (name, value) in labels {
            let nameCount = name.utf8.count
            let valueCount = value.utf8.count
            let inner =
                (nameCount > 0 ? 1 + varintSize(UInt64(nameCount)) + nameCount : 0)
                + (valueCount > 0 ? 1 + varintSize(UInt64(valueCount)) + valueCount : 0)
            out.append(0x0A)
            appendVarint(&out, UInt64(inner))
            if nameCount > 0 {
                out.append(0x0A)
                appendVarint(&out, UInt64(nameCount))
                out.append(contentsOf: name.utf8)
            }
            if valueCount > 0 {
                out.append(0x12)
                appendVarint(&out, UInt64(valueCount))
                out.append(contentsOf: value.utf8)
            }
        }
        return out
    }

    /// Appends one `TimeSeries` (field 1) with `labels` (from `encodeLabels`) and the samples `count` of which
    /// `sample(i)` gives, in order.
    public mutating func appendSeries(labels: [UInt8], count: Int, sample: (Int) -> (t: Int64, v: Double)) {
        var length = labels.count
        for i in 0..<count {
            let size = Self.sampleSize(sample(i))
            length += 1 + Self.varintSize(UInt64(size)) + size
        }
        bytes.append(0x0A)
        Self.appendVarint(&bytes, UInt64(length))
        bytes.append(contentsOf: labels)
        for i in 0..<count {
            let (t, v) = sample(i)
            bytes.append(0x12)
            Self.appendVarint(&bytes, UInt64(Self.sampleSize((t, v))))
            if v.bitPattern != 0 {
                bytes.append(0x09)
                var bits = v.bitPattern.littleEndian
                withUnsafeBytes(of: &bits) { bytes.append(contentsOf: $0) }
            }
            if t != 0 {
                bytes.append(0x10)
                Self.appendVarint(&bytes, UInt64(bitPattern: t))
            }
        }
    }

    @inline(__always)
    static func sampleSize(_ sample: (t: Int64, v: Double)) -> Int {
        (sample.v.bitPattern != 0 ? 9 : 0) + (sample.t != 0 ? 1 + varintSize(UInt64(bitPattern: sample.t)) : 0)
    }

    @inline(__always)
    static func varintSize(_ value: UInt64) -> Int {
        var v = value
        var n = 1
        while v >= 0x80 {
            v >>= 7
            n += 1
        }
        return n
    }

    @inline(__always)
    static func appendVarint(_ out: inout [UInt8], _ value: UInt64) {
        var v = value
        while v >= 0x80 {
            out.append(UInt8(truncatingIfNeeded: v) | 0x80)
            v >>= 7
        }
        out.append(UInt8(truncatingIfNeeded: v))
    }
}
