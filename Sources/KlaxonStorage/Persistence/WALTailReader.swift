public import KlaxonModel

/// A place in the WAL: a segment and a byte offset in it (always at a record boundary).
public struct WALPosition: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var segment: Int
    public var offset: Int

    public init(segment: Int, offset: Int) {
        self.segment = segment
        self.offset = offset
    }

    public static func < (a: WALPosition, b: WALPosition) -> Bool {
        (a.segment, a.offset) < (b.segment, b.offset)
    }

    public var description: String { "\(PersistenceLayout.segmentName(segment))@\(offset)" }
}

/// What a `WALTailReader` hands on, record by record.
public protocol WALVisitor {
    /// A snapshot starts: a series record for every live series follows.
    mutating func snapshot(at position: WALPosition)
    mutating func series(sequence: UInt64, labels: Labels)
    /// One committed batch, from the record at `position`; the arrays are the reader's and are reused after the
    /// call.
    mutating func samples(at position: WALPosition, sequences: [UInt64], timestamps: [Timestamp], values: [Double])
}

/// Follows the WAL as it is written, as Prometheus's WAL watcher does for remote write: reads the records after a
/// position, segment by segment, and waits at the end of the newest one.
///
/// The newest segment may end in a record still being written: a torn or mismatching record there is waited for.
/// In an older segment it is damage: the rest of that segment is skipped (and reported). A segment that is gone
/// (removed by a checkpoint while no hold kept it) is skipped to the next one present, also reported.
public struct WALTailReader {
    public let directory: String
    public private(set) var position: WALPosition
    /// Lines describing damage or missing segments met since the last `takeDamage()`.
    private var damage: [String] = []
    private var fd: Int32 = -1
    private var openSegment = -1
    private var buffer: [UInt8] = []
    private var sequences: [UInt64] = []
    private var timestamps: [Timestamp] = []
    private var values: [Double] = []

    /// `walDirectory`: the `wal` folder (`HeadPersistence.walPath`).
    public init(walDirectory: String, from position: WALPosition) {
        directory = walDirectory
        self.position = position
    }

    /// Closes the open segment.
    public mutating func close() {
        FileIO.closeFile(fd)
        fd = -1
        openSegment = -1
    }

    public mutating func takeDamage() -> [String] {
        defer { damage.removeAll() }
        return damage
    }

    /// The segment indexes present, ascending.
    public func segments() -> [Int] {
        ((try? FileIO.list(directory)) ?? []).compactMap(PersistenceLayout.segmentIndex).sorted()
    }

    public enum Outcome: Sendable, Equatable {
        /// Stopped because `maxSamples` were handed on; more may be there.
        case budgetReached
        /// Everything written so far has been read.
        case caughtUp
    }

    /// Reads and visits records from `position` until `maxSamples` samples were visited (checked after each
    /// record) or the end of the WAL.
    public mutating func read(maxSamples: Int, into visitor: inout some WALVisitor) -> Outcome {
        var visited = 0
        while true {
            let present = segments()
            guard let newest = present.last else { return .caughtUp }
            if !present.contains(position.segment) {
                guard let next = present.first(where: { $0 > position.segment }) else {
                    // Ahead of every segment (the writer has not opened it yet): wait.
                    return .caughtUp
                }
                damage.append(
                    "wal: segment \(PersistenceLayout.segmentName(position.segment)) is gone; "
                        + "continuing at \(PersistenceLayout.segmentName(next))"
                )
                position = WALPosition(segment: next, offset: 0)
                continue
            }
            let complete = position.segment < newest
            switch readSegment(complete: complete, budget: maxSamples - visited, visited: &visited, visitor: &visitor) {
            case .budgetReached:
                return .budgetReached
            case .endOfData:
                guard complete, let next = present.first(where: { $0 > position.segment }) else { return .caughtUp }
                position = WALPosition(segment: next, offset: 0)
            }
        }
    }

    private enum SegmentOutcome { case budgetReached, endOfData }

    /// Reads the current segment from `position.offset` in 1 MiB steps. `complete`: a later segment existed
    /// before this read, so this one will not grow and damage in it is final.
    private mutating func readSegment(
        complete: Bool,
        budget: Int,
        visited: inout Int,
        visitor: inout some WALVisitor
    ) -> SegmentOutcome {
        let name = PersistenceLayout.segmentName(position.segment)
        if openSegment != position.segment {
            close()
            let opened = FileIO.openForReading(directory + "/" + name)
            guard opened >= 0 else {
                if complete { damage.append("wal/\(name): cannot open (\(FileIO.describe(-opened))), skipped") }
                return .endOfData
            }
            fd = opened
            openSegment = position.segment
        }
        while true {
            // Only what is there: a reader that has caught up costs one stat per look.
            let available = (FileIO.size(directory + "/" + name) ?? 0) - position.offset
            if available <= 0 { return .endOfData }
            buffer.removeAll(keepingCapacity: true)
            let n = FileIO.read(fd, at: position.offset, count: min(Self.chunkBytes, available), into: &buffer)
            if n < 0 {
                if complete { damage.append("wal/\(name): read failed (\(FileIO.describe(Int32(-n)))), skipped") }
                return .endOfData
            }
            if n == 0 { return .endOfData }
            var consumed = 0
            var stopped = false
            var problem: String?
            // The bytes leave `self` while records are visited (which mutates `self`).
            var chunk: [UInt8] = []
            swap(&chunk, &buffer)
            defer { swap(&chunk, &buffer) }
            chunk.withUnsafeBytes { raw in
                var scanner = RecordScanner(raw)
                while visited < budget {
                    let start = scanner.offset
                    switch scanner.next() {
                    case .end:
                        return
                    case .damaged(let why):
                        // Past the first record: the next step reads again from here, with the rest of the file.
                        if start == 0 { problem = why }
                        return
                    case .record(let type, var reader):
                        consumed = scanner.offset
                        do throws(RecordDecodeError) {
                            try visit(type: type, reader: &reader, at: start, visitor: &visitor, visited: &visited)
                        } catch {
                            problem = error.message
                            consumed = start
                            return
                        }
                    }
                }
                stopped = true
            }
            if consumed > 0 {
                position.offset += consumed
                if stopped { return .budgetReached }
                continue
            }
            if stopped { return .budgetReached }
            guard let problem else { return .endOfData }
            // A record larger than one chunk: read it whole.
            if problem.hasPrefix("torn record ("), n == Self.chunkBytes,
                let size = FileIO.size(directory + "/" + name), size > position.offset + n,
                readLargeRecord(fileSize: size, visitor: &visitor, visited: &visited)
            {
                continue
            }
            // In the newest segment the record may still be being written: wait for it.
            guard complete else { return .endOfData }
            let size = FileIO.size(directory + "/" + name) ?? position.offset
            damage.append(
                "wal/\(name) at byte \(position.offset): \(problem), \(size - position.offset) bytes skipped"
            )
            position.offset = size
            return .endOfData
        }
    }

    /// Reads the record at `position` whose length exceeds one chunk (up to the framing's limit); true if it was
    /// complete and visited.
    private mutating func readLargeRecord(fileSize: Int, visitor: inout some WALVisitor, visited: inout Int) -> Bool {
        buffer.removeAll(keepingCapacity: true)
        let want = min(fileSize - position.offset, RecordFraming.maxPayloadBytes + RecordFraming.headerBytes)
        guard FileIO.read(fd, at: position.offset, count: want, into: &buffer) == want else { return false }
        var advanced = 0
        var ok = false
        var record: [UInt8] = []
        swap(&record, &buffer)
        defer { swap(&record, &buffer) }
        record.withUnsafeBytes { raw in
            var scanner = RecordScanner(raw)
            guard case .record(let type, var reader) = scanner.next() else { return }
            do throws(RecordDecodeError) {
                try visit(type: type, reader: &reader, at: 0, visitor: &visitor, visited: &visited)
                advanced = scanner.offset
                ok = true
            } catch {
                return
            }
        }
        position.offset += advanced
        return ok
    }

    private mutating func visit(
        type: UInt8,
        reader: inout ByteReader,
        at offset: Int,
        visitor: inout some WALVisitor,
        visited: inout Int
    ) throws(RecordDecodeError) {
        switch RecordType(rawValue: type) {
        case .series:
            let (sequence, labels) = try reader.series()
            visitor.series(sequence: sequence, labels: labels)
        case .samples:
            try reader.samples(sequences: &sequences, timestamps: &timestamps, values: &values)
            visitor.samples(
                at: WALPosition(segment: position.segment, offset: position.offset + offset),
                sequences: sequences,
                timestamps: timestamps,
                values: values
            )
            visited += sequences.count
        case .snapshot:
            visitor.snapshot(at: WALPosition(segment: position.segment, offset: position.offset + offset))
        case .checkpointSeries, .none:
            throw RecordDecodeError(message: "unexpected record type \(type)")
        }
    }

    static let chunkBytes = 1 << 20
}
