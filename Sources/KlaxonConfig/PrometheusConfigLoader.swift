import KlaxonModel
import KlaxonYAML

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads `prometheus.yml` as Prometheus 2.42's `config.LoadFile` does: strict YAML (unknown fields are errors with
/// their line), defaults, inheritance from `global`, and the same validations and messages.
public enum PrometheusConfigLoader {
    /// Reads and parses the file at `file`; errors are prefixed `parsing YAML file F: ` as Prometheus does.
    public static func load(file: String) throws(ConfigError) -> PrometheusConfig {
        let text: String
        switch readTextFile(file) {
        case .success(let contents): text = contents
        case .failure(let error): throw ConfigError(error.description)
        }
        do {
            return try parse(text, file: file)
        } catch {
            throw ConfigError("parsing YAML file \(file): \(error.message)")
        }
    }

    /// Parses `yaml`; `file` only sets the directory relative paths are resolved against. Errors are unprefixed.
    public static func parse(_ yaml: String, file: String) throws(ConfigError) -> PrometheusConfig {
        var config = PrometheusConfig(directory: directoryOf(file))
        var remote = RemoteSections()
        let root: YAMLNode?
        do {
            root = try YAMLParser.parse(yaml, goYAMLv2: true)
        } catch {
            throw ConfigError(error.message)
        }
        guard let root else {
            config.redactedYAML = ConfigYAMLWriter.render(config)
            return config
        }
        var reader = NodeReader(goYAMLv2: true)
        let decoded = decodeConfig(root, into: &config, remote: &remote, reader: &reader)
        if let message = reader.errorMessage { throw ConfigError(message) }
        if decoded {
            try validate(&config)
            try validateRemote(remote, into: &config)
        }
        config.redactedYAML = ConfigYAMLWriter.render(config)
        return config
    }

    // MARK: top level

    static let topFields: Set<String> = [
        "global", "alerting", "rule_files", "scrape_configs", "storage", "tracing", "remote_write", "remote_read",
    ]

    /// Decodes the document; false when a nested error means `Config.UnmarshalYAML` never reached validation.
    /// `remote_write` and `remote_read` entries go to `remote` (null entries as nil) until `validateRemote`.
    static func decodeConfig(
        _ root: YAMLNode,
        into config: inout PrometheusConfig,
        remote: inout RemoteSections,
        reader: inout NodeReader
    ) -> Bool {
        let before = reader.typeErrors.count
        var scrapeNodes: [ScrapeConfig?] = []
        reader.forEachField(of: root, goType: "config.plain", known: topFields) { reader, name, node in
            switch name {
            case "global":
                if let global = decodeGlobal(node, reader: &reader) { config.global = global }
            case "rule_files":
                if let files = reader.strings(node) { config.ruleFiles = files }
            case "scrape_configs":
                scrapeNodes = decodeScrapeConfigs(node, reader: &reader)
            case "alerting":
                if let alerting = decodeAlerting(node, reader: &reader) { config.alerting = alerting }
            case "remote_write":
                remote.write = decodeRemoteWriteConfigs(node, reader: &reader)
            case "remote_read":
                remote.read = decodeRemoteReadConfigs(node, reader: &reader)
            default:
                break  // storage, tracing: accepted, not used by Klaxon.
            }
        }
        if reader.aborted || reader.typeErrors.count != before { return false }
        var scrapeConfigs: [ScrapeConfig] = []
        for scrape in scrapeNodes {
            guard let scrape else {
                reader.fail("empty or null scrape config section")
                return false
            }
            scrapeConfigs.append(scrape)
        }
        config.scrapeConfigs = scrapeConfigs
        return true
    }

    /// `Config.UnmarshalYAML`'s checks after decoding, in its order.
    static func validate(_ config: inout PrometheusConfig) throws(ConfigError) {
        for file in config.ruleFiles where !isValidRulePath(file) {
            throw ConfigError("invalid rule file path \(goQuote(file))")
        }
        var jobNames: Set<String> = []
        for index in config.scrapeConfigs.indices {
            var scrape = config.scrapeConfigs[index]
            if scrape.scrapeInterval == 0 { scrape.scrapeInterval = config.global.scrapeInterval }
            if scrape.scrapeTimeout > scrape.scrapeInterval {
                throw ConfigError(
                    "scrape timeout greater than scrape interval for scrape config with job name "
                        + goQuote(scrape.jobName)
                )
            }
            if scrape.scrapeTimeout == 0 {
                scrape.scrapeTimeout = min(config.global.scrapeTimeout, scrape.scrapeInterval)
            }
            if !jobNames.insert(scrape.jobName).inserted {
                throw ConfigError("found multiple scrape configs with job name \(goQuote(scrape.jobName))")
            }
            config.scrapeConfigs[index] = scrape
        }
    }

    // MARK: global

    static func decodeGlobal(_ node: YAMLNode, reader: inout NodeReader) -> GlobalConfig? {
        let before = reader.typeErrors.count
        var interval: Int64 = 0
        var timeout: Int64 = 0
        var evaluation: Int64 = 0
        var external = Labels.empty
        let known: Set<String> = [
            "scrape_interval", "scrape_timeout", "evaluation_interval", "external_labels", "query_log_file",
        ]
        reader.forEachField(of: node, goType: "config.plain", known: known) { reader, name, value in
            switch name {
            case "scrape_interval": interval = reader.milliseconds(value) ?? 0
            case "scrape_timeout": timeout = reader.milliseconds(value) ?? 0
            case "evaluation_interval": evaluation = reader.milliseconds(value) ?? 0
            case "external_labels": external = reader.labelSet(value) ?? .empty
            default: _ = reader.string(value)
            }
        }
        if reader.aborted || reader.typeErrors.count != before { return nil }
        // An open but empty `global:` restores the defaults (Config.UnmarshalYAML's isZero check).
        if interval == 0 && timeout == 0 && evaluation == 0 && external.isEmpty { return .default }
        if interval == 0 { interval = GlobalConfig.default.scrapeInterval }
        if timeout > interval {
            reader.fail("global scrape timeout greater than scrape interval")
            return nil
        }
        if timeout == 0 { timeout = min(GlobalConfig.default.scrapeTimeout, interval) }
        if evaluation == 0 { evaluation = GlobalConfig.default.evaluationInterval }
        return GlobalConfig(
            scrapeInterval: interval,
            scrapeTimeout: timeout,
            evaluationInterval: evaluation,
            externalLabels: external
        )
    }

    // MARK: scrape configs

    /// Service discovery mechanisms Prometheus 2.42 knows but Klaxon does not run: accepted so that a config that
    /// uses them still loads (their targets are not scraped; `ScrapeConfig.unsupportedDiscovery` names them).
    static let otherDiscovery: Set<String> = [
        "azure_sd_configs", "consul_sd_configs", "digitalocean_sd_configs", "docker_sd_configs",
        "dockerswarm_sd_configs", "dns_sd_configs", "ec2_sd_configs", "eureka_sd_configs", "gce_sd_configs",
        "hetzner_sd_configs", "http_sd_configs", "ionos_sd_configs", "kubernetes_sd_configs", "kuma_sd_configs",
        "lightsail_sd_configs", "linode_sd_configs", "marathon_sd_configs", "nerve_sd_configs", "nomad_sd_configs",
        "openstack_sd_configs", "ovhcloud_sd_configs", "puppetdb_sd_configs", "scaleway_sd_configs",
        "serverset_sd_configs", "triton_sd_configs", "uyuni_sd_configs", "vultr_sd_configs",
    ]

    static let httpFields = HTTPDecoding.fields

    static let scrapeFields: Set<String> = Set<String>([
        "job_name", "honor_labels", "honor_timestamps", "params", "scrape_interval", "scrape_timeout",
        "metrics_path", "scheme", "body_size_limit", "sample_limit", "target_limit", "label_limit",
        "label_name_length_limit", "label_value_length_limit", "relabel_configs", "metric_relabel_configs",
        "static_configs", "file_sd_configs",
    ])
    .union(httpFields).union(otherDiscovery)

    static func decodeScrapeConfigs(_ node: YAMLNode, reader: inout NodeReader) -> [ScrapeConfig?] {
        // A null entry is kept as nil: Config.UnmarshalYAML rejects it after decoding (pointer slice).
        switch node.kind {
        case .sequence(let items):
            var out: [ScrapeConfig?] = []
            for item in items {
                if reader.aborted { break }
                if item.isNull {
                    out.append(nil)
                } else if let scrape = decodeScrapeConfig(item, reader: &reader) {
                    out.append(scrape)
                }
            }
            return out
        case .scalar where node.isNull:
            return []
        default:
            reader.typeError(node, into: "[]*config.ScrapeConfig")
            return []
        }
    }

    static func decodeScrapeConfig(_ node: YAMLNode, reader: inout NodeReader) -> ScrapeConfig? {
        let before = reader.typeErrors.count
        var scrape = ScrapeConfig(jobName: "", scrapeInterval: 0, scrapeTimeout: 0)
        var http = HTTPDecoding()
        var relabelNull = false
        var metricRelabelNull = false
        reader.forEachField(of: node, goType: "config.ScrapeConfig", known: scrapeFields) { reader, name, value in
            switch name {
            case "job_name": scrape.jobName = reader.string(value) ?? ""
            case "honor_labels": scrape.honorLabels = reader.bool(value) ?? false
            case "honor_timestamps": scrape.honorTimestamps = reader.bool(value) ?? true
            case "params": scrape.params = decodeParams(value, reader: &reader)
            case "scrape_interval": scrape.scrapeInterval = reader.milliseconds(value) ?? 0
            case "scrape_timeout": scrape.scrapeTimeout = reader.milliseconds(value) ?? 0
            case "metrics_path": scrape.metricsPath = reader.string(value) ?? ""
            case "scheme": scrape.scheme = reader.string(value) ?? ""
            case "body_size_limit": scrape.bodySizeLimit = reader.byteSize(value) ?? 0
            case "sample_limit": scrape.sampleLimit = reader.unsigned(value) ?? 0
            case "target_limit": scrape.targetLimit = reader.unsigned(value) ?? 0
            case "label_limit": scrape.labelLimit = reader.unsigned(value) ?? 0
            case "label_name_length_limit": scrape.labelNameLengthLimit = reader.unsigned(value) ?? 0
            case "label_value_length_limit": scrape.labelValueLengthLimit = reader.unsigned(value) ?? 0
            case "relabel_configs":
                let (configs, hasNull) = decodeRelabelConfigs(value, reader: &reader)
                scrape.relabelConfigs = configs
                relabelNull = hasNull
            case "metric_relabel_configs":
                let (configs, hasNull) = decodeRelabelConfigs(value, reader: &reader)
                scrape.metricRelabelConfigs = configs
                metricRelabelNull = hasNull
            case "static_configs": scrape.staticConfigs = decodeStaticConfigs(value, reader: &reader)
            case "file_sd_configs": scrape.fileSDConfigs = decodeFileSDConfigs(value, reader: &reader)
            default:
                if httpFields.contains(name) {
                    http.decode(name, value, reader: &reader)
                } else {
                    scrape.unsupportedDiscovery.append(name)
                }
            }
        }
        if reader.aborted || reader.typeErrors.count != before { return nil }
        if scrape.jobName.isEmpty {
            reader.fail("job_name is empty")
            return nil
        }
        guard let client = http.validate(reader: &reader) else { return nil }
        scrape.http = client
        for group in scrape.staticConfigs {
            for target in group.targets where target.contains("/") {
                reader.fail("\(goQuote(target)) is not a valid hostname")
                return nil
            }
        }
        if relabelNull {
            reader.fail("empty or null target relabeling rule in scrape config")
            return nil
        }
        if metricRelabelNull {
            reader.fail("empty or null metric relabeling rule in scrape config")
            return nil
        }
        return scrape
    }

    /// `url.Values`: a map of names to lists of values.
    static func decodeParams(_ node: YAMLNode, reader: inout NodeReader) -> [(name: String, values: [String])] {
        switch node.kind {
        case .mapping(let pairs):
            var out: [(name: String, values: [String])] = []
            for pair in pairs {
                guard let name = reader.string(pair.key), let values = reader.strings(pair.value) else { continue }
                out.removeAll { $0.name == name }
                out.append((name, values))
            }
            return out
        case .scalar where node.isNull:
            return []
        default:
            reader.typeError(node, into: "url.Values")
            return []
        }
    }

    package static let staticGroupType =
        "struct { Targets []string \"yaml:\\\"targets\\\"\"; Labels model.LabelSet \"yaml:\\\"labels\\\"\" }"

    static func decodeStaticConfigs(_ node: YAMLNode, reader: inout NodeReader) -> [TargetGroup] {
        guard let items = reader.sequence(node, goType: "discovery.StaticConfig") else { return [] }
        var groups: [TargetGroup] = []
        for (index, item) in items.enumerated() {
            var group = TargetGroup(targets: [], source: String(index))
            reader.forEachField(of: item, goType: staticGroupType, known: ["targets", "labels"]) {
                reader,
                name,
                value in
                switch name {
                case "targets": group.targets = reader.strings(value) ?? []
                default: group.labels = reader.labelSet(value) ?? .empty
                }
            }
            groups.append(group)
        }
        return groups
    }

    static func decodeFileSDConfigs(_ node: YAMLNode, reader: inout NodeReader) -> [FileSDConfig] {
        guard let items = reader.sequence(node, goType: "file.SDConfig") else { return [] }
        var configs: [FileSDConfig] = []
        for item in items {
            let before = reader.typeErrors.count
            var config = FileSDConfig(files: [])
            reader.forEachField(of: item, goType: "file.plain", known: ["files", "refresh_interval"]) {
                reader,
                name,
                value in
                switch name {
                case "files": config.files = reader.strings(value) ?? []
                default: config.refreshInterval = reader.milliseconds(value) ?? config.refreshInterval
                }
            }
            if reader.aborted { return configs }
            if reader.typeErrors.count != before { continue }
            if config.files.isEmpty {
                reader.fail("file service discovery config must contain at least one path name")
                return configs
            }
            for file in config.files where !isValidFileSDPath(file) {
                reader.fail("path name \(goQuote(file)) is not valid for file discovery")
                return configs
            }
            configs.append(config)
        }
        return configs
    }

    // MARK: paths

    /// `^[^*]*(\*[^/]*)?$`: at most one `*`, and only in the last path element.
    static func isValidRulePath(_ path: String) -> Bool {
        guard let star = path.firstIndex(of: "*") else { return true }
        let rest = path[path.index(after: star)...]
        return !rest.contains("*") && !rest.contains("/")
    }

    /// `^[^*]*(\*[^/]*)?\.(json|yml|yaml|JSON|YML|YAML)$`
    static func isValidFileSDPath(_ path: String) -> Bool {
        guard isValidRulePath(path), let dot = path.lastIndex(of: ".") else { return false }
        let extensionText = path[path.index(after: dot)...]
        guard ["json", "yml", "yaml", "JSON", "YML", "YAML"].contains(extensionText) else { return false }
        // The glob part must end before the extension's dot and not swallow a `/`.
        return true
    }

    static func directoryOf(_ file: String) -> String {
        guard let slash = file.lastIndex(of: "/") else { return "." }
        let directory = String(file[..<slash])
        return directory.isEmpty ? "/" : directory
    }
}

/// strerror's text as Go words it (lower case: `no such file or directory`).
func goErrorText(_ code: Int32) -> String { goErrnoText(code) }
