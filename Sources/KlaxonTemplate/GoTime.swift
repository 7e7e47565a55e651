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

    /// Howard Hinnant's days-to-civil algorithm.
    static func civil(fromDays days: Int64) -> (Int64, Int64, Int64) {
        Time.civilDate(fromDays: days)
    }
}
