public import KlaxonPromQL

/// Settings of the HTTP API server.
public struct ServerConfiguration: Sendable {
    public var listenHost: String
    /// 0 asks for an ephemeral port (see `APIServer.boundPort`).
    public var port: Int
    /// `--web.external-url`; its path (`http://host/prometheus` → `/prometheus`) prefixes every route, as
    /// `--web.route-prefix` defaults to it.
    public var externalURL: String
    /// `--web.enable-lifecycle`: allow `/-/reload`.
    public var enableLifecycle: Bool
    /// `--query.max-concurrency`.
    public var maxConcurrentQueries: Int
    /// `--query.timeout`: the longest a query may run (a `timeout` parameter can only shorten it).
    public var queryTimeout: Duration
    /// `--query.lookback-delta`, in milliseconds (it replaces `engine.lookbackDelta`).
    public var lookbackDelta: Int64
    /// Engine mode and limits; `timeout` and `lookbackDelta` come from `queryTimeout` and `lookbackDelta`. The
    /// mode also picks the parser (`.prometheus2` → `ParserOptions.prometheus2`) and label-name rules.
    public var engine: EngineOptions
    /// The `version` and friends of `/api/v1/status/buildinfo`.
    public var buildInfo: BuildInfo
    /// `--web.max-request-body-size`: the largest request body accepted (413 beyond it).
    public var maxBodyBytes: Int
    /// `--web.max-query-length`: the longest PromQL expression or `match[]` selector accepted, in bytes.
    public var maxQueryLength: Int
    /// `--web.max-match-selectors`: the most `match[]` parameters one request may carry.
    public var maxMatchSelectors: Int
    /// `--web.config.file`: TLS, basic-auth users and response headers (nil: plain HTTP, no authentication).
    public var webConfig: WebConfig? = nil

    public init(
        listenHost: String = "127.0.0.1",
        port: Int = 9095,
        externalURL: String = "",
        enableLifecycle: Bool = false,
        maxConcurrentQueries: Int = 20,
        queryTimeout: Duration = .seconds(120),
        lookbackDelta: Int64 = 300_000,
        engine: EngineOptions = EngineOptions(),
        buildInfo: BuildInfo = BuildInfo(),
        maxBodyBytes: Int = 16 << 20,
        maxQueryLength: Int = 256 << 10,
        maxMatchSelectors: Int = 1000
    ) {
        self.listenHost = listenHost
        self.port = port
        self.externalURL = externalURL
        self.enableLifecycle = enableLifecycle
        self.maxConcurrentQueries = maxConcurrentQueries
        self.queryTimeout = queryTimeout
        self.lookbackDelta = lookbackDelta
        self.engine = engine
        self.buildInfo = buildInfo
        self.maxBodyBytes = maxBodyBytes
        self.maxQueryLength = maxQueryLength
        self.maxMatchSelectors = maxMatchSelectors
    }
}

extension ServerConfiguration {
    /// The path of an external URL without its trailing `/` (`http://host/prom/` → `/prom`; `""` for none):
    /// `--web.route-prefix`'s default, under which every route lives (the daemon scrapes its own `/metrics` there).
    public static func routePrefix(of externalURL: String) -> String {
        API.routePrefix(of: externalURL)
    }
}

/// `/api/v1/status/buildinfo`.
public struct BuildInfo: Sendable {
    public var version: String
    public var revision: String
    public var branch: String
    public var buildUser: String
    public var buildDate: String
    public var goVersion: String

    public init(
        version: String = "0.1.0",
        revision: String = "",
        branch: String = "",
        buildUser: String = "",
        buildDate: String = "",
        goVersion: String = "swift6"
    ) {
        self.version = version
        self.revision = revision
        self.branch = branch
        self.buildUser = buildUser
        self.buildDate = buildDate
        self.goVersion = goVersion
    }
}
