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
