public import KlaxonModel

/// A `remote_write` entry (Prometheus 2.42's `RemoteWriteConfig`, defaults applied). Durations in ms.
public struct RemoteWriteConfig: Sendable {
    public var url: String
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
    /// The queue's name in metrics (`remote_name`) and logs: `name`, or the first 6 hex digits of a hash of the
    /// config as Prometheus derives it.
    public var queueName = ""

    public init(url: String) { self.url = url }
}

/// `queue_config` (2.42 defaults).
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

/// `metadata_config` (2.42 defaults).
public struct MetadataConfig: Sendable, Equatable {
    public var send = true
    public var sendInterval: Int64 = Time.minute
    public var maxSamplesPerSend = 500

    public init() {}
}

/// A `remote_read` entry (Prometheus 2.42's `RemoteReadConfig`, defaults applied).
public struct RemoteReadConfig: Sendable {
    public var url: String
    public var name = ""
    public var remoteTimeout: Int64 = Time.minute
    public var headers: [(name: String, value: String)] = []
    /// Only selectors that contain all of these equality matchers are sent.
    public var requiredMatchers = Labels.empty
    public var readRecent = false
    public var filterExternalLabels = true
    public var http = HTTPClientConfig()
    public var queueName = ""

    public init(url: String) { self.url = url }
}
