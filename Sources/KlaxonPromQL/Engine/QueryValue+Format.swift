import KlaxonModel

extension QueryValue {
    /// The text `promtool query instant` prints for a result (client_golang's `model.Value` strings):
    /// `metric{a="b"} => 1 @[1700000000.5]` per sample, `scalar: 1 @[…]`, and for matrices
    /// `metric =>` followed by one `value @[t]` line per point.
    public var promtoolText: String {
        switch self {
        case .scalar(let t, let v): return "scalar: \(formatGoFloatDecimal(v)) @[\(Self.seconds(t))]"
        case .string(let t, let s): return "\(s) @[\(Self.seconds(t))]"
        case .vector(let samples):
            return samples.map {
                "\($0.labels.seriesDescription) => \(formatGoFloatDecimal($0.v)) @[\(Self.seconds($0.t))]"
            }
            .joined(separator: "\n")
        case .matrix(let series):
            return series.map { s in
                ([s.labels.seriesDescription + " =>"]
                    + s.samples.map { "\(formatGoFloatDecimal($0.v)) @[\(Self.seconds($0.t))]" })
                    .joined(separator: "\n")
            }.joined(separator: "\n")
        }
    }

    /// The JSON `promtool query instant -o json` prints (client_golang's `model.Value` through Go's `json.Encoder`):
    /// `[{"metric":{…},"value":[t,"v"]}]` for vectors, `"values":[[t,"v"],…]` for matrices, `[t,"v"]` for scalars
    /// and strings; label names in byte order, HTML characters escaped as `\u003c`.
    public var promtoolJSON: String {
        func sample(_ t: Timestamp, _ v: String) -> String { "[\(Self.seconds(t)),\(Self.jsonString(v))]" }
        func metric(_ labels: Labels) -> String {
            "{" + labels.map { "\(Self.jsonString($0.name)):\(Self.jsonString($0.value))" }.joined(separator: ",") + "}"
        }
        switch self {
        case .scalar(let t, let v): return sample(t, formatGoFloatDecimal(v))
        case .string(let t, let s): return sample(t, s)
        case .vector(let samples):
            let items = samples.map {
                "{\"metric\":\(metric($0.labels)),\"value\":\(sample($0.t, formatGoFloatDecimal($0.v)))}"
            }
            return "[" + items.joined(separator: ",") + "]"
        case .matrix(let series):
            let items = series.map { s in
                let values = s.samples.map { sample($0.t, formatGoFloatDecimal($0.v)) }.joined(separator: ",")
                return "{\"metric\":\(metric(s.labels)),\"values\":[\(values)]}"
            }
            return "[" + items.joined(separator: ",") + "]"
        }
    }

    /// A JSON string as Go's `encoding/json` writes it with HTML escaping on (the `json.Encoder` default).
    static func jsonString(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "<", ">", "&", "\u{2028}", "\u{2029}",
                _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }

    /// Milliseconds as Go's `model.Time.String()`: seconds with the shortest decimal fraction.
    static func seconds(_ t: Timestamp) -> String {
        let sign = t < 0 ? "-" : ""
        let magnitude = t.magnitude
        let whole = magnitude / 1000
        let fraction = magnitude % 1000
        if fraction == 0 { return "\(sign)\(whole)" }
        var digits = String(fraction)
        while digits.count < 3 { digits = "0" + digits }
        while digits.hasSuffix("0") { digits.removeLast() }
        return "\(sign)\(whole).\(digits)"
    }
}
