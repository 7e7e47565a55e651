import Dispatch
public import KlaxonConfig
public import KlaxonModel
public import KlaxonStorage
import KlaxonWire
import Synchronization

/// Counters and gauges of one queue, as Prometheus's `prometheus_remote_storage_*` metrics.
public struct RemoteWriteStats: Sendable {
    public var samplesSent: Int64 = 0
    public var samplesFailed: Int64 = 0
    public var samplesRetried: Int64 = 0
    public var samplesDropped: Int64 = 0
    public var samplesPending = 0
    public var bytesSent: Int64 = 0
    public var shards = 1
    public var shardsDesired = 1
    /// Highest sample timestamp sent successfully, in ms (0: none yet).
    public var highestSentTimestamp: Timestamp = 0
    public var sentBatchDurationSum = 0.0
    public var sentBatches: Int64 = 0
    public var currentSegment = 0

    public init() {}
}

/// One `remote_write` endpoint: follows the WAL (`WALTailReader`) and sends every sample appended, scraped or
/// recorded, staleness markers included, as Prometheus's `QueueManager` and WAL watcher do.
///
/// Reading goes in rounds: the records available (up to `capacity × max_shards` samples) are read, their samples
/// split over shards by series (so each series stays in order), each shard sends its batches of
/// `max_samples_per_send` in turn, all shards at once; when every batch of the round is sent (or dropped as
/// unrecoverable) the position after the round is saved (`<storage>/remote/<name>`), and the WAL segments from
/// the last snapshot before it are held. A receiver that is down is retried with backoff, without end, and
/// holds the reader; a restart resumes from the saved position, so nothing within the WAL is lost (samples sent
/// just before a `kill -9` may be sent twice: receivers accept an identical sample again).
///
/// A round smaller than one batch waits up to `batch_send_deadline` for more. Shards per round: enough for the
/// round's samples at one batch each, within `min_shards...max_shards`, which scales them with throughput.
public final class RemoteWriteQueue: Sendable {
    public let config: RemoteWriteConfig
    let externalLabels: Labels
    let walDirectory: String
    let progressPath: String
    let persistence: HeadPersistence?
    let transport: any RemoteWriteTransport
    let log: @Sendable (LogEvent) -> Void
    let clock: any KlaxonClock
    private let state = Mutex(RemoteWriteStats())
    /// Monotonic ms of the last "retrying" log line: one per queue every 10 s, however many shards are failing.
    private let lastRetryLog = Atomic<Int64>(0)
    /// Set by `drain(until:)`: the monotonic ms by which the queue stops sending (0: not draining).
    private let drainDeadline = Atomic<Int64>(0)

    /// - Parameters:
    ///   - progressPath: where the position is saved; a queue without a saved position starts at the end of the WAL
    ///     (as Prometheus sends only what is appended after a queue starts).
    public init(
        config: RemoteWriteConfig,
        externalLabels: Labels,
        walDirectory: String,
        progressPath: String,
        persistence: HeadPersistence?,
        transport: any RemoteWriteTransport,
        clock: any KlaxonClock = SystemClock(),
        log: @escaping @Sendable (LogEvent) -> Void
    ) {
        self.config = config
        self.externalLabels = externalLabels
        self.walDirectory = walDirectory
        self.progressPath = progressPath
        self.persistence = persistence
        self.transport = transport
        self.clock = clock
        self.log = log
        state.withLock {
            $0.shards = max(1, config.queue.minShards)
            $0.shardsDesired = $0.shards
        }
    }

    public func stats() -> RemoteWriteStats { state.withLock { $0 } }

    /// Asks `run()` to send what the WAL holds now and return (Prometheus's flush on shutdown): it returns once
    /// caught up, at `deadline` (monotonic ms), or at the first failed send. What was not sent stays in the WAL
    /// and goes out after the next start.
    public func drain(until deadline: Int64) {
        drainDeadline.store(max(1, deadline), ordering: .relaxed)
    }

    private var draining: Bool { drainDeadline.load(ordering: .relaxed) != 0 }

    private var drainExpired: Bool {
        let deadline = drainDeadline.load(ordering: .relaxed)
        return deadline != 0 && FileIO.monotonicMillis() >= deadline
    }

    var holdName: String { "remote_write/" + config.queueName }

    /// Runs until the task is cancelled; saves the position on the way out.
    public func run() async {
        var cursor = startingCursor()
        persistence?.holdSegments(holdName, from: cursor.progress.snapshot.segment)
        var reader = WALTailReader(walDirectory: walDirectory, from: cursor.progress.snapshot)
        defer { reader.close() }
        var collector = Collector(queue: self, resumeAt: cursor.progress.sent)
        let budget = max(config.queue.maxSamplesPerSend, config.queue.capacity * max(1, config.queue.maxShards))
        var firstPendingAt: Int64?
        while !Task.isCancelled, !drainExpired {
            let outcome = reader.read(maxSamples: budget - collector.pending.count, into: &collector)
            for line in reader.takeDamage() {
                log(
                    LogEvent(
                        level: .warn,
                        message: "Remote write WAL reader skipped data",
                        fields: fields(("err", line))
                    )
                )
            }
            state.withLock {
                $0.samplesPending = collector.pending.count
                $0.samplesDropped += collector.takeDropped()
                $0.currentSegment = reader.position.segment
            }
            if collector.pending.isEmpty {
                firstPendingAt = nil
                if reader.position != cursor.progress.sent, !collector.resuming {
                    advance(&cursor, to: reader.position, snapshot: collector.snapshot)
                }
                if outcome == .caughtUp {
                    if draining { break }
                    await pause(milliseconds: 100)
                }
                continue
            }
            let now = FileIO.monotonicMillis()
            let started = firstPendingAt ?? now
            firstPendingAt = started
            if outcome == .caughtUp, !draining, collector.pending.count < config.queue.maxSamplesPerSend,
                now - started < config.queue.batchSendDeadline
            {
                await pause(milliseconds: 100)
                continue
            }
            let complete = await send(&collector)
            guard complete else { break }  // cancelled mid-round: the position stays before the round
            firstPendingAt = nil
            advance(&cursor, to: reader.position, snapshot: collector.snapshot)
        }
        save(cursor.progress, force: true, cursor: &cursor)
    }

    /// Everything before `position` is sent: moves the cursor there (and to the last snapshot read) and saves it.
    private func advance(_ cursor: inout Cursor, to position: WALPosition, snapshot: WALPosition?) {
        cursor.progress.sent = position
        cursor.progress.snapshot = snapshot ?? cursor.progress.snapshot
        save(cursor.progress, force: false, cursor: &cursor)
    }

    // MARK: sending

    /// Sends the collected round; false when cancelled before every batch was done.
    private func send(_ collector: inout Collector) async -> Bool {
        let perSend = max(1, config.queue.maxSamplesPerSend)
        let wanted = (collector.pending.count + perSend - 1) / perSend
        let shardCount = min(max(wanted, config.queue.minShards, 1), max(config.queue.maxShards, 1))
        var shards = [[PendingSample]](repeating: [], count: shardCount)
        for sample in collector.pending {
            shards[Int(collector.seriesKeys[sample.series] % UInt64(shardCount))].append(sample)
        }
        state.withLock {
            $0.shards = shardCount
            $0.shardsDesired = max(config.queue.minShards, min(wanted, config.queue.maxShards))
        }
        let series = collector.seriesLabels
        let completed = await withTaskGroup(of: Bool.self) { group in
            for shard in shards where !shard.isEmpty {
                group.addTask { await self.sendShard(shard, series: series, perSend: perSend) }
            }
            var all = true
            for await done in group { all = all && done }
            return all
        }
        collector.pending.removeAll(keepingCapacity: true)
        state.withLock { $0.samplesPending = 0 }
        return completed
    }

    /// Sends one shard's samples in batches, in order; false when cancelled.
    private func sendShard(_ samples: [PendingSample], series: [[UInt8]], perSend: Int) async -> Bool {
        var encoder = WriteRequestEncoder()
        var start = 0
        while start < samples.count {
            let end = min(samples.count, start + perSend)
            let body = Self.encode(samples[start..<end], series: series, into: &encoder)
            var highest: Timestamp = 0
            for index in start..<end where samples[index].t > highest { highest = samples[index].t }
            if !(await sendBatch(body, count: end - start, highest: highest)) { return false }
            start = end
        }
        return true
    }

    /// The snappy-compressed `WriteRequest` of a batch: one `TimeSeries` per run of samples of one series (a
    /// round holds a series' samples in order, most often one per round).
    static func encode(
        _ batch: ArraySlice<PendingSample>,
        series: [[UInt8]],
        into encoder: inout WriteRequestEncoder
    ) -> [UInt8] {
        encoder.reset()
        var index = batch.startIndex
        while index < batch.endIndex {
            let first = index
            let id = batch[index].series
            while index < batch.endIndex, batch[index].series == id { index += 1 }
            encoder.appendSeries(labels: series[id], count: index - first) { offset in
                (batch[first + offset].t, batch[first + offset].v)
            }
        }
        return encoder.bytes.withUnsafeBufferPointer { Snappy.compress($0) }
    }

    /// Posts one batch until it is accepted, dropped as unrecoverable, or the task is cancelled (false).
    private func sendBatch(_ body: [UInt8], count: Int, highest: Timestamp) async -> Bool {
        var backoff = max(1, config.queue.minBackoff)
        var attempt = 0
        while !Task.isCancelled, !drainExpired {
            attempt += 1
            let started = FileIO.monotonicMillis()
            var retryAfter: Int64?
            var failure: String
            do {
                let response = try await transport.post(body, timeoutMillis: config.remoteTimeout)
                let seconds = Double(FileIO.monotonicMillis() - started) / 1000
                state.withLock {
                    $0.sentBatchDurationSum += seconds
                    $0.sentBatches += 1
                }
                switch response.status {
                case 200..<300:
                    state.withLock {
                        $0.samplesSent += Int64(count)
                        $0.bytesSent += Int64(body.count)
                        $0.highestSentTimestamp = max($0.highestSentTimestamp, highest)
                    }
                    return true
                case 500..<600,
                    429 where config.queue.retryOnRateLimit:
                    failure = "server returned HTTP status \(response.status): \(Self.firstLine(response.body))"
                    retryAfter = Self.retryAfterMillis(response.retryAfter)
                default:
                    state.withLock { $0.samplesFailed += Int64(count) }
                    log(
                        LogEvent(
                            level: .error,
                            message: "non-recoverable error",
                            fields: fields(
                                ("count", "\(count)"),
                                (
                                    "err",
                                    "server returned HTTP status \(response.status): \(Self.firstLine(response.body))"
                                )
                            )
                        )
                    )
                    return true
                }
            } catch {
                failure = "\(error)"
            }
            state.withLock { $0.samplesRetried += Int64(count) }
            // Shutting down: a receiver that fails is not waited for; the WAL keeps the samples for the next start.
            if draining { return false }
            let now = FileIO.monotonicMillis()
            let last = lastRetryLog.load(ordering: .relaxed)
            if now - last >= 10_000,
                lastRetryLog.compareExchange(expected: last, desired: now, ordering: .relaxed).exchanged
            {
                log(
                    LogEvent(
                        level: .warn,
                        message: "Failed to send batch, retrying",
                        fields: fields(("attempt", "\(attempt)"), ("err", failure))
                    )
                )
            }
            await pause(milliseconds: retryAfter ?? backoff)
            backoff = min(backoff * 2, max(config.queue.maxBackoff, 1))
        }
        return false
    }

    static func firstLine(_ body: [UInt8]) -> String {
        String(decoding: body.prefix(256).prefix { $0 != 10 }, as: UTF8.self)
    }

    /// `Retry-After` in seconds (Prometheus honours the delay-seconds form); nil otherwise.
    static func retryAfterMillis(_ header: String?) -> Int64? {
        guard let header, let seconds = Int64(header.trimmingSpaces()), seconds >= 0 else { return nil }
        return seconds * 1000
    }

    private func pause(milliseconds: Int64) async {
        try? await Task.sleep(nanoseconds: UInt64(max(1, milliseconds)) * 1_000_000)
    }

    func fields(_ extra: (String, String)...) -> [(key: String, value: String)] {
        [("component", "remote"), ("remote_name", config.queueName), ("url", config.redactedURL)]
            + extra.map { (key: $0.0, value: $0.1) }
    }

    // MARK: position

    struct Cursor {
        var progress: RemoteWriteProgress
        var lastSaved: Int64 = 0
        var saved: RemoteWriteProgress?
    }

    /// The saved position, or for a new queue the end of the WAL (read from the oldest segment for the series).
    private func startingCursor() -> Cursor {
        switch RemoteWriteProgress.load(progressPath) {
        case .success(let saved?):
            log(
                LogEvent(
                    level: .info,
                    message: "Remote write resumes from its saved WAL position",
                    fields: fields(("position", "\(saved.sent)"), ("snapshot", "\(saved.snapshot)"))
                )
            )
            return Cursor(progress: saved, saved: saved)
        case .success(nil):
            break
        case .failure(let error):
            log(
                LogEvent(
                    level: .warn,
                    message: "Cannot read the remote write position; starting at the end of the WAL",
                    fields: fields(("err", "\(error)"))
                )
            )
        }
        let reader = WALTailReader(walDirectory: walDirectory, from: WALPosition(segment: 0, offset: 0))
        let present = reader.segments()
        let oldest = present.first ?? 0
        let newest = present.last ?? 0
        let size = FileIO.size(walDirectory + "/" + PersistenceLayout.segmentName(newest)) ?? 0
        let progress = RemoteWriteProgress(
            snapshot: WALPosition(segment: oldest, offset: 0),
            sent: WALPosition(segment: newest, offset: size)
        )
        return Cursor(progress: progress)
    }

    /// Writes the position (no fsync: it survives `kill -9`; after a power loss an older one resends a little)
    /// at most once a second unless `force`, and moves the hold on WAL segments.
    private func save(_ progress: RemoteWriteProgress, force: Bool, cursor: inout Cursor) {
        guard cursor.saved != progress else { return }
        let now = FileIO.monotonicMillis()
        guard force || now - cursor.lastSaved >= 1000 else { return }
        do throws(PersistenceError) {
            try progress.save(progressPath)
            cursor.saved = progress
            cursor.lastSaved = now
            persistence?.holdSegments(holdName, from: progress.snapshot.segment)
        } catch {
            log(
                LogEvent(
                    level: .warn,
                    message: "Cannot save the remote write position",
                    fields: fields(("err", "\(error)"))
                )
            )
        }
    }
}

/// One sample waiting to be sent: its series (an index into `Collector.seriesLabels` and `seriesKeys`), time, value.
struct PendingSample: Sendable {
    var series: Int
    var t: Timestamp
    var v: Double
}

/// The WAL visitor of a queue: keeps the series of the WAL (labels after external labels and
/// `write_relabel_configs`, as protobuf labels) and collects the samples to send.
struct Collector: WALVisitor {
    let externalLabels: Labels
    let relabel: [RelabelConfig]
    /// Samples of records before this position were sent before a restart: only their series are read.
    var resumeAt: WALPosition?
    /// The last snapshot record read.
    var snapshot: WALPosition?
    var pending: [PendingSample] = []
    /// Sequence number → index into `seriesLabels` + 2, or 1 for a series relabeling dropped.
    var seriesBySequence = RefMap()
    /// Each series' labels, encoded once (`WriteRequestEncoder.encodeLabels`).
    var seriesLabels: [[UInt8]] = []
    /// Each series' shard key: a hash of its encoded labels, so that a series keeps its shard (and its order) when
    /// it gets a second index (a restart renumbers series; a snapshot may re-log one before older samples are sent).
    var seriesKeys: [UInt64] = []
    var dropped: Int64 = 0

    init(queue: RemoteWriteQueue, resumeAt: WALPosition) {
        externalLabels = queue.externalLabels
        relabel = queue.config.writeRelabelConfigs
        self.resumeAt = resumeAt
    }

    var resuming: Bool { resumeAt != nil }

    mutating func takeDropped() -> Int64 {
        defer { dropped = 0 }
        return dropped
    }

    /// Every live series follows: unless samples still refer to them, the maps start over, so that series gone
    /// since the last snapshot do not accumulate.
    mutating func snapshot(at position: WALPosition) {
        snapshot = position
        if pending.isEmpty {
            seriesBySequence.removeAll()
            seriesLabels.removeAll(keepingCapacity: true)
            seriesKeys.removeAll(keepingCapacity: true)
        }
    }

    mutating func series(sequence: UInt64, labels: Labels) {
        var withExternal = labels
        if !externalLabels.isEmpty {
            var builder = labels.storage
            for label in externalLabels where !labels.has(label.name) { builder.append(label) }
            withExternal = Labels(builder)
        }
        guard let kept = relabel.isEmpty ? withExternal : Relabel.process(withExternal, relabel), !kept.isEmpty
        else {
            seriesBySequence[sequence] = 1
            return
        }
        seriesBySequence[sequence] = UInt64(seriesLabels.count) + 2
        let encoded = WriteRequestEncoder.encodeLabels(kept.lazy.map { ($0.name, $0.value) })
        seriesLabels.append(encoded)
        seriesKeys.append(XXHash64.hash(encoded))
    }

    mutating func samples(at position: WALPosition, sequences: [UInt64], timestamps: [Timestamp], values: [Double]) {
        if let resume = resumeAt {
            if position < resume { return }
            resumeAt = nil
        }
        for i in sequences.indices {
            guard let entry = seriesBySequence[sequences[i]], entry >= 2 else {
                dropped += 1
                continue
            }
            let index = Int(entry - 2)
            let t = timestamps[i]
            pending.append(
                PendingSample(series: index, t: t, v: values[i])
            )
        }
    }
}
