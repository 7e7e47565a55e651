public import KlaxonModel

/// A `prometheus.yml` as Prometheus 2.42 reads it, with defaults and global inheritance applied.
///
/// Durations are milliseconds. Relative paths (rule files, file_sd files, secret files, TLS files) are kept as
/// written; `directory` is the folder of the config file they are relative to.
public struct PrometheusConfig: Sendable {
    public var global: GlobalConfig
    /// As written (globs allowed in the last path element), relative to `directory`.
    public var ruleFiles: [String]
    public var scrapeConfigs: [ScrapeConfig]
    public var alerting: AlertingConfig
    public var remoteWriteConfigs: [RemoteWriteConfig] = []
    public var remoteReadConfigs: [RemoteReadConfig] = []
    /// The config as `/api/v1/status/config` shows it (defaults filled in, secrets as `<secret>`).
    public var redactedYAML: String
    /// The folder of the config file (`.` for a bare file name); relative paths are resolved against it.
    public var directory: String

    public init(
        global: GlobalConfig = .default,
        ruleFiles: [String] = [],
        scrapeConfigs: [ScrapeConfig] = [],
        alerting: AlertingConfig = AlertingConfig(),
        redactedYAML: String = "",
        directory: String = "."
    ) {
        self.global = global
        self.ruleFiles = ruleFiles
        self.scrapeConfigs = scrapeConfigs
        self.alerting = alerting
        self.redactedYAML = redactedYAML
        self.directory = directory
    }

    /// The configuration of an empty file.
    public static let `default` = PrometheusConfig()

    /// `path` resolved against `directory` as Prometheus' `SetDirectory` does (absolute paths unchanged).
    public func resolve(_ path: String) -> String { joinPath(directory, path) }
}

/// `global:` (2.42 defaults: scrape and evaluation every 1m, scrape timeout 10s).
public struct GlobalConfig: Sendable, Equatable {
    public var scrapeInterval: Int64
    public var scrapeTimeout: Int64
    public var evaluationInterval: Int64
    public var externalLabels: Labels

    public init(
        scrapeInterval: Int64 = Time.minute,
        scrapeTimeout: Int64 = 10 * Time.second,
        evaluationInterval: Int64 = Time.minute,
        externalLabels: Labels = .empty
    ) {
        self.scrapeInterval = scrapeInterval
        self.scrapeTimeout = scrapeTimeout
        self.evaluationInterval = evaluationInterval
        self.externalLabels = externalLabels
    }

    public static let `default` = GlobalConfig()
}

/// A secret from the config: either inline or read from a file at request time.
public enum Secret: Sendable, Equatable {
    case inline(String)
    case file(String)
}

/// The HTTP client settings shared by scrape configs and alertmanager configs (prometheus/common `HTTPClientConfig`).
public struct HTTPClientConfig: Sendable, Equatable {
    public struct BasicAuth: Sendable, Equatable {
        public var username: String
        /// nil when neither `password` nor `password_file` is set.
        public var password: Secret?
    }

    /// `authorization:` (also what `bearer_token(_file)` becomes): `type` defaults to `Bearer`.
    public struct Authorization: Sendable, Equatable {
        public var type: String
        public var credentials: Secret?
    }

    public struct TLSConfig: Sendable, Equatable {
        public var caFile = ""
        public var certFile = ""
        public var keyFile = ""
        public var serverName = ""
        public var insecureSkipVerify = false
        /// `min_version` as Go's `tls.VersionTLS1x` number (TLS10 = 769 … TLS13 = 772); nil when unset.
        public var minVersion: UInt16?
        /// `max_version`, as `minVersion`.
        public var maxVersion: UInt16?
        public init() {}
    }

    /// `oauth2:`: the client-credentials grant (prometheus/common 0.39 `OAuth2`).
    public struct OAuth2: Sendable, Equatable {
        public var clientID = ""
        /// `client_secret` or `client_secret_file` (exactly one is set once validated).
        public var clientSecret: Secret?
        public var scopes: [String] = []
        public var tokenURL = ""
        /// `endpoint_params`: extra form parameters of the token request.
        public var endpointParams: [String: String] = [:]
        /// The proxy for the token request, as Go's `url.URL.String()`; nil when not written.
        public var proxyURL: String?
        /// For the token request.
        public var tls = TLSConfig()
        public init() {}
    }

    public var basicAuth: BasicAuth?
    public var authorization: Authorization?
    public var oauth2: OAuth2?
    public var tls = TLSConfig()
    public var followRedirects = true
    public var enableHTTP2 = true
    /// As Go's `url.URL.String()` prints it; "" for none.
    public var proxyURL = ""
    /// True when `proxy_url` was written, even as `""` (Prometheus then shows `proxy_url: ""`).
    public var proxyURLSet = false
    /// `proxy_connect_header`: header values (secrets) sent to the proxy on CONNECT.
    public var proxyConnectHeader: [String: [String]] = [:]

    public init() {}
}

/// One `static_configs` entry or one file_sd target group.
public struct TargetGroup: Sendable, Equatable {
    public var targets: [String]
    public var labels: Labels
    /// Where the group came from (`""` for static configs, the file name for file_sd), for `__meta_filepath`.
    public var source: String

    public init(targets: [String], labels: Labels = .empty, source: String = "") {
        self.targets = targets
        self.labels = labels
        self.source = source
    }
}

/// One `file_sd_configs` entry (refresh every 5m by default).
public struct FileSDConfig: Sendable, Equatable {
    public var files: [String]
    public var refreshInterval: Int64 = 5 * Time.minute

    public init(files: [String], refreshInterval: Int64 = 5 * Time.minute) {
        self.files = files
        self.refreshInterval = refreshInterval
    }
}

/// One `scrape_configs` entry, with interval and timeout already inherited from `global`.
public struct ScrapeConfig: Sendable {
    public var jobName: String
    public var scrapeInterval: Int64
    public var scrapeTimeout: Int64
    public var metricsPath = "/metrics"
    public var scheme = "http"
    /// `params:` in document order; each name may carry several values.
    public var params: [(name: String, values: [String])] = []
    public var honorLabels = false
    public var honorTimestamps = true
    public var http = HTTPClientConfig()
    public var sampleLimit = 0
    public var targetLimit = 0
    public var labelLimit = 0
    public var labelNameLengthLimit = 0
    public var labelValueLengthLimit = 0
    /// Bytes; 0 means no limit.
    public var bodySizeLimit = 0
    public var staticConfigs: [TargetGroup] = []
    public var fileSDConfigs: [FileSDConfig] = []
    public var relabelConfigs: [RelabelConfig] = []
    public var metricRelabelConfigs: [RelabelConfig] = []
    /// Discovery sections Prometheus knows and Klaxon does not run (`kubernetes_sd_configs`, …), as written.
    public var unsupportedDiscovery: [String] = []

    public init(jobName: String, scrapeInterval: Int64 = Time.minute, scrapeTimeout: Int64 = 10 * Time.second) {
        self.jobName = jobName
        self.scrapeInterval = scrapeInterval
        self.scrapeTimeout = scrapeTimeout
    }
}

/// `alerting:`.
public struct AlertingConfig: Sendable {
    public var alertRelabelConfigs: [RelabelConfig] = []
    public var alertmanagers: [AlertmanagerConfig] = []
    public init() {}
}

/// One `alerting.alertmanagers` entry (defaults: http, no path prefix, timeout 10s, API v2).
public struct AlertmanagerConfig: Sendable {
    public enum APIVersion: String, Sendable { case v1, v2 }

    public var scheme = "http"
    public var pathPrefix = ""
    public var timeout: Int64 = 10 * Time.second
    public var apiVersion = APIVersion.v2
    public var http = HTTPClientConfig()
    public var staticConfigs: [TargetGroup] = []
    public var fileSDConfigs: [FileSDConfig] = []
    public var relabelConfigs: [RelabelConfig] = []

    public init() {}

    /// The push URLs of the static targets, without relabeling (see `discoverURLs(directory:)`).
    public func alertsURLs() -> [String] {
        staticConfigs.flatMap { group in group.targets.map { "\(scheme)://\($0)\(alertsPath)" } }
    }

    /// `path.Join("/", path_prefix, "/api/<version>/alerts")`, as Prometheus' notifier builds `__alerts_path__`.
    public var alertsPath: String {
        cleanPath("/" + pathPrefix + "/api/\(apiVersion.rawValue)/alerts")
    }
}
/// A config that could not be loaded, worded as Prometheus 2.42 (promtool prints it after `FAILED: `).
public struct ConfigError: Error, Sendable, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
