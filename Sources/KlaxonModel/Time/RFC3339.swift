extension Time {
    /// Go's `time.Parse(time.RFC3339Nano, text)` (Go 1.19): `2006-01-02T15:04:05[.fraction](Z|±hh:mm)`, with Go's
    /// range checks (month, day of that month, hour, minute, second, offset) and either `.` or `,` before the
    /// fraction; digits past the ninth are read and dropped. Returns Unix seconds and nanoseconds (`0..<1e9`).
    /// The one RFC 3339 reader: the Prometheus API's `time` parameters, `promtool query --time`, and the
    /// Alertmanager API's `startsAt`/`endsAt` all use it.
    public static func parseRFC3339(_ text: String) -> (seconds: Int64, nanoseconds: Int64)? {
        var reader = DigitReader(bytes: Array(text.utf8))
        guard let year = reader.number(4), reader.expect("-"), let month = reader.number(2), reader.expect("-"),
            let day = reader.number(2), reader.expect("T"), let hour = reader.number(2), reader.expect(":"),
            let minute = reader.number(2), reader.expect(":"), let second = reader.number(2)
        else { return nil }
        guard (1...12).contains(month), day >= 1, day <= daysIn(month: month, year: year), hour < 24, minute < 60,
            second < 60
        else { return nil }
        var nanos: Int64 = 0
        if reader.expect(".") || reader.expect(",") {
            var digits = 0
            while let digit = reader.digit() {
                if digits < 9 { nanos = nanos * 10 + digit }
                digits += 1
            }
            guard digits > 0 else { return nil }
            for _ in digits..<max(digits, 9) { nanos *= 10 }
        }
        var offset: Int64 = 0
        if !reader.expect("Z") {
            let sign: Int64
            if reader.expect("+") {
                sign = 1
            } else if reader.expect("-") {
                sign = -1
            } else {
                return nil
            }
            guard let hours = reader.number(2), reader.expect(":"), let minutes = reader.number(2), hours < 24,
                minutes < 60
            else { return nil }
            offset = sign * (hours * 3600 + minutes * 60)
        }
        guard reader.atEnd else { return nil }
        let days = daysFromCivil(year: year, month: month, day: day)
        return (days * 86_400 + hour * 3600 + minute * 60 + second - offset, nanos)
    }

    /// `parseRFC3339` in epoch milliseconds, the fraction truncated (`timestamp.FromTime`).
    public static func parseRFC3339Milliseconds(_ text: String) -> Timestamp? {
        guard let (seconds, nanos) = parseRFC3339(text) else { return nil }
        return seconds * 1000 + nanos / 1_000_000
    }

    /// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's days-from-civil; the inverse of
    /// `civilDate(fromDays:)`).
    public static func daysFromCivil(year: Int64, month: Int64, day: Int64) -> Int64 {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = month > 2 ? month - 3 : month + 9
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    /// The number of days of `month` (1–12) in the proleptic Gregorian `year`.
    public static func daysIn(month: Int64, year: Int64) -> Int64 {
        switch month {
        case 2: return (year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }
}

/// Reads fixed-width decimal fields and literal bytes from the front of a byte array.
private struct DigitReader {
    let bytes: [UInt8]
    var index = 0

    var atEnd: Bool { index == bytes.count }

    mutating func digit() -> Int64? {
        guard index < bytes.count, bytes[index] >= 0x30, bytes[index] <= 0x39 else { return nil }
        defer { index += 1 }
        return Int64(bytes[index] - 0x30)
    }

    mutating func number(_ width: Int) -> Int64? {
        guard index + width <= bytes.count else { return nil }
        var value: Int64 = 0
        for _ in 0..<width {
            guard let digit = digit() else { return nil }
            value = value * 10 + digit
        }
        return value
    }

    mutating func expect(_ byte: Unicode.Scalar) -> Bool {
        guard index < bytes.count, bytes[index] == UInt8(ascii: byte) else { return false }
        index += 1
        return true
    }
}
