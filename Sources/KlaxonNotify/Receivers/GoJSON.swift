public import KlaxonModel

/// Byte writer producing what Go's `json.Encoder` (HTML escaping on) emits.
struct GoJSONWriter {
    var bytes: [UInt8] = []

    init(capacity: Int = 1024) { bytes.reserveCapacity(capacity) }

    mutating func raw(_ text: StaticString) {
        text.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }

    mutating func string(_ value: String) {
        bytes.append(UInt8(ascii: "\""))
        var value = value
        value.withUTF8 { utf8 in
            var index = 0
            let count = utf8.count
            while index < count {
                let byte = utf8[index]
                switch byte {
                case 0x22: raw("\\\"")
                case 0x5c: raw("\\\\")
                case 0x0a: raw("\\n")
                case 0x0d: raw("\\r")
                case 0x09: raw("\\t")
                case 0x3c, 0x3e, 0x26, 0x00..<0x20: unicodeEscape(UInt32(byte))
                case 0xe2 where index + 2 < count && utf8[index + 1] == 0x80 && (utf8[index + 2] & 0xfe) == 0xa8:
                    // U+2028 / U+2029 (E2 80 A8 / E2 80 A9).
                    unicodeEscape(0x2028 | UInt32(utf8[index + 2] & 1))
                    index += 2
                default:
                    bytes.append(byte)
                }
                index += 1
            }
        }
        bytes.append(UInt8(ascii: "\""))
    }

    private mutating func unicodeEscape(_ code: UInt32) {
        let hex: StaticString = "0123456789abcdef"
        raw("\\u")
        hex.withUTF8Buffer { digits in
            for shift in stride(from: 12, through: 0, by: -4) {
                bytes.append(digits[Int((code >> UInt32(shift)) & 0xf)])
            }
        }
    }

    mutating func int(_ value: Int) {
        bytes.append(contentsOf: String(value).utf8)
    }

    /// A Go `map[string]string`: keys sorted.
    mutating func map(_ pairs: [(String, String)]) {
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

    mutating func labels(_ labels: Labels) {
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

/// Go's `time.Time.Format(time.RFC3339Nano)` for a UTC millisecond timestamp; nil is Go's zero time.
public func rfc3339Nano(_ timestamp: Timestamp?) -> String {
    guard let timestamp else { return "0001-01-01T00:00:00Z" }
    return Time.rfc3339(milliseconds: timestamp)
}

/// 16 lowercase hex digits (Go's `Fingerprint.String()`, `%016x`).
public func fingerprintHex(_ fingerprint: UInt64) -> String {
    let text = String(fingerprint, radix: 16)
    return String(repeating: "0", count: 16 - text.count) + text
}
