public import KlaxonModel

/// A scrape target after relabeling (Prometheus' `scrape.Target`).
public struct Target: Sendable, Hashable {
    /// The labels before relabeling: group labels, `__address__`, `job`, `__scheme__`, `__metrics_path__`, …
    public var discoveredLabels: Labels
    /// The labels every scraped sample gets (no `__`-prefixed labels).
    public var labels: Labels
    public var scrapeURL: String
    public var interval: Int64
    public var timeout: Int64

    /// The hash Prometheus uses to spread targets over the interval (labels and URL).
    var hash: UInt64 {
        var value = labels.fingerprint
        for byte in scrapeURL.utf8 {
            value ^= UInt64(byte)
            value &*= 0x100_0000_01b3
        }
        return value
    }
}

/// The outcome of building one discovered target.
enum TargetBuild {
    case active(Target)
    /// Dropped by relabeling: kept for `/api/v1/targets` with its discovered labels.
    case dropped(Labels)
    /// Invalid after relabeling (Prometheus logs and skips it).
    case invalid(Labels, String)
}

/// Prometheus' `PopulateLabels` (2.42): defaults, target relabeling, `instance`, validation, the scrape URL.
enum TargetBuilder {
    static func build(address: String, group: TargetGroup, config: ScrapeConfig) -> TargetBuild {
        var base = group.labels.setting(addressLabel, to: address)
        let defaults: [(String, String)] = [
            ("job", config.jobName),
            ("__scrape_interval__", PromDuration(milliseconds: config.scrapeInterval).description),
            ("__scrape_timeout__", PromDuration(milliseconds: config.scrapeTimeout).description),
            ("__metrics_path__", config.metricsPath),
            ("__scheme__", config.scheme),
        ]
        for (name, value) in defaults where !base.has(name) { base = base.setting(name, to: value) }
        for param in config.params {
            let name = "__param_" + param.name
            if !base.has(name), let first = param.values.first { base = base.setting(name, to: first) }
        }
        let discovered = base
        guard let relabeled = Relabel.process(base, config.relabelConfigs) else { return .dropped(discovered) }
        guard let address = relabeled.value(of: addressLabel), !address.isEmpty else {
            return .invalid(discovered, "no address")
        }
        guard let interval = PromDuration(parsing: relabeled["__scrape_interval__"]) else {
            return .invalid(
                discovered,
                "error parsing scrape interval: not a valid duration string: "
                    + goQuote(relabeled["__scrape_interval__"])
            )
        }
        guard let timeout = PromDuration(parsing: relabeled["__scrape_timeout__"]) else {
            return .invalid(
                discovered,
                "error parsing scrape timeout: not a valid duration string: "
                    + goQuote(relabeled["__scrape_timeout__"])
            )
        }
        if interval.milliseconds == 0 { return .invalid(discovered, "scrape interval cannot be 0") }
        if timeout.milliseconds == 0 { return .invalid(discovered, "scrape timeout cannot be 0") }
        if timeout > interval {
            return .invalid(
                discovered,
                "scrape timeout cannot be greater than scrape interval (\(goQuote(timeout.description)) > "
                    + "\(goQuote(interval.description)))"
            )
        }
        let url = scrapeURL(relabeled, config: config)
        var final: [Label] = []
        for label in relabeled where !label.name.hasPrefix("__") { final.append(label) }
        var labels = Labels(sortedUnchecked: final)
        if !labels.has("instance") { labels = labels.setting("instance", to: address) }
        return .active(
            Target(
                discoveredLabels: discovered,
                labels: labels,
                scrapeURL: url,
                interval: interval.milliseconds,
                timeout: timeout.milliseconds
            )
        )
    }

    /// `scheme://address/metrics_path?params`: config params overridden by `__param_*` labels, sorted by name
    /// and form-encoded as Go's `url.Values.Encode`.
    static func scrapeURL(_ labels: Labels, config: ScrapeConfig) -> String {
        var params: [String: [String]] = [:]
        for param in config.params { params[param.name] = param.values }
        for label in labels where label.name.hasPrefix("__param_") {
            let name = String(label.name.dropFirst("__param_".count))
            if var values = params[name], !values.isEmpty {
                values[0] = label.value
                params[name] = values
            } else {
                params[name] = [label.value]
            }
        }
        var path = labels["__metrics_path__"]
        if !path.hasPrefix("/") { path = "/" + path }
        var url = labels["__scheme__"] + "://" + labels[addressLabel] + path
        if !params.isEmpty {
            let query = params.keys.sorted().flatMap { name in
                (params[name] ?? []).map { formEncode(name) + "=" + formEncode($0) }
            }
            url += "?" + query.joined(separator: "&")
        }
        return url
    }

    /// Go's `url.QueryEscape`.
    static func formEncode(_ text: String) -> String {
        var out = ""
        let hex = Array("0123456789ABCDEF")
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "."),
                UInt8(ascii: "~"):
                out.unicodeScalars.append(Unicode.Scalar(byte))
            case UInt8(ascii: " "):
                out += "+"
            default:
                out += "%"
                out.append(hex[Int(byte >> 4)])
                out.append(hex[Int(byte & 0xf)])
            }
        }
        return out
    }
}

let addressLabel = "__address__"
