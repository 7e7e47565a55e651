public import KlaxonModel

/// The expanding value notation of test scripts and promtool `input_series`: `0+10x5 _ stale 1 2 Inf`.
public enum SeriesNotation {
    /// One expanded step: a value, a staleness marker, or no sample.
    public enum Step: Sendable, Hashable {
        case value(Double)
        case stale
        case missing
    }

    public struct Error: Swift.Error, Sendable, CustomStringConvertible {
        public var message: String
        public var description: String { message }
    }

    /// Expands the whitespace-separated value tokens of one line.
    public static func expand(_ text: Substring) throws(Error) -> [Step] {
        var out: [Step] = []
        for token in text.split(whereSeparator: { $0 == " " || $0 == "\t" }) {
            try expandToken(token, into: &out)
        }
        return out
    }

    static func expandToken(_ token: Substring, into out: inout [Step]) throws(Error) {
        if token == "_" {
            out.append(.missing)
            return
        }
        if token == "stale" {
            out.append(.stale)
            return
        }
        if token.hasPrefix("{{") { throw Error(message: "native histogram values are not supported: \(token)") }
        if let v = parseNumber(token) {
            out.append(.value(v))
            return
        }
        // `<start>[+-<delta>]x<count>` or `_x<count>` / `stalex<count>`.
        guard let xIndex = token.lastIndex(of: "x") else { throw Error(message: "invalid value \(token)") }
        let head = token[..<xIndex]
        guard let count = Int(token[token.index(after: xIndex)...]), count >= 0 else {
            throw Error(message: "invalid repetition in \(token)")
        }
        if head == "_" {
            out.append(contentsOf: repeatElement(.missing, count: count))
            return
        }
        if head == "stale" {
            out.append(contentsOf: repeatElement(.stale, count: count))
            return
        }
        if let v = parseNumber(head) {
            out.append(contentsOf: repeatElement(.value(v), count: count + 1))
            return
        }
        // Find the operator separating start and delta: a '+' or '-' not at the start and not after 'e'.
        let chars = Array(head)
        var split = -1
        var i = chars.count - 1
        while i > 0 {
            if (chars[i] == "+" || chars[i] == "-") && chars[i - 1] != "e" && chars[i - 1] != "E" {
                split = i
                break
            }
            i -= 1
        }
        guard split > 0, let start = parseNumber(Substring(String(chars[..<split]))),
            let delta = parseNumber(Substring(String(chars[(split + 1)...])))
        else { throw Error(message: "invalid value \(token)") }
        let sign: Double = chars[split] == "-" ? -1 : 1
        var value = start
        out.append(.value(value))
        if count > 0 {
            for _ in 1...count {
                value += sign * delta
                out.append(.value(value))
            }
        }
    }

    /// A number as the series notation reads it: decimal, exponent, `Inf`, `NaN` (signs allowed); `0x10` is a
    /// repetition there, not hex.
    public static func parseNumber(_ token: Substring) -> Double? {
        var text = token
        var sign = 1.0
        if text.hasPrefix("-") {
            sign = -1
            text = text.dropFirst()
        } else if text.hasPrefix("+") {
            text = text.dropFirst()
        }
        let lower = text.lowercased()
        if lower == "inf" { return sign * .infinity }
        if lower == "nan" { return .nan }
        guard let first = text.first, first.isNumber || first == "." else { return nil }
        if text.contains(where: { $0 == "x" || $0 == "X" || $0 == "p" || $0 == "P" }) { return nil }
        guard let v = Double(String(text)) else { return nil }
        return sign * v
    }

    /// Parses `metric{a="b", c="d"}` (name optional) and returns the labels and the rest of the line.
    public static func parseSeries(_ line: Substring) throws(Error) -> (Labels, Substring) {
        let bytes = Array(line.utf8)
        var i = 0
        func skipSpace() { while i < bytes.count, bytes[i] == 0x20 || bytes[i] == 0x09 { i += 1 } }
        func isNameByte(_ b: UInt8, first: Bool) -> Bool {
            (b >= 0x61 && b <= 0x7a) || (b >= 0x41 && b <= 0x5a) || b == 0x5f || b == 0x3a
                || (!first && b >= 0x30 && b <= 0x39)
        }
        var labels: [Label] = []
        skipSpace()
        let nameStart = i
        while i < bytes.count, isNameByte(bytes[i], first: i == nameStart) { i += 1 }
        if i > nameStart {
            labels.append(Label(LabelName.metricName, String(decoding: bytes[nameStart..<i], as: UTF8.self)))
        }
        skipSpace()
        var braces = false
        if i < bytes.count, bytes[i] == UInt8(ascii: "{") {
            braces = true
            i += 1
            while true {
                skipSpace()
                guard i < bytes.count else { throw Error(message: "unterminated label set") }
                if bytes[i] == UInt8(ascii: "}") {
                    i += 1
                    break
                }
                let ls = i
                var name: String
                if bytes[i] == UInt8(ascii: "\"") {
                    name = try parseQuoted(bytes, &i)
                } else {
                    while i < bytes.count, isNameByte(bytes[i], first: i == ls) { i += 1 }
                    if i == ls { throw Error(message: "invalid label name in \(line)") }
                    name = String(decoding: bytes[ls..<i], as: UTF8.self)
                }
                skipSpace()
                if i < bytes.count, bytes[i] != UInt8(ascii: "=") {
                    // A quoted metric name inside braces: `{"metric.name", a="b"}`.
                    labels.append(Label(LabelName.metricName, name))
                } else {
                    guard i < bytes.count, bytes[i] == UInt8(ascii: "=") else {
                        throw Error(message: "expected = in \(line)")
                    }
                    i += 1
                    skipSpace()
                    guard i < bytes.count, bytes[i] == UInt8(ascii: "\"") || bytes[i] == UInt8(ascii: "'") else {
                        throw Error(message: "expected quoted label value in \(line)")
                    }
                    name = name.isEmpty ? name : name
                    labels.append(Label(name, try parseQuoted(bytes, &i)))
                }
                skipSpace()
                if i < bytes.count, bytes[i] == UInt8(ascii: ",") { i += 1 }
            }
        }
        if labels.isEmpty && !braces { throw Error(message: "no series in \(line)") }
        let restIndex = line.utf8.index(line.startIndex, offsetBy: i)
        return (Labels(labels), line[restIndex...])
    }

    static func parseQuoted(_ bytes: [UInt8], _ i: inout Int) throws(Error) -> String {
        let quote = bytes[i]
        i += 1
        var out: [UInt8] = []
        while i < bytes.count, bytes[i] != quote {
            if bytes[i] == UInt8(ascii: "\\"), i + 1 < bytes.count {
                i += 1
                switch bytes[i] {
                case UInt8(ascii: "n"): out.append(0x0a)
                case UInt8(ascii: "t"): out.append(0x09)
                case UInt8(ascii: "r"): out.append(0x0d)
                default: out.append(bytes[i])
                }
            } else {
                out.append(bytes[i])
            }
            i += 1
        }
        guard i < bytes.count else { throw Error(message: "unterminated string") }
        i += 1
        return String(decoding: out, as: UTF8.self)
    }
}
