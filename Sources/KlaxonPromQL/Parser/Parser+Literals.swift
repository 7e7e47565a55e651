import KlaxonModel

extension Parser {
    // MARK: Literals

    /// Go's `strconv.ParseInt(s, 0, 64)` then `ParseFloat(s, 64)`.
    func number(_ token: Token) throws(ParseError) -> Double {
        let slice = bytes[token.start..<token.end]
        if let value = parseGoInteger(slice) { return value }
        let string = text(token)
        if let value = Double(string), !isHexFloat(slice) {
            if value.isInfinite && !isInfWord(slice) {
                throw error(
                    "error parsing number: strconv.ParseFloat: parsing \(goQuote(string)): value out of range",
                    at: token
                )
            }
            return value
        }
        throw error("error parsing number: strconv.ParseFloat: parsing \(goQuote(string)): invalid syntax", at: token)
    }

    private func isHexFloat(_ s: ArraySlice<UInt8>) -> Bool {
        s.count > 1 && s[s.startIndex] == UInt8(ascii: "0")
            && (s[s.startIndex + 1] | 0x20) == UInt8(ascii: "x")
    }

    private func isInfWord(_ s: ArraySlice<UInt8>) -> Bool {
        s.contains { $0 | 0x20 == UInt8(ascii: "i") }
    }

    /// Integers in Go syntax with base prefix (`0x1f`, `017` octal); nil when not an integer that fits Int64.
    private func parseGoInteger(_ s: ArraySlice<UInt8>) -> Double? {
        guard let first = s.first, isDigit(first) else { return nil }
        var base: Int64 = 10
        var digits = s
        if first == UInt8(ascii: "0") && s.count > 1 {
            let second = s[s.startIndex + 1] | 0x20
            if second == UInt8(ascii: "x") {
                base = 16
                digits = s.dropFirst(2)
            } else {
                base = 8
                digits = s.dropFirst(1)
            }
        }
        if digits.isEmpty { return nil }
        var value: Int64 = 0
        for c in digits {
            let d: Int64
            if isDigit(c) {
                d = Int64(c - UInt8(ascii: "0"))
            } else if base == 16 && (c | 0x20) >= UInt8(ascii: "a") && (c | 0x20) <= UInt8(ascii: "f") {
                d = Int64((c | 0x20) - UInt8(ascii: "a")) + 10
            } else {
                return nil
            }
            if d >= base { return nil }
            let (m, o1) = value.multipliedReportingOverflow(by: base)
            let (a, o2) = m.addingReportingOverflow(d)
            if o1 || o2 { return nil }
            value = a
        }
        return Double(value)
    }

    func isDurationToken(_ kind: TokenKind) -> Bool {
        kind == .duration || (kind == .number && options.numbersAndDurationsInterchangeable)
    }

    /// A duration token, or (3.x) a number of seconds, in milliseconds.
    func durationOrSeconds(_ token: Token) throws(ParseError) -> Int64 {
        if token.kind == .duration { return try duration(token) }
        let seconds = try number(token)
        let ms = (seconds * 1000).rounded()
        guard ms.isFinite, ms > 0, ms < 9.2e18 else {
            throw error("duration must be greater than 0", at: token)
        }
        return Int64(ms)
    }

    /// A duration token in milliseconds; zero is rejected as Prometheus's `parseDuration` does.
    func duration(_ token: Token) throws(ParseError) -> Int64 {
        let string = text(token)
        guard let parsed = PromDuration(parsing: string) else {
            throw error("not a valid duration string: \(goQuote(string))", at: token)
        }
        if parsed.milliseconds == 0 { throw error("duration must be greater than 0", at: token) }
        return parsed.milliseconds
    }

    /// Go's `strconv.Unquote` for `"..."`, `'...'` and raw `` `...` `` strings (escapes validated by the lexer).
    func unquote(_ token: Token) throws(ParseError) -> String {
        let start = token.start + 1
        let end = token.end - 1
        guard start <= end else { return "" }
        if bytes[token.start] == UInt8(ascii: "`") || !bytes[start..<end].contains(UInt8(ascii: "\\")) {
            return String(decoding: bytes[start..<end], as: UTF8.self)
        }
        var out: [UInt8] = []
        out.reserveCapacity(end - start)
        var i = start
        while i < end {
            let c = bytes[i]
            i += 1
            guard c == UInt8(ascii: "\\"), i < end else {
                out.append(c)
                continue
            }
            let e = bytes[i]
            i += 1
            switch e {
            case UInt8(ascii: "a"): out.append(0x07)
            case UInt8(ascii: "b"): out.append(0x08)
            case UInt8(ascii: "f"): out.append(0x0C)
            case UInt8(ascii: "n"): out.append(0x0A)
            case UInt8(ascii: "r"): out.append(0x0D)
            case UInt8(ascii: "t"): out.append(0x09)
            case UInt8(ascii: "v"): out.append(0x0B)
            case UInt8(ascii: "0")...UInt8(ascii: "7"):
                var value = UInt32(e - UInt8(ascii: "0"))
                for _ in 0..<2 where i < end {
                    value = value * 8 + UInt32(bytes[i] - UInt8(ascii: "0"))
                    i += 1
                }
                out.append(UInt8(truncatingIfNeeded: value))
            case UInt8(ascii: "x"), UInt8(ascii: "u"), UInt8(ascii: "U"):
                let count = e == UInt8(ascii: "x") ? 2 : e == UInt8(ascii: "u") ? 4 : 8
                var value: UInt32 = 0
                for _ in 0..<count where i < end {
                    let h = bytes[i] | 0x20
                    value = value * 16 + UInt32(isDigit(bytes[i]) ? bytes[i] - 48 : h - UInt8(ascii: "a") + 10)
                    i += 1
                }
                if e == UInt8(ascii: "x") {
                    out.append(UInt8(truncatingIfNeeded: value))
                } else if let scalar = Unicode.Scalar(value) {
                    out.append(contentsOf: Array(String(Character(scalar)).utf8))
                }
            default: out.append(e)
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}

/// Go's `%.<decimals>f` for the values the parser and printer report (exact for magnitudes below 2^64).
func goFormatFixed(_ value: Double, decimals: Int = 6) -> String {
    if value.isNaN { return "NaN" }
    if value.isInfinite { return value < 0 ? "-Inf" : "+Inf" }
    var scale = 1.0
    for _ in 0..<decimals { scale *= 10 }
    let magnitude = abs(value)
    var integer = magnitude.rounded(.towardZero)
    var fraction = ((magnitude - integer) * scale).rounded()
    if fraction >= scale {
        integer += 1
        fraction = 0
    }
    let integerDigits: String
    if integer < 1.8e19 {
        integerDigits = String(UInt64(integer))
    } else {
        // Beyond UInt64: the integer is significand × 2^k; double a little-endian decimal digit array k times.
        let shift = Int(integer.exponent) - 52
        var digits = Array(String(UInt64(integer / Double(sign: .plus, exponent: shift, significand: 1))).utf8)
            .reversed().map { $0 - 48 }
        for _ in 0..<max(0, shift) {
            var carry: UInt8 = 0
            for i in digits.indices {
                let d = digits[i] * 2 + carry
                digits[i] = d % 10
                carry = d / 10
            }
            if carry > 0 { digits.append(carry) }
        }
        integerDigits = String(decoding: digits.reversed().map { $0 + 48 }, as: UTF8.self)
    }
    var out = value < 0 ? "-" : ""
    out += integerDigits
    if decimals > 0 {
        let digits = String(UInt64(fraction))
        out += "." + String(repeating: "0", count: max(0, decimals - digits.count)) + digits
    }
    return out
}
