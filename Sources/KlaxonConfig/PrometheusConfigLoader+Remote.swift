import KlaxonModel
import KlaxonYAML

/// `remote_write` and `remote_read` entries as decoded, before `Config.UnmarshalYAML`'s checks (nil: a null entry).
struct RemoteSections {
    var write: [RemoteWriteConfig?] = []
    var read: [RemoteReadConfig?] = []
}

extension PrometheusConfigLoader {
    // MARK: remote_write

    static let remoteWriteFields: Set<String> = Set<String>([
        "url", "remote_timeout", "headers", "write_relabel_configs", "name", "send_exemplars",
        "send_native_histograms", "queue_config", "metadata_config", "sigv4",
    ])
    .union(httpFields)

    static let remoteReadFields: Set<String> = Set<String>([
        "url", "remote_timeout", "headers", "read_recent", "name", "required_matchers", "filter_external_labels",
    ])
    .union(httpFields)

    /// Headers Prometheus sets itself (`reservedHeaders` in 2.42's config.go; `authorization` is checked first).
    static let reservedHeaders: Set<String> = [
        "host", "content-encoding", "content-length", "content-type", "user-agent", "connection", "keep-alive",
        "proxy-authenticate", "proxy-authorization", "www-authenticate", "accept-encoding",
        "x-prometheus-remote-write-version", "x-prometheus-remote-read-version", "x-amz-date", "x-amz-security-token",
        "x-amz-content-sha256",
    ]

    static func decodeRemoteWriteConfigs(_ node: YAMLNode, reader: inout NodeReader) -> [RemoteWriteConfig?] {
        decodeEntries(node, goType: "[]*config.RemoteWriteConfig", reader: &reader, decodeRemoteWriteConfig)
    }

    static func decodeRemoteReadConfigs(_ node: YAMLNode, reader: inout NodeReader) -> [RemoteReadConfig?] {
        decodeEntries(node, goType: "[]*config.RemoteReadConfig", reader: &reader, decodeRemoteReadConfig)
    }

    /// A Go slice of pointers: null entries are kept as nil (rejected after decoding), entries that failed are left
    /// out (their errors are in `reader`).
    static func decodeEntries<Entry>(
        _ node: YAMLNode,
        goType: String,
        reader: inout NodeReader,
        _ decode: (YAMLNode, inout NodeReader) -> Entry?
    ) -> [Entry?] {
        switch node.kind {
        case .sequence(let items):
            var out: [Entry?] = []
            for item in items {
                if reader.aborted { break }
                if item.isNull {
                    out.append(nil)
                } else if let entry = decode(item, &reader) {
                    out.append(entry)
                }
            }
            return out
        case .scalar where node.isNull:
            return []
        default:
            reader.typeError(node, into: goType)
            return []
        }
    }

    /// `RemoteWriteConfig.UnmarshalYAML`: defaults, the fields, then its checks in its order.
    static func decodeRemoteWriteConfig(_ node: YAMLNode, reader: inout NodeReader) -> RemoteWriteConfig? {
        let before = reader.typeErrors.count
        var config = RemoteWriteConfig(url: "")
        var url: GoURL?
        var http = HTTPDecoding()
        var relabelNull = false
        reader.forEachField(of: node, goType: "config.plain", known: remoteWriteFields) { reader, name, value in
            switch name {
            case "url": url = HTTPDecoding.decodeURL(value, reader: &reader)
            case "remote_timeout": config.remoteTimeout = reader.milliseconds(value) ?? 0
            case "headers": config.headers = (reader.stringMap(value) ?? []).map { ($0.0, $0.1) }
            case "write_relabel_configs":
                let (configs, hasNull) = decodeRelabelConfigs(value, reader: &reader)
                config.writeRelabelConfigs = configs
                relabelNull = hasNull
            case "name": config.name = reader.string(value) ?? ""
            case "send_exemplars": config.sendExemplars = reader.bool(value) ?? false
            case "send_native_histograms": config.sendNativeHistograms = reader.bool(value) ?? false
            case "queue_config": config.queue = decodeQueueConfig(value, reader: &reader)
            case "metadata_config": config.metadata = decodeMetadataConfig(value, reader: &reader)
            case "sigv4": config.sigV4 = decodeSigV4(value, reader: &reader)
            default: http.decode(name, value, reader: &reader)
            }
        }
        if reader.aborted || reader.typeErrors.count != before { return nil }
        guard let url else {
            reader.fail("url for remote_write is empty")
            return nil
        }
        config.url = url.string
        config.endpoint = url.redacted
        if relabelNull {
            reader.fail("empty or null relabeling rule in remote write config")
            return nil
        }
        if let problem = headerProblem(config.headers) {
            reader.fail(problem)
            return nil
        }
        guard let client = http.validate(reader: &reader) else { return nil }
        config.http = client
        if HTTPDecoding.hasAuth(client) && config.sigV4 != nil {
            reader.fail("at most one of basic_auth, authorization, oauth2, & sigv4 must be configured")
            return nil
        }
        return config
    }

    /// `validateHeaders`. Prometheus walks a Go map, so with several bad headers which one it names varies from run
    /// to run; Klaxon names the first one written.
    static func headerProblem(_ headers: [(name: String, value: String)]) -> String? {
        for (name, _) in headers {
            let lower = name.lowercased()
            if lower == "authorization" {
                return "authorization header must be changed via the basic_auth, authorization, oauth2, or sigv4 "
                    + "parameter"
            }
            if reservedHeaders.contains(lower) { return "\(name) is a reserved header. It must not be changed" }
        }
        return nil
    }

    /// `QueueConfig` (no unmarshaler of its own): the fields written replace the defaults; null zeroes them all.
    static func decodeQueueConfig(_ node: YAMLNode, reader: inout NodeReader) -> QueueConfig {
        var queue = node.isNull ? zeroQueueConfig : QueueConfig()
        let known: Set<String> = [
            "capacity", "max_shards", "min_shards", "max_samples_per_send", "batch_send_deadline", "min_backoff",
            "max_backoff", "retry_on_http_429",
        ]
        reader.forEachField(of: node, goType: "config.QueueConfig", known: known) { reader, name, value in
            switch name {
            case "capacity": queue.capacity = reader.int(value) ?? queue.capacity
            case "max_shards": queue.maxShards = reader.int(value) ?? queue.maxShards
            case "min_shards": queue.minShards = reader.int(value) ?? queue.minShards
            case "max_samples_per_send": queue.maxSamplesPerSend = reader.int(value) ?? queue.maxSamplesPerSend
            case "batch_send_deadline": queue.batchSendDeadline = reader.milliseconds(value) ?? 0
            case "min_backoff": queue.minBackoff = reader.milliseconds(value) ?? 0
            case "max_backoff": queue.maxBackoff = reader.milliseconds(value) ?? 0
            default: queue.retryOnRateLimit = reader.bool(value) ?? false
            }
        }
        return queue
    }

    static var zeroQueueConfig: QueueConfig {
        var queue = QueueConfig()
        queue.capacity = 0
        queue.maxShards = 0
        queue.minShards = 0
        queue.maxSamplesPerSend = 0
        queue.batchSendDeadline = 0
        queue.minBackoff = 0
        queue.maxBackoff = 0
        return queue
    }

    /// `MetadataConfig`: as `QueueConfig`, null zeroes it (`send: false`).
    static func decodeMetadataConfig(_ node: YAMLNode, reader: inout NodeReader) -> MetadataConfig {
        var metadata = MetadataConfig()
        if node.isNull {
            metadata.send = false
            metadata.sendInterval = 0
            metadata.maxSamplesPerSend = 0
        }
        let known: Set<String> = ["send", "send_interval", "max_samples_per_send"]
        reader.forEachField(of: node, goType: "config.MetadataConfig", known: known) { reader, name, value in
            switch name {
            case "send": metadata.send = reader.bool(value) ?? metadata.send
            case "send_interval": metadata.sendInterval = reader.milliseconds(value) ?? 0
            default: metadata.maxSamplesPerSend = reader.int(value) ?? metadata.maxSamplesPerSend
            }
        }
        return metadata
    }

    /// `sigv4.SigV4Config.UnmarshalYAML`: null leaves it unset; otherwise the access key and the secret key come
    /// together.
    static func decodeSigV4(_ node: YAMLNode, reader: inout NodeReader) -> SigV4Config? {
        if node.isNull { return nil }
        let before = reader.typeErrors.count
        var sigV4 = SigV4Config()
        let known: Set<String> = ["region", "access_key", "secret_key", "profile", "role_arn"]
        reader.forEachField(of: node, goType: "sigv4.plain", known: known) { reader, name, value in
            switch name {
            case "region": sigV4.region = reader.string(value) ?? ""
            case "access_key": sigV4.accessKey = reader.string(value) ?? ""
            case "secret_key": sigV4.secretKey = reader.secret(value) ?? ""
            case "profile": sigV4.profile = reader.string(value) ?? ""
            default: sigV4.roleARN = reader.string(value) ?? ""
            }
        }
        if reader.aborted || reader.typeErrors.count != before { return nil }
        if sigV4.accessKey.isEmpty != sigV4.secretKey.isEmpty {
            reader.fail(
                "must provide a AWS SigV4 Access key and Secret Key if credentials are specified in the SigV4 config"
            )
            return nil
        }
        return sigV4
    }

    // MARK: remote_read

    /// `RemoteReadConfig.UnmarshalYAML`.
    static func decodeRemoteReadConfig(_ node: YAMLNode, reader: inout NodeReader) -> RemoteReadConfig? {
        let before = reader.typeErrors.count
        var config = RemoteReadConfig(url: "")
        var url: GoURL?
        var http = HTTPDecoding()
        reader.forEachField(of: node, goType: "config.plain", known: remoteReadFields) { reader, name, value in
            switch name {
            case "url": url = HTTPDecoding.decodeURL(value, reader: &reader)
            case "remote_timeout": config.remoteTimeout = reader.milliseconds(value) ?? 0
            case "headers": config.headers = (reader.stringMap(value) ?? []).map { ($0.0, $0.1) }
            case "read_recent": config.readRecent = reader.bool(value) ?? false
            case "name": config.name = reader.string(value) ?? ""
            case "required_matchers": config.requiredMatchers = decodeLabelSet(value, reader: &reader) ?? .empty
            case "filter_external_labels": config.filterExternalLabels = reader.bool(value) ?? true
            default: http.decode(name, value, reader: &reader)
            }
        }
        if reader.aborted || reader.typeErrors.count != before { return nil }
        guard let url else {
            reader.fail("url for remote_read is empty")
            return nil
        }
        config.url = url.string
        if let problem = headerProblem(config.headers) {
            reader.fail(problem)
            return nil
        }
        guard let client = http.validate(reader: &reader) else { return nil }
        config.http = client
        return config
    }

    /// prometheus/common's `model.LabelSet` decoded by yaml.v2: every name must be valid (an invalid one aborts
    /// decoding); type errors name `model.LabelSet` and `model.LabelValue`.
    static func decodeLabelSet(_ node: YAMLNode, reader: inout NodeReader) -> Labels? {
        guard let pairs = reader.stringMap(node, goType: "model.LabelSet", valueType: "model.LabelValue") else {
            return nil
        }
        for (name, _) in pairs where !isValidLabelName(name) {
            reader.fail("\(goQuote(name)) is not a valid label name")
            return nil
        }
        return Labels(pairs.map { Label($0.0, $0.1) })
    }

    // MARK: Config.UnmarshalYAML's checks

    /// The remote sections' part of `Config.UnmarshalYAML` (after the scrape configs' checks): null entries and
    /// repeated names. Then each entry's queue name (`name`, or the hash Prometheus derives).
    static func validateRemote(_ remote: RemoteSections, into config: inout PrometheusConfig) throws(ConfigError) {
        var writeNames: Set<String> = []
        var writes: [RemoteWriteConfig] = []
        for entry in remote.write {
            guard var write = entry else { throw ConfigError("empty or null remote write config section") }
            // Empty names are allowed more than once: the queues are then named by their hash.
            if !write.name.isEmpty && writeNames.contains(write.name) {
                throw ConfigError("found multiple remote write configs with job name \(goQuote(write.name))")
            }
            writeNames.insert(write.name)
            write.queueName =
                write.name.isEmpty ? ConfigYAMLWriter.hashName(of: write, directory: config.directory) : write.name
            writes.append(write)
        }
        var readNames: Set<String> = []
        var reads: [RemoteReadConfig] = []
        for entry in remote.read {
            guard var read = entry else { throw ConfigError("empty or null remote read config section") }
            if !read.name.isEmpty && readNames.contains(read.name) {
                throw ConfigError("found multiple remote read configs with job name \(goQuote(read.name))")
            }
            readNames.insert(read.name)
            read.queueName =
                read.name.isEmpty ? ConfigYAMLWriter.hashName(of: read, directory: config.directory) : read.name
            reads.append(read)
        }
        config.remoteWriteConfigs = writes
        config.remoteReadConfigs = reads
    }
}

extension PrometheusConfig {
    /// The check Prometheus makes when it applies a config (`storage/remote`'s `ApplyConfig`, not the loader, so
    /// `promtool check config` accepts such a file): two entries whose configs are identical once rendered (secrets
    /// as `<secret>`) would be one queue. The daemon calls this before it applies a config.
    public func remoteStorageError() -> ConfigError? {
        var writeHashes: Set<String> = []
        for write in remoteWriteConfigs
        where !writeHashes.insert(ConfigYAMLWriter.hash(of: write, directory: directory)).inserted {
            return ConfigError(
                "duplicate remote write configs are not allowed, found duplicate for URL: \(write.url)"
            )
        }
        var readHashes: Set<String> = []
        for read in remoteReadConfigs
        where !readHashes.insert(ConfigYAMLWriter.hash(of: read, directory: directory)).inserted {
            return ConfigError("duplicate remote read configs are not allowed, found duplicate for URL: \(read.url)")
        }
        return nil
    }
}
