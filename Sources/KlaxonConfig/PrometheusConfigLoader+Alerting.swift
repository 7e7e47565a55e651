import KlaxonModel
import KlaxonYAML

extension PrometheusConfigLoader {
    // MARK: alerting

    static func decodeAlerting(_ node: YAMLNode, reader: inout NodeReader) -> AlertingConfig? {
        let before = reader.typeErrors.count
        var alerting = AlertingConfig()
        var relabelNull = false
        reader.forEachField(of: node, goType: "config.plain", known: ["alert_relabel_configs", "alertmanagers"]) {
            reader,
            name,
            value in
            switch name {
            case "alert_relabel_configs":
                let (configs, hasNull) = decodeRelabelConfigs(value, reader: &reader)
                alerting.alertRelabelConfigs = configs
                relabelNull = hasNull
            default:
                guard let items = reader.sequence(value, goType: "[]*config.AlertmanagerConfig") else { return }
                for item in items {
                    if reader.aborted { return }
                    if let config = decodeAlertmanager(item, reader: &reader) { alerting.alertmanagers.append(config) }
                }
            }
        }
        if reader.aborted || reader.typeErrors.count != before { return nil }
        if relabelNull {
            reader.fail("empty or null alert relabeling rule")
            return nil
        }
        return alerting
    }

    static let alertmanagerFields: Set<String> = Set<String>([
        "scheme", "path_prefix", "timeout", "api_version", "relabel_configs", "static_configs", "file_sd_configs",
    ])
    .union(httpFields).union(otherDiscovery)

    static func decodeAlertmanager(_ node: YAMLNode, reader: inout NodeReader) -> AlertmanagerConfig? {
        let before = reader.typeErrors.count
        var config = AlertmanagerConfig()
        var http = HTTPDecoding()
        var relabelNull = false
        reader.forEachField(of: node, goType: "config.AlertmanagerConfig", known: alertmanagerFields) {
            reader,
            name,
            value in
            switch name {
            case "scheme": config.scheme = reader.string(value) ?? ""
            case "path_prefix": config.pathPrefix = reader.string(value) ?? ""
            case "timeout": config.timeout = reader.milliseconds(value) ?? 0
            case "api_version":
                guard let text = reader.string(value) else { return }
                guard let version = AlertmanagerConfig.APIVersion(rawValue: text) else {
                    reader.fail("expected Alertmanager api version to be one of [v1 v2] but got \(text)")
                    return
                }
                config.apiVersion = version
            case "relabel_configs":
                let (configs, hasNull) = decodeRelabelConfigs(value, reader: &reader)
                config.relabelConfigs = configs
                relabelNull = hasNull
            case "static_configs": config.staticConfigs = decodeStaticConfigs(value, reader: &reader)
            case "file_sd_configs": config.fileSDConfigs = decodeFileSDConfigs(value, reader: &reader)
            default:
                if httpFields.contains(name) { http.decode(name, value, reader: &reader) }
            }
        }
        if reader.aborted || reader.typeErrors.count != before { return nil }
        guard let client = http.validate(reader: &reader) else { return nil }
        config.http = client
        if config.relabelConfigs.isEmpty {
            for group in config.staticConfigs {
                for target in group.targets where target.contains("/") {
                    reader.fail("\(goQuote(target)) is not a valid hostname")
                    return nil
                }
            }
        }
        if relabelNull {
            reader.fail("empty or null Alertmanager target relabeling rule")
            return nil
        }
        return config
    }
}
