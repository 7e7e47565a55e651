#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Byte-level number parsing with Go's `strconv` acceptance rules (what `expfmt` and `textparse` use).
enum NumberParsing {
    /// Exact powers of ten representable as `Double` (Clinger's fast path).
    private static let powersOfTen: [Double] = [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
        1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
    ]

    /// Parses `buffer[range]` like Go's `strconv.ParseFloat(s, 64)` after `expfmt` has refused `p`, `P` and `_`:
    /// optional sign, decimal mantissa with optional fraction and exponent, `Inf`/`Infinity` (signed, any case)
    /// and `NaN` (unsigned, any case). Hex floats and overflow to ±Inf are errors (`nil`).
    static func parseFloat(_ buffer: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Double? {
        var index = range.lowerBound
        let end = range.upperBound
        guard index < end else { return nil }
        var negative = false
        let first = buffer[index]
        if first == UInt8(ascii: "+") || first == UInt8(ascii: "-") {
            negative = first == UInt8(ascii: "-")
            index += 1
            guard index < end else { return nil }
        }
        let lead = buffer[index] | 0x20
        if lead == UInt8(ascii: "i") || lead == UInt8(ascii: "n") {
            return parseSpecial(buffer, index..<end, negative: negative, signed: index != range.lowerBound)
        }
        // Decimal: digits [. digits] [e [sign] digits]
        var mantissa: UInt64 = 0
        var significantDigits = 0
        var digitsSeen = false
        var fractionDigits = 0
        var exactMantissa = true
        while index < end, buffer[index] &- UInt8(ascii: "0") < 10 {
            accumulate(buffer[index], &mantissa, &significantDigits, &exactMantissa)
            digitsSeen = true
            index += 1
        }
        if index < end, buffer[index] == UInt8(ascii: ".") {
            index += 1
            while index < end, buffer[index] &- UInt8(ascii: "0") < 10 {
                accumulate(buffer[index], &mantissa, &significantDigits, &exactMantissa)
                fractionDigits += 1
                digitsSeen = true
                index += 1
            }
        }
        guard digitsSeen else { return nil }
        var exponent = 0
        if index < end, buffer[index] | 0x20 == UInt8(ascii: "e") {
            index += 1
            var negativeExponent = false
            if index < end, buffer[index] == UInt8(ascii: "+") || buffer[index] == UInt8(ascii: "-") {
                negativeExponent = buffer[index] == UInt8(ascii: "-")
                index += 1
            }
            var exponentDigits = false
            while index < end, buffer[index] &- UInt8(ascii: "0") < 10 {
                if exponent < 100_000 { exponent = exponent * 10 + Int(buffer[index] &- UInt8(ascii: "0")) }
                exponentDigits = true
                index += 1
            }
            guard exponentDigits else { return nil }
            if negativeExponent { exponent = -exponent }
        }
        guard index == end else { return nil }
        let scale = exponent - fractionDigits
        if exactMantissa, mantissa < (1 << 53) {
            var value = Double(mantissa)
            if scale == 0 {
                return negative ? -value : value
            } else if scale > 0, scale <= 22 {
                value *= powersOfTen[scale]
                if value.isFinite { return negative ? -value : value }
            } else if scale < 0, scale >= -22 {
                value /= powersOfTen[-scale]
                return negative ? -value : value
            }
        }
        return parseWithStrtod(buffer, range)
    }

    /// Parses `buffer[range]` like Go's `strconv.ParseInt(s, 10, 64)`.
    static func parseInt64(_ buffer: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Int64? {
        var index = range.lowerBound
        let end = range.upperBound
        guard index < end else { return nil }
        var negative = false
        if buffer[index] == UInt8(ascii: "+") || buffer[index] == UInt8(ascii: "-") {
            negative = buffer[index] == UInt8(ascii: "-")
            index += 1
        }
        guard index < end else { return nil }
        var magnitude: UInt64 = 0
        while index < end {
            let digit = buffer[index] &- UInt8(ascii: "0")
            guard digit < 10 else { return nil }
            let (times10, overflow1) = magnitude.multipliedReportingOverflow(by: 10)
            let (sum, overflow2) = times10.addingReportingOverflow(UInt64(digit))
            guard !overflow1, !overflow2 else { return nil }
            magnitude = sum
            index += 1
        }
        if negative {
            guard magnitude <= UInt64(Int64.max) + 1 else { return nil }
            return magnitude == UInt64(Int64.max) + 1 ? Int64.min : -Int64(magnitude)
        }
        guard magnitude <= UInt64(Int64.max) else { return nil }
        return Int64(magnitude)
    }

    @inline(__always)
    private static func accumulate(
        _ byte: UInt8,
        _ mantissa: inout UInt64,
        _ significantDigits: inout Int,
        _ exact: inout Bool
    ) {
        if mantissa == 0, byte == UInt8(ascii: "0") { return }
        significantDigits += 1
        if significantDigits > 19 {
            exact = false
            return
        }
        mantissa = mantissa &* 10 &+ UInt64(byte &- UInt8(ascii: "0"))
    }

    private static func parseSpecial(
        _ buffer: UnsafeBufferPointer<UInt8>,
        _ range: Range<Int>,
        negative: Bool,
        signed: Bool
    ) -> Double? {
        func equalsIgnoringCase(_ word: StaticString) -> Bool {
            guard range.count == word.utf8CodeUnitCount else { return false }
            let pointer = word.utf8Start
            for offset in 0..<range.count where buffer[range.lowerBound + offset] | 0x20 != pointer[offset] {
                return false
            }
            return true
        }
        if equalsIgnoringCase("inf") || equalsIgnoringCase("infinity") {
            return negative ? -Double.infinity : Double.infinity
        }
        if !signed, equalsIgnoringCase("nan") {
            return Double.nan
        }
        return nil
    }

    /// Slow path for long mantissas or large exponents: correctly rounded `strtod` on a NUL-terminated copy.
    private static func parseWithStrtod(_ buffer: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Double? {
        guard range.count < 512 else { return nil }
        return withUnsafeTemporaryAllocation(of: CChar.self, capacity: range.count + 1) { scratch -> Double? in
            guard let base = scratch.baseAddress else { return nil }
            for offset in 0..<range.count {
                scratch[offset] = CChar(bitPattern: buffer[range.lowerBound + offset])
            }
            scratch[range.count] = 0
            var endPointer: UnsafeMutablePointer<CChar>? = nil
            let value = strtod(base, &endPointer)
            guard let endPointer, endPointer - base == range.count else { return nil }
            // Go reports overflow (±Inf from a finite literal) as a range error.
            guard value.isFinite else { return nil }
            return value
        }
    }
}
