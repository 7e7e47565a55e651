import KlaxonModel

/// Renders a loaded config as Prometheus 2.42's `/api/v1/status/config` shows it (yaml.v2 marshalling of the
/// loaded config): its field order, defaults filled in, empty fields omitted, secrets as `<secret>`.
/// Fields Klaxon does not model (remote write, storage, other discovery mechanisms) are not shown.
package enum ConfigYAMLWriter {
    package static func render(_ config: PrometheusConfig) -> String {
        var out = "global:\n"
        out += "  scrape_interval: \(duration(config.global.scrapeInterval))\n"
        out += "  scrape_timeout: \(duration(config.global.scrapeTimeout))\n"
        out += "  evaluation_interval: \(duration(config.global.evaluationInterval))\n"
        if !config.global.externalLabels.isEmpty {
            out += "  external_labels:\n"
            for label in config.global.externalLabels { out += "    \(label.name): \(scalar(label.value))\n" }
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
                    http(am.http, indent: "    ", lead: &lead, into: &out)
                    out += "\(lead)scheme: \(scalar(am.scheme))\n"
                    if !am.pathPrefix.isEmpty { out += "    path_prefix: \(scalar(am.pathPrefix))\n" }
                    out += "    timeout: \(duration(am.timeout))\n"
                    out += "    api_version: \(am.apiVersion.rawValue)\n"
                    if !am.relabelConfigs.isEmpty {
                        out += "    relabel_configs:\n"
                        relabel(am.relabelConfigs, indent: "    ", into: &out)
                    }
                    discovery(am.staticConfigs, am.fileSDConfigs, indent: "    ", into: &out)
                }
            }
        }
        if !config.ruleFiles.isEmpty {
            out += "rule_files:\n"
            for file in config.ruleFiles { out += "- \(scalar(config.resolve(file)))\n" }
        }
        if !config.scrapeConfigs.isEmpty {
            out += "scrape_configs:\n"
            for scrape in config.scrapeConfigs { render(scrape, into: &out) }
        }
        return out
    }

    package static func render(_ scrape: ScrapeConfig, into out: inout String) {
        out += "- job_name: \(scalar(scrape.jobName))\n"
        if scrape.honorLabels { out += "  honor_labels: true\n" }
        out += "  honor_timestamps: \(scrape.honorTimestamps)\n"
        if !scrape.params.isEmpty {
            out += "  params:\n"
            // A Go map: yaml.v2 writes its keys sorted.
            for param in scrape.params.sorted(by: { $0.name < $1.name }) {
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
        http(scrape.http, indent: "  ", lead: &lead, into: &out)
        if !scrape.relabelConfigs.isEmpty {
            out += "  relabel_configs:\n"
            relabel(scrape.relabelConfigs, indent: "  ", into: &out)
        }
        if !scrape.metricRelabelConfigs.isEmpty {
            out += "  metric_relabel_configs:\n"
            relabel(scrape.metricRelabelConfigs, indent: "  ", into: &out)
        }
        discovery(scrape.staticConfigs, scrape.fileSDConfigs, indent: "  ", into: &out)
    }

    /// The inline `HTTPClientConfig` fields; `lead` is the prefix of the first line written (a list item's `- `).
    package static func http(_ config: HTTPClientConfig, indent: String, lead: inout String, into out: inout String) {
        func line(_ text: String) {
            out += lead + text + "\n"
            lead = indent
        }
        if let auth = config.basicAuth {
            line("basic_auth:")
            if !auth.username.isEmpty { out += "\(indent)  username: \(scalar(auth.username))\n" }
            switch auth.password {
            case .inline: out += "\(indent)  password: <secret>\n"
            case .file(let path): out += "\(indent)  password_file: \(scalar(path))\n"
            case nil: break
            }
        }
        if let authorization = config.authorization {
            line("authorization:")
            out += "\(indent)  type: \(scalar(authorization.type))\n"
            switch authorization.credentials {
            case .inline: out += "\(indent)  credentials: <secret>\n"
            case .file(let path): out += "\(indent)  credentials_file: \(scalar(path))\n"
            case nil: break
            }
        }
        if !config.proxyURL.isEmpty { line("proxy_url: \(scalar(config.proxyURL))") }
        let tls = config.tls
        let tlsFields: [(String, String)] = [
            ("ca_file", tls.caFile), ("cert_file", tls.certFile), ("key_file", tls.keyFile),
            ("server_name", tls.serverName),
        ]
        // A non-zero TLSConfig prints whole: insecure_skip_verify has no omitempty; min_version marshals as the
        // number of Go's tls.VersionTLS1x constant (771 for TLS12), as 2.42 shows it.
        if tlsFields.contains(where: { !$0.1.isEmpty }) || tls.insecureSkipVerify || tls.minVersion != nil {
            line("tls_config:")
            for (name, value) in tlsFields where !value.isEmpty { out += "\(indent)  \(name): \(scalar(value))\n" }
            out += "\(indent)  insecure_skip_verify: \(tls.insecureSkipVerify)\n"
            if let version = tls.minVersion { out += "\(indent)  min_version: \(version)\n" }
        }
        line("follow_redirects: \(config.followRedirects)")
        line("enable_http2: \(config.enableHTTP2)")
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
        into out: inout String
    ) {
        if !files.isEmpty {
            out += "\(indent)file_sd_configs:\n"
            for file in files {
                out += "\(indent)- files:\n"
                for name in file.files { out += "\(indent)  - \(scalar(name))\n" }
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
                    for label in group.labels { out += "\(indent)    \(label.name): \(scalar(label.value))\n" }
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
