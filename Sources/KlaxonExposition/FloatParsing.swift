#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Number parsing with the acceptance rules of the Go code Prometheus uses, fast for the common shapes.
enum NumberParsing {
    /// Exact powers of ten representable in a Double (the Clinger fast path).
    private static let powersOfTen: [Double] = [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18,
        1e19, 1e20, 1e21, 1e22,
    ]

    /// client_golang's `parseFloat`: Go `strconv.ParseFloat(s, 64)` without hex floats and underscores, and with
    /// out-of-range values rejected. Returns `nil` for anything Go would reject.
    @inline(__always)
    static func parseFloat(_ token: UnsafeBufferPointer<UInt8>) -> Double? {
        let count = token.count
        if count == 0 { return nil }
        // Fast path: [-+]?digits[.digits] with at most 15 significant digits and no exponent.
        var index = 0
        var negative = false
        let first = token[0]
        if first == UInt8(ascii: "-") || first == UInt8(ascii: "+") {
            negative = first == UInt8(ascii: "-")
            index = 1
        }
        var mantissa: UInt64 = 0
        var digits = 0
        var fractionDigits = 0
        var sawDot = false
        var simple = index < count
        while index < count {
            let byte = token[index]
            if byte >= 48 && byte <= 57 {
                mantissa = mantissa &* 10 &+ UInt64(byte &- 48)
                digits += 1
                if sawDot { fractionDigits += 1 }
            } else if byte == UInt8(ascii: ".") && !sawDot {
                sawDot = true
            } else {
                simple = false
                break
            }
            index += 1
        }
        if simple && digits > 0 && digits <= 15 {
            var value = Double(mantissa)
            if fractionDigits > 0 { value /= powersOfTen[fractionDigits] }
            return negative ? -value : value
        }
        return slowParseFloat(token)
    }

    private static func slowParseFloat(_ token: UnsafeBufferPointer<UInt8>) -> Double? {
        // Validate Go's grammar: [sign] (inf | infinity | nan | decimal [exponent]); reject hex and `_`.
        var index = 0
        var sign: UInt8 = 0
        if token[0] == UInt8(ascii: "-") || token[0] == UInt8(ascii: "+") {
            sign = token[0]
            index = 1
        }
        let rest = UnsafeBufferPointer(rebasing: token[index...])
        if let special = special(rest) {
            if special.isNaN { return sign == 0 ? special : nil }
            return sign == UInt8(ascii: "-") ? -special : special
        }
        var sawDigit = false
        var sawDot = false
        var position = 0
        while position < rest.count {
            let byte = rest[position]
            if byte >= 48 && byte <= 57 {
                sawDigit = true
            } else if byte == UInt8(ascii: ".") && !sawDot {
                sawDot = true
            } else {
                break
            }
            position += 1
        }
        if !sawDigit { return nil }
        if position < rest.count {
            guard rest[position] | 0x20 == UInt8(ascii: "e") else { return nil }
            position += 1
            if position < rest.count, rest[position] == UInt8(ascii: "+") || rest[position] == UInt8(ascii: "-") {
                position += 1
            }
            let exponentStart = position
            while position < rest.count, rest[position] >= 48, rest[position] <= 57 { position += 1 }
            if position == exponentStart || position != rest.count { return nil }
        }
        let value = withUnsafeTemporaryAllocation(of: CChar.self, capacity: token.count + 1) { buffer -> Double in
            for i in 0..<token.count { buffer[i] = CChar(bitPattern: token[i]) }
            buffer[token.count] = 0
            guard let base = buffer.baseAddress else { return .nan }
            return strtod(base, nil)
        }
        // Go reports out-of-range values (overflow to ±Inf) as errors.
        if value.isInfinite { return nil }
        return value
    }

    private static func special(_ bytes: UnsafeBufferPointer<UInt8>) -> Double? {
        func equalsIgnoringCase(_ word: StaticString) -> Bool {
            guard bytes.count == word.utf8CodeUnitCount else { return false }
            let pointer = word.utf8Start
            for i in 0..<bytes.count where bytes[i] | 0x20 != pointer[i] { return false }
            return true
        }
        if equalsIgnoringCase("inf") || equalsIgnoringCase("infinity") { return .infinity }
        if equalsIgnoringCase("nan") { return .nan }
        return nil
    }

    /// Go `strconv.ParseInt(s, 10, 64)`.
    static func parseInt(_ token: UnsafeBufferPointer<UInt8>) -> Int64? {
        var index = 0
        var negative = false
        if token.isEmpty { return nil }
        if token[0] == UInt8(ascii: "-") || token[0] == UInt8(ascii: "+") {
            negative = token[0] == UInt8(ascii: "-")
            index = 1
        }
        if index == token.count { return nil }
        var value: Int64 = 0
        while index < token.count {
            let byte = token[index]
            guard byte >= 48, byte <= 57 else { return nil }
            let digit = Int64(byte - 48)
            let (times, o1) = value.multipliedReportingOverflow(by: 10)
            let (sum, o2) = negative ? times.subtractingReportingOverflow(digit) : times.addingReportingOverflow(digit)
            if o1 || o2 { return nil }
            value = sum
            index += 1
        }
        return value
    }
}
