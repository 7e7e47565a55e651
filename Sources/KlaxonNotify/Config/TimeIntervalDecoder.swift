import KlaxonModel
import KlaxonYAML

/// Decodes `time_intervals` / `mute_time_intervals` entries with the checks and wording of Alertmanager 0.25's
/// `timeinterval` package (each range is checked when decoded; the first failure aborts).
enum TimeIntervalDecoder {
    static func decodeNamed(_ node: YAMLNode, mute: Bool, reader: inout NodeReader) -> NamedTimeInterval? {
        var name = ""
        var intervals: [TimeInterval] = []
        let before = reader.typeErrors.count
        let isMapping = reader.forEachField(
            of: node,
            goType: AlertmanagerConfigLoader.plain,
            known: ["name", "time_intervals"]
        ) { reader, key, value in
            switch key {
            case "name": name = reader.string(value) ?? ""
            case "time_intervals":
                for item in reader.sequence(value, goType: "[]timeinterval.TimeInterval") ?? [] {
                    if let interval = decodeInterval(item, reader: &reader) { intervals.append(interval) }
                    if reader.aborted { return }
                }
            default: break
            }
        }
        guard isMapping, !reader.aborted, reader.typeErrors.count == before else { return nil }
        if name.isEmpty {
            reader.fail(mute ? "missing name in mute time interval" : "missing name in time interval")
            return nil
        }
        return NamedTimeInterval(name: name, intervals: intervals)
    }

    static func decodeInterval(_ node: YAMLNode, reader: inout NodeReader) -> TimeInterval? {
        var interval = TimeInterval()
        let known: Set<String> = ["times", "weekdays", "days_of_month", "months", "years", "location"]
        reader.forEachField(of: node, goType: "timeinterval.TimeInterval", known: known) { reader, key, value in
            switch key {
            case "times":
                for item in reader.sequence(value, goType: "[]timeinterval.TimeRange") ?? [] {
                    if let range = timeRange(item, reader: &reader) { interval.times.append(range) }
                    if reader.aborted { return }
                }
            case "weekdays": interval.weekdays = ranges(value, reader: &reader, kind: .weekday)
            case "days_of_month": interval.daysOfMonth = ranges(value, reader: &reader, kind: .dayOfMonth)
            case "months": interval.months = ranges(value, reader: &reader, kind: .month)
            case "years": interval.years = ranges(value, reader: &reader, kind: .year)
            case "location":
                guard let name = reader.string(value) else { return }
                do {
                    interval.location = try loadLocation(name)
                } catch {
                    reader.fail("\(error)")
                }
            default: break
            }
        }
        return reader.aborted ? nil : interval
    }

    /// Go's `time.LoadLocation`: "" and "UTC" are UTC, "Local" is the machine's zone.
    static func loadLocation(_ name: String) throws(ZoneRules.LoadError) -> ZoneRules {
        if name.isEmpty || name == "UTC" { return .utc }
        if name == "Local" { return (try? ZoneRules.load("../../etc/localtime")) ?? .utc }
        return try ZoneRules.load(name)
    }

    enum Kind { case weekday, dayOfMonth, month, year }

    static let weekdays = ["sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"]
    static let months = [
        "january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
        "november", "december",
    ]

    static func ranges(_ node: YAMLNode, reader: inout NodeReader, kind: Kind) -> [ClosedRange<Int>] {
        let goType: String
        switch kind {
        case .weekday: goType = "[]timeinterval.WeekdayRange"
        case .dayOfMonth: goType = "[]timeinterval.DayOfMonthRange"
        case .month: goType = "[]timeinterval.MonthRange"
        case .year: goType = "[]timeinterval.YearRange"
        }
        var out: [ClosedRange<Int>] = []
        for item in reader.sequence(node, goType: goType) ?? [] {
            guard let text = reader.string(item) else { continue }
            switch parseRange(text, kind: kind) {
            case .success(let range): out.append(range)
            case .failure(let error):
                reader.fail(error.description)
                return []
            }
        }
        return out
    }

    static func parseRange(_ text: String, kind: Kind) -> Result<ClosedRange<Int>, AlertmanagerConfigError> {
        typealias Failure = AlertmanagerConfigError
        let lower = text.lowercased()
        let parts = lower.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
        if parts.count > 2 { return .failure(Failure("couldn't parse range \(lower), invalid format")) }
        var values: [Int] = []
        for part in parts {
            switch member(part, kind: kind) {
            case .success(let value): values.append(value)
            case .failure(let error): return .failure(error)
            }
        }
        let begin = values[0]
        let end = values.count == 2 ? values[1] : values[0]
        switch kind {
        case .weekday:
            if begin > end { return .failure(Failure("start day cannot be before end day")) }
            if begin < 0 || begin > 6 || end < 0 || end > 6 {
                return .failure(Failure("\(text) is not a valid day of the week: out of range"))
            }
        case .dayOfMonth:
            if begin == 0 || begin < -31 || begin > 31 {
                return .failure(Failure("\(begin) is not a valid day of the month: out of range"))
            }
            if end == 0 || end < -31 || end > 31 {
                return .failure(Failure("\(end) is not a valid day of the month: out of range"))
            }
            if begin < 0 && end > 0 { return .failure(Failure("end day must be negative if start day is negative")) }
            let checkBegin = begin < 0 ? 28 + begin : begin
            let checkEnd = end < 0 ? 28 + end : end
            if checkBegin > checkEnd { return .failure(Failure("end day \(end) is always before start day \(begin)")) }
            // ClosedRange needs lower <= upper; negative pairs are resolved per month when matching.
            if begin > end { return .success(end...begin) }
        case .month:
            if begin > end {
                let name = { (month: Int) in (1...12).contains(month) ? months[month - 1] : "" }
                return .failure(Failure("end month \(name(end)) is before start month \(name(begin))"))
            }
        case .year:
            if begin > end { return .failure(Failure("end year \(end) is before start year \(begin)")) }
        }
        return .success(begin...end)
    }

    private static func member(_ text: String, kind: Kind) -> Result<Int, AlertmanagerConfigError> {
        switch kind {
        case .weekday:
            if let index = weekdays.firstIndex(of: text) { return .success(index) }
            return .failure(AlertmanagerConfigError("\(text) is not a valid weekday"))
        case .month:
            if let index = months.firstIndex(of: text) { return .success(index + 1) }
            if let value = goAtoi(text) { return .success(value) }
            return .failure(AlertmanagerConfigError("\(text) is not a valid month"))
        case .dayOfMonth, .year:
            if let value = goAtoi(text) { return .success(value) }
            return .failure(AlertmanagerConfigError("strconv.Atoi: parsing \(goQuoted(text)): invalid syntax"))
        }
    }

    /// Go's `strconv.Atoi` for the decimal forms that matter (optional sign, digits).
    private static func goAtoi(_ text: String) -> Int? {
        var body = Substring(text)
        if body.first == "+" { body = body.dropFirst() }
        guard !body.isEmpty, body.first != "+" else { return nil }
        return Int(body)
    }

    /// `times` entry: `start_time`/`end_time` as HH:MM, end exclusive; stored as start...(end - 1) minutes.
    static func timeRange(_ node: YAMLNode, reader: inout NodeReader) -> ClosedRange<Int>? {
        var start = ""
        var end = ""
        let before = reader.typeErrors.count
        reader.forEachField(
            of: node,
            goType: "timeinterval.yamlTimeRange",
            known: ["start_time", "end_time"]
        ) { reader, key, value in
            if key == "start_time" { start = reader.string(value) ?? "" } else { end = reader.string(value) ?? "" }
        }
        guard !reader.aborted, reader.typeErrors.count == before else { return nil }
        if start.isEmpty || end.isEmpty {
            reader.fail("both start and end times must be provided")
            return nil
        }
        guard let startMinute = minutes(start, reader: &reader), let endMinute = minutes(end, reader: &reader) else {
            return nil
        }
        if startMinute >= endMinute {
            reader.fail("start time cannot be equal or greater than end time")
            return nil
        }
        return startMinute...(endMinute - 1)
    }

    /// `^((([01][0-9])|(2[0-3])):[0-5][0-9])$|(^24:00$)`.
    private static func minutes(_ text: String, reader: inout NodeReader) -> Int? {
        let bytes = Array(text.utf8)
        func digit(_ index: Int) -> Int? {
            bytes[index] >= 48 && bytes[index] <= 57 ? Int(bytes[index] - 48) : nil
        }
        if bytes.count == 5, bytes[2] == UInt8(ascii: ":"), let h1 = digit(0), let h2 = digit(1), let m1 = digit(3),
            let m2 = digit(4)
        {
            let hours = h1 * 10 + h2
            let minutes = m1 * 10 + m2
            if (hours < 24 && m1 <= 5) || (hours == 24 && minutes == 0) { return hours * 60 + minutes }
        }
        reader.fail("couldn't parse timestamp \(text), invalid format")
        return nil
    }
}
