public import KlaxonConfig
public import KlaxonCurl
import KlaxonDiscovery
public import KlaxonModel
public import KlaxonStorage
import Synchronization

/// One target as `/api/v1/targets` shows it (active or dropped).
public struct TargetStatus: Sendable, Equatable {
    public var discoveredLabels: Labels
    /// Empty for dropped targets.
    public var labels: Labels
    public var scrapePool: String
    public var scrapeURL: String
    public var globalURL: String
    /// `up`, `down` or `unknown` (not scraped yet); empty for dropped targets.
    public var health: String
    public var lastError: String
    /// Milliseconds since the epoch of the last scrape's start, 0 before the first.
    public var lastScrape: Timestamp
    public var lastScrapeDurationSeconds: Double
    public var scrapeInterval: String
    public var scrapeTimeout: String
    /// False for targets dropped by relabeling.
    public var active: Bool
}

/// Runs the scrape loops of a `prometheus.yml`: builds targets from static and file_sd groups, keeps loops of
/// unchanged targets across reloads, stops removed ones with stale markers, and re-reads file_sd files on their
/// refresh interval. Thread-safe.
public final class ScrapeManager: Sendable {
    private struct LoopEntry {
        var loop: ScrapeLoop
        var task: Task<Void, Never>?
    }

    private struct Pool {
        var config: ScrapeConfig
        var configKey: String
        var staticGroups: [TargetGroup]
        var fileGroups: [TargetGroup] = []
        var loops: [String: LoopEntry] = [:]
        /// Discovery order of the active targets' keys.
        var order: [String] = []
        var dropped: [Labels] = []
        var discovery: Task<Void, Never>?
    }

    private struct State {
        var pools: [String: Pool] = [:]
        var poolOrder: [String] = []
        var running = false
        /// Prometheus's `jitterSeed`: FNV-1a of the host's FQDN and the external labels.
        var jitterSeed: UInt64 = 0
    }

    private let head: Head
    private let client: HTTPClient
    private let clock: any KlaxonClock
    private let log: @Sendable (LogEvent) -> Void
    private let state = Mutex(State())
    private let metrics = MetricsBox()
    private let hostName: String

    /// `hostName` goes into the jitter seed that places each target in its interval; by default it is the
    /// host's FQDN, as Prometheus takes it, so both scrape a target at the same moment on the same host.
    public init(
        appendable: Head,
        client: HTTPClient,
        clock: any KlaxonClock,
        hostName: String = HostName.fullyQualified(),
        log: @escaping @Sendable (LogEvent) -> Void
    ) {
        self.head = appendable
        self.client = client
        self.clock = clock
        self.hostName = hostName
        self.log = log
        state.withLock { $0.jitterSeed = Self.jitterSeed(hostName: hostName, externalLabels: .empty) }
    }

    /// Prometheus's `Manager.setJitterSeed`: FNV-1a over the host name followed by `labels.String()` of the
    /// external labels.
    static func jitterSeed(hostName: String, externalLabels: Labels) -> UInt64 {
        FNV1a64.hash(hostName.utf8, externalLabels.description.utf8)
    }

    /// Applies (or re-applies on reload) the scrape configs: unchanged targets keep their loop and state; removed
    /// targets stop and get stale markers; file_sd files are read now and then on their refresh interval.
    public func apply(_ config: PrometheusConfig) async throws {
        let seed = Self.jitterSeed(hostName: hostName, externalLabels: config.global.externalLabels)
        state.withLock { $0.jitterSeed = seed }
        var wanted: [String] = []
        for scrape in config.scrapeConfigs {
            wanted.append(scrape.jobName)
            for mechanism in scrape.unsupportedDiscovery {
                log(
                    LogEvent(
                        level: .warn,
                        message: "Service discovery mechanism not supported by Klaxon; its targets are not scraped",
                        fields: [("scrape_pool", scrape.jobName), ("discovery", mechanism)]
                    )
                )
            }
            var resolved = scrape
            resolved.fileSDConfigs = scrape.fileSDConfigs.map {
                FileSDConfig(files: $0.files.map(config.resolve), refreshInterval: $0.refreshInterval)
            }
            resolved.http = scrape.http.resolvingPaths(in: config)
            let key = Self.configKey(resolved)
            let fileGroups = readFileSD(resolved)
            var stopped: [LoopEntry] = []
            var events: [LogEvent] = []
            state.withLock { state in
                if let existing = state.pools[scrape.jobName], existing.configKey == key {
                    state.pools[scrape.jobName]?.staticGroups = scrape.staticConfigs
                    state.pools[scrape.jobName]?.fileGroups = fileGroups
                } else {
                    if let old = state.pools.removeValue(forKey: scrape.jobName) {
                        old.discovery?.cancel()
                        stopped += old.loops.values
                    }
                    state.pools[scrape.jobName] = Pool(
                        config: resolved,
                        configKey: key,
                        staticGroups: scrape.staticConfigs,
                        fileGroups: fileGroups
                    )
                }
                stopped += sync(&state, job: scrape.jobName, events: &events)
                if state.running { startTasks(&state, job: scrape.jobName) }
            }
            for event in events { log(event) }
            stop(stopped)
        }
        var removed: [LoopEntry] = []
        state.withLock { state in
            for job in state.pools.keys where !wanted.contains(job) {
                if let old = state.pools.removeValue(forKey: job) {
                    old.discovery?.cancel()
                    removed += old.loops.values
                }
            }
            state.poolOrder = wanted
        }
        stop(removed)
    }

    /// Runs every scrape loop until the calling task is cancelled (graceful stop: loops end, no stale markers).
    public func run() async {
        state.withLock { state in
            state.running = true
            for job in state.poolOrder { startTasks(&state, job: job) }
        }
        // Iteration of an AsyncStream ends when the task is cancelled.
        let (stream, continuation) = AsyncStream<Void>.makeStream()
        for await _ in stream {}
        continuation.finish()
        let tasks: [Task<Void, Never>] = state.withLock { state in
            state.running = false
            var tasks: [Task<Void, Never>] = []
            for job in state.pools.keys {
                if let discovery = state.pools[job]?.discovery { tasks.append(discovery) }
                state.pools[job]?.discovery = nil
                for (key, entry) in state.pools[job]?.loops ?? [:] {
                    if let task = entry.task { tasks.append(task) }
                    state.pools[job]?.loops[key]?.task = nil
                }
            }
            return tasks
        }
        for task in tasks { task.cancel() }
        for task in tasks { await task.value }
    }

    /// `/api/v1/targets`: active targets (config order, then discovery order), then dropped ones.
    public func targets() -> [TargetStatus] {
        state.withLock { state in
            var active: [TargetStatus] = []
            var dropped: [TargetStatus] = []
            for job in state.poolOrder {
                guard let pool = state.pools[job] else { continue }
                let interval = PromDuration(milliseconds: pool.config.scrapeInterval).description
                let timeout = PromDuration(milliseconds: pool.config.scrapeTimeout).description
                for key in pool.order {
                    guard let loop = pool.loops[key]?.loop else { continue }
                    let health = loop.status.withLock { $0 }
                    active.append(
                        TargetStatus(
                            discoveredLabels: loop.target.discoveredLabels,
                            labels: loop.target.labels,
                            scrapePool: job,
                            scrapeURL: loop.target.scrapeURL,
                            globalURL: loop.target.scrapeURL,
                            health: health.health,
                            lastError: health.lastError,
                            lastScrape: health.lastScrape,
                            lastScrapeDurationSeconds: health.lastDurationSeconds,
                            scrapeInterval: PromDuration(milliseconds: loop.target.interval).description,
                            scrapeTimeout: PromDuration(milliseconds: loop.target.timeout).description,
                            active: true
                        )
                    )
                }
                for labels in pool.dropped {
                    dropped.append(
                        TargetStatus(
                            discoveredLabels: labels,
                            labels: .empty,
                            scrapePool: job,
                            scrapeURL: "",
                            globalURL: "",
                            health: "",
                            lastError: "",
                            lastScrape: 0,
                            lastScrapeDurationSeconds: 0,
                            scrapeInterval: interval,
                            scrapeTimeout: timeout,
                            active: false
                        )
                    )
                }
            }
            return active + dropped
        }
    }

    /// Counters for Klaxon's own `/metrics`.
    public func metricsSnapshot() -> ScrapeMetrics {
        var snapshot = metrics.value.withLock { $0 }
        state.withLock { state in
            snapshot.activeTargets = state.pools.values.reduce(0) { $0 + $1.loops.count }
            snapshot.droppedTargets = state.pools.values.reduce(0) { $0 + $1.dropped.count }
        }
        return snapshot
    }

    // MARK: internals

    /// Rebuilds a pool's targets from its groups; returns the loops to stop.
    /// Log events are collected into `events` and emitted by the caller once the state lock is released.
    private func sync(_ state: inout State, job: String, events: inout [LogEvent]) -> [LoopEntry] {
        guard var pool = state.pools[job] else { return [] }
        var targets: [(key: String, target: Target)] = []
        var seen: Set<String> = []
        var dropped: [Labels] = []
        for group in pool.staticGroups + pool.fileGroups {
            for address in group.targets {
                switch TargetBuilder.build(address: address, group: group, config: pool.config) {
                case .active(let target):
                    let key = target.labels.description + " " + target.scrapeURL
                    if seen.insert(key).inserted { targets.append((key, target)) }
                case .dropped(let labels):
                    dropped.append(labels)
                case .invalid(let labels, let reason):
                    events.append(
                        LogEvent(
                            level: .error,
                            message: "Creating target failed",
                            fields: [("scrape_pool", job), ("err", reason), ("labels", labels.description)]
                        )
                    )
                }
            }
        }
        let limit = pool.config.targetLimit
        let forcedError: String? =
            limit > 0 && targets.count > limit
            ? "target_limit exceeded (number of targets: \(targets.count), limit: \(limit))" : nil
        var stopped: [LoopEntry] = []
        var loops: [String: LoopEntry] = [:]
        for (key, target) in targets {
            if let existing = pool.loops.removeValue(forKey: key), existing.loop.forcedError == forcedError {
                loops[key] = existing
                continue
            } else if let replaced = pool.loops.removeValue(forKey: key) {
                stopped.append(replaced)
            }
            let loop = ScrapeLoop(
                target: target,
                config: pool.config,
                head: head,
                client: client,
                clock: clock,
                metrics: metrics,
                forcedError: forcedError,
                jitterSeed: state.jitterSeed,
                log: log
            )
            loops[key] = LoopEntry(loop: loop, task: nil)
        }
        stopped += pool.loops.values
        pool.loops = loops
        pool.order = targets.map(\.key)
        pool.dropped = dropped
        state.pools[job] = pool
        return stopped
    }

    private func startTasks(_ state: inout State, job: String) {
        guard var pool = state.pools[job] else { return }
        for key in pool.order where pool.loops[key]?.task == nil {
            guard let loop = pool.loops[key]?.loop else { continue }
            pool.loops[key]?.task = Task { await loop.run() }
        }
        if pool.discovery == nil, !pool.config.fileSDConfigs.isEmpty {
            let refresh = pool.config.fileSDConfigs.map(\.refreshInterval).min() ?? 5 * Time.minute
            pool.discovery = Task { [weak self] in
                guard let clock = self?.clock else { return }
                while !Task.isCancelled {
                    do {
                        try await clock.sleep(until: clock.now() + max(refresh, 1))
                    } catch {
                        return
                    }
                    self?.refresh(job: job)
                }
            }
        }
        state.pools[job] = pool
    }

    /// Re-reads a pool's file_sd files and syncs its targets.
    func refresh(job: String) {
        guard let config = state.withLock({ $0.pools[job]?.config }) else { return }
        let groups = readFileSD(config)
        var events: [LogEvent] = []
        let stopped: [LoopEntry] = state.withLock { state in
            guard state.pools[job] != nil else { return [] }
            state.pools[job]?.fileGroups = groups
            let stopped = sync(&state, job: job, events: &events)
            if state.running { startTasks(&state, job: job) }
            return stopped
        }
        for event in events { log(event) }
        stop(stopped)
    }

    /// Cancels the loops; once each has finished its current scrape, writes its stale markers as Prometheus'
    /// `endOfRunStaleness` does: at the time the next scrape would have happened, written one interval after that
    /// (so that a query at that time still sees the last value), and not at all when the manager shut down meanwhile.
    private func stop(_ entries: [LoopEntry]) {
        for entry in entries {
            entry.task?.cancel()
            let task = entry.task
            let loop = entry.loop
            let clock = self.clock
            // No task: the loop never ran, or the manager was stopped (shutdown writes no markers).
            guard let task else { continue }
            Task { [weak self] in
                await task.value
                let last = loop.status.withLock { $0.lastScrape }
                guard last > 0 else { return }
                let staleTime = last + loop.target.interval
                try? await clock.sleep(until: staleTime + loop.target.interval)
                guard let self, self.state.withLock({ $0.running }) else { return }
                loop.markStale(at: staleTime)
            }
        }
    }

    private func readFileSD(_ config: ScrapeConfig) -> [TargetGroup] {
        guard !config.fileSDConfigs.isEmpty else { return [] }
        let (groups, errors) = FileSD.load(patterns: config.fileSDConfigs.flatMap(\.files))
        for error in errors {
            log(
                LogEvent(
                    level: .error,
                    message: "Error reading file",
                    fields: [("discovery", "file"), ("job", config.jobName), ("err", error)]
                )
            )
        }
        return groups
    }

    /// Identifies a scrape config for reloads: its rendering without the static targets (which change the target
    /// set, not the loops), plus its secrets (which the rendering hides).
    static func configKey(_ config: ScrapeConfig) -> String {
        var out = ""
        var keyed = config
        keyed.staticConfigs = []
        ConfigYAMLWriter.render(keyed, into: &out)
        out += "\(String(describing: config.http.basicAuth?.password))|"
        out += "\(String(describing: config.http.authorization?.credentials))"
        return out
    }
}
