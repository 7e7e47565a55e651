import KlaxonConfig
import KlaxonCurl
public import KlaxonModel
import KlaxonNotifier
import KlaxonNotify
import KlaxonRemote
import KlaxonRules
import KlaxonScrape
import KlaxonServer
import KlaxonStorage
public import Logging
import ServiceLifecycle
import Synchronization
import UnixSignals

/// `klaxon run`: the store, the scrape manager, the rule engine, the built-in router and the HTTP API in one
/// process, driven by one `ServiceGroup` (SIGTERM/SIGINT stop it gracefully, SIGHUP reloads).
public final class Daemon: Sendable {
    let options: DaemonOptions
    let logger: Logger
    let clock: any KlaxonClock
    let head: Head
    let client: HTTPClient
    let metrics: DaemonMetrics
    let alertmanager: Alertmanager
    let notifier: Notifier
    let scrapeManager: ScrapeManager
    let ruleEngine: RuleEngine
    let loader: ConfigLoader
    let dataDirectory: DataDirectory
    /// `remote_write` queues (they read the WAL of `dataDirectory`).
    let remoteStorage: RemoteStorage
    /// What `POST /api/v1/write` took in.
    let receiverCounters = Mutex(ReceiverCounters())
    private let routerSaves = RouterStateSaves()
    private let current: Mutex<LoadedConfiguration>
    private let reloads = ReloadQueue()
    private let external = Mutex<(manager: ExternalAlertmanagers, task: Task<Void, Never>)?>(nil)
    private let ready = Atomic<Bool>(false)

    /// Loads the configuration (failing if any part of it is invalid) and builds every subsystem; nothing runs
    /// until `run()`.
    public init(options: DaemonOptions, logger: Logger, clock: any KlaxonClock = SystemClock()) throws {
        self.options = options
        self.logger = logger
        self.clock = clock
        loader = ConfigLoader(options: options)
        let loaded = try loader.load()
        current = Mutex(loaded)
        metrics = DaemonMetrics(startTime: clock.now())
        head = Head(options: options.headOptions(logger: logger.component("storage")))
        dataDirectory = DataDirectory(
            path: options.storagePath,
            head: head,
            retention: options.retention,
            logger: logger.component("storage")
        )
        client = try HTTPClient()
        remoteStorage = RemoteStorage(
            directory: resolve("remote", relativeTo: options.storagePath),
            persistence: dataDirectory.persistence,
            clock: clock,
            makeTransport: { [client] config in CurlRemoteWriteTransport(client: client, config: config) },
            log: { [logger] event in logger.component("remote").log(event) }
        )
        var routerOptions = Alertmanager.Options()
        routerOptions.externalURL = options.resolvedExternalURL
        alertmanager = try Alertmanager(
            config: loaded.alertmanager,
            options: routerOptions,
            sender: CurlSender(client: client, clock: clock),
            clock: clock
        )
        notifier = Notifier(alertmanager: alertmanager, metrics: metrics, logger: logger.component("notifier"))
        scrapeManager = ScrapeManager(
            appendable: head,
            client: client,
            clock: clock,
            log: { [logger] event in logger.component("scrape").log(event) }
        )
        ruleEngine = RuleEngine(
            head: head,
            clock: clock,
            notifier: notifier,
            metrics: metrics,
            logger: logger.component("rules"),
            store: dataDirectory.alertStates,
            outageTolerance: options.outageTolerance
        )
    }

    /// Runs until SIGTERM/SIGINT (or the task is cancelled), then stops every subsystem and saves the router state.
    public func run() async throws {
        let loaded = current.withLock { $0 }
        // Samples first (the rule engine's outage rule needs the newest one), then alert and router state.
        try dataDirectory.lock()
        let downAt = dataDirectory.recover()
        ruleEngine.restore(downAt: downAt)
        await restoreRouterState()
        await alertmanager.onStateChange { [routerSaves] in routerSaves.signal() }
        try await apply(loaded, initial: true)
        let (host, port) = options.listenHostPort
        var serverConfiguration = ServerConfiguration()
        serverConfiguration.listenHost = host
        serverConfiguration.port = port
        serverConfiguration.externalURL = options.resolvedExternalURL
        serverConfiguration.enableLifecycle = options.enableLifecycle
        serverConfiguration.maxConcurrentQueries = options.queryMaxConcurrency
        serverConfiguration.maxBodyBytes = options.maxRequestBodySize
        serverConfiguration.maxQueryLength = options.maxQueryLength
        serverConfiguration.maxMatchSelectors = options.maxMatchSelectors
        serverConfiguration.queryTimeout = .milliseconds(options.queryTimeout)
        serverConfiguration.lookbackDelta = options.lookbackDelta
        serverConfiguration.engine = loader.engineOptions
        serverConfiguration.webConfig = options.webConfig
        let server = APIServer(configuration: serverConfiguration, head: head, backend: DaemonBackend(daemon: self))

        logger.info(
            "Starting Klaxon",
            metadata: [
                "version": "\(KlaxonBuild.version)", "config": "\(loaded.prometheusSource)",
                "routing": "\(loaded.alertmanagerSource)", "listen": "\(options.listenAddress)",
                "rule_groups": "\(loaded.groups.count)", "rule_files": "\(loaded.ruleFiles.count)",
            ]
        )
        let services: [any Service] = [
            TaskService(name: "scrape") { [scrapeManager] in await scrapeManager.run() },
            TaskService(name: "router") { [alertmanager] in await alertmanager.run() },
            // Not a TaskService: Hummingbird's application handles graceful shutdown itself (it drains open
            // requests); cancelling it instead logs errors from its channel handling.
            GracefulService { try await server.run() },
            TaskService(name: "state") { [self] in await saveStateLoop() },
            TaskService(name: "router-state") { [self] in await saveRouterStateOnChange() },
            TaskService(name: "storage") { [dataDirectory, clock] in await dataDirectory.housekeeping(clock: clock) },
            TaskService(name: "reload-signal") { [self] in await reloadOnSIGHUP() },
            TaskService(name: "ready") { [self] in
                ready.store(true, ordering: .relaxed)
                logger.info("Server is ready to receive web requests.")
                try await clock.sleep(until: .max)
            },
        ]
        let group = ServiceGroup(
            services: services,
            gracefulShutdownSignals: [.sigterm, .sigint],
            logger: logger.component("lifecycle")
        )
        do {
            try await group.run()
        } catch {
            logger.error("Stopping after an error", metadata: ["err": "\(error)"])
        }
        logger.info("Stopping rule evaluation and saving state")
        await ruleEngine.shutdown()
        stopExternal()
        await saveRouterState()
        // After the last append (rules stopped), before the WAL closes: the queues save their positions.
        await remoteStorage.stop(flushDeadline: options.remoteFlushDeadline)
        dataDirectory.close(now: clock.now())
        dataDirectory.unlock()
        client.shutdown()
        logger.info("See you next time!")
    }

    var isReady: Bool { ready.load(ordering: .relaxed) }
    var configuration: LoadedConfiguration { current.withLock { $0 } }

    /// Reloads every file (SIGHUP, `POST /-/reload`). A file that does not load leaves everything as it was.
    func reload() async throws {
        try await reloads.enqueue { [self] in
            logger.info(
                "Loading configuration file",
                metadata: ["filename": "\(options.configFile ?? "embedded default")"]
            )
            let loaded: LoadedConfiguration
            do {
                loaded = try loader.load()
            } catch {
                metrics.recordReload(success: false, at: clock.now())
                logger.error(
                    "Error reloading config; the previous configuration keeps running",
                    metadata: ["err": "\(error)"]
                )
                throw error
            }
            do {
                try await apply(loaded, initial: false)
            } catch {
                metrics.recordReload(success: false, at: clock.now())
                logger.error("Error applying config", metadata: ["err": "\(error)"])
                throw error
            }
            current.withLock { $0 = loaded }
            metrics.recordReload(success: true, at: clock.now())
            logger.info(
                "Completed loading of configuration file",
                metadata: ["rule_groups": "\(loaded.groups.count)", "rule_files": "\(loaded.ruleFiles.count)"]
            )
        }
    }

    private func apply(_ loaded: LoadedConfiguration, initial: Bool) async throws {
        if !initial { try await alertmanager.apply(loaded.alertmanager) }
        remoteStorage.apply(
            loaded.prometheus.remoteWriteConfigs,
            externalLabels: loaded.prometheus.global.externalLabels
        )
        try await scrapeManager.apply(loaded.prometheus)
        notifier.update(
            Notifier.Settings(
                externalLabels: loaded.prometheus.global.externalLabels,
                relabel: loaded.prometheus.alerting.alertRelabelConfigs,
                external: restartExternal(loaded.prometheus)
            )
        )
        await ruleEngine.apply(loaded.groups)
        metrics.forgetGroups(except: Set(loaded.groups.map(RuleEngine.key)))
    }

    /// External Alertmanagers of `alerting.alertmanagers` (their v2 API); replaced on every apply.
    private func restartExternal(_ config: PrometheusConfig) -> ExternalAlertmanagers? {
        stopExternal()
        let endpoints = config.alerting.alertmanagers.flatMap { $0.alertsURLs() }
        guard !endpoints.isEmpty else { return nil }
        let manager = ExternalAlertmanagers(
            endpoints: endpoints,
            timeout: config.alerting.alertmanagers.map(\.timeout).max() ?? 10 * Time.second,
            sender: CurlSender(client: client, clock: clock)
        )
        let task = Task { await manager.run() }
        external.withLock { $0 = (manager, task) }
        return manager
    }

    private func stopExternal() {
        let old = external.withLock { state in
            let old = state
            state = nil
            return old
        }
        old?.task.cancel()
    }

    // MARK: Router state

    private var routerStateDirectory: String { resolve("router", relativeTo: options.storagePath) }

    private func restoreRouterState() async {
        let directory = routerStateDirectory
        guard fileExists(directory) else { return }
        do {
            try await alertmanager.loadState(from: directory)
            logger.info("Restored notification log and silences", metadata: ["dir": "\(directory)"])
        } catch {
            logger.error("Could not restore router state; starting empty", metadata: ["err": "\(error)"])
        }
    }

    private func saveRouterState() async {
        let directory = routerStateDirectory
        do {
            try makeDirectories(directory)
            try await alertmanager.saveState(to: directory)
        } catch {
            metrics.stateSaveFailures.add(1, ordering: .relaxed)
            logger.error("Could not save router state", metadata: ["dir": "\(directory)", "err": "\(error)"])
        }
    }

    private func saveStateLoop() async {
        var next = clock.now() + options.stateSaveInterval
        while !Task.isCancelled {
            do { try await clock.sleep(until: next) } catch { return }
            await saveRouterState()
            next += options.stateSaveInterval
        }
    }

    /// Saves the router state after every change of the notification log or the silences (changes arriving
    /// during a save coalesce into one more save), so that `kill -9` right after a notification does not send
    /// it again after the restart.
    private func saveRouterStateOnChange() async {
        for await _ in routerSaves.changes {
            await saveRouterState()
        }
    }

    private func reloadOnSIGHUP() async {
        let signals = await UnixSignalsSequence(trapping: .sighup)
        for await _ in signals {
            do { try await reload() } catch {}
        }
    }
}

extension Logger {
    func component(_ name: String) -> Logger {
        var copy = self
        copy[metadataKey: "component"] = "\(name)"
        return copy
    }

    /// A scrape manager event as a log line.
    func log(_ event: KlaxonModel.LogEvent) {
        let level: Logger.Level =
            switch event.level {
            case .debug: .debug
            case .info: .info
            case .warn: .warning
            case .error: .error
            }
        var metadata: Logger.Metadata = [:]
        for field in event.fields { metadata[field.key] = "\(field.value)" }
        log(level: level, "\(event.message)", metadata: metadata)
    }
}

/// A service that runs `body` until it returns or graceful shutdown begins.
struct TaskService: Service {
    let name: String
    let body: @Sendable () async throws -> Void

    func run() async throws {
        do {
            try await cancelWhenGracefulShutdown { try await body() }
        } catch is CancellationError {
            // Graceful shutdown cancels the body: a normal stop, not a failure of the group.
        }
    }
}

/// Runs a body that stops on its own at graceful shutdown (it observes the service group's shutdown signal).
struct GracefulService: Service {
    let body: @Sendable () async throws -> Void

    func run() async throws { try await body() }
}

/// Serialises reloads: a second request waits for the first to finish.
final class ReloadQueue: Sendable {
    private let last = Mutex<Task<Void, any Error>?>(nil)

    func enqueue(_ work: @escaping @Sendable () async throws -> Void) async throws {
        let task = last.withLock { last -> Task<Void, any Error> in
            let previous = last
            let task = Task {
                _ = await previous?.result
                try await work()
            }
            last = task
            return task
        }
        try await task.value
    }
}

/// Change signals from the router to the task that saves its state: at most one signal is buffered, so a burst
/// of changes during a save leads to exactly one more save.
final class RouterStateSaves: Sendable {
    let changes: AsyncStream<Void>
    private let continuation: AsyncStream<Void>.Continuation

    init() {
        (changes, continuation) = AsyncStream.makeStream(of: Void.self, bufferingPolicy: .bufferingNewest(1))
    }

    func signal() { continuation.yield() }
}
