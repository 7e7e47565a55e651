public import KlaxonModel

/// A `remote_write` entry (Prometheus 2.42's `RemoteWriteConfig`, defaults applied). Durations in ms.
public struct RemoteWriteConfig: Sendable {
    /// The URL as Go's `url.URL.String()` prints it after `url.Parse` (password included).
    public var url: String
    /// The URL with any password replaced by `xxxxx` (`URL.Redacted()`): the `url` label of the queue's metrics.
    public var endpoint = ""
    /// As written; empty when not set (Prometheus then names the queue by a hash of the config: `queueName`).
    public var name = ""
    public var remoteTimeout: Int64 = 30 * Time.second
    /// Extra request headers, in the order written (names as written).
    public var headers: [(name: String, value: String)] = []
    public var writeRelabelConfigs: [RelabelConfig] = []
    public var http = HTTPClientConfig()
    public var queue = QueueConfig()
    public var metadata = MetadataConfig()
    public var sendExemplars = false
    public var sendNativeHistograms = false
    /// `sigv4:` (AWS request signing); nil when not set. Excludes `basic_auth`, `authorization` and `oauth2`.
    public var sigV4: SigV4Config?
    /// The queue's name in metrics (`remote_name`) and logs: `name`, or the first 6 hex digits of a hash of the
    /// config as Prometheus derives it.
    public var queueName = ""

    public init(url: String) { self.url = url }
}

/// `sigv4:` of a `remote_write` entry (prometheus/common/sigv4 0.1.0). Empty fields come from AWS's default
/// credential chain. `accessKey` and `secretKey` are set together or not at all.
public struct SigV4Config: Sendable, Equatable {
    public var region = ""
    public var accessKey = ""
    /// A secret: shown as `<secret>`.
    public var secretKey = ""
    public var profile = ""
    public var roleARN = ""

    public init() {}
}

/// `queue_config` (2.42 defaults; a `queue_config:` written as null zeroes every field, as in Prometheus).
public struct QueueConfig: Sendable, Equatable {
    /// Samples buffered per shard before reading the WAL pauses.
    public var capacity = 2500
    public var maxShards = 200
    public var minShards = 1
    public var maxSamplesPerSend = 500
    public var batchSendDeadline: Int64 = 5 * Time.second
    public var minBackoff: Int64 = 30
    public var maxBackoff: Int64 = 5 * Time.second
    /// `retry_on_http_429`.
    public var retryOnRateLimit = false

    public init() {}
}

/// `metadata_config` (2.42 defaults; null zeroes every field).
public struct MetadataConfig: Sendable, Equatable {
    public var send = true
    public var sendInterval: Int64 = Time.minute
    public var maxSamplesPerSend = 500

    public init() {}
}

/// A `remote_read` entry (Prometheus 2.42's `RemoteReadConfig`, defaults applied).
public struct RemoteReadConfig: Sendable {
    /// As Go's `url.URL.String()` prints it (password included: it is also the read client's `url` metric label).
    public var url: String
    public var name = ""
    public var remoteTimeout: Int64 = Time.minute
    public var headers: [(name: String, value: String)] = []
    /// Only selectors that contain all of these equality matchers are sent.
    public var requiredMatchers = Labels.empty
    public var readRecent = false
    public var filterExternalLabels = true
    public var http = HTTPClientConfig()
    /// `name`, or the first 6 hex digits of the config's hash (as for `RemoteWriteConfig.queueName`).
    public var queueName = ""

    public init(url: String) { self.url = url }
}
