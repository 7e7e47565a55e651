import KlaxonModel

/// The WAL's writing side, held by `Head` behind its own lock (always the innermost lock: taken under a stripe
/// lock by series creation, alone by commits).
///
/// Records are encoded into one reusable buffer; a commit writes the buffer with one `write(2)` into the current
/// segment (page cache) and fsyncs when `syncInterval` has passed. A failed write (disk full, read-only
/// directory) is counted and the segment abandoned; the next commit opens a fresh segment and re-logs every live
/// series before its samples, so the records after a failure are self-contained.
struct WALWriter: Sendable {
    var directory = ""
    var options = PersistenceOptions()
    /// Current segment's fd, or -1 when none is open (not attached, or after a failure).
    var fd: Int32 = -1
    var segmentIndex = 0
    var segmentBytes = 0
    var buffer: [UInt8] = []
    /// Sample records committed while a snapshot is being written (`.relogging`): they reach the file after it,
    /// so that every sample record follows the series records it names.
    var deferred: [UInt8] = []
    var lastSync: Int64 = 0
    var unsynced = false
    var counters = Counters()
    /// The last error, for logs.
    var lastError: String?
    var mode = Mode.detached
    /// Monotonic ms before which a failed WAL does not try to open a new segment.
    var retryAfter: Int64 = 0

    enum Mode: Sendable, Equatable {
        /// No persistence attached.
        case detached
        /// Writing to segment `segmentIndex`.
        case open
        /// A write or open failed; samples are counted as failures until a new segment opens.
        case failed
        /// A new segment is open and every live series is being re-logged into the buffer (a snapshot); nothing is
        /// flushed, sample records wait in `deferred`.
        case relogging
    }

    struct Counters: Sendable {
        var bytesWritten: Int64 = 0
        var records: Int64 = 0
        var samples: Int64 = 0
        var writeFailures: Int64 = 0
        var syncFailures: Int64 = 0
        var segmentsCreated: Int64 = 0
    }

    var isOpen: Bool { mode == .open && fd >= 0 }

    /// Starts a snapshot in the freshly opened segment: writes its marker; `Head.relogAllSeries` adds the series
    /// records, `endSnapshot` the deferred samples.
    mutating func beginSnapshot() {
        mode = .relogging
        let start = RecordFraming.begin(&buffer, type: .snapshot)
        RecordFraming.finish(&buffer, start: start)
        counters.records += 1
    }

    /// Ends a snapshot: the sample records committed meanwhile follow the series records; flushes.
    mutating func endSnapshot() {
        mode = .open
        if !deferred.isEmpty {
            buffer.append(contentsOf: deferred)
            deferred.removeAll(keepingCapacity: true)
        }
        flush()
    }

    /// Buffers a sample record into `deferred` while a snapshot is being written.
    mutating func deferSamples(refs: [UInt64], timestamps: [Timestamp], values: [Double]) {
        swap(&buffer, &deferred)
        logSamples(refs: refs, timestamps: timestamps, values: values)
        swap(&buffer, &deferred)
    }

    /// Buffers a series record; it reaches the file with the next flush.
    mutating func logSeries(sequence: UInt64, labels: Labels) {
        let start = RecordFraming.begin(&buffer, type: .series)
        buffer.appendVarint(sequence)
        buffer.appendLabels(labels)
        RecordFraming.finish(&buffer, start: start)
        counters.records += 1
    }

    /// Buffers one sample record for a batch: count, then per sample the zigzag deltas of the series sequence
    /// number and of the timestamp (from the previous sample), and the raw value bits. Samples of refused series
    /// (`SeriesRef.overLimit`) are left out: the head rejects them, so a replay has nothing to restore, and a
    /// cardinality spike's refused samples would otherwise hold the WAL lock (and every other committer) while
    /// they are encoded.
    @inline(__always)
    mutating func logSamples(refs: [UInt64], timestamps: [Timestamp], values: [Double]) {
        let refused = SeriesRef.overLimit.raw
        var stored = 0
        for raw in refs where raw != refused { stored &+= 1 }
        guard stored > 0 else { return }
        let start = RecordFraming.begin(&buffer, type: .samples)
        buffer.appendVarint(UInt64(stored))
        // Grow once to the worst case (two 10-byte varints and 8 value bytes per sample), encode through a
        // pointer, then drop the unused tail: no per-byte capacity checks.
        let base = buffer.count
        buffer.append(contentsOf: repeatElement(0, count: stored * Self.maxSampleBytes))
        let used = buffer.withUnsafeMutableBytes { raw -> Int in
            var cursor = base
            var previousSequence: UInt64 = 0
            var previousTime: Timestamp = 0
            for index in refs.indices where refs[index] != refused {
                let sequence = SeriesRef(raw: refs[index]).sequence
                let t = timestamps[index]
                cursor = Self.putZigzag(Int64(bitPattern: sequence &- previousSequence), raw, cursor)
                cursor = Self.putZigzag(t &- previousTime, raw, cursor)
                raw.storeBytes(of: values[index].bitPattern.littleEndian, toByteOffset: cursor, as: UInt64.self)
                cursor &+= 8
                previousSequence = sequence
                previousTime = t
            }
            return cursor
        }
        buffer.removeLast(buffer.count - used)
        RecordFraming.finish(&buffer, start: start)
        counters.records += 1
        counters.samples += Int64(stored)
    }

    static let maxSampleBytes = 28

    @inline(__always)
    static func putZigzag(_ value: Int64, _ raw: UnsafeMutableRawBufferPointer, _ at: Int) -> Int {
        var v = UInt64(bitPattern: (value &<< 1) ^ (value >> 63))
        var cursor = at
        while v >= 0x80 {
            raw[cursor] = UInt8(truncatingIfNeeded: v) | 0x80
            v >>= 7
            cursor &+= 1
        }
        raw[cursor] = UInt8(truncatingIfNeeded: v)
        return cursor &+ 1
    }

    /// Writes the buffered records with one `write(2)`, then cuts the segment if it is full and fsyncs if the
    /// sync interval has passed. On failure the buffer is dropped, the failure counted and the segment closed.
    mutating func flush() {
        guard !buffer.isEmpty else { return }
        guard mode == .open, fd >= 0 else {
            if mode != .relogging {
                counters.writeFailures += 1
                buffer.removeAll(keepingCapacity: true)
            }
            return
        }
        let status = buffer.withUnsafeBytes { FileIO.writeAll(fd, $0) }
        let written = buffer.count
        buffer.removeAll(keepingCapacity: true)
        if status != 0 {
            fail("write segment \(segmentIndex)", status)
            return
        }
        counters.bytesWritten += Int64(written)
        segmentBytes += written
        unsynced = true
        if segmentBytes >= options.segmentBytes {
            _ = cut()
        } else {
            let now = FileIO.monotonicMillis()
            if now - lastSync >= options.syncInterval { sync(now: now) }
        }
    }

    /// Closes the current segment (fsynced) and opens the next one. Returns the index of the closed segment.
    @discardableResult
    mutating func cut() -> Int {
        let closed = segmentIndex
        if fd >= 0 {
            sync(now: FileIO.monotonicMillis())
            FileIO.closeFile(fd)
            fd = -1
        }
        open(index: closed + 1)
        return closed
    }

    /// Opens segment `index` (creating it) as the current one; counts a failure if it cannot.
    mutating func open(index: Int) {
        segmentIndex = index
        segmentBytes = 0
        let result = FileIO.openForAppend(directory + "/wal/" + PersistenceLayout.segmentName(index))
        if result < 0 {
            fail("open segment \(index)", -result)
            return
        }
        if mode == .failed { mode = .open }
        fd = result
        counters.segmentsCreated += 1
        FileIO.syncDirectory(directory + "/wal")
        lastSync = FileIO.monotonicMillis()
    }

    mutating func sync(now: Int64) {
        lastSync = now
        guard fd >= 0, unsynced else { return }
        let status = FileIO.syncFile(fd)
        if status != 0 {
            counters.syncFailures += 1
            lastError = "fsync segment \(segmentIndex): \(FileIO.describe(status))"
        } else {
            unsynced = false
        }
    }

    mutating func closeSegment() {
        if fd >= 0 {
            sync(now: FileIO.monotonicMillis())
            FileIO.closeFile(fd)
            fd = -1
        }
    }

    private mutating func fail(_ what: String, _ code: Int32) {
        counters.writeFailures += 1
        lastError = what + ": " + FileIO.describe(code)
        if fd >= 0 { FileIO.closeFile(fd) }
        fd = -1
        mode = .failed
        retryAfter = FileIO.monotonicMillis() + 1000
    }
}

extension SeriesRef {
    /// The creation sequence number: unique within one head, it names the series in the WAL.
    var sequence: UInt64 { raw >> (Self.stripeBits + Self.slotBits) }
}
