/// Go's `time.Time.String()` for UTC instants, without Foundation.
enum GoTime {
    /// `2006-01-02 15:04:05.999999999 +0000 UTC` for a millisecond epoch timestamp.
    static func string(milliseconds: Int64) -> String {
        var days = milliseconds / 86_400_000
        var msOfDay = milliseconds % 86_400_000
        if msOfDay < 0 {
            msOfDay += 86_400_000
            days -= 1
        }
        let (year, month, day) = civil(fromDays: days)
        let seconds = msOfDay / 1000
        let fraction = msOfDay % 1000
        var out = pad(year, 4) + "-" + pad(month, 2) + "-" + pad(day, 2) + " "
        out += pad(seconds / 3600, 2) + ":" + pad(seconds / 60 % 60, 2) + ":" + pad(seconds % 60, 2)
        if fraction != 0 {
            var digits = pad(fraction, 3)
            while digits.hasSuffix("0") { digits.removeLast() }
            out += "." + digits
        }
        return out + " +0000 UTC"
    }

    /// RFC 3339 with nanosecond precision trimmed, as Go's `time.RFC3339Nano` (`1970-01-01T00:00:00Z`).
    static func rfc3339(milliseconds: Int64) -> String {
        let text = string(milliseconds: milliseconds)
        let dateAndTime = text.dropLast(" +0000 UTC".count)
        return dateAndTime.replacingOccurrences(of: " ", with: "T") + "Z"
    }

    /// Howard Hinnant's days-to-civil algorithm.
    static func civil(fromDays days: Int64) -> (Int64, Int64, Int64) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let day = doy - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        let year = yoe + era * 400 + (month <= 2 ? 1 : 0)
        return (year, month, day)
    }

    private static func pad(_ value: Int64, _ width: Int) -> String {
        let text = String(value)
        return text.count >= width ? text : String(repeating: "0", count: width - text.count) + text
    }
}

extension Substring {
    fileprivate func replacingOccurrences(of target: Character, with replacement: Character) -> String {
        String(self.map { $0 == target ? replacement : $0 })
    }

    fileprivate func replacingOccurrences(of target: String, with replacement: String) -> String {
        guard let t = target.first, let r = replacement.first else { return String(self) }
        return replacingOccurrences(of: t, with: r)
    }
}
