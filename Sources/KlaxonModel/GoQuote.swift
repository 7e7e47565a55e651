/// Go's `strconv.Quote` (`%q`), the one implementation every target uses so that error texts and printed label
/// values match Prometheus byte for byte: ASCII escapes, non-printable runes as `\uXXXX`/`\UXXXXXXXX`, and bytes of
/// invalid UTF-8 as `\xNN`.
public func goQuote(_ string: String) -> String {
    goQuote(string.utf8)
}

/// `strconv.Quote` of a byte string (it need not be valid UTF-8).
public func goQuote(_ input: some Sequence<UInt8>) -> String {
    let bytes = Array(input)
    var out = "\""
    var index = 0
    while index < bytes.count {
        let byte = bytes[index]
        if byte < 0x80 {
            appendEscapedASCII(byte, quote: UInt8(ascii: "\""), to: &out)
            index += 1
            continue
        }
        // Decode one UTF-8 scalar; invalid sequences are printed byte by byte as \xNN.
        if let (scalar, length) = decodeScalar(bytes, at: index) {
            if isGoPrintable(scalar) {
                out.unicodeScalars.append(scalar)
            } else if scalar.value <= 0xFFFF {
                out += "\\u" + hex(scalar.value, width: 4)
            } else {
                out += "\\U" + hex(scalar.value, width: 8)
            }
            index += length
        } else {
            out += "\\x" + hex(UInt32(byte), width: 2)
            index += 1
        }
    }
    out += "\""
    return out
}

/// Go's `%q` rendering of a single byte (a rune literal such as `'}'`), as `expfmt` prints `found %q`.
public func goQuoteByte(_ byte: UInt8) -> String {
    var out = "'"
    if byte < 0x80 {
        appendEscapedASCII(byte, quote: UInt8(ascii: "'"), to: &out)
    } else if let scalar = Unicode.Scalar(UInt32(byte)), isGoPrintable(scalar) {
        out.unicodeScalars.append(scalar)
    } else {
        out += "\\u" + hex(UInt32(byte), width: 4)
    }
    return out + "'"
}

private func appendEscapedASCII(_ byte: UInt8, quote: UInt8, to out: inout String) {
    switch byte {
    case quote, UInt8(ascii: "\\"):
        out.unicodeScalars.append("\\")
        out.unicodeScalars.append(Unicode.Scalar(byte))
    case 0x07: out += "\\a"
    case 0x08: out += "\\b"
    case 0x0C: out += "\\f"
    case 0x0A: out += "\\n"
    case 0x0D: out += "\\r"
    case 0x09: out += "\\t"
    case 0x0B: out += "\\v"
    case 0x20...0x7E: out.unicodeScalars.append(Unicode.Scalar(byte))
    default: out += "\\x" + hex(UInt32(byte), width: 2)
    }
}

private func isGoPrintable(_ scalar: Unicode.Scalar) -> Bool {
    switch scalar.properties.generalCategory {
    case .control, .format, .surrogate, .privateUse, .unassigned, .lineSeparator, .paragraphSeparator:
        return false
    case .spaceSeparator:
        return scalar == " "
    default:
        return true
    }
}

private func hex(_ value: UInt32, width: Int) -> String {
    let digits = String(value, radix: 16)
    return String(repeating: "0", count: max(0, width - digits.count)) + digits
}

/// Decodes the UTF-8 scalar starting at `index`; `nil` for an invalid or truncated sequence.
public func decodeScalar(_ bytes: [UInt8], at index: Int) -> (Unicode.Scalar, Int)? {
    let lead = bytes[index]
    let length: Int
    let minimum: UInt32
    var value: UInt32
    switch lead {
    case 0xC2...0xDF: (length, minimum, value) = (2, 0x80, UInt32(lead & 0x1F))
    case 0xE0...0xEF: (length, minimum, value) = (3, 0x800, UInt32(lead & 0x0F))
    case 0xF0...0xF4: (length, minimum, value) = (4, 0x10000, UInt32(lead & 0x07))
    default: return nil
    }
    guard index + length <= bytes.count else { return nil }
    for offset in 1..<length {
        let next = bytes[index + offset]
        guard next & 0xC0 == 0x80 else { return nil }
        value = value << 6 | UInt32(next & 0x3F)
    }
    guard value >= minimum, value <= 0x10FFFF, let scalar = Unicode.Scalar(value) else { return nil }
    return (scalar, length)
}
