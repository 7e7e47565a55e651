public import KlaxonConfig
public import KlaxonModel
public import KlaxonStorage
import Synchronization

/// The `remote_write` queues of the running config (Prometheus's `remote.Storage` write side): applies a
/// (re)loaded config, keeping the queues whose entry did not change, starting new ones and stopping removed ones.
public final class RemoteStorage: Sendable {
    /// Builds the transport of an entry (the daemon: libcurl with the entry's `http_config`).
    public typealias TransportFactory = @Sendable (RemoteWriteConfig) -> any RemoteWriteTransport

    let directory: String
    let persistence: HeadPersistence?
    let makeTransport: TransportFactory
    let clock: any KlaxonClock
    let log: @Sendable (LogEvent) -> Void
    private let running = Mutex<[String: (queue: RemoteWriteQueue, key: String, task: Task<Void, Never>)]>([:])

    /// - Parameters:
    ///   - directory: where queue positions are saved (`<storage.path>/remote`).
    ///   - persistence: the WAL the queues read; nil when the data directory is unusable (then remote write
    ///     cannot run, and says so).
    public init(
        directory: String,
        persistence: HeadPersistence?,
        clock: any KlaxonClock = SystemClock(),
        makeTransport: @escaping TransportFactory,
        log: @escaping @Sendable (LogEvent) -> Void
    ) {
        self.directory = directory
        self.persistence = persistence
        self.clock = clock
        self.makeTransport = makeTransport
        self.log = log
    }

    /// Starts, keeps or stops queues to match `configs`.
    public func apply(_ configs: [RemoteWriteConfig], externalLabels: Labels) {
        guard let persistence else {
            if !configs.isEmpty {
                log(
                    LogEvent(
                        level: .error,
                        message: "remote_write needs a usable data directory (it reads the WAL); nothing is sent",
                        fields: [("component", "remote")]
                    )
                )
            }
            return
        }
        try? FileIO.makeDirectory(directory)
        var stopping: [Task<Void, Never>] = []
        running.withLock { running in
            var wanted: Set<String> = []
            for config in configs {
                let key = Self.key(config, externalLabels)
                wanted.insert(config.queueName)
                if let existing = running[config.queueName], existing.key == key { continue }
                if let existing = running.removeValue(forKey: config.queueName) { stopping.append(existing.task) }
                let queue = RemoteWriteQueue(
                    config: config,
                    externalLabels: externalLabels,
                    walDirectory: persistence.walPath,
                    progressPath: directory + "/" + Self.fileName(config.queueName),
                    persistence: persistence,
                    transport: makeTransport(config),
                    clock: clock,
                    log: log
                )
                let task = Task { await queue.run() }
                running[config.queueName] = (queue, key, task)
            }
            for name in running.keys where !wanted.contains(name) {
                if let removed = running.removeValue(forKey: name) {
                    stopping.append(removed.task)
                    persistence.holdSegments(removed.queue.holdName, from: nil)
                }
            }
        }
        for task in stopping { task.cancel() }
    }

    /// Stops every queue after it has sent what the WAL holds (for at most `flushDeadline` ms, and not past a
    /// failing send: those samples wait in the WAL for the next start), and waits for them to save their positions.
    public func stop(flushDeadline: Int64 = Time.minute) async {
        let queues = running.withLock { running in
            defer { running.removeAll() }
            return running.values.map { ($0.queue, $0.task) }
        }
        let deadline = FileIO.monotonicMillis() + flushDeadline
        for (queue, _) in queues { queue.drain(until: deadline) }
        let tasks = queues.map(\.1)
        // A request in flight when the deadline passes is cut short.
        let guardTask = Task {
            try? await Task.sleep(nanoseconds: UInt64(max(0, flushDeadline)) * 1_000_000 + 1_000_000_000)
            for task in tasks { task.cancel() }
        }
        for task in tasks { await task.value }
        guardTask.cancel()
    }

    /// The queues' statistics by queue name, with their URLs.
    public func stats() -> [(name: String, url: String, config: QueueConfig, stats: RemoteWriteStats)] {
        running.withLock { running in
            running.sorted { $0.key < $1.key }.map {
                (
                    name: $0.key, url: $0.value.queue.config.url, config: $0.value.queue.config.queue,
                    stats: $0.value.queue.stats()
                )
            }
        }
    }

    /// What identifies an unchanged entry: every field (secrets included) and the external labels.
    static func key(_ config: RemoteWriteConfig, _ externalLabels: Labels) -> String {
        "\(config.url)|\(config.remoteTimeout)|\(config.headers.map { "\($0.name)=\($0.value)" })|"
            + "\(config.writeRelabelConfigs)|\(config.http)|\(config.queue)|\(config.metadata)|\(externalLabels)"
    }

    /// A file name for a queue name (which may hold any character).
    static func fileName(_ name: String) -> String {
        var out = "queue-"
        for byte in name.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "_"):
                out.append(Character(Unicode.Scalar(byte)))
            default:
                out += "%" + String(byte, radix: 16, uppercase: true)
            }
        }
        return out
    }
}
