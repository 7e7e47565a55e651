import KlaxonModel
import Synchronization

extension Head {
    /// Takes one place under `options.maxSeries`; false (nothing taken) when the head is full. Called with the
    /// stripe lock held, before a series is created.
    func reserveSeries() -> Bool {
        let limit = options.maxSeries
        var current = liveSeries.load(ordering: .relaxed)
        while current < limit {
            let (exchanged, original) = liveSeries.compareExchange(
                expected: current,
                desired: current + 1,
                ordering: .relaxed
            )
            if exchanged { return true }
            current = original
        }
        return false
    }

    /// Gives back the place of a dropped series.
    func releaseSeriesPlace() {
        liveSeries.subtract(1, ordering: .relaxed)
    }

    /// Counts a refused series and calls `onSeriesLimit` unless it was called less than the report interval ago.
    func reportSeriesLimit(_ labels: Labels) {
        let total = seriesLimitRefused.wrappingAdd(1, ordering: .relaxed).newValue
        guard let report = options.onSeriesLimit else { return }
        let now = Self.monotonicNanoseconds()
        let due = nextSeriesLimitReport.load(ordering: .relaxed)
        guard now >= due else { return }
        let interval = options.seriesLimitReportInterval.components
        let step = interval.seconds &* 1_000_000_000 &+ interval.attoseconds / 1_000_000_000
        // One caller wins the slot; the others stay quiet until the next interval.
        guard nextSeriesLimitReport.compareExchange(expected: due, desired: now &+ step, ordering: .relaxed).exchanged
        else { return }
        report(SeriesLimitReport(limit: options.maxSeries, refusedTotal: total, example: labels))
    }

    /// Live series as counted for the limit (0 when no limit is set).
    public var seriesCountedForLimit: Int { liveSeries.load(ordering: .relaxed) }

    /// Whether a new series would be taken now (no `maxSeries`, or fewer series than it).
    public var hasRoomForNewSeries: Bool {
        options.maxSeries <= 0 || seriesCountedForLimit < options.maxSeries
    }

    static func monotonicNanoseconds() -> Int64 {
        let elapsed = ContinuousClock.now - epoch
        let parts = elapsed.components
        return parts.seconds &* 1_000_000_000 &+ parts.attoseconds / 1_000_000_000
    }

    private static let epoch = ContinuousClock.now
}
