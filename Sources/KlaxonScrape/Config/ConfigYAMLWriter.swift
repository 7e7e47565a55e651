import KlaxonModel

/// Renders a loaded config the way `/api/v1/status/config` shows it: Prometheus' field order, defaults filled in,
/// durations in Prometheus notation and every secret as `<secret>`. Fields Klaxon does not model are omitted.
enum ConfigYAMLWriter {
    static func render(_ config: PrometheusConfig) -> String {
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
                    http(am.http, first: "  - ", indent: "    ", into: &out)
                    out += "    scheme: \(am.scheme)\n"
                    out += "    path_prefix: \(scalar(am.pathPrefix))\n"
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

    static func render(_ scrape: ScrapeConfig, into out: inout String) {
        out += "- job_name: \(scalar(scrape.jobName))\n"
        out += "  honor_labels: \(scrape.honorLabels)\n"
        out += "  honor_timestamps: \(scrape.honorTimestamps)\n"
        if !scrape.params.isEmpty {
            out += "  params:\n"
            for param in scrape.params {
                out += "    \(scalar(param.name)):\n"
                for value in param.values { out += "    - \(scalar(value))\n" }
            }
        }
        out += "  scrape_interval: \(duration(scrape.scrapeInterval))\n"
        out += "  scrape_timeout: \(duration(scrape.scrapeTimeout))\n"
        out += "  metrics_path: \(scalar(scrape.metricsPath))\n"
        out += "  scheme: \(scalar(scrape.scheme))\n"
        if scrape.bodySizeLimit > 0 { out += "  body_size_limit: \(scrape.bodySizeLimit)B\n" }
        if scrape.sampleLimit > 0 { out += "  sample_limit: \(scrape.sampleLimit)\n" }
        if scrape.targetLimit > 0 { out += "  target_limit: \(scrape.targetLimit)\n" }
        if scrape.labelLimit > 0 { out += "  label_limit: \(scrape.labelLimit)\n" }
        if scrape.labelNameLengthLimit > 0 { out += "  label_name_length_limit: \(scrape.labelNameLengthLimit)\n" }
        if scrape.labelValueLengthLimit > 0 { out += "  label_value_length_limit: \(scrape.labelValueLengthLimit)\n" }
        http(scrape.http, first: "  ", indent: "  ", into: &out)
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

    static func http(_ config: HTTPClientConfig, first: String, indent: String, into out: inout String) {
        var lead = first
        func line(_ text: String) {
            out += lead + text + "\n"
            lead = indent
        }
        if let auth = config.basicAuth {
            line("basic_auth:")
            out += "\(indent)  username: \(scalar(auth.username))\n"
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
        line("tls_config:")
        if !config.tls.caFile.isEmpty { out += "\(indent)  ca_file: \(scalar(config.tls.caFile))\n" }
        if !config.tls.certFile.isEmpty { out += "\(indent)  cert_file: \(scalar(config.tls.certFile))\n" }
        if !config.tls.keyFile.isEmpty { out += "\(indent)  key_file: \(scalar(config.tls.keyFile))\n" }
        if !config.tls.serverName.isEmpty { out += "\(indent)  server_name: \(scalar(config.tls.serverName))\n" }
        out += "\(indent)  insecure_skip_verify: \(config.tls.insecureSkipVerify)\n"
        if !config.proxyURL.isEmpty { line("proxy_url: \(scalar(config.proxyURL))") }
        line("follow_redirects: \(config.followRedirects)")
        line("enable_http2: \(config.enableHTTP2)")
    }

    static func relabel(_ configs: [RelabelConfig], indent: String, into out: inout String) {
        for config in configs {
            var lead = indent + "- "
            func line(_ text: String) {
                out += lead + text + "\n"
                lead = indent + "  "
            }
            if !config.sourceLabels.isEmpty {
                line("source_labels: [" + config.sourceLabels.joined(separator: ", ") + "]")
            }
            line("separator: \(scalar(config.separator))")
            if config.modulus > 0 { line("modulus: \(config.modulus)") }
            if !config.targetLabel.isEmpty { line("target_label: \(scalar(config.targetLabel))") }
            line("regex: \(scalar(config.regex.pattern))")
            line("replacement: \(scalar(config.replacement))")
            line("action: \(config.action.rawValue)")
        }
    }

    static func discovery(_ groups: [TargetGroup], _ files: [FileSDConfig], indent: String, into out: inout String) {
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

    static func duration(_ milliseconds: Int64) -> String { PromDuration(milliseconds: milliseconds).description }

    /// A plain YAML scalar when safe, else a double-quoted one (as go-yaml quotes ambiguous strings).
    static func scalar(_ text: String) -> String {
        if text.isEmpty { return "\"\"" }
        let plainSafe = text.utf8.allSatisfy { byte in
            (byte >= 48 && byte <= 57) || ((byte | 0x20) >= 97 && (byte | 0x20) <= 122)
                || [UInt8(ascii: "_"), UInt8(ascii: "/"), UInt8(ascii: "."), UInt8(ascii: "-")].contains(byte)
                || byte == UInt8(ascii: ":") || byte >= 0x80
        }
        let ambiguous = ["true", "false", "yes", "no", "on", "off", "null", "~", "y", "n"].contains(text.lowercased())
        let leading = text.first.map { "-.:".contains($0) || $0.isNumber } ?? false
        if plainSafe && !ambiguous && !leading && !text.hasSuffix(":") { return text }
        return goQuote(text)
    }
}
