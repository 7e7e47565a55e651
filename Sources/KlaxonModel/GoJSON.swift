/// What Go's `encoding/json` writes (HTML escaping on; jsoniter's standard-library-compatible config agrees): the
/// one JSON string escaper of Klaxon (the Prometheus API, the Alertmanager API, webhook and Slack bodies, the
/// notifier's alert batches).
public enum GoJSON {
    private static let hex: [UInt8] = Array("0123456789abcdef".utf8)

    /// Appends `value` as a JSON string: `"`, `\` escaped, `\n` `\r` `\t` short, other control bytes and `<`, `>`,
    /// `&`, U+2028, U+2029 as `\u00XX`/`\u202X`. Unescaped runs are copied in one append.
    public static func appendString(_ value: String, to bytes: inout [UInt8]) {
        bytes.append(UInt8(ascii: "\""))
        var value = value
        value.withUTF8 { utf8 in
            var i = 0
            let n = utf8.count
            var runStart = 0
            while i < n {
                let b = utf8[i]
                var width = 1
                switch b {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "&"),
                    0..<0x20:
                    break
                case 0xE2 where i + 2 < n && utf8[i + 1] == 0x80 && (utf8[i + 2] == 0xA8 || utf8[i + 2] == 0xA9):
                    width = 3  // U+2028 LINE SEPARATOR, U+2029 PARAGRAPH SEPARATOR.
                default:
                    i += 1
                    continue
                }
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<i]))
                bytes.append(0x5C)
                switch b {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"): bytes.append(b)
                case UInt8(ascii: "\n"): bytes.append(UInt8(ascii: "n"))
                case UInt8(ascii: "\r"): bytes.append(UInt8(ascii: "r"))
                case UInt8(ascii: "\t"): bytes.append(UInt8(ascii: "t"))
                case 0xE2:
                    bytes.append(contentsOf: [UInt8(ascii: "u"), 0x32, 0x30, 0x32])
                    bytes.append(utf8[i + 2] == 0xA8 ? UInt8(ascii: "8") : UInt8(ascii: "9"))
                default:
                    bytes.append(contentsOf: [UInt8(ascii: "u"), 0x30, 0x30])
                    bytes.append(hex[Int(b >> 4)])
                    bytes.append(hex[Int(b & 0xF)])
                }
                i += width
                runStart = i
            }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<n]))
        }
        bytes.append(UInt8(ascii: "\""))
    }
}

/// A byte writer for bodies built field by field in Go's order (the caller writes the punctuation).
public struct GoJSONWriter {
    public var bytes: [UInt8] = []

    public init(capacity: Int = 1024) { bytes.reserveCapacity(capacity) }

    public mutating func raw(_ text: StaticString) {
        text.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }

    public mutating func string(_ value: String) {
        GoJSON.appendString(value, to: &bytes)
    }

    public mutating func int(_ value: Int) {
        bytes.append(contentsOf: String(value).utf8)
    }

    /// A Go `map[string]string`: keys sorted.
    public mutating func map(_ pairs: [(String, String)]) {
        let sorted = pairs.sorted { $0.0 < $1.0 }
        bytes.append(UInt8(ascii: "{"))
        for (index, pair) in sorted.enumerated() {
            if index > 0 { bytes.append(UInt8(ascii: ",")) }
            string(pair.0)
            bytes.append(UInt8(ascii: ":"))
            string(pair.1)
        }
        bytes.append(UInt8(ascii: "}"))
    }

    /// A label set as a JSON object, in label order (Go's `labels.Labels` / `model.LabelSet` marshalling).
    public mutating func labels(_ labels: Labels) {
        bytes.append(UInt8(ascii: "{"))
        for (index, label) in labels.enumerated() {
            if index > 0 { bytes.append(UInt8(ascii: ",")) }
            string(label.name)
            bytes.append(UInt8(ascii: ":"))
            string(label.value)
        }
        bytes.append(UInt8(ascii: "}"))
    }
}

extension Time {
    /// Go's `time.Time.Format(time.RFC3339Nano)` for a UTC millisecond timestamp; nil is Go's zero time.
    public static func rfc3339Nano(_ timestamp: Timestamp?) -> String {
        guard let timestamp else { return "0001-01-01T00:00:00Z" }
        return rfc3339(milliseconds: timestamp)
    }

    /// go-openapi `strfmt.DateTime` (`2006-01-02T15:04:05.000Z07:00`): always three fractional digits, UTC `Z`;
    /// nil is Go's zero time.
    public static func rfc3339Milliseconds(_ timestamp: Timestamp?) -> String {
        guard let timestamp else { return "0001-01-01T00:00:00.000Z" }
        var millis = timestamp % 1000
        if millis < 0 { millis += 1000 }
        let base = rfc3339(milliseconds: timestamp - millis)  // `…:SSZ`
        let digits = String(millis)
        return String(base.dropLast()) + "." + String(repeating: "0", count: 3 - digits.count) + digits + "Z"
    }
}
