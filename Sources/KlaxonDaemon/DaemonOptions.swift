import KlaxonConfig
import KlaxonModel
public import KlaxonPromQL
import KlaxonScrape
public import KlaxonServer
public import KlaxonStorage
public import Logging

/// Everything `klaxon run` takes from its flags.
public struct DaemonOptions: Sendable {
    /// `--config.file`; `nil` runs the embedded default (scrape itself, `rules/`, `alertmanager/`).
    public var configFile: String?
    /// `--alertmanager.config.file`; `nil` uses `alertmanager/alertmanager.yml` when it exists, else a router
    /// that logs alerts without sending them anywhere.
    public var alertmanagerConfigFile: String?
    /// Where the embedded default looks for rule files and the routing config (found relative to the working
    /// directory or the executable when `nil`).
    public var rulesDirectory: String?
    public var alertmanagerDirectory: String?
    public var listenAddress = "127.0.0.1:9095"
    public var externalURL: String?
    public var enableLifecycle = false
    /// `POST /api/v1/write` accepts remote-write requests (`--web.enable-remote-write-receiver`).
    public var enableRemoteWriteReceiver = false
    /// `--storage.remote.flush-deadline`: how long remote_write queues keep sending on shutdown.
    public var remoteFlushDeadline: Int64 = Time.minute
    /// Data directory: the router's notification log and silences are kept here across restarts.
    public var storagePath = "data"
    public var retention: Int64 = 6 * Time.hour
    public var memoryCapBytes = 2 << 30
    public var lookbackDelta: Int64 = 5 * Time.minute
    public var resendDelay: Int64 = Time.minute
    /// After a restart, pending alerts keep their `for` progress across an outage at most this long
    /// (Prometheus's `--rules.alert.for-outage-tolerance`).
    public var outageTolerance: Int64 = Time.hour
    public var queryTimeout: Int64 = 2 * Time.minute
    public var queryMaxSamples = 50_000_000
    public var queryMaxConcurrency = 20
    /// `--web.max-request-body-size`, `--web.max-query-length`, `--web.max-match-selectors`.
    public var maxRequestBodySize = 16 << 20
    public var maxQueryLength = 256 << 10
    public var maxMatchSelectors = 1000
    public var engineMode: EngineMode = .prometheus3
    public var logLevel: Logger.Level = .info
    /// How often the router state is written to the data directory (also on shutdown).
    public var stateSaveInterval: Int64 = 30 * Time.second
    /// `--storage.tsdb.max-series`: most live series in the store, 0 unlimited.
    public var maxSeries = 0
    /// `--web.config.file`, loaded and validated (see `loadWebConfig`).
    public var webConfigFile: String?
    public var webConfig: WebConfig?

    public init() {}

    /// Reads and validates `--web.config.file` (exporter-toolkit's checks and messages).
    public mutating func loadWebConfig(_ path: String) throws(WebConfigError) {
        webConfig = try WebConfig.load(path: path)
        webConfigFile = path
    }

    /// The store's options: retention, memory cap and the series limit, whose refusals are logged at most once
    /// a minute (the counters in `/metrics` count every one).
    public func headOptions(logger: Logger) -> HeadOptions {
        HeadOptions(
            retention: retention,
            memoryCapBytes: memoryCapBytes,
            maxSeries: maxSeries,
            onSeriesLimit: { report in
                logger.warning(
                    "Series limit reached; new series are refused",
                    metadata: [
                        "limit": "\(report.limit)", "refused_total": "\(report.refusedTotal)",
                        "example": "\(report.example)",
                    ]
                )
            }
        )
    }

    /// `host` and `port` of `listenAddress` (`:9095` means all interfaces).
    public var listenHostPort: (host: String, port: Int) {
        guard let colon = listenAddress.lastIndex(of: ":") else { return (listenAddress, 9095) }
        var host = String(listenAddress[..<colon])
        if host.hasPrefix("[") && host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        let port = Int(listenAddress[listenAddress.index(after: colon)...]) ?? 9095
        return (host.isEmpty ? "0.0.0.0" : host, port)
    }

    /// `--web.external-url`, or `http://<listen address>` as Prometheus derives it.
    public var resolvedExternalURL: String {
        if let externalURL, !externalURL.isEmpty {
            return externalURL.hasSuffix("/") ? String(externalURL.dropLast()) : externalURL
        }
        let (host, port) = listenHostPort
        let shown = host == "0.0.0.0" || host.isEmpty ? HostName.short() : host
        return "http://\(shown):\(port)"
    }
}
