import KlaxonModel

/// Parameter parsing of Prometheus's `web/api/v1` (`parseTime`, `parseDuration`), with its error texts.
enum APIParams {
    /// Prometheus's `MinTime`/`MaxTime` (±2^63/1000 ms as seconds, formatted) that `parseTime` accepts by name.
    static let minTime: Timestamp = (Int64.min / 1000 + 62_135_596_801) * 1000
    static let maxTime: Timestamp = (Int64.max / 1000 - 62_135_596_801) * 1000 + 999
    static let minTimeFormatted = "-292273086-05-16T16:47:06Z"
    static let maxTimeFormatted = "292277025-08-18T07:12:54.999999999Z"

    /// A unix float (`1700000000.123`) or an RFC 3339 time, in milliseconds; the error is `cannot parse "x" to a
    /// valid timestamp`.
    static func parseTime(_ text: String) -> Result<Timestamp, APIError> {
        if let seconds = Double(goFloat: text), seconds.isFinite {
            // Beyond what milliseconds hold, Go's int64 conversion is undefined: clamp instead.
            if seconds >= 9.2e15 { return .success(maxTime) }
            if seconds <= -9.2e15 { return .success(minTime) }
            let whole = seconds.rounded(.towardZero)
            var fraction = seconds - whole
            fraction = (fraction * 1000).rounded(.toNearestOrAwayFromZero) / 1000
            // time.Unix(sec, nsec) normalises nsec into [0, 1e9); timestamp.FromTime then truncates to ms.
            var sec = Int64(whole)
            var nsec = Int64(fraction * 1_000_000_000)
            if nsec < 0 {
                sec -= 1
                nsec += 1_000_000_000
            }
            return .success(sec * 1000 + nsec / 1_000_000)
        }
        if let t = Time.parseRFC3339Milliseconds(text) { return .success(t) }
        if text == minTimeFormatted { return .success(minTime) }
        if text == maxTimeFormatted { return .success(maxTime) }
        return .failure(.badData("cannot parse \(goQuote(text)) to a valid timestamp"))
    }

    /// A float number of seconds or a Prometheus duration (`5m`), in nanoseconds (Go's `time.Duration`).
    static func parseDurationNanos(_ text: String) -> Result<Int64, APIError> {
        if let seconds = Double(goFloat: text) {
            let nanos = seconds * 1e9
            guard nanos.isFinite, nanos < 9.223372036854775807e18, nanos > -9.223372036854775807e18 else {
                return .failure(.badData("cannot parse \(goQuote(text)) to a valid duration. It overflows int64"))
            }
            return .success(Int64(nanos))
        }
        if let d = PromDuration(parsing: text) {
            let (nanos, overflow) = d.milliseconds.multipliedReportingOverflow(by: 1_000_000)
            if !overflow { return .success(nanos) }
        }
        return .failure(.badData("cannot parse \(goQuote(text)) to a valid duration"))
    }

    /// `parseTimeParam`: the default when absent, else the time, errors wrapped as
    /// `Invalid time value for 'name': …`.
    static func timeParam(
        _ request: APIRequest,
        _ name: String,
        default value: Timestamp
    ) -> Result<
        Timestamp, APIError
    > {
        let text = request.formValue(name)
        if text.isEmpty { return .success(value) }
        switch parseTime(text) {
        case .success(let t): return .success(t)
        case .failure(let error):
            return .failure(
                .badData("invalid parameter \(goQuote(name)): Invalid time value for '\(name)': \(error.message)")
            )
        }
    }

    static func floorDiv(_ a: Int64, _ b: Int64) -> Int64 {
        let q = a / b
        return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q
    }
}

extension Double {
    /// Go's `strconv.ParseFloat(s, 64)` for the forms a client sends: decimal, exponent, `Inf`/`NaN` words.
    init?(goFloat text: String) {
        guard !text.isEmpty, text.utf8.allSatisfy({ $0 > 0x20 && $0 < 0x7F && $0 != UInt8(ascii: "_") }) else {
            return nil
        }
        let lower = text.lowercased()
        switch lower {
        case "inf", "+inf", "infinity", "+infinity": self = .infinity
        case "-inf", "-infinity": self = -.infinity
        case "nan": self = .nan
        default:
            // Swift also accepts hexadecimal floats, as Go does; it rejects words Go rejects.
            guard let value = Double(text), value.isFinite || lower.contains("e") else { return nil }
            self = value
        }
    }
}
