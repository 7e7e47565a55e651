import KlaxonModel

/// Record kinds of WAL segments and checkpoints.
enum RecordType: UInt8 {
    /// WAL: a series created (sequence number + labels).
    case series = 1
    /// WAL: one committed batch of samples.
    case samples = 2
    /// Checkpoint: one series with its sealed chunks (as encoded) and the samples of its open chunk.
    case checkpointSeries = 3
    /// WAL: a series record for every live series follows (before any sample record that names them), so that a
    /// reader starting here (a remote-write queue) knows every series the rest of the WAL refers to. Written at
    /// the start of the segments opened at start-up, after a checkpoint and after a write failure. Empty payload.
    case snapshot = 4
}

/// Framing shared by WAL segments and checkpoints: `u32 LE payload length`, `u32 LE CRC-32C of the payload`,
/// then the payload, whose first byte is a `RecordType`.
enum RecordFraming {
    static let headerBytes = 8
    /// Larger payloads are treated as corrupt lengths.
    static let maxPayloadBytes = 256 << 20

    /// Reserves room for a header at the end of `buffer`; returns its offset for `finish`.
    @inline(__always)
    static func begin(_ buffer: inout [UInt8], type: RecordType) -> Int {
        let start = buffer.count
        buffer.append(contentsOf: repeatElement(0, count: headerBytes))
        buffer.append(type.rawValue)
        return start
    }

    /// Fills in the header of the record begun at `start` (length and checksum of everything after it).
    @inline(__always)
    static func finish(_ buffer: inout [UInt8], start: Int) {
        let payloadStart = start + headerBytes
        let length = buffer.count - payloadStart
        let crc = buffer.withUnsafeBytes { raw in
            CRC32C.checksum(UnsafeRawBufferPointer(rebasing: raw[payloadStart..<raw.count]))
        }
        buffer.withUnsafeMutableBytes { raw in
            raw.storeBytes(of: UInt32(truncatingIfNeeded: length).littleEndian, toByteOffset: start, as: UInt32.self)
            raw.storeBytes(of: crc.littleEndian, toByteOffset: start + 4, as: UInt32.self)
        }
    }
}

/// Little-endian, varint and zigzag appends to a byte buffer.
extension Array where Element == UInt8 {
    @inline(__always)
    mutating func appendVarint(_ value: UInt64) {
        var v = value
        while v >= 0x80 {
            append(UInt8(truncatingIfNeeded: v) | 0x80)
            v >>= 7
        }
        append(UInt8(truncatingIfNeeded: v))
    }

    @inline(__always)
    mutating func appendZigzag(_ value: Int64) {
        appendVarint(UInt64(bitPattern: (value << 1) ^ (value >> 63)))
    }

    @inline(__always)
    mutating func appendUInt64LE(_ value: UInt64) {
        var v = value
        for _ in 0..<8 {
            append(UInt8(truncatingIfNeeded: v))
            v >>= 8
        }
    }

    mutating func appendString(_ string: String) {
        var copy = string
        copy.withUTF8 { utf8 in
            appendVarint(UInt64(utf8.count))
            append(contentsOf: utf8)
        }
    }

    mutating func appendLabels(_ labels: Labels) {
        appendVarint(UInt64(labels.count))
        for label in labels {
            appendString(label.name)
            appendString(label.value)
        }
    }
}

/// Why a record could not be decoded.
struct RecordDecodeError: Error {
    var message: String
}

/// A bounds-checked cursor over a record payload; every read past the end throws.
struct ByteReader {
    let bytes: UnsafeRawBufferPointer
    private(set) var position: Int

    init(_ bytes: UnsafeRawBufferPointer, position: Int = 0) {
        self.bytes = bytes
        self.position = position
    }

    var isAtEnd: Bool { position >= bytes.count }
    var remaining: Int { bytes.count - position }

    @inline(__always)
    mutating func byte() throws(RecordDecodeError) -> UInt8 {
        guard position < bytes.count else { throw RecordDecodeError(message: "record ends early") }
        let value = bytes[position]
        position += 1
        return value
    }

    @inline(__always)
    mutating func varint() throws(RecordDecodeError) -> UInt64 {
        var result: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            let b = try byte()
            if shift == 63, b > 1 { throw RecordDecodeError(message: "varint overflows 64 bits") }
            result |= UInt64(b & 0x7f) << shift
            if b < 0x80 { return result }
            shift += 7
            if shift > 63 { throw RecordDecodeError(message: "varint too long") }
        }
    }

    @inline(__always)
    mutating func zigzag() throws(RecordDecodeError) -> Int64 {
        let raw = try varint()
        return Int64(bitPattern: raw >> 1) ^ -Int64(bitPattern: raw & 1)
    }

    /// A count that must fit the bytes left, each item taking at least `minBytes`.
    mutating func count(minBytes: Int) throws(RecordDecodeError) -> Int {
        let raw = try varint()
        guard raw <= UInt64(remaining / Swift.max(1, minBytes)) else {
            throw RecordDecodeError(message: "count \(raw) exceeds the record")
        }
        return Int(raw)
    }

    @inline(__always)
    mutating func uint64LE() throws(RecordDecodeError) -> UInt64 {
        guard remaining >= 8 else { throw RecordDecodeError(message: "record ends early") }
        var value: UInt64 = 0
        for shift in 0..<8 { value |= UInt64(bytes[position + shift]) << UInt64(8 * shift) }
        position += 8
        return value
    }

    mutating func string() throws(RecordDecodeError) -> String {
        let length = try count(minBytes: 1)
        let slice = UnsafeRawBufferPointer(rebasing: bytes[position..<(position + length)])
        position += length
        guard let decoded = String(validating: slice.bindMemory(to: UInt8.self), as: UTF8.self) else {
            throw RecordDecodeError(message: "label is not valid UTF-8")
        }
        return decoded
    }

    mutating func labels() throws(RecordDecodeError) -> Labels {
        let n = try count(minBytes: 2)
        var list: [Label] = []
        list.reserveCapacity(n)
        for _ in 0..<n {
            let name = try string()
            let value = try string()
            list.append(Label(name, value))
        }
        return Labels(list)
    }
}

extension ByteReader {
    /// A `samples` record's payload (after the type byte) into three parallel arrays (cleared first): the series
    /// sequence numbers, timestamps and values.
    mutating func samples(
        sequences: inout [UInt64],
        timestamps: inout [Timestamp],
        values: inout [Double]
    ) throws(RecordDecodeError) {
        sequences.removeAll(keepingCapacity: true)
        timestamps.removeAll(keepingCapacity: true)
        values.removeAll(keepingCapacity: true)
        let count = try count(minBytes: 10)
        var sequence: UInt64 = 0
        var t: Timestamp = 0
        for _ in 0..<count {
            sequence &+= UInt64(bitPattern: try zigzag())
            t &+= try zigzag()
            sequences.append(sequence)
            timestamps.append(t)
            values.append(Double(bitPattern: try uint64LE()))
        }
        guard isAtEnd else { throw RecordDecodeError(message: "trailing bytes") }
    }

    /// A `series` record's payload (after the type byte).
    mutating func series() throws(RecordDecodeError) -> (sequence: UInt64, labels: Labels) {
        let sequence = try varint()
        let labels = try labels()
        guard isAtEnd else { throw RecordDecodeError(message: "trailing bytes") }
        return (sequence, labels)
    }
}

/// Splits a file's bytes into framed records, stopping at the first damaged one.
struct RecordScanner {
    let bytes: UnsafeRawBufferPointer
    private(set) var offset: Int

    init(_ bytes: UnsafeRawBufferPointer, offset: Int = 0) {
        self.bytes = bytes
        self.offset = offset
    }

    enum Step {
        /// A record whose checksum matched: its type and a reader positioned after the type byte.
        case record(UInt8, ByteReader)
        case end
        /// Damage at `offset`: why; the rest of the file is not trusted.
        case damaged(String)
    }

    mutating func next() -> Step {
        let left = bytes.count - offset
        if left == 0 { return .end }
        guard left >= RecordFraming.headerBytes else {
            return .damaged("torn record header (\(left) bytes)")
        }
        let length = Int(UInt32(littleEndian: bytes.loadUnaligned(fromByteOffset: offset, as: UInt32.self)))
        let stored = UInt32(littleEndian: bytes.loadUnaligned(fromByteOffset: offset + 4, as: UInt32.self))
        guard length >= 1, length <= RecordFraming.maxPayloadBytes else {
            return .damaged("implausible record length \(length)")
        }
        let payloadStart = offset + RecordFraming.headerBytes
        guard length <= bytes.count - payloadStart else {
            return .damaged("torn record (\(length) bytes announced, \(bytes.count - payloadStart) present)")
        }
        let payload = UnsafeRawBufferPointer(rebasing: bytes[payloadStart..<(payloadStart + length)])
        guard CRC32C.checksum(payload) == stored else { return .damaged("checksum mismatch") }
        offset = payloadStart + length
        return .record(payload[0], ByteReader(payload, position: 1))
    }
}
