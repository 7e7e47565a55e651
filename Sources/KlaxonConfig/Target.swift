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

    /// Prometheus 2.42's `Target.hash()`, which spreads targets over the interval: FNV-1a over the
    /// zero-padded decimal `labels.Hash()` of every label after relabeling (the `__address__`,
    /// `__scheme__`, `__metrics_path__`, `__scrape_*__` and `__param_*` ones included), then the scrape URL.
    public var hash: UInt64

    public init(
        discoveredLabels: Labels,
        labels: Labels,
        scrapeURL: String,
        interval: Int64,
        timeout: Int64,
        hash: UInt64
    ) {
        self.discoveredLabels = discoveredLabels
        self.labels = labels
        self.scrapeURL = scrapeURL
        self.interval = interval
        self.timeout = timeout
        self.hash = hash
    }

    package static func spreadHash(allLabels: Labels, scrapeURL: String) -> UInt64 {
        var digits = String(XXHash64.hash(labels: allLabels))
        if digits.utf8.count < 16 { digits = String(repeating: "0", count: 16 - digits.utf8.count) + digits }
        return FNV1a64.hash(digits.utf8, scrapeURL.utf8)
    }
}

/// The outcome of building one discovered target.
package enum TargetBuild {
    case active(Target)
    /// Dropped by relabeling: kept for `/api/v1/targets` with its discovered labels.
    case dropped(Labels)
    /// Invalid after relabeling (Prometheus logs and skips it).
    case invalid(Labels, String)
}

/// Prometheus' `PopulateLabels` (2.42): defaults, target relabeling, `instance`, validation, the scrape URL.
package enum TargetBuilder {
    package static func build(address: String, group: TargetGroup, config: ScrapeConfig) -> TargetBuild {
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
        guard var relabeled = Relabel.process(base, config.relabelConfigs) else { return .dropped(discovered) }
        guard var address = relabeled.value(of: addressLabel), !address.isEmpty else {
            return .invalid(discovered, "no address")
        }
        // Without a port, Prometheus 2.42 infers it from the scheme (no `no-default-scrape-port` feature).
        if !hasPort(address) && hasPort(address + ":1234") {
            switch relabeled["__scheme__"] {
            case "http", "": address += ":80"
            case "https": address += ":443"
            default: return .invalid(discovered, "invalid scheme: \(goQuote(config.scheme))")
            }
            relabeled = relabeled.setting(addressLabel, to: address)
        }
        if address.contains("/") { return .invalid(discovered, "\(goQuote(address)) is not a valid hostname") }
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
        var all: [Label] = []
        for label in relabeled where !label.name.hasPrefix("__meta_") { all.append(label) }
        var allLabels = Labels(sortedUnchecked: all)
        if !allLabels.has("instance") { allLabels = allLabels.setting("instance", to: address) }
        let labels = Labels(sortedUnchecked: allLabels.filter { !$0.name.hasPrefix("__") })
        return .active(
            Target(
                discoveredLabels: discovered,
                labels: labels,
                scrapeURL: url,
                interval: interval.milliseconds,
                timeout: timeout.milliseconds,
                hash: Target.spreadHash(allLabels: allLabels, scrapeURL: url)
            )
        )
    }

    /// `scheme://address/metrics_path?params`: config params overridden by `__param_*` labels, sorted by name
    /// and form-encoded as Go's `url.Values.Encode`.
    package static func scrapeURL(_ labels: Labels, config: ScrapeConfig) -> String {
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

package let addressLabel = "__address__"

/// Whether Go's `net.SplitHostPort` accepts `address` (`host:port` or `[v6]:port`).
package func hasPort(_ address: String) -> Bool {
    let bytes = Array(address.utf8)
    let colon = UInt8(ascii: ":")
    if bytes.first == UInt8(ascii: "[") {
        guard let end = bytes.firstIndex(of: UInt8(ascii: "]")), end + 1 < bytes.count, bytes[end + 1] == colon else {
            return false
        }
        let rest = bytes[(end + 1)...]
        return !rest.dropFirst().contains(colon) && !rest.contains(UInt8(ascii: "["))
            && !rest.contains(UInt8(ascii: "]")) && !bytes[1..<end].contains(UInt8(ascii: "["))
    }
    guard let last = bytes.lastIndex(of: colon) else { return false }
    let host = bytes[..<last]
    return !host.contains(colon) && !host.contains(UInt8(ascii: "[")) && !host.contains(UInt8(ascii: "]"))
}

/// Target validation for `check config`.
public enum TargetValidation {
    /// Why the target cannot be scraped after relabeling (Prometheus' `PopulateLabels` error), nil when it is
    /// valid or dropped.
    public static func problem(address: String, group: TargetGroup, config: ScrapeConfig) -> String? {
        if case .invalid(_, let reason) = TargetBuilder.build(address: address, group: group, config: config) {
            return reason
        }
        return nil
    }
}
