public import KlaxonModel

/// Tuning of the data directory (`--storage.path`).
public struct PersistenceOptions: Sendable {
    /// A WAL segment is closed (fsynced) and the next one opened once it holds this many bytes.
    public var segmentBytes: Int
    /// How often the daemon should call `checkpoint()`, in ms (the daemon schedules it; nothing here does).
    public var checkpointInterval: Int64
    /// fsync cadence of the open segment, in ms; every commit reaches the page cache (so survives `kill -9`)
    /// at once, a power loss may lose up to this much.
    public var syncInterval: Int64

    /// How long a WAL reader's hold (`holdSegments`) keeps a segment that a checkpoint covers, in ms by the
    /// segment's modification time: a remote-write receiver that stays down longer loses the older samples, as
    /// with Prometheus once its WAL is truncated, instead of the disk filling up.
    public var holdMaxAge: Int64

    public init(
        segmentBytes: Int = 64 << 20,
        checkpointInterval: Int64 = 15 * 60_000,
        syncInterval: Int64 = 5_000,
        holdMaxAge: Int64 = 6 * 3_600_000
    ) {
        self.segmentBytes = max(4096, segmentBytes)
        self.checkpointInterval = checkpointInterval
        self.syncInterval = syncInterval
        self.holdMaxAge = holdMaxAge
    }
}

/// What `recover()` found.
public struct RecoveryReport: Sendable {
    /// Index of the checkpoint loaded, if any.
    public var checkpoint: Int?
    /// Series in the head after recovery.
    public var series = 0
    /// Samples restored: those of the checkpoint (sealed chunks and open chunks) plus the WAL samples the head
    /// accepted.
    public var samples = 0
    /// Sealed chunks restored from the checkpoint, as encoded.
    public var chunks = 0
    /// WAL segments replayed.
    public var segments = 0
    /// Records (or record tails) skipped because of a bad length, checksum or content; the rest of their file
    /// is skipped with them.
    public var corruptRecordsSkipped = 0
    /// Bytes not replayed because of damage.
    public var bytesSkipped = 0
    /// WAL samples naming a series whose series record was lost.
    public var samplesForUnknownSeries = 0
    /// One line per damaged file: `wal/00000003 at byte 1234: checksum mismatch, 56 bytes skipped`.
    public var damage: [String] = []
    /// Set when the new WAL segment could not be opened: the head works in memory only until it can.
    public var walError: String?
    public var durationMillis: Int64 = 0
}

/// What one `checkpoint()` wrote.
public struct CheckpointReport: Sendable {
    /// The checkpoint covers WAL segments up to and including this one.
    public var index = 0
    public var series = 0
    public var chunks = 0
    /// Samples of open chunks (stored decoded; sealed chunks are stored as encoded).
    public var openSamples = 0
    /// Chunks left out because they ended before `newest sample - retention`.
    public var chunksDroppedByRetention = 0
    public var bytes = 0
    public var segmentsRemoved = 0
    public var durationMillis: Int64 = 0
}

/// Counters for self-metrics.
public struct PersistenceStats: Sendable {
    public var bytesWritten: Int64 = 0
    public var records: Int64 = 0
    public var samplesLogged: Int64 = 0
    /// Flushes (commits) whose records could not be written: disk full, read-only directory, I/O error.
    public var writeFailures: Int64 = 0
    public var syncFailures: Int64 = 0
    public var segmentsCreated: Int64 = 0
    public var currentSegment = 0
    public var checkpoints: Int64 = 0
    public var checkpointFailures: Int64 = 0
    /// Wall-clock ms of the last successful checkpoint (0 if none).
    public var lastCheckpointTime: Int64 = 0
    /// The WAL is writing (false after a failure until a new segment opens).
    public var healthy = false
    public var lastError: String?

    public init() {}
}

/// Makes a `Head` survive restarts: a write-ahead log of every commit plus periodic checkpoints in `directory`.
///
/// Layout: `wal/NNNNNNNN` segments of framed records (length, CRC-32C, payload), `checkpoint.NNNNNNNN/data` (a
/// checkpoint covering the segments up to NNNNNNNN). Thread-safety: every method may be called concurrently with
/// appends and queries; checkpoints are serialised.
public final class HeadPersistence: Sendable {
    public let directory: String
    public let head: Head
    public let options: PersistenceOptions
    let state = StripeLock(State())
    /// Held for the whole of a checkpoint, so that two never interleave.
    let checkpointGate = StripeLock(0)

    struct State: Sendable {
        var recovered = false
        var closed = false
        /// Index of the newest checkpoint on disk (0: none).
        var checkpointIndex = 0
        var checkpoints: Int64 = 0
        var checkpointFailures: Int64 = 0
        var lastCheckpointTime: Int64 = 0
        /// WAL readers' holds: the oldest segment each still needs.
        var holds: [String: Int] = [:]
    }

    var walDirectory: String { directory + "/wal" }

    public init(directory: String, head: Head, options: PersistenceOptions = .init()) throws(PersistenceError) {
        var path = directory
        while path.count > 1, path.hasSuffix("/") { path.removeLast() }
        self.directory = path
        self.head = head
        self.options = options
        try FileIO.makeDirectory(path)
        // A read-only directory is not fatal: recovery reads what is there and the WAL reports its failures.
        try? FileIO.makeDirectory(path + "/wal")
    }

    /// Keeps WAL segments from `segment` on (when a checkpoint would remove them) for the reader `name`, until
    /// the hold moves or is released (`nil`), or the segments pass `holdMaxAge`.
    public func holdSegments(_ name: String, from segment: Int?) {
        state.withLock { $0.holds[name] = segment }
    }

    /// The WAL's folder (`<directory>/wal`), for readers.
    public var walPath: String { walDirectory }

    /// Removes the segments up to `index` (a checkpoint covers them) that no reader holds; returns how many.
    func removeSegments(upTo index: Int) -> Int {
        guard let names = try? FileIO.list(walDirectory) else { return 0 }
        let oldestHeld = state.withLock { $0.holds.values.min() } ?? Int.max
        let tooOld = FileIO.wallMillis() - options.holdMaxAge
        var removed = 0
        for name in names {
            guard let segment = PersistenceLayout.segmentIndex(name), segment <= index else { continue }
            let path = walDirectory + "/" + name
            if segment >= oldestHeld, (FileIO.modificationMillis(path) ?? .min) >= tooOld { continue }
            FileIO.remove(path)
            removed += 1
        }
        FileIO.syncDirectory(walDirectory)
        return removed
    }

    /// fsyncs the open segment now (the daemon calls it on shutdown).
    public func sync() {
        head.wal.withLock { writer in
            writer.flush()
            writer.sync(now: FileIO.monotonicMillis())
        }
    }

    /// Flushes, fsyncs and detaches from the head; later commits stay in memory only.
    public func close() {
        let first = state.withLock { state -> Bool in
            defer { state.closed = true }
            return !state.closed
        }
        guard first else { return }
        head.detachWAL()
    }

    public func stats() -> PersistenceStats {
        var result = PersistenceStats()
        head.wal.withLock { writer in
            result.bytesWritten = writer.counters.bytesWritten
            result.records = writer.counters.records
            result.samplesLogged = writer.counters.samples
            result.writeFailures = writer.counters.writeFailures
            result.syncFailures = writer.counters.syncFailures
            result.segmentsCreated = writer.counters.segmentsCreated
            result.currentSegment = writer.segmentIndex
            result.healthy = writer.isOpen
            result.lastError = writer.lastError
        }
        state.withLock { state in
            result.checkpoints = state.checkpoints
            result.checkpointFailures = state.checkpointFailures
            result.lastCheckpointTime = state.lastCheckpointTime
        }
        return result
    }
}
