public import KlaxonModel

/// One `time_intervals[].time_intervals[]` entry. Ranges are inclusive except `times` (end exclusive,
/// minutes of the day). Empty lists match everything. Fields are evaluated in `location`'s local time.
public struct TimeInterval: Sendable, Hashable {
    public var times: [ClosedRange<Int>]
    /// 0 = Sunday … 6 = Saturday.
    public var weekdays: [ClosedRange<Int>]
    /// 1…31, or negative counting from the month's end (-1 = last day).
    public var daysOfMonth: [ClosedRange<Int>]
    public var months: [ClosedRange<Int>]
    public var years: [ClosedRange<Int>]
    public var location: ZoneRules

    public init(
        times: [ClosedRange<Int>] = [],
        weekdays: [ClosedRange<Int>] = [],
        daysOfMonth: [ClosedRange<Int>] = [],
        months: [ClosedRange<Int>] = [],
        years: [ClosedRange<Int>] = [],
        location: ZoneRules = .utc
    ) {
        self.times = times
        self.weekdays = weekdays
        self.daysOfMonth = daysOfMonth
        self.months = months
        self.years = years
        self.location = location
    }

    /// `times` takes half-open minute ranges: pass `start..<end` as `start...(end - 1)`.
    public func contains(_ timestamp: Timestamp) -> Bool {
        let seconds = floorDiv(timestamp, 1000)
        let local = seconds + Int64(location.offset(at: seconds))
        let days = local >= 0 ? local / 86400 : (local - 86399) / 86400
        let minute = Int((local - days * 86400) / 60)
        let (year, month, day) = Time.civilDate(fromDays: days)
        let weekday = Int(((days % 7) + 11) % 7)  // 1970-01-01 was a Thursday (4).
        if !times.isEmpty && !times.contains(where: { $0.contains(minute) }) { return false }
        if !weekdays.isEmpty && !weekdays.contains(where: { $0.contains(weekday) }) { return false }
        if !daysOfMonth.isEmpty {
            let length = Int(Time.daysIn(month: month, year: year))
            let dayInt = Int(day)
            let matched = daysOfMonth.contains { range in
                let lower = range.lowerBound < 0 ? length + 1 + range.lowerBound : range.lowerBound
                let upper = range.upperBound < 0 ? length + 1 + range.upperBound : range.upperBound
                return lower <= dayInt && dayInt <= upper
            }
            if !matched { return false }
        }
        if !months.isEmpty && !months.contains(where: { $0.contains(Int(month)) }) { return false }
        if !years.isEmpty && !years.contains(where: { $0.contains(Int(year)) }) { return false }
        return true
    }
}

/// A named `time_intervals` entry: active when any of its intervals contains the time.
public struct NamedTimeInterval: Sendable, Hashable {
    public var name: String
    public var intervals: [TimeInterval]

    public init(name: String, intervals: [TimeInterval]) {
        self.name = name
        self.intervals = intervals
    }

    public func isActive(at timestamp: Timestamp) -> Bool {
        intervals.contains { $0.contains(timestamp) }
    }
}
