extension Time {
    /// The proleptic Gregorian `(year, month, day)` of a day count since 1970-01-01 (Howard Hinnant's
    /// days-to-civil algorithm; correct for negative counts).
    public static func civilDate(fromDays days: Int64) -> (year: Int64, month: Int64, day: Int64) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let day = doy - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    /// Go's `time.Time.Format(time.RFC3339Nano)` in UTC for epoch milliseconds: `2026-11-24T06:28:54.241Z`,
    /// trailing zeros of the fraction trimmed, no fraction when it is zero.
    public static func rfc3339(milliseconds: Int64) -> String {
        var days = milliseconds / day
        var msOfDay = milliseconds % day
        if msOfDay < 0 {
            msOfDay += day
            days -= 1
        }
        let (year, month, dayOfMonth) = civilDate(fromDays: days)
        let seconds = msOfDay / 1000
        let fraction = msOfDay % 1000
        var out = zeroPadded(year, 4) + "-" + zeroPadded(month, 2) + "-" + zeroPadded(dayOfMonth, 2) + "T"
        out += zeroPadded(seconds / 3600, 2) + ":" + zeroPadded(seconds / 60 % 60, 2) + ":"
        out += zeroPadded(seconds % 60, 2)
        if fraction != 0 {
            var digits = zeroPadded(fraction, 3)
            while digits.hasSuffix("0") { digits.removeLast() }
            out += "." + digits
        }
        return out + "Z"
    }

    private static func zeroPadded(_ value: Int64, _ width: Int) -> String {
        let text = String(value)
        return text.count >= width ? text : String(repeating: "0", count: width - text.count) + text
    }
}
