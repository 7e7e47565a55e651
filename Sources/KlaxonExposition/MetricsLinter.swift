/// `promtool check metrics` for Prometheus 2.42: client_golang's text parser (family assembly and its extra
/// checks) followed by promlint's rules. Problems are sorted by metric name, then text, as promlint sorts them.
public struct MetricsLinter {
    public struct Problem: Sendable, Hashable {
        public var metric: String
        public var text: String
    }

    public init() {}

    /// Lints a text-format exposition. Throws on a parse error (promtool then prints only the error).
    public func lint(_ body: [UInt8]) throws(ExpositionError) -> [Problem] {
        var assembler = FamilyAssembler()
        var parser = TextParser(format: .text)
        try parser.parse(body, into: &assembler)
        var problems: [Problem] = []
        for family in assembler.families.values where family.metricCount > 0 {
            problems.append(contentsOf: Self.lint(family))
        }
        // A stable sort of an unordered list; equal pairs are identical, so the order is fully determined.
        problems.sort { lhs, rhs in
            lhs.metric == rhs.metric ? lhs.text < rhs.text : lhs.metric < rhs.metric
        }
        return problems
    }

    static func lint(_ family: Family) -> [Problem] {
        var texts: [String] = []
        let name = family.name
        let type = family.type ?? .untyped
        if family.help == nil { texts.append("no help text") }
        if let (unit, base) = metricUnit(name), unit != base {
            texts.append("use base unit \"\(base)\" instead of \"\(unit)\"")
        }
        let isCounter = type == .counter
        let hasTotal = name.hasSuffix("_total")
        if isCounter && !hasTotal {
            texts.append("counter metrics should have \"_total\" suffix")
        } else if type != .untyped && !isCounter && hasTotal {
            texts.append("non-counter metrics should not have \"_total\" suffix")
        }
        if type != .untyped {
            let isHistogram = type == .histogram
            let isSummary = type == .summary
            if !isHistogram && name.hasSuffix("_bucket") {
                texts.append("non-histogram metrics should not have \"_bucket\" suffix")
            }
            if !isHistogram && !isSummary && name.hasSuffix("_count") {
                texts.append("non-histogram and non-summary metrics should not have \"_count\" suffix")
            }
            if !isHistogram && !isSummary && name.hasSuffix("_sum") {
                texts.append("non-histogram and non-summary metrics should not have \"_sum\" suffix")
            }
            for labelNames in family.metricLabelNames {
                for label in labelNames {
                    if !isHistogram && label == "le" {
                        texts.append("non-histogram metrics should not have \"le\" label")
                    }
                    if !isSummary && label == "quantile" {
                        texts.append("non-summary metrics should not have \"quantile\" label")
                    }
                }
            }
        }
        let lower = name.lowercased()
        for typeName in ["counter", "gauge", "summary", "histogram", "gauge_histogram"]
        where lower.contains("_" + typeName + "_") || lower.hasSuffix("_" + typeName) {
            texts.append("metric name should not include type '\(typeName)'")
        }
        if name.contains(":") { texts.append("metric names should not contain ':'") }
        if hasCamelCase(name) { texts.append("metric names should be written in 'snake_case' not 'camelCase'") }
        for labelNames in family.metricLabelNames {
            for label in labelNames where hasCamelCase(label) {
                texts.append("label names should be written in 'snake_case' not 'camelCase'")
            }
        }
        for abbreviation in unitAbbreviations
        where lower.contains("_" + abbreviation + "_") || lower.hasSuffix("_" + abbreviation) {
            texts.append("metric names should not contain abbreviated units")
        }
        return texts.map { Problem(metric: name, text: $0) }
    }

    private static let units: [(String, String)] = [
        ("amperes", "amperes"), ("bytes", "bytes"), ("celsius", "celsius"), ("grams", "grams"),
        ("joules", "joules"), ("kelvin", "kelvin"), ("meters", "meters"), ("metres", "metres"),
        ("seconds", "seconds"), ("volts", "volts"), ("minutes", "seconds"), ("hours", "seconds"),
        ("days", "seconds"), ("weeks", "seconds"), ("kelvins", "kelvin"), ("fahrenheit", "celsius"),
        ("rankine", "celsius"), ("inches", "meters"), ("yards", "meters"), ("miles", "meters"), ("bits", "bytes"),
        ("calories", "joules"), ("pounds", "grams"), ("ounces", "grams"),
    ]
    private static let unitPrefixes = [
        "pico", "nano", "micro", "milli", "centi", "deci", "deca", "hecto", "kilo", "kibi", "mega", "mibi", "giga",
        "gibi", "tera", "tebi", "peta", "pebi", "",
    ]
    private static let unitAbbreviations = [
        "s", "ms", "us", "ns", "sec", "b", "kb", "mb", "gb", "tb", "pb", "m", "h", "d",
    ]

    static func metricUnit(_ name: String) -> (String, String)? {
        let parts = name.split(separator: "_", omittingEmptySubsequences: false)
        for (unit, base) in units {
            for prefix in unitPrefixes where parts.contains(where: { $0 == prefix + unit }) {
                return (prefix + unit, base)
            }
        }
        return nil
    }

    static func hasCamelCase(_ name: String) -> Bool {
        var previousLower = false
        for byte in name.utf8 {
            let isLower = byte >= 97 && byte <= 122
            if previousLower && byte >= 65 && byte <= 90 { return true }
            previousLower = isLower
        }
        return false
    }
}

/// A metric family as client_golang's text parser assembles it.
struct Family {
    var name: String
    var help: String?
    var type: MetricType?
    var metricCount: Int { metricLabelNames.count }
    /// Label names of each metric of the family (for summaries and histograms, one metric per label signature
    /// without `quantile`/`le`, which are not labels of the metric).
    var metricLabelNames: [[String]] = []
    var signatures: [String: Int] = [:]
}

/// Rebuilds client_golang's families from parse events, with the checks its parser makes beyond syntax.
struct FamilyAssembler: ExpositionConsumer {
    var families: [String: Family] = [:]

    /// client_golang's `setOrCreateCurrentMF`: `x_sum`/`x_count` (and `x_bucket`) of an existing summary
    /// (histogram) family belong to it; any other name is a family of its own.
    mutating func familyName(for name: String) -> String {
        if families[name] != nil { return name }
        for suffix in ["_sum", "_count"] where name.hasSuffix(suffix) {
            let base = String(name.dropLast(suffix.count))
            if families[base]?.type == .summary { return base }
        }
        for suffix in ["_sum", "_count", "_bucket"] where name.hasSuffix(suffix) {
            let base = String(name.dropLast(suffix.count))
            if families[base]?.type == .histogram { return base }
        }
        families[name] = Family(name: name)
        return name
    }

    mutating func consume(_ event: ExpositionEvent) throws(ExpositionError) {
        switch event {
        case .help(let name, let text, let line):
            let key = familyName(for: String(decoding: name, as: UTF8.self))
            if families[key]?.help != nil {
                throw ExpositionError(line: line, reason: "second HELP line for metric name \(goQuotedString(key))")
            }
            families[key]?.help = text
        case .type(let name, let type, let line):
            let key = familyName(for: String(decoding: name, as: UTF8.self))
            if families[key]?.type != nil {
                throw ExpositionError(
                    line: line,
                    reason: "second TYPE line for metric name \(goQuotedString(key)), or TYPE reported after samples"
                )
            }
            families[key]?.type = type
        case .unit:
            break
        case .sample(let sample):
            let sampleName = sample.nameString
            let key = familyName(for: sampleName)
            guard var family = families[key] else { return }
            if family.type == nil { family.type = .untyped }
            let special: String? =
                family.type == .summary ? "quantile" : family.type == .histogram ? "le" : nil
            var names: [String] = []
            var signature = ""
            for index in 0..<sample.labelSpans.count {
                let labelName = sample.labelName(index)
                if labelName == special {
                    let value = sample.labelValue(index)
                    let parsed = Array(value.utf8).withUnsafeBufferPointer { NumberParsing.parseFloat($0) }
                    if parsed == nil {
                        throw ExpositionError(
                            line: sample.line,
                            reason: "expected float as value for '\(labelName)' label, got \(goQuotedString(value))"
                        )
                    }
                    continue
                }
                names.append(labelName)
                signature += labelName + "\u{ff}" + sample.labelValue(index) + "\u{ff}"
            }
            if special != nil {
                if family.signatures[signature] == nil {
                    family.signatures[signature] = family.metricLabelNames.count
                    family.metricLabelNames.append(names)
                }
            } else {
                family.metricLabelNames.append(names)
            }
            families[key] = family
        }
    }
}
