/// A malformed exposition: the 1-based line and the reason, worded as client_golang's text parser words it
/// (which is what `promtool check metrics` prints).
public struct ExpositionError: Error, Sendable, Hashable, CustomStringConvertible {
    public var line: Int
    public var reason: String

    public init(line: Int, reason: String) {
        self.line = line
        self.reason = reason
    }

    /// `text format parsing error in line 2: duplicate label names for metric "b"`
    public var description: String { "text format parsing error in line \(line): \(reason)" }
}

/// Go's `%q` of a string: quoted, with Go escapes.
func goQuoted(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
    goQuotedString(String(decoding: bytes, as: UTF8.self))
}

func goQuotedString(_ string: String) -> String {
    var out = "\""
    for scalar in string.unicodeScalars {
        switch scalar {
        case "\"": out += "\\\""
        case "\\": out += "\\\\"
        case "\n": out += "\\n"
        case "\r": out += "\\r"
        case "\t": out += "\\t"
        default:
            if scalar.value < 0x20 || scalar.value == 0x7f {
                let hex = String(scalar.value, radix: 16)
                out += "\\x" + (hex.count == 1 ? "0" + hex : hex)
            } else if scalar == "\u{FFFD}" {
                out += "\\ufffd"
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
    }
    return out + "\""
}

/// Go's `%q` of a single byte (a rune literal): `'}'`, `'\n'`.
func goQuotedByte(_ byte: UInt8) -> String {
    switch byte {
    case UInt8(ascii: "\n"): return "'\\n'"
    case UInt8(ascii: "\t"): return "'\\t'"
    case UInt8(ascii: "\r"): return "'\\r'"
    case UInt8(ascii: "'"): return "'\\''"
    case UInt8(ascii: "\\"): return "'\\\\'"
    default:
        if byte < 0x20 || byte >= 0x7f {
            let hex = String(byte, radix: 16)
            return "'\\x" + (hex.count == 1 ? "0" + hex : hex) + "'"
        }
        return "'" + String(UnicodeScalar(byte)) + "'"
    }
}
