import ArgumentParser
import KlaxonDaemon
import KlaxonModel
import KlaxonPromQL
import Logging

struct Run: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run the daemon: scrape, store, evaluate rules continuously, route and notify.",
        discussion: """
            Without --config.file Klaxon runs its embedded default: it scrapes its own /metrics, evaluates the rule \
            files of rules/ and routes with alertmanager/alertmanager.yml (found in the working directory or beside \
            the checkout the binary was built in). SIGHUP or POST /-/reload (with --web.enable-lifecycle) reloads \
            every file; a file that fails to load keeps the running configuration. SIGTERM/SIGINT stop gracefully.
            """
    )

    @Option(name: .customLong("config.file"), help: "Prometheus configuration file (prometheus.yml).")
    var configFile: String?

    @Option(name: .customLong("alertmanager.config.file"), help: "Routing configuration (alertmanager.yml).")
    var alertmanagerConfigFile: String?

    @Option(name: .customLong("rules.dir"), help: "Rule directory of the embedded default (default: rules/).")
    var rulesDirectory: String?

    @Option(name: .customLong("web.listen-address"), help: "Address to listen on for the API and /metrics.")
    var listenAddress = "127.0.0.1:9095"

    @Option(name: .customLong("web.external-url"), help: "URL under which Klaxon is reachable (generator URLs).")
    var externalURL: String?

    @Flag(name: .customLong("web.enable-lifecycle"), help: "Enable POST /-/reload and /-/quit.")
    var enableLifecycle = false

    @Flag(
        name: .customLong("web.enable-remote-write-receiver"),
        help: "Enable POST /api/v1/write: Prometheus agents, vmagent and others push samples into Klaxon."
    )
    var enableRemoteWriteReceiver = false

    @Option(
        name: [.customLong("storage.path"), .customLong("storage.tsdb.path")],
        help: "Data directory (router notification log and silences survive restarts here)."
    )
    var storagePath = "data"

    @Option(
        name: [.customLong("storage.retention"), .customLong("storage.tsdb.retention.time")],
        help: "How long samples are kept in memory."
    )
    var retention = "6h"

    @Option(
        name: .customLong("storage.remote.flush-deadline"),
        help: "How long remote_write queues keep sending on shutdown (unsent samples stay in the WAL)."
    )
    var remoteFlushDeadline = "1m"

    @Option(name: .customLong("storage.memory-limit-bytes"), help: "Cap on compressed sample memory.")
    var memoryLimit = 2 << 30

    @Option(name: .customLong("query.lookback-delta"), help: "Lookback of instant selectors.")
    var lookbackDelta = "5m"

    @Option(name: .customLong("query.timeout"), help: "Maximum time one query may take.")
    var queryTimeout = "2m"

    @Option(name: .customLong("query.max-samples"), help: "Maximum samples one query may load.")
    var queryMaxSamples = 50_000_000

    @Option(name: .customLong("query.max-concurrency"), help: "Maximum API queries running at once.")
    var queryMaxConcurrency = 20

    @Option(name: .customLong("web.max-request-body-size"), help: "Largest request body accepted, in bytes.")
    var maxRequestBodySize = 16 << 20

    @Option(name: .customLong("web.max-query-length"), help: "Longest PromQL expression or match[] selector, in bytes.")
    var maxQueryLength = 256 << 10

    @Option(name: .customLong("web.max-match-selectors"), help: "Most match[] parameters in one request.")
    var maxMatchSelectors = 1000

    @Option(
        name: .customLong("storage.tsdb.max-series"),
        help: "Most series held in memory; new series beyond it are refused (0: unlimited)."
    )
    var maxSeries = 0

    @Option(
        name: .customLong("web.config.file"),
        help: "Web configuration (TLS, basic auth, headers) in Prometheus's web-config format."
    )
    var webConfigFile: String?

    @Option(name: .customLong("rules.alert.resend-delay"), help: "Minimum time between re-sends of a firing alert.")
    var resendDelay = "1m"

    @Option(
        name: .customLong("rules.alert.for-outage-tolerance"),
        help: "Longest outage after which restored pending alerts keep their 'for' progress."
    )
    var outageTolerance = "1h"

    @Option(name: .customLong("compat"), help: "PromQL semantics: prometheus3 (default) or prometheus2.")
    var compat = "prometheus3"

    @Option(name: .customLong("log.level"), help: "debug, info, warn or error.")
    var logLevel = "info"

    func run() async throws {
        var options = DaemonOptions()
        options.configFile = configFile
        options.alertmanagerConfigFile = alertmanagerConfigFile
        options.rulesDirectory = rulesDirectory
        options.listenAddress = listenAddress
        options.externalURL = externalURL
        options.enableLifecycle = enableLifecycle
        options.enableRemoteWriteReceiver = enableRemoteWriteReceiver
        options.storagePath = storagePath
        options.retention = try Self.duration(retention, flag: "storage.retention")
        options.memoryCapBytes = memoryLimit
        options.lookbackDelta = try Self.duration(lookbackDelta, flag: "query.lookback-delta")
        options.remoteFlushDeadline = try Self.duration(remoteFlushDeadline, flag: "storage.remote.flush-deadline")
        options.queryTimeout = try Self.duration(queryTimeout, flag: "query.timeout")
        options.queryMaxSamples = queryMaxSamples
        options.queryMaxConcurrency = queryMaxConcurrency
        guard queryMaxConcurrency > 0, maxRequestBodySize > 0, maxQueryLength > 0, maxMatchSelectors > 0 else {
            throw ValidationError(
                "--query.max-concurrency, --web.max-request-body-size, --web.max-query-length and --web.max-match-selectors must be positive"
            )
        }
        options.maxRequestBodySize = maxRequestBodySize
        options.maxQueryLength = maxQueryLength
        options.maxMatchSelectors = maxMatchSelectors
        options.resendDelay = try Self.duration(resendDelay, flag: "rules.alert.resend-delay")
        options.outageTolerance = try Self.duration(outageTolerance, flag: "rules.alert.for-outage-tolerance")
        guard maxSeries >= 0 else { throw ValidationError("--storage.tsdb.max-series must be 0 or more") }
        options.maxSeries = maxSeries
        switch compat {
        case "prometheus3": options.engineMode = .prometheus3
        case "prometheus2": options.engineMode = .prometheus2
        default: throw ValidationError("--compat must be prometheus3 or prometheus2, not \(compat)")
        }
        guard let level = Self.levels[logLevel] else {
            throw ValidationError("--log.level must be debug, info, warn or error, not \(logLevel)")
        }
        options.logLevel = level
        LoggingSystem.bootstrap { label in LogfmtLogHandler(label: "", level: level) }
        let logger = Logger(label: "klaxon")
        if let webConfigFile {
            do {
                try options.loadWebConfig(webConfigFile)
            } catch {
                logger.error(
                    "Unable to validate web configuration file",
                    metadata: ["file": "\(webConfigFile)", "err": "\(error)"]
                )
                throw ExitCode(1)
            }
        }
        let daemon: Daemon
        do {
            daemon = try Daemon(options: options, logger: logger)
        } catch {
            logger.error("Error loading configuration", metadata: ["err": "\(error)"])
            throw ExitCode(1)
        }
        try await daemon.run()
    }

    static let levels: [String: Logger.Level] = ["debug": .debug, "info": .info, "warn": .warning, "error": .error]

    static func duration(_ text: String, flag: String) throws -> Int64 {
        guard let parsed = PromDuration(parsing: text) else {
            throw ValidationError("--\(flag): not a valid duration string: \(text)")
        }
        return parsed.milliseconds
    }
}
