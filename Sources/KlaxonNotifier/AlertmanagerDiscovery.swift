public import KlaxonConfig
import KlaxonDiscovery
import KlaxonModel

extension AlertmanagerConfig {
    /// The Alertmanager push URLs as Prometheus 2.42's notifier finds them: static and file_sd groups (file paths
    /// relative to `directory`), `__address__`/`__scheme__`/`__alerts_path__` relabeled by `relabel_configs`,
    /// a port inferred from the scheme when missing. Targets dropped or left without an address are skipped;
    /// invalid ones are returned in `errors` with Prometheus' wording.
    public func discoverURLs(directory: String = ".") -> (urls: [String], errors: [String]) {
        var groups = staticConfigs
        var errors: [String] = []
        if !fileSDConfigs.isEmpty {
            let loaded = FileSD.load(patterns: fileSDConfigs.flatMap(\.files).map { joinPath(directory, $0) })
            groups += loaded.groups
            errors += loaded.errors
        }
        var urls: [String] = []
        for group in groups {
            for address in group.targets {
                var labels = group.labels.setting(addressLabel, to: address)
                if !labels.has("__scheme__") { labels = labels.setting("__scheme__", to: scheme) }
                if !labels.has("__alerts_path__") { labels = labels.setting("__alerts_path__", to: alertsPath) }
                guard let relabeled = Relabel.process(labels, relabelConfigs) else { continue }
                guard var host = relabeled.value(of: addressLabel), !host.isEmpty else { continue }
                let targetScheme = relabeled["__scheme__"]
                if !hasPort(host) && hasPort(host + ":1234") {
                    switch targetScheme {
                    case "http", "": host += ":80"
                    case "https": host += ":443"
                    default:
                        errors.append("invalid scheme: \(goQuote(targetScheme))")
                        continue
                    }
                }
                if host.contains("/") {
                    errors.append("\(goQuote(host)) is not a valid hostname")
                    continue
                }
                urls.append("\(targetScheme)://\(host)\(relabeled["__alerts_path__"])")
            }
        }
        return (urls, errors)
    }
}
