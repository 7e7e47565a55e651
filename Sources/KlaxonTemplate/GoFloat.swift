#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Go's `strconv.FormatFloat` for the verbs `fmt` uses (`e E f F g G`), byte-identical to Go.
///
/// Precision `-1` means the shortest representation that round-trips (Go's `%v`/`%g`).
public enum GoFloat {
    /// Decimal digits `0.d1d2…dn × 10^dp`, no leading or trailing zeros (`digits` empty for zero).
    struct Decimal {
        var digits: [UInt8]
        var dp: Int
    }

    public static func format(_ value: Double, verb: Character, precision: Int) -> String {
        if value.isNaN { return "NaN" }
        if value.isInfinite { return value < 0 ? "-Inf" : "+Inf" }
        let negative = value.sign == .minus
        let magnitude = Swift.abs(value)
        var body: String
        switch verb {
        case "e", "E":
            let p = precision < 0 ? 6 : precision
            body = formatE(rounded(magnitude, significant: p + 1), precision: p, upper: verb == "E")
        case "f", "F":
            let p = precision < 0 ? 6 : precision
            body = cFixed(magnitude, precision: p)
        default:
            let upper = verb == "G"
            let shortest = precision < 0
            let digs: Decimal
            var prec: Int
            if shortest {
                digs = shortestDecimal(magnitude)
                prec = digs.digits.count
            } else {
                prec = precision == 0 ? 1 : precision
                digs = rounded(magnitude, significant: prec)
            }
            var eprec = prec
            if eprec > digs.digits.count && digs.digits.count >= digs.dp { eprec = digs.digits.count }
            if shortest { eprec = 6 }
            let exp = digs.dp - 1
            if exp < -4 || exp >= eprec {
                if prec > digs.digits.count { prec = digs.digits.count }
                body = formatE(digs, precision: Swift.max(prec - 1, 0), upper: upper)
            } else {
                if prec > digs.dp { prec = digs.digits.count }
                body = formatF(digs, precision: Swift.max(prec - digs.dp, 0))
            }
        }
        return negative ? "-" + body : body
    }

    /// Shortest round-tripping digits, taken from Swift's own shortest printing.
    static func shortestDecimal(_ magnitude: Double) -> Decimal {
        if magnitude == 0 { return Decimal(digits: [], dp: 0) }
        return parseDecimal(Array(magnitude.description.utf8))
    }

    /// Digits correctly rounded to `significant` places (C's `%.*e` is exact on glibc and Darwin).
    static func rounded(_ magnitude: Double, significant: Int) -> Decimal {
        if magnitude == 0 { return Decimal(digits: [], dp: 0) }
        let text = cFormat("%.*e", precision: Swift.max(significant - 1, 0), magnitude)
        return parseDecimal(Array(text.utf8))
    }

    /// Parses `123.45e+06`-style text into a `Decimal`.
    static func parseDecimal(_ bytes: [UInt8]) -> Decimal {
        var digits: [UInt8] = []
        var dp = 0
        var seenPoint = false
        var index = 0
        while index < bytes.count {
            let b = bytes[index]
            if b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9") {
                if digits.isEmpty && b == UInt8(ascii: "0") {
                    if seenPoint { dp -= 1 }
                } else {
                    digits.append(b)
                    if !seenPoint { dp += 1 }
                }
            } else if b == UInt8(ascii: ".") {
                seenPoint = true
            } else if b == UInt8(ascii: "e") || b == UInt8(ascii: "E") {
                var exponent = 0
                var sign = 1
                index += 1
                while index < bytes.count {
                    let c = bytes[index]
                    if c == UInt8(ascii: "-") {
                        sign = -1
                    } else if c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9") {
                        exponent = exponent * 10 + Int(c - UInt8(ascii: "0"))
                    }
                    index += 1
                }
                dp += sign * exponent
                break
            }
            index += 1
        }
        while digits.last == UInt8(ascii: "0") { digits.removeLast() }
        if digits.isEmpty { dp = 0 }
        return Decimal(digits: digits, dp: dp)
    }

    static func formatE(_ d: Decimal, precision: Int, upper: Bool) -> String {
        var out: [UInt8] = []
        out.append(d.digits.first ?? UInt8(ascii: "0"))
        if precision > 0 {
            out.append(UInt8(ascii: "."))
            var i = 1
            while i <= precision {
                out.append(i < d.digits.count ? d.digits[i] : UInt8(ascii: "0"))
                i += 1
            }
        }
        out.append(upper ? UInt8(ascii: "E") : UInt8(ascii: "e"))
        var exp = d.digits.isEmpty ? 0 : d.dp - 1
        if exp < 0 {
            out.append(UInt8(ascii: "-"))
            exp = -exp
        } else {
            out.append(UInt8(ascii: "+"))
        }
        if exp < 10 { out.append(UInt8(ascii: "0")) }
        out.append(contentsOf: String(exp).utf8)
        return String(decoding: out, as: UTF8.self)
    }

    static func formatF(_ d: Decimal, precision: Int) -> String {
        var out: [UInt8] = []
        if d.dp > 0 {
            var i = 0
            while i < d.dp {
                out.append(i < d.digits.count ? d.digits[i] : UInt8(ascii: "0"))
                i += 1
            }
        } else {
            out.append(UInt8(ascii: "0"))
        }
        if precision > 0 {
            out.append(UInt8(ascii: "."))
            for i in 1...precision {
                let j = d.dp + i - 1
                out.append(j >= 0 && j < d.digits.count ? d.digits[j] : UInt8(ascii: "0"))
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    static func cFixed(_ magnitude: Double, precision: Int) -> String {
        cFormat("%.*f", precision: precision, magnitude)
    }

    private static func cFormat(_ format: String, precision: Int, _ value: Double) -> String {
        let p = Int32(Swift.min(precision, 1000))
        let capacity = 1400
        var buffer = [CChar](repeating: 0, count: capacity)
        let written = withVaList([p, value]) { args in
            buffer.withUnsafeMutableBufferPointer { vsnprintf($0.baseAddress, capacity, format, args) }
        }
        let length = Swift.max(0, Swift.min(Int(written), capacity - 1))
        return buffer.withUnsafeBufferPointer { pointer in
            String(decoding: UnsafeRawBufferPointer(start: pointer.baseAddress, count: length), as: UTF8.self)
        }
    }
}
