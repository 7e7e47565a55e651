/// Milliseconds since the Unix epoch: the time unit of every sample, query and alert in Klaxon.
public typealias Timestamp = Int64

public enum Time {
    /// Milliseconds in common units.
    public static let second: Int64 = 1000
    public static let minute: Int64 = 60_000
    public static let hour: Int64 = 3_600_000
    public static let day: Int64 = 86_400_000

    /// Converts float seconds (as written in PromQL `@` modifiers and OpenMetrics timestamps) to milliseconds,
    /// rounding as Prometheus does (`int64(math.Round(f*1000))`).
    public static func milliseconds(fromSeconds seconds: Double) -> Int64 {
        Int64((seconds * 1000).rounded(.toNearestOrAwayFromZero))
    }
}
