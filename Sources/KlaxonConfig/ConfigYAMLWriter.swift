import KlaxonModel

/// Renders a loaded config as Prometheus 2.42's `/api/v1/status/config` shows it (yaml.v2 marshalling of the
/// loaded config): its field order, defaults filled in, empty fields omitted, secrets as `<secret>`, relative file
/// paths joined to the config's directory (`SetDirectory`), maps in yaml.v2's key order.
/// Fields Klaxon does not model (storage, tracing, other discovery mechanisms) are not shown.
package enum ConfigYAMLWriter {
    package static func render(_ config: PrometheusConfig) -> String {
        var out = "global:\n"
        out += "  scrape_interval: \(duration(config.global.scrapeInterval))\n"
        out += "  scrape_timeout: \(duration(config.global.scrapeTimeout))\n"
        out += "  evaluation_interval: \(duration(config.global.evaluationInterval))\n"
        if !config.global.externalLabels.isEmpty {
            out += "  external_labels:\n"
            for (name, value) in sortedMap(config.global.externalLabels.map { ($0.name, $0.value) }) {
                out += "    \(scalar(name)): \(scalar(value))\n"
            }
        }
        if !config.alerting.alertmanagers.isEmpty || !config.alerting.alertRelabelConfigs.isEmpty {
            out += "alerting:\n"
            if !config.alerting.alertRelabelConfigs.isEmpty {
                out += "  alert_relabel_configs:\n"
                relabel(config.alerting.alertRelabelConfigs, indent: "  ", into: &out)
            }
            if !config.alerting.alertmanagers.isEmpty {
                out += "  alertmanagers:\n"
                for am in config.alerting.alertmanagers {
                    var lead = "  - "
                    http(am.http, indent: "    ", lead: &lead, directory: config.directory, into: &out)
                    out += "\(lead)scheme: \(scalar(am.scheme))\n"
                    if !am.pathPrefix.isEmpty { out += "    path_prefix: \(scalar(am.pathPrefix))\n" }
                    out += "    timeout: \(duration(am.timeout))\n"
                    out += "    api_version: \(am.apiVersion.rawValue)\n"
                    if !am.relabelConfigs.isEmpty {
                        out += "    relabel_configs:\n"
                        relabel(am.relabelConfigs, indent: "    ", into: &out)
                    }
                    discovery(
                        am.staticConfigs,
                        am.fileSDConfigs,
                        indent: "    ",
                        directory: config.directory,
                        into: &out
                    )
                }
            }
        }
        if !config.ruleFiles.isEmpty {
            out += "rule_files:\n"
            for file in config.ruleFiles { out += "- \(scalar(config.resolve(file)))\n" }
        }
        if !config.scrapeConfigs.isEmpty {
            out += "scrape_configs:\n"
            for scrape in config.scrapeConfigs { render(scrape, directory: config.directory, into: &out) }
        }
        if !config.remoteWriteConfigs.isEmpty {
            out += "remote_write:\n"
            for write in config.remoteWriteConfigs {
                render(write, indent: "  ", lead: "- ", directory: config.directory, into: &out)
            }
        }
        if !config.remoteReadConfigs.isEmpty {
            out += "remote_read:\n"
            for read in config.remoteReadConfigs {
                render(read, indent: "  ", lead: "- ", directory: config.directory, into: &out)
            }
        }
        return out
    }

    /// One `scrape_configs` entry; `directory` is the config's folder relative paths are joined to.
    package static func render(_ scrape: ScrapeConfig, directory: String = ".", into out: inout String) {
        out += "- job_name: \(scalar(scrape.jobName))\n"
        if scrape.honorLabels { out += "  honor_labels: true\n" }
        out += "  honor_timestamps: \(scrape.honorTimestamps)\n"
        if !scrape.params.isEmpty {
            out += "  params:\n"
            // A Go map: yaml.v2 writes its keys sorted.
            for param in scrape.params.sorted(by: { yamlKeyLess($0.name, $1.name) }) {
                out += "    \(scalar(param.name)):\n"
                for value in param.values { out += "    - \(scalar(value))\n" }
            }
        }
        out += "  scrape_interval: \(duration(scrape.scrapeInterval))\n"
        out += "  scrape_timeout: \(duration(scrape.scrapeTimeout))\n"
        out += "  metrics_path: \(scalar(scrape.metricsPath))\n"
        out += "  scheme: \(scalar(scrape.scheme))\n"
        if scrape.bodySizeLimit > 0 { out += "  body_size_limit: \(base2Bytes(scrape.bodySizeLimit))\n" }
        if scrape.sampleLimit > 0 { out += "  sample_limit: \(scrape.sampleLimit)\n" }
        if scrape.targetLimit > 0 { out += "  target_limit: \(scrape.targetLimit)\n" }
        if scrape.labelLimit > 0 { out += "  label_limit: \(scrape.labelLimit)\n" }
        if scrape.labelNameLengthLimit > 0 { out += "  label_name_length_limit: \(scrape.labelNameLengthLimit)\n" }
        if scrape.labelValueLengthLimit > 0 { out += "  label_value_length_limit: \(scrape.labelValueLengthLimit)\n" }
        var lead = "  "
        http(scrape.http, indent: "  ", lead: &lead, directory: directory, into: &out)
        if !scrape.relabelConfigs.isEmpty {
            out += "  relabel_configs:\n"
            relabel(scrape.relabelConfigs, indent: "  ", into: &out)
        }
        if !scrape.metricRelabelConfigs.isEmpty {
            out += "  metric_relabel_configs:\n"
            relabel(scrape.metricRelabelConfigs, indent: "  ", into: &out)
        }
        discovery(scrape.staticConfigs, scrape.fileSDConfigs, indent: "  ", directory: directory, into: &out)
    }

    /// The inline `HTTPClientConfig` fields; `lead` is the prefix of the first line written (a list item's `- `).
    /// File paths are joined to `directory`; URLs are shown with any password as `xxxxx`.
    package static func http(
        _ config: HTTPClientConfig,
        indent: String,
        lead: inout String,
        directory: String = ".",
        into out: inout String
    ) {
        func line(_ text: String) {
            out += lead + text + "\n"
            lead = indent
        }
        if let auth = config.basicAuth {
            line("basic_auth:")
            out += "\(indent)  username: \(scalar(auth.username))\n"
            switch auth.password {
            case .inline: out += "\(indent)  password: <secret>\n"
            case .file(let path): out += "\(indent)  password_file: \(scalar(joinPath(directory, path)))\n"
            case nil: break
            }
        }
        if let authorization = config.authorization {
            line("authorization:")
            out += "\(indent)  type: \(scalar(authorization.type))\n"
            switch authorization.credentials {
            case .inline: out += "\(indent)  credentials: <secret>\n"
            case .file(let path): out += "\(indent)  credentials_file: \(scalar(joinPath(directory, path)))\n"
            case nil: break
            }
        }
        if let oauth2 = config.oauth2 {
            line("oauth2:")
            render(oauth2, indent: indent + "  ", directory: directory, into: &out)
        }
        if !config.proxyURL.isEmpty || config.proxyURLSet { line("proxy_url: \(scalar(redactedURL(config.proxyURL)))") }
        if !config.proxyConnectHeader.isEmpty {
            line("proxy_connect_header:")
            for (name, values) in sortedMap(Array(config.proxyConnectHeader)) {
                if values.isEmpty {
                    out += "\(indent)  \(scalar(name)): []\n"
                    continue
                }
                out += "\(indent)  \(scalar(name)):\n"
                // An empty Secret marshals as null.
                for value in values { out += "\(indent)  - \(value.isEmpty ? "null" : "<secret>")\n" }
            }
        }
        if let fields = tlsFields(config.tls, directory: directory) {
            line("tls_config:")
            for field in fields { out += "\(indent)  \(field)\n" }
        }
        line("follow_redirects: \(config.followRedirects)")
        line("enable_http2: \(config.enableHTTP2)")
    }

    /// `oauth2:`'s fields at `indent` (client_id, the secret, the secret file and token_url have no omitempty).
    static func render(_ oauth2: HTTPClientConfig.OAuth2, indent: String, directory: String, into out: inout String) {
        out += "\(indent)client_id: \(scalar(oauth2.clientID))\n"
        var file = ""
        switch oauth2.clientSecret {
        case .inline(let secret): out += "\(indent)client_secret: \(secret.isEmpty ? "null" : "<secret>")\n"
        case .file(let path):
            out += "\(indent)client_secret: null\n"
            file = joinPath(directory, path)
        case nil: out += "\(indent)client_secret: null\n"
        }
        out += "\(indent)client_secret_file: \(scalar(file))\n"
        if !oauth2.scopes.isEmpty {
            out += "\(indent)scopes:\n"
            for scope in oauth2.scopes { out += "\(indent)- \(scalar(scope))\n" }
        }
        out += "\(indent)token_url: \(scalar(oauth2.tokenURL))\n"
        if !oauth2.endpointParams.isEmpty {
            out += "\(indent)endpoint_params:\n"
            for (name, value) in sortedMap(Array(oauth2.endpointParams)) {
                out += "\(indent)  \(scalar(name)): \(scalar(value))\n"
            }
        }
        if let proxy = oauth2.proxyURL { out += "\(indent)proxy_url: \(scalar(redactedURL(proxy)))\n" }
        if let fields = tlsFields(oauth2.tls, directory: directory) {
            out += "\(indent)tls_config:\n"
            for field in fields { out += "\(indent)  \(field)\n" }
        }
    }

    /// A `tls_config`'s lines, or nil for the zero config (omitted). A non-zero TLSConfig prints whole:
    /// insecure_skip_verify has no omitempty; min_version and max_version marshal as the number of Go's
    /// tls.VersionTLS1x constant (771 for TLS12), as 2.42 shows them.
    static func tlsFields(_ tls: HTTPClientConfig.TLSConfig, directory: String) -> [String]? {
        let files: [(String, String)] = [
            ("ca_file", joinPath(directory, tls.caFile)), ("cert_file", joinPath(directory, tls.certFile)),
            ("key_file", joinPath(directory, tls.keyFile)), ("server_name", tls.serverName),
        ]
        guard
            files.contains(where: { !$0.1.isEmpty }) || tls.insecureSkipVerify || tls.minVersion != nil
                || tls.maxVersion != nil
        else { return nil }
        var lines = files.filter { !$0.1.isEmpty }.map { "\($0.0): \(scalar($0.1))" }
        lines.append("insecure_skip_verify: \(tls.insecureSkipVerify)")
        if let version = tls.minVersion { lines.append("min_version: \(version)") }
        if let version = tls.maxVersion { lines.append("max_version: \(version)") }
        return lines
    }

    /// A `config.URL` as it marshals: `URL.Redacted()` (the password as `xxxxx`).
    static func redactedURL(_ url: String) -> String {
        switch GoURL.parse(url) {
        case .success(let parsed): parsed.redacted
        case .failure: url
        }
    }

    package static func relabel(_ configs: [RelabelConfig], indent: String, into out: inout String) {
        for config in configs {
            var lead = indent + "- "
            func line(_ text: String) {
                out += lead + text + "\n"
                lead = indent + "  "
            }
            if !config.sourceLabels.isEmpty {
                line("source_labels: [" + config.sourceLabels.map(scalar).joined(separator: ", ") + "]")
            }
            line("separator: \(scalar(config.separator))")
            line("regex: \(scalar(config.regex.pattern))")
            if config.modulus > 0 { line("modulus: \(config.modulus)") }
            if !config.targetLabel.isEmpty { line("target_label: \(scalar(config.targetLabel))") }
            line("replacement: \(scalar(config.replacement))")
            line("action: \(config.action.rawValue)")
        }
    }

    package static func discovery(
        _ groups: [TargetGroup],
        _ files: [FileSDConfig],
        indent: String,
        directory: String = ".",
        into out: inout String
    ) {
        if !files.isEmpty {
            out += "\(indent)file_sd_configs:\n"
            for file in files {
                out += "\(indent)- files:\n"
                for name in file.files { out += "\(indent)  - \(scalar(joinPath(directory, name)))\n" }
                out += "\(indent)  refresh_interval: \(duration(file.refreshInterval))\n"
            }
        }
        if !groups.isEmpty {
            out += "\(indent)static_configs:\n"
            for group in groups {
                out += "\(indent)- targets:\n"
                for target in group.targets { out += "\(indent)  - \(scalar(target))\n" }
                if !group.labels.isEmpty {
                    out += "\(indent)  labels:\n"
                    for (name, value) in sortedMap(group.labels.map { ($0.name, $0.value) }) {
                        out += "\(indent)    \(scalar(name)): \(scalar(value))\n"
                    }
                }
            }
        }
    }

    package static func duration(_ milliseconds: Int64) -> String {
        PromDuration(milliseconds: milliseconds).description
    }

    /// alecthomas/units `Base2Bytes.String()`: `10MiB`, `1KiB512B`.
    package static func base2Bytes(_ bytes: Int) -> String {
        let magnitudes = ["", "K", "M", "G", "T", "P", "E"]
        var parts: [String] = []
        var n = bytes
        for (index, magnitude) in magnitudes.enumerated() {
            if n % 1024 != 0 || (index == 0 && n == 0) {
                parts.append("\(n % 1024)\(magnitude)\(index == 0 ? "B" : "iB")")
            }
            n /= 1024
            if n == 0 { break }
        }
        return parts.reversed().joined()
    }

    /// A string as yaml.v2 marshals it: double-quoted when plain text would read back as another type, plain when
    /// libyaml allows it in block context, single-quoted otherwise.
    package static func scalar(_ text: String) -> String {
        if text.isEmpty || resolvesToNonString(text) { return goQuote(text) }
        if isPlainSafe(text) { return text }
        if text.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7f }) { return goQuote(text) }
        return "'" + text.replacing("'", with: "''") + "'"
    }

    package static func resolvesToNonString(_ text: String) -> Bool {
        let words: Set<String> = [
            "y", "Y", "yes", "Yes", "YES", "n", "N", "no", "No", "NO", "true", "True", "TRUE", "false", "False",
            "FALSE", "on", "On", "ON", "off", "Off", "OFF", "null", "Null", "NULL", "~", ".inf", ".Inf", ".INF",
            "-.inf", "-.Inf", "-.INF", "+.inf", ".nan", ".NaN", ".NAN",
        ]
        if words.contains(text) { return true }
        let digits = text.filter { $0 != "_" }
        if Int(digits) != nil || Double(digits) != nil { return true }
        if digits.hasPrefix("0x") || digits.hasPrefix("0b") || digits.hasPrefix("0o") {
            return Int(digits.dropFirst(2), radix: digits.hasPrefix("0x") ? 16 : digits.hasPrefix("0b") ? 2 : 8) != nil
        }
        return false
    }

    /// libyaml's `yaml_emitter_analyze_scalar` for a block-context plain scalar.
    package static func isPlainSafe(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        guard let first = bytes.first, let last = bytes.last else { return false }
        if first == 0x20 || last == 0x20 { return false }
        func whitespaceAt(_ index: Int) -> Bool {
            index >= bytes.count || bytes[index] == 0x20 || bytes[index] == 0x09 || bytes[index] == 0x0a
        }
        for (index, byte) in bytes.enumerated() {
            if byte == 0x0a || byte == 0x0d || byte < 0x20 { return false }
            if index == 0 {
                switch byte {
                case UInt8(ascii: "#"), UInt8(ascii: ","), UInt8(ascii: "["), UInt8(ascii: "]"), UInt8(ascii: "{"),
                    UInt8(ascii: "}"), UInt8(ascii: "&"), UInt8(ascii: "*"), UInt8(ascii: "!"), UInt8(ascii: "|"),
                    UInt8(ascii: ">"), UInt8(ascii: "'"), UInt8(ascii: "\""), UInt8(ascii: "%"), UInt8(ascii: "@"),
                    UInt8(ascii: "`"):
                    return false
                case UInt8(ascii: "?"), UInt8(ascii: ":"), UInt8(ascii: "-"):
                    if whitespaceAt(index + 1) { return false }
                default: break
                }
            } else {
                if byte == UInt8(ascii: ":") && whitespaceAt(index + 1) { return false }
                if byte == UInt8(ascii: "#") && (bytes[index - 1] == 0x20 || bytes[index - 1] == 0x09) { return false }
            }
        }
        return true
    }
}
