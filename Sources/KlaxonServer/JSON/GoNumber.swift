import KlaxonModel

/// Number layouts of Go's `strconv` as Prometheus's API writes them, appended to a byte buffer.
enum GoNumber {
    /// Decimal digits of `value`.
    static func appendInt(_ value: Int64, to out: inout [UInt8]) {
        if value < 0 { out.append(UInt8(ascii: "-")) }
        appendUInt(value.magnitude, to: &out)
    }

    static func appendUInt(_ value: UInt64, to out: inout [UInt8]) {
        if value < 10 {
            out.append(UInt8(truncatingIfNeeded: value) &+ 0x30)
            return
        }
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 20) { buffer in
            var v = value
            var i = 20
            while v > 0 {
                i -= 1
                buffer[i] = UInt8(truncatingIfNeeded: v % 10) &+ 0x30
                v /= 10
            }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[i..<20]))
        }
    }

    /// `strconv.FormatFloat(v, 'f', -1, 64)`: shortest round-tripping digits, never an exponent; `+Inf`, `-Inf`,
    /// `NaN`.
    static func appendFixed(_ value: Double, to out: inout [UInt8]) {
        if appendSpecial(value, to: &out) { return }
        withShortestDigits(value) { digits, point in layoutFixed(negative: value.sign == .minus, digits, point, &out) }
    }

    /// Prometheus's `marshalFloat` (sample values): `'e'` form when `|v| < 1e-6` or `|v| >= 1e21`, else `'f'`.
    static func appendSampleValue(_ value: Double, to out: inout [UInt8]) {
        if appendSpecial(value, to: &out) { return }
        let magnitude = value.magnitude
        let exponential = magnitude != 0 && (magnitude < 1e-6 || magnitude >= 1e21)
        withShortestDigits(value) { digits, point in
            if exponential {
                layoutExponent(negative: value.sign == .minus, digits, point, trimExponentZero: false, &out)
            } else {
                layoutFixed(negative: value.sign == .minus, digits, point, &out)
            }
        }
    }

    /// `strconv.FormatFloat(v, 'e', -1, 64)`: shortest digits, always an exponent (`1e+00`, `1.5e-07`).
    static func appendExponent(_ value: Double, to out: inout [UInt8]) {
        if appendSpecial(value, to: &out) { return }
        withShortestDigits(value) { digits, point in
            let zero = digits.count == 1 && digits[0] == UInt8(ascii: "0")
            layoutExponent(negative: value.sign == .minus, digits, zero ? 1 : point, trimExponentZero: false, &out)
        }
    }

    /// Go `encoding/json` for a `float64`: like `appendSampleValue`, but `e-07` is written `e-7`. Infinities and
    /// NaN (a marshalling error in Go) are written as `0`.
    static func appendJSONFloat(_ value: Double, to out: inout [UInt8]) {
        guard value.isFinite else {
            out.append(UInt8(ascii: "0"))
            return
        }
        let magnitude = value.magnitude
        let exponential = magnitude != 0 && (magnitude < 1e-6 || magnitude >= 1e21)
        withShortestDigits(value) { digits, point in
            if exponential {
                layoutExponent(negative: value.sign == .minus, digits, point, trimExponentZero: true, &out)
            } else {
                layoutFixed(negative: value.sign == .minus, digits, point, &out)
            }
        }
    }

    /// Prometheus's `marshalTimestamp`: whole seconds, then `.` and three digits when the milliseconds are not 0.
    static func appendPointTimestamp(_ t: Timestamp, to out: inout [UInt8]) {
        if t < 0 { out.append(UInt8(ascii: "-")) }
        let magnitude = t.magnitude
        appendUInt(magnitude / 1000, to: &out)
        let fraction = magnitude % 1000
        if fraction != 0 {
            out.append(UInt8(ascii: "."))
            if fraction < 100 { out.append(UInt8(ascii: "0")) }
            if fraction < 10 { out.append(UInt8(ascii: "0")) }
            appendUInt(fraction, to: &out)
        }
    }

    // MARK: internals

    private static func appendSpecial(_ value: Double, to out: inout [UInt8]) -> Bool {
        if value.isNaN {
            out.append(contentsOf: [UInt8(ascii: "N"), UInt8(ascii: "a"), UInt8(ascii: "N")])
            return true
        }
        if value.isInfinite {
            out.append(value < 0 ? UInt8(ascii: "-") : UInt8(ascii: "+"))
            out.append(contentsOf: [UInt8(ascii: "I"), UInt8(ascii: "n"), UInt8(ascii: "f")])
            return true
        }
        return false
    }

    /// Calls `body` with the shortest round-tripping decimal digits of `|value|` (no leading or trailing zeros;
    /// `"0"` for zero) and the position of the decimal point relative to them: value = 0.digits × 10^point.
    private static func withShortestDigits(
        _ value: Double,
        _ body: (UnsafeBufferPointer<UInt8>, Int) -> Void
    ) {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 32) { buffer in
            let magnitude = value.magnitude
            if magnitude == 0 {
                buffer[0] = UInt8(ascii: "0")
                body(UnsafeBufferPointer(rebasing: buffer[0..<1]), 1)
                return
            }
            // Integers below 2^53 print exactly; no String needed.
            if magnitude < 9_007_199_254_740_992, magnitude.rounded(.towardZero) == magnitude {
                var v = UInt64(magnitude)
                var end = 32
                while v > 0 {
                    end -= 1
                    buffer[end] = UInt8(truncatingIfNeeded: v % 10) &+ 0x30
                    v /= 10
                }
                let point = 32 - end
                var last = 32
                while last > end + 1, buffer[last - 1] == UInt8(ascii: "0") { last -= 1 }
                body(UnsafeBufferPointer(rebasing: buffer[end..<last]), point)
                return
            }
            // Swift's description is the shortest round-tripping form: `1.5`, `0.0001`, `1e-07`, `1.5e+20`.
            var count = 0
            var pointIndex = -1
            var exponent = 0
            var exponentSign = 1
            var inExponent = false
            for byte in magnitude.description.utf8 {
                if inExponent {
                    if byte == UInt8(ascii: "-") {
                        exponentSign = -1
                    } else if byte >= 0x30 && byte <= 0x39 {
                        exponent = exponent * 10 + Int(byte - 0x30)
                    }
                } else if byte == UInt8(ascii: "e") || byte == UInt8(ascii: "E") {
                    inExponent = true
                } else if byte == UInt8(ascii: ".") {
                    pointIndex = count
                } else if count < 32 {
                    buffer[count] = byte
                    count += 1
                }
            }
            if pointIndex < 0 { pointIndex = count }
            var point = pointIndex + exponentSign * exponent
            var start = 0
            while start < count - 1, buffer[start] == UInt8(ascii: "0") {
                start += 1
                point -= 1
            }
            var end = count
            while end > start + 1, buffer[end - 1] == UInt8(ascii: "0") { end -= 1 }
            body(UnsafeBufferPointer(rebasing: buffer[start..<end]), point)
        }
    }

    private static func layoutFixed(
        negative: Bool,
        _ digits: UnsafeBufferPointer<UInt8>,
        _ point: Int,
        _ out: inout [UInt8]
    ) {
        if negative { out.append(UInt8(ascii: "-")) }
        if digits.count == 1 && digits[0] == UInt8(ascii: "0") {
            out.append(UInt8(ascii: "0"))
            return
        }
        if point <= 0 {
            out.append(UInt8(ascii: "0"))
            out.append(UInt8(ascii: "."))
            for _ in 0..<(-point) { out.append(UInt8(ascii: "0")) }
            out.append(contentsOf: digits)
        } else if point >= digits.count {
            out.append(contentsOf: digits)
            for _ in 0..<(point - digits.count) { out.append(UInt8(ascii: "0")) }
        } else {
            out.append(contentsOf: UnsafeBufferPointer(rebasing: digits[0..<point]))
            out.append(UInt8(ascii: "."))
            out.append(contentsOf: UnsafeBufferPointer(rebasing: digits[point...]))
        }
    }

    private static func layoutExponent(
        negative: Bool,
        _ digits: UnsafeBufferPointer<UInt8>,
        _ point: Int,
        trimExponentZero: Bool,
        _ out: inout [UInt8]
    ) {
        if negative { out.append(UInt8(ascii: "-")) }
        out.append(digits[0])
        if digits.count > 1 {
            out.append(UInt8(ascii: "."))
            out.append(contentsOf: UnsafeBufferPointer(rebasing: digits[1...]))
        }
        let exponent = point - 1
        out.append(UInt8(ascii: "e"))
        out.append(exponent < 0 ? UInt8(ascii: "-") : UInt8(ascii: "+"))
        let e = exponent.magnitude
        if e < 10 && !(trimExponentZero && exponent < 0) { out.append(UInt8(ascii: "0")) }
        appendUInt(UInt64(e), to: &out)
    }
}
