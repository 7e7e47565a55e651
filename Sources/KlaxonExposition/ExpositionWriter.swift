public import KlaxonModel

/// Renders metric families in the text exposition format 0.0.4 (what Klaxon serves on `/metrics` and
/// `/federate`), byte-compatible with Go's `expfmt` output: escaping, `+Inf`/`-Inf`/`NaN`, and floats in Go's
/// shortest `%g` form (`1e+06`, `0.0001`, `1.5e-05`).
public struct ExpositionWriter {
    /// The rendered exposition so far.
    public private(set) var bytes: [UInt8] = []

    public init(reservingCapacity capacity: Int = 4096) {
        bytes.reserveCapacity(capacity)
    }

    /// The rendered exposition as a string.
    public var text: String { String(decoding: bytes, as: UTF8.self) }

    /// `# HELP name text` with `\` and newlines escaped.
    public mutating func help(_ name: String, _ text: String) {
        append("# HELP ")
        append(name)
        bytes.append(UInt8(ascii: " "))
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\\"): append("\\\\")
            case UInt8(ascii: "\n"): append("\\n")
            default: bytes.append(byte)
            }
        }
        bytes.append(UInt8(ascii: "\n"))
    }

    /// `# TYPE name type`; types the text format lacks (info, stateset, gaugehistogram) are written `untyped`.
    public mutating func type(_ name: String, _ type: MetricType) {
        append("# TYPE ")
        append(name)
        bytes.append(UInt8(ascii: " "))
        switch type {
        case .counter, .gauge, .histogram, .summary: append(type.rawValue)
        case .untyped, .info, .stateset, .gaugeHistogram: append("untyped")
        }
        bytes.append(UInt8(ascii: "\n"))
    }

    /// One sample line. `labels` must not contain `__name__` (it is skipped if present); label values are
    /// escaped (`\\`, `\"`, `\n`); `timestamp` is in milliseconds.
    public mutating func sample(_ name: String, _ labels: Labels = .empty, _ value: Double, timestamp: Timestamp? = nil)
    {
        sample(name, pairs: labels.lazy.filter { $0.name != LabelName.metricName }, value, timestamp: timestamp)
    }

    /// One sample line with its label pairs written as given: in that order, none skipped, empty values
    /// included (expfmt writes a `MetricFamily`'s pairs so; `/federate` appends external labels after the series'
    /// own). Values are escaped (`\\`, `\"`, `\n`); the sample value as expfmt's `writeFloat` (`-0` is `0`);
    /// `timestamp` is in milliseconds.
    public mutating func sample<Pairs: Sequence<Label>>(
        _ name: String,
        pairs: Pairs,
        _ value: Double,
        timestamp: Timestamp? = nil
    ) {
        append(name)
        var first = true
        for label in pairs {
            bytes.append(first ? UInt8(ascii: "{") : UInt8(ascii: ","))
            first = false
            append(label.name)
            append("=\"")
            for byte in label.value.utf8 {
                switch byte {
                case UInt8(ascii: "\\"): append("\\\\")
                case UInt8(ascii: "\""): append("\\\"")
                case UInt8(ascii: "\n"): append("\\n")
                default: bytes.append(byte)
                }
            }
            bytes.append(UInt8(ascii: "\""))
        }
        if !first { bytes.append(UInt8(ascii: "}")) }
        bytes.append(UInt8(ascii: " "))
        append(value == 0 ? "0" : Self.formatFloat(value))
        if let timestamp {
            bytes.append(UInt8(ascii: " "))
            append(String(timestamp))
        }
        bytes.append(UInt8(ascii: "\n"))
    }

    private mutating func append(_ string: String) {
        bytes.append(contentsOf: string.utf8)
    }

    /// Go's `strconv.FormatFloat(v, 'g', -1, 64)` with expfmt's spellings of the special values.
    public static func formatFloat(_ value: Double) -> String {
        if value.isNaN { return "NaN" }
        if value.isInfinite { return value < 0 ? "-Inf" : "+Inf" }
        if value == 0 { return value.sign == .minus ? "-0" : "0" }
        // Swift's description holds the shortest round-tripping digits; re-layout them the way Go's %g does.
        let description = value.magnitude.description
        var digits: [UInt8] = []
        var pointPosition: Int?
        var exponent = 0
        var index = description.utf8.startIndex
        let utf8 = description.utf8
        while index != utf8.endIndex {
            let byte = utf8[index]
            if byte == UInt8(ascii: ".") {
                pointPosition = digits.count
            } else if byte == UInt8(ascii: "e") || byte == UInt8(ascii: "E") {
                exponent = Int(String(description[utf8.index(after: index)...])) ?? 0
                break
            } else {
                digits.append(byte)
            }
            index = utf8.index(after: index)
        }
        var decimalPoint = (pointPosition ?? digits.count) + exponent
        // Normalise: drop leading zeros (moving the point) and trailing zeros.
        while digits.count > 1, digits.first == UInt8(ascii: "0") {
            digits.removeFirst()
            decimalPoint -= 1
        }
        while digits.count > 1, digits.last == UInt8(ascii: "0") { digits.removeLast() }
        var out = value < 0 ? "-" : ""
        let goExponent = decimalPoint - 1
        if goExponent < -4 || goExponent >= 6 {
            out += String(decoding: digits[0..<1], as: UTF8.self)
            if digits.count > 1 { out += "." + String(decoding: digits[1...], as: UTF8.self) }
            let magnitude = abs(goExponent)
            out += (goExponent < 0 ? "e-" : "e+") + (magnitude < 10 ? "0" : "") + String(magnitude)
        } else if decimalPoint <= 0 {
            out += "0." + String(repeating: "0", count: -decimalPoint) + String(decoding: digits, as: UTF8.self)
        } else if decimalPoint >= digits.count {
            out += String(decoding: digits, as: UTF8.self) + String(repeating: "0", count: decimalPoint - digits.count)
        } else {
            out +=
                String(decoding: digits[0..<decimalPoint], as: UTF8.self) + "."
                + String(decoding: digits[decimalPoint...], as: UTF8.self)
        }
        return out
    }
}
