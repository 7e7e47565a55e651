import KlaxonExposition
import KlaxonModel
import KlaxonWire

extension Federation {
    /// The answer's body in `format`, as Prometheus 2.42's `expfmt` encoders write each family; `nil` when a
    /// family does not serialise (protobuf; cannot happen with these messages, counted as a federation error).
    func encoded(as format: FederationFormat) -> [UInt8]? {
        switch format {
        case .text: return text()
        case .protoDelimited: return delimited()
        case .protoText: return protoText(compact: false)
        case .protoCompact: return protoText(compact: true)
        }
    }

    /// Text 0.0.4: `# TYPE name untyped`, then one line per series with its timestamp (no `# HELP`).
    func text() -> [UInt8] {
        var writer = ExpositionWriter(reservingCapacity: 128 * families.reduce(0) { $0 + $1.metrics.count } + 64)
        for family in families {
            writer.type(family.name, .untyped)
            for metric in family.metrics {
                writer.sample(family.name, pairs: metric.labels, metric.value, timestamp: metric.timestamp)
            }
        }
        return writer.bytes
    }

    /// The `MetricFamily` messages: name, type `UNTYPED`, and per series its label pairs, `untyped.value` and
    /// `timestamp_ms`.
    var messages: [Io_Prometheus_Client_MetricFamily] {
        families.map { family in
            var message = Io_Prometheus_Client_MetricFamily()
            message.name = family.name
            message.type = .untyped
            message.metric = family.metrics.map { metric in
                var m = Io_Prometheus_Client_Metric()
                m.label = metric.labels.map { label in
                    var pair = Io_Prometheus_Client_LabelPair()
                    pair.name = label.name
                    pair.value = label.value
                    return pair
                }
                m.untyped.value = metric.value
                m.timestampMs = metric.timestamp
                return m
            }
            return message
        }
    }

    /// Length-delimited `MetricFamily` messages.
    func delimited() -> [UInt8]? {
        var bytes: [UInt8] = []
        do {
            for message in messages { try Delimited.append(message, to: &bytes) }
        } catch {
            return nil
        }
        return bytes
    }

    /// The protobuf text format of golang/protobuf 1.3 (what Debian's Prometheus 2.42 links): `MarshalTextString`
    /// (fields on lines of their own, two spaces per level, messages in `<` `>`) or, compact, `CompactTextString`
    /// (one line, every field followed by a space); then the newline of expfmt's `Fprintln`. Strings escape `\n`,
    /// `\r`, `\t`, `"` and `\` and write other bytes outside 0x20–0x7e in octal (`\303`); floats are Go's `%v`
    /// (`1e+06`), with `inf`, `-inf` and `nan`.
    func protoText(compact: Bool) -> [UInt8] {
        var out = ProtoTextWriter(compact: compact)
        for family in families {
            out.field("name", quoted: family.name)
            out.field("type", raw: "UNTYPED")
            for metric in family.metrics {
                out.open("metric")
                for label in metric.labels {
                    out.open("label")
                    out.field("name", quoted: label.name)
                    out.field("value", quoted: label.value)
                    out.close()
                }
                out.open("untyped")
                out.field("value", raw: ProtoTextWriter.float(metric.value))
                out.close()
                out.field("timestamp_ms", raw: String(metric.timestamp))
                out.close()
            }
            out.bytes.append(UInt8(ascii: "\n"))
        }
        return out.bytes
    }
}

/// golang/protobuf 1.3's `textWriter` for the few shapes a `MetricFamily` has.
private struct ProtoTextWriter {
    let compact: Bool
    var bytes: [UInt8] = []
    private var depth = 0

    init(compact: Bool) {
        self.compact = compact
    }

    /// `name: value` and the field's end (a newline, or a space when compact).
    mutating func field(_ name: String, raw value: String) {
        start(name)
        bytes.append(contentsOf: value.utf8)
        end()
    }

    mutating func field(_ name: String, quoted value: String) {
        start(name)
        bytes.append(UInt8(ascii: "\""))
        for byte in value.utf8 {
            switch byte {
            case UInt8(ascii: "\n"): bytes.append(contentsOf: #"\n"#.utf8)
            case UInt8(ascii: "\r"): bytes.append(contentsOf: #"\r"#.utf8)
            case UInt8(ascii: "\t"): bytes.append(contentsOf: #"\t"#.utf8)
            case UInt8(ascii: "\""): bytes.append(contentsOf: #"\""#.utf8)
            case UInt8(ascii: "\\"): bytes.append(contentsOf: #"\\"#.utf8)
            case 0x20..<0x7F: bytes.append(byte)
            default:
                bytes.append(UInt8(ascii: "\\"))
                bytes.append(UInt8(ascii: "0") + byte >> 6)
                bytes.append(UInt8(ascii: "0") + (byte >> 3) & 7)
                bytes.append(UInt8(ascii: "0") + byte & 7)
            }
        }
        bytes.append(UInt8(ascii: "\""))
        end()
    }

    /// `name: <` and one level deeper.
    mutating func open(_ name: String) {
        start(name)
        bytes.append(UInt8(ascii: "<"))
        if !compact { bytes.append(UInt8(ascii: "\n")) }
        depth += 1
    }

    /// `>` at the enclosing level, and the field's end.
    mutating func close() {
        depth -= 1
        indent()
        bytes.append(UInt8(ascii: ">"))
        end()
    }

    private mutating func start(_ name: String) {
        indent()
        bytes.append(contentsOf: name.utf8)
        bytes.append(UInt8(ascii: ":"))
        if !compact { bytes.append(UInt8(ascii: " ")) }
    }

    private mutating func end() {
        bytes.append(compact ? UInt8(ascii: " ") : UInt8(ascii: "\n"))
    }

    private mutating func indent() {
        if !compact { bytes.append(contentsOf: repeatElement(UInt8(ascii: " "), count: 2 * depth)) }
    }

    /// Go's `fmt.Fprint` of a float64 (`strconv`'s shortest `%g`), with the text format's words for the
    /// special values.
    static func float(_ value: Double) -> String {
        if value.isNaN { return "nan" }
        if value.isInfinite { return value < 0 ? "-inf" : "inf" }
        return ExpositionWriter.formatFloat(value)
    }
}
