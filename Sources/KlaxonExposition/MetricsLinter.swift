import KlaxonModel

/// One finding of the metrics linter: `<metric> <text>` as `promtool check metrics` prints it.
public struct LintProblem: Hashable, Sendable, CustomStringConvertible {
    public var metric: String
    public var text: String

    public init(metric: String, text: String) {
        self.metric = metric
        self.text = text
    }

    public var description: String { "\(metric) \(text)" }
}

/// The linter of `promtool check metrics` (client_golang's `promlint` as shipped with Prometheus 2.42):
/// parses a text-format body and reports naming and metadata problems per metric family, sorted by metric
/// name then text. Families without samples are not linted, as upstream drops them.
public enum MetricsLinter {
    /// Lints `body`; throws the first parse error (the body is then not linted at all, as upstream).
    public static func lint(_ body: [UInt8]) throws(ExpositionError) -> [LintProblem] {
        var parser = TextParser(body, format: .text)
        // Label-derived problems per family index, and the label signatures seen for histograms/summaries.
        var labelProblems: [Int: [String]] = [:]
        var signatures: [Int: Set<[String]>] = [:]
        while let entry = try parser.next() {
            guard entry == .series else { continue }
            let family = parser.currentFamily
            let type = parser.familyType
            var names: [String] = []
            var signature: [String] = []
            for index in 0..<parser.labelCount {
                let name = parser.labelName(at: index)
                if (type == .histogram && name == "le") || (type == .summary && name == "quantile") { continue }
                names.append(name)
                signature.append(name)
            }
            if type == .histogram || type == .summary {
                // Upstream merges all lines of one histogram/summary with the same labels into one metric.
                let labels = parser.labels()
                let key = labels.storage.filter { label in
                    !(type == .histogram && label.name == "le") && !(type == .summary && label.name == "quantile")
                        && label.name != "__name__"
                }.map { "\($0.name)=\($0.value)" }
                guard signatures[family, default: []].insert(key).inserted else { continue }
            }
            for name in names {
                if type != .untyped, type != .histogram, name == "le" {
                    labelProblems[family, default: []].append(#"non-histogram metrics should not have "le" label"#)
                }
                if type != .untyped, type != .summary, name == "quantile" {
                    labelProblems[family, default: []].append(#"non-summary metrics should not have "quantile" label"#)
                }
                if hasCamelCase(name) {
                    labelProblems[family, default: []].append(
                        "label names should be written in 'snake_case' not 'camelCase'"
                    )
                }
            }
        }
        var problems: [LintProblem] = []
        for (index, family) in parser.families.families.enumerated() where family.sampleCount > 0 {
            let name = parser.string(family.name)
            let texts = familyProblems(name: name, type: family.type ?? .untyped, hasHelp: family.hasHelp)
            problems += texts.map { LintProblem(metric: name, text: $0) }
            problems += (labelProblems[index] ?? []).map { LintProblem(metric: name, text: $0) }
        }
        // Stable sort by metric, then text (upstream's sort.SliceStable with the same key).
        let sorted = problems.enumerated().sorted { lhs, rhs in
            if lhs.element.metric != rhs.element.metric { return lhs.element.metric < rhs.element.metric }
            if lhs.element.text != rhs.element.text { return lhs.element.text < rhs.element.text }
            return lhs.offset < rhs.offset
        }
        return sorted.map(\.element)
    }

    static func familyProblems(name: String, type: MetricType, hasHelp: Bool) -> [String] {
        var texts: [String] = []
        if !hasHelp { texts.append("no help text") }
        if let (unit, base) = metricUnit(name), unit != base {
            texts.append("use base unit \"\(base)\" instead of \"\(unit)\"")
        }
        let hasTotal = name.hasSuffix("_total")
        if type == .counter, !hasTotal {
            texts.append(#"counter metrics should have "_total" suffix"#)
        } else if type != .untyped, type != .counter, hasTotal {
            texts.append(#"non-counter metrics should not have "_total" suffix"#)
        }
        if type != .untyped {
            if type != .histogram, name.hasSuffix("_bucket") {
                texts.append(#"non-histogram metrics should not have "_bucket" suffix"#)
            }
            if type != .histogram, type != .summary, name.hasSuffix("_count") {
                texts.append(#"non-histogram and non-summary metrics should not have "_count" suffix"#)
            }
            if type != .histogram, type != .summary, name.hasSuffix("_sum") {
                texts.append(#"non-histogram and non-summary metrics should not have "_sum" suffix"#)
            }
        }
        let lower = name.lowercased()
        for typeName in ["counter", "gauge", "summary", "histogram", "gauge_histogram"]
        where lower.contains("_\(typeName)_") || lower.hasSuffix("_\(typeName)") {
            texts.append("metric name should not include type '\(typeName)'")
        }
        if name.contains(":") { texts.append("metric names should not contain ':'") }
        if hasCamelCase(name) { texts.append("metric names should be written in 'snake_case' not 'camelCase'") }
        for abbreviation in unitAbbreviations
        where lower.contains("_\(abbreviation)_") || lower.hasSuffix("_\(abbreviation)") {
            texts.append("metric names should not contain abbreviated units")
        }
        return texts
    }

    /// `[a-z][A-Z]` anywhere in `name`.
    static func hasCamelCase(_ name: String) -> Bool {
        var previousLower = false
        for byte in name.utf8 {
            if previousLower, byte >= UInt8(ascii: "A"), byte <= UInt8(ascii: "Z") { return true }
            previousLower = byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z")
        }
        return false
    }

    /// The first known unit (with optional SI prefix) that is a whole `_`-separated word of `name`.
    static func metricUnit(_ name: String) -> (unit: String, base: String)? {
        let words = name.split(separator: "_", omittingEmptySubsequences: false).map(String.init)
        for (unit, base) in units {
            for prefix in unitPrefixes + [""] where words.contains(prefix + unit) {
                return (prefix + unit, base)
            }
        }
        return nil
    }

    static let units: [(String, String)] = [
        ("amperes", "amperes"), ("bytes", "bytes"), ("celsius", "celsius"), ("grams", "grams"),
        ("joules", "joules"), ("kelvin", "kelvin"), ("meters", "meters"), ("metres", "metres"),
        ("seconds", "seconds"), ("volts", "volts"),
        ("minutes", "seconds"), ("hours", "seconds"), ("days", "seconds"), ("weeks", "seconds"),
        ("kelvins", "kelvin"), ("fahrenheit", "celsius"), ("rankine", "celsius"),
        ("inches", "meters"), ("yards", "meters"), ("miles", "meters"),
        ("bits", "bytes"), ("calories", "joules"), ("pounds", "grams"), ("ounces", "grams"),
    ]

    static let unitPrefixes = [
        "pico", "nano", "micro", "milli", "centi", "deci", "deca", "hecto", "kilo", "kibi",
        "mega", "mibi", "giga", "gibi", "tera", "tebi", "peta", "pebi",
    ]

    static let unitAbbreviations = ["s", "ms", "us", "ns", "sec", "b", "kb", "mb", "gb", "tb", "pb", "m", "h", "d"]
}
