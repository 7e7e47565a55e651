import KlaxonModel

/// Go's `time.Time.String()` for UTC instants, without Foundation.
enum GoTime {
    /// `2006-01-02 15:04:05.999999999 +0000 UTC` for a millisecond epoch timestamp.
    static func string(milliseconds: Int64) -> String {
        // The same fields as RFC 3339 (`2006-01-02T15:04:05.999Z`), with Go's String() separators.
        var text = Time.rfc3339(milliseconds: milliseconds)
        text.removeLast()
        return text.replacing("T", with: " ", maxReplacements: 1) + " +0000 UTC"
    }

    /// RFC 3339 with nanosecond precision trimmed, as Go's `time.RFC3339Nano` (`1970-01-01T00:00:00Z`).
    static func rfc3339(milliseconds: Int64) -> String {
        Time.rfc3339(milliseconds: milliseconds)
    }

    /// Howard Hinnant's days-to-civil algorithm.
    static func civil(fromDays days: Int64) -> (Int64, Int64, Int64) {
        Time.civilDate(fromDays: days)
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
