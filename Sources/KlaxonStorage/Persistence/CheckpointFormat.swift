import KlaxonModel

/// The body of a `checkpointSeries` record after its sequence number and labels: a flags varint (bit 0: the
/// series has had samples, so recovery drops it if none are left), the sealed chunks as encoded
/// (`count`, `minTime`, `maxTime`, bit count, the 64-bit words little-endian), then the open chunk's samples
/// (count, then zigzag timestamp deltas and raw value bits).
enum CheckpointFormat {
    /// First bytes of `checkpoint.N/data`.
    static let magic: [UInt8] = Array("KLXCKPT1".utf8)

    static func encode(
        _ buffer: inout [UInt8],
        sequence: UInt64,
        labels: Labels,
        everAppended: Bool,
        sealed: ArraySlice<XORChunk>,
        times: [Timestamp],
        values: [Double]
    ) {
        let start = RecordFraming.begin(&buffer, type: .checkpointSeries)
        buffer.appendVarint(sequence)
        buffer.appendLabels(labels)
        buffer.appendVarint(everAppended ? 1 : 0)
        buffer.appendVarint(UInt64(sealed.count))
        for chunk in sealed {
            buffer.appendVarint(UInt64(chunk.count))
            buffer.appendZigzag(chunk.minTime)
            buffer.appendZigzag(chunk.maxTime)
            buffer.appendVarint(UInt64(chunk.encodedBitCount))
            let words = chunk.encodedWords
            let used = (chunk.encodedBitCount + 63) >> 6
            for index in 0..<min(used, words.count) { buffer.appendUInt64LE(words[index]) }
            for _ in words.count..<max(words.count, used) { buffer.appendUInt64LE(0) }
        }
        buffer.appendVarint(UInt64(times.count))
        var previous: Timestamp = 0
        for index in times.indices {
            buffer.appendZigzag(times[index] &- previous)
            previous = times[index]
            buffer.appendUInt64LE(values[index].bitPattern)
        }
        RecordFraming.finish(&buffer, start: start)
    }

    /// Decodes the flags and chunk part of a record into the (emptied) arrays; rejects inconsistent chunks.
    /// Returns whether the series has had samples.
    static func decodeChunks(
        _ reader: inout ByteReader,
        into chunks: inout [XORChunk],
        times: inout [Timestamp],
        values: inout [Double]
    ) throws(RecordDecodeError) -> Bool {
        let flags = try reader.varint()
        chunks.removeAll(keepingCapacity: true)
        times.removeAll(keepingCapacity: true)
        values.removeAll(keepingCapacity: true)
        let chunkCount = try reader.count(minBytes: 12)
        var lastEnd = Timestamp.min
        for _ in 0..<chunkCount {
            let count = try reader.varint()
            let minTime = try reader.zigzag()
            let maxTime = try reader.zigzag()
            let bitCount = try reader.varint()
            let wordCount = (bitCount + 63) >> 6
            guard count >= 1, count <= 1 << 20, minTime <= maxTime, minTime > lastEnd || lastEnd == .min,
                bitCount >= 128, wordCount <= UInt64(reader.remaining / 8)
            else { throw RecordDecodeError(message: "inconsistent chunk header") }
            var words: [UInt64] = []
            words.reserveCapacity(Int(wordCount))
            for _ in 0..<wordCount { words.append(try reader.uint64LE()) }
            chunks.append(
                XORChunk(
                    sealedWords: words,
                    bitCount: Int(bitCount),
                    count: Int(count),
                    minTime: minTime,
                    maxTime: maxTime
                )
            )
            lastEnd = maxTime
        }
        let sampleCount = try reader.count(minBytes: 9)
        var t: Timestamp = 0
        for _ in 0..<sampleCount {
            t &+= try reader.zigzag()
            times.append(t)
            values.append(Double(bitPattern: try reader.uint64LE()))
        }
        guard reader.isAtEnd else { throw RecordDecodeError(message: "trailing bytes") }
        return flags & 1 != 0
    }
}
