import KlaxonExposition
import KlaxonModel
import KlaxonStorage
import Logging
import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// `--storage.path`: the store's WAL and checkpoints (the directory itself), the alert state (`alerts/`) and the
/// router state (`router/`, saved by the daemon).
///
/// A directory that cannot be created, is read-only or fills up never stops the daemon: the failure is logged
/// (once per failing stretch), counted on `/metrics` (`klaxon_storage_wal_write_failures_total`, ...), and
/// scraping, evaluation and notification go on in memory. The WAL retries a fresh segment by itself.
final class DataDirectory: Sendable {
    let path: String
    let head: Head
    /// nil when the directory could not even be created.
    let persistence: HeadPersistence?
    let alertStates: AlertStateStore
    private let logger: Logger
    private let retention: Int64
    private let options: PersistenceOptions
    private let setupError: String?
    private let walFailing = Mutex<(failing: Bool, lastFailures: Int64)>((false, 0))
    /// The descriptor holding the `lock` file's flock (-1: none).
    private let lockFD = Mutex<Int32>(-1)

    init(path: String, head: Head, retention: Int64, logger: Logger, options: PersistenceOptions = .init()) {
        self.path = path
        self.head = head
        self.retention = retention
        self.logger = logger
        self.options = options
        alertStates = AlertStateStore(directory: resolve("alerts", relativeTo: path))
        do throws(PersistenceError) {
            persistence = try HeadPersistence(directory: path, head: head, options: options)
            setupError = nil
        } catch {
            persistence = nil
            setupError = error.description
        }
    }

    /// Takes an exclusive lock on `<path>/lock` (released by the kernel when the process dies, even by
    /// `kill -9`), so that two processes never write one WAL. Throws when another process holds it; a
    /// directory where the lock file cannot be created (read-only, missing) is not locked, with a warning.
    func lock() throws(DaemonError) {
        guard persistence != nil else { return }
        let file = resolve("lock", relativeTo: path)
        let fd = open(file, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else {
            logger.warning(
                "Cannot create the data directory's lock file; not locked",
                metadata: ["file": "\(file)", "err": "\(String(cString: strerror(errno)))"]
            )
            return
        }
        guard flock(fd, LOCK_EX | LOCK_NB) == 0 else {
            let code = errno
            Glibc.close(fd)
            throw DaemonError(
                "data directory \(path) is in use by another process (lock \(file): \(String(cString: strerror(code))))"
            )
        }
        lockFD.withLock { $0 = fd }
    }

    /// Releases the lock taken by `lock()` (the process exiting releases it too).
    func unlock() {
        let fd = lockFD.withLock { fd in
            defer { fd = -1 }
            return fd
        }
        if fd >= 0 { Glibc.close(fd) }
    }

    /// Loads the checkpoint and replays the WAL into the (empty) head, logging one line with the report (and
    /// a warning per damaged file). Returns the newest sample time recovered: the last moment the previous run
    /// is known to have been alive.
    func recover() -> Timestamp? {
        if let problem = alertStates.prepare() {
            logger.error(
                "Cannot create the alert state directory; alert state will not survive a restart",
                metadata: ["dir": "\(alertStates.directory)", "err": "\(problem)"]
            )
        }
        guard let persistence else {
            logger.error(
                "Cannot use the data directory; samples are kept in memory only",
                metadata: ["dir": "\(path)", "err": "\(setupError ?? "unknown")"]
            )
            return nil
        }
        let report: RecoveryReport
        do throws(PersistenceError) {
            report = try persistence.recover()
        } catch {
            logger.error(
                "WAL recovery failed; starting with an empty store",
                metadata: ["dir": "\(path)", "err": "\(error)"]
            )
            return nil
        }
        for line in report.damage {
            logger.warning("Damaged data skipped during WAL replay", metadata: ["damage": "\(line)"])
        }
        logger.info(
            "WAL recovery finished",
            metadata: [
                "dir": "\(path)", "checkpoint": "\(report.checkpoint.map(String.init) ?? "none")",
                "segments": "\(report.segments)", "series": "\(report.series)", "samples": "\(report.samples)",
                "chunks": "\(report.chunks)", "corrupt_records_skipped": "\(report.corruptRecordsSkipped)",
                "bytes_skipped": "\(report.bytesSkipped)",
                "samples_for_unknown_series": "\(report.samplesForUnknownSeries)",
                "duration": "\(report.durationMillis)ms",
            ]
        )
        if let walError = report.walError {
            logger.error(
                "Cannot write the WAL; samples are kept in memory only until it can",
                metadata: ["dir": "\(path)", "err": "\(walError)"]
            )
            walFailing.withLock { $0.failing = true }
        }
        return head.newestSampleTime()
    }

    /// Until cancelled: drops samples past retention every minute, fsyncs the WAL every sync interval, writes a
    /// checkpoint every checkpoint interval, and logs when WAL writes start or stop failing.
    func housekeeping(clock: any KlaxonClock) async {
        let tick = max(1000, min(options.syncInterval, Time.minute))
        var nextTruncate = clock.now() + Time.minute
        var nextCheckpoint = clock.now() + options.checkpointInterval
        while !Task.isCancelled {
            do { try await clock.sleep(until: clock.now() + tick) } catch { return }
            let now = clock.now()
            persistence?.sync()
            watchWAL()
            if now >= nextTruncate {
                head.truncate(before: now - retention)
                nextTruncate = now + Time.minute
            }
            if now >= nextCheckpoint {
                checkpoint()
                nextCheckpoint = now + options.checkpointInterval
            }
        }
    }

    /// Writes a checkpoint (which also drops chunks past retention and removes the WAL segments it covers).
    func checkpoint() {
        guard let persistence else { return }
        do throws(PersistenceError) {
            let report = try persistence.checkpoint()
            logger.info(
                "WAL checkpoint written",
                metadata: [
                    "index": "\(report.index)", "series": "\(report.series)", "chunks": "\(report.chunks)",
                    "bytes": "\(report.bytes)", "segments_removed": "\(report.segmentsRemoved)",
                    "duration": "\(report.durationMillis)ms",
                ]
            )
        } catch {
            logger.error(
                "WAL checkpoint failed; the WAL keeps growing until one succeeds",
                metadata: ["err": "\(error)"]
            )
        }
    }

    /// On shutdown: a checkpoint (so the next start replays little), then flush, fsync and detach.
    func close(now: Timestamp) {
        guard let persistence else { return }
        head.truncate(before: now - retention)
        checkpoint()
        persistence.close()
    }

    private func watchWAL() {
        guard let persistence else { return }
        let stats = persistence.stats()
        let (started, stopped) = walFailing.withLock { state -> (Bool, Bool) in
            let failed = stats.writeFailures > state.lastFailures
            state.lastFailures = stats.writeFailures
            defer { state.failing = failed || (state.failing && !stats.healthy) }
            return (failed && !state.failing, state.failing && !failed && stats.healthy)
        }
        if started {
            logger.error(
                "WAL writes are failing; samples are kept in memory only until they succeed",
                metadata: ["dir": "\(path)", "err": "\(stats.lastError ?? "unknown")"]
            )
        } else if stopped {
            logger.info("WAL writes succeed again", metadata: ["dir": "\(path)", "segment": "\(stats.currentSegment)"])
        }
    }

    /// The `klaxon_storage_*` and `klaxon_alert_state_*` families.
    func writeMetrics(to out: inout ExpositionWriter) {
        let stats = persistence?.stats() ?? PersistenceStats()
        func family(_ name: String, _ help: String, _ type: MetricType, _ value: Double) {
            out.help(name, help)
            out.type(name, type)
            out.sample(name, .empty, value)
        }
        family(
            "klaxon_storage_wal_write_failures_total",
            "Commits whose WAL records could not be written (disk full, read-only directory, I/O error).",
            .counter,
            Double(stats.writeFailures)
        )
        family(
            "klaxon_storage_wal_fsync_failures_total",
            "WAL fsyncs that failed.",
            .counter,
            Double(stats.syncFailures)
        )
        family(
            "klaxon_storage_wal_bytes_written_total",
            "Bytes written to the WAL.",
            .counter,
            Double(stats.bytesWritten)
        )
        family("klaxon_storage_wal_samples_total", "Samples logged to the WAL.", .counter, Double(stats.samplesLogged))
        family(
            "klaxon_storage_wal_segment_current",
            "Index of the WAL segment being written.",
            .gauge,
            Double(stats.currentSegment)
        )
        family(
            "klaxon_storage_wal_healthy",
            "1 while the WAL is being written, 0 while writes fail or it is off.",
            .gauge,
            stats.healthy ? 1 : 0
        )
        family("klaxon_storage_checkpoints_total", "Checkpoints written.", .counter, Double(stats.checkpoints))
        family(
            "klaxon_storage_checkpoint_failures_total",
            "Checkpoints that failed.",
            .counter,
            Double(stats.checkpointFailures)
        )
        family(
            "klaxon_storage_last_checkpoint_timestamp_seconds",
            "When the last checkpoint was written (0: never).",
            .gauge,
            Double(stats.lastCheckpointTime) / 1000
        )
        family(
            "klaxon_alert_state_saves_total",
            "Alert state files written after a change.",
            .counter,
            Double(alertStates.saves.load(ordering: .relaxed))
        )
        family(
            "klaxon_alert_state_save_failures_total",
            "Alert state files that could not be written.",
            .counter,
            Double(alertStates.failures.load(ordering: .relaxed))
        )
    }
}
