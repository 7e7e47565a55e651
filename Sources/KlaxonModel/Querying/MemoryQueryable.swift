/// A simple in-memory series set: samples appended per label set, kept sorted by time.
///
/// Meant for test scripts (`load` blocks), `klaxon query --data` and fixtures, not for the daemon's hot path.
public struct MemoryQueryable: Queryable {
    private var series: [Labels: SeriesSamples] = [:]

    public init() {}

    public var seriesCount: Int { series.count }

    /// Appends a sample; a sample at an existing timestamp replaces the old value.
    public mutating func append(_ labels: Labels, t: Timestamp, v: Double) {
        var entry = series[labels] ?? SeriesSamples(labels: labels)
        if let last = entry.timestamps.last, last >= t {
            if let index = entry.timestamps.firstIndex(where: { $0 >= t }) {
                if entry.timestamps[index] == t {
                    entry.values[index] = v
                } else {
                    entry.timestamps.insert(t, at: index)
                    entry.values.insert(v, at: index)
                }
            }
        } else {
            entry.timestamps.append(t)
            entry.values.append(v)
        }
        series[labels] = entry
    }

    public mutating func removeAll() { series.removeAll() }

    public var allSeries: [SeriesSamples] { Array(series.values) }

    public func select(_ matchers: [LabelMatcher], mint: Timestamp, maxt: Timestamp) -> [SeriesSamples] {
        var result: [SeriesSamples] = []
        for (labels, entry) in series where matchers.allSatisfy({ $0.matches(labels) }) {
            let lower = lowerBound(entry.timestamps, mint)
            var upper = lower
            while upper < entry.timestamps.count, entry.timestamps[upper] <= maxt { upper += 1 }
            if upper > lower {
                result.append(
                    SeriesSamples(
                        labels: labels,
                        timestamps: Array(entry.timestamps[lower..<upper]),
                        values: Array(entry.values[lower..<upper])
                    )
                )
            }
        }
        return result
    }

    private func lowerBound(_ array: [Timestamp], _ value: Timestamp) -> Int {
        var low = 0
        var high = array.count
        while low < high {
            let mid = (low + high) / 2
            if array[mid] < value { low = mid + 1 } else { high = mid }
        }
        return low
    }
}
