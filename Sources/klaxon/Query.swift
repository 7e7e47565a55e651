import ArgumentParser
import KlaxonModel
import KlaxonPromQL

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

struct Query: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Evaluate a PromQL expression over a data file in test-script `load` notation.",
        discussion: """
            Prints the result as `promtool query instant` (2.42) prints it, errors included ("query error: \
            bad_data: ..." and "query error: execution: ..."), exit 1 on any error. Unlike promtool, a string \
            result prints as `<value> @[<time>]` (promtool 2.42 fails to decode it).
            """
    )

    @Option(help: "File with `load <interval>` blocks (promtool/PromQL test-script notation).")
    var data: String

    @Option(
        parsing: .unconditional,
        help: """
            Evaluation time: Unix seconds (`1700000000.5`) or RFC3339 (`2023-11-14T22:13:20Z`) as promtool takes \
            it, or a duration from the Unix epoch such as `50m` (Klaxon only). Default: the newest loaded sample.
            """
    )
    var time: String?

    @Flag(help: "Use Prometheus 2.x semantics (closed windows) instead of 3.x.")
    var prometheus2 = false

    @Argument(help: "The PromQL expression.")
    var expr: String

    func run() throws {
        guard let text = Self.readFile(data) else {
            StandardStreams.write("error: cannot read \(data)\n", to: 2)
            throw ExitCode(1)
        }
        let script: PromQLTestScript
        do {
            script = try PromQLTestScript(parsing: text)
        } catch {
            StandardStreams.write("error: \(data): \(error)\n", to: 2)
            throw ExitCode(1)
        }
        let (store, newest) = script.loadedData()
        var at: Timestamp = newest ?? 0
        if let time {
            guard let parsed = QueryTime.parse(time) else {
                StandardStreams.write(
                    "error parsing evaluation time: cannot parse \"\(time)\" to a valid timestamp\n",
                    to: 2
                )
                throw ExitCode(1)
            }
            at = parsed
        }
        let options: ParserOptions =
            prometheus2 ? .prometheus2 : ParserOptions(dotMatchesNewline: true, enableExperimentalFunctions: true)
        let engine = Engine(options: EngineOptions(mode: prometheus2 ? .prometheus2 : .prometheus3))
        let value: QueryValue
        do {
            value = try engine.instantQuery(try parseExpr(expr, options: options), at: at, on: store)
        } catch let error as ParseError {
            // promtool shows the API's error: `<errorType>: <error>`.
            StandardStreams.write("query error: bad_data: invalid parameter \"query\": \(error)\n", to: 2)
            throw ExitCode(1)
        } catch let error as QueryError {
            StandardStreams.write("query error: \(Self.errorType(error.kind)): \(error.message)\n", to: 2)
            throw ExitCode(1)
        }
        // promtool prints the value with Println: an empty vector or matrix is an empty line.
        StandardStreams.write(value.promtoolText + "\n", to: 1)
    }

    /// The API `errorType` Prometheus gives an engine error.
    static func errorType(_ kind: QueryError.Kind) -> String {
        switch kind {
        case .execution, .tooManySamples: return "execution"
        case .timeout: return "timeout"
        case .badData: return "bad_data"
        }
    }

    static func readFile(_ path: String) -> String? {
        guard let file = fopen(path, "rb") else { return nil }
        defer { fclose(file) }
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while true {
            let n = fread(&buffer, 1, buffer.count, file)
            if n <= 0 { break }
            bytes.append(contentsOf: buffer[0..<n])
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}

/// `--time` as promtool 2.42 reads it and as the time then reaches the engine: promtool's `parseTime` (Go
/// `ParseFloat` seconds, else `time.RFC3339Nano`), the client's float-seconds form, the API's `parseTime` (fraction
/// rounded to milliseconds), then `UnixNano / 1e6`. Klaxon also takes a Prometheus duration from the epoch.
enum QueryTime {
    static func parse(_ text: String) -> Timestamp? {
        if let seconds = goParseFloat(text) { return apiMilliseconds(seconds) }
        if let (seconds, nanos) = parseRFC3339(Array(text.utf8)) {
            return apiMilliseconds(Double(seconds) + Double(nanos) / 1e9)
        }
        if let duration = PromDuration(parsing: text) { return duration.milliseconds }
        return nil
    }

    /// Go's `strconv.ParseFloat(s, 64)` for the forms that name a time: decimal and exponent, hex only with a `p`
    /// exponent (Swift's `Double("0x10")` would take it). Infinities and NaN name no time and are refused.
    static func goParseFloat(_ text: String) -> Double? {
        let lower = text.lowercased()
        if lower.contains("x") && !lower.contains("p") { return nil }
        if lower.contains("_") { return nil }
        guard let value = Double(text), value.isFinite else { return nil }
        return value
    }

    /// The timestamp the API evaluates at for float seconds `x` (`web/api/v1` `parseTime`, `timeMilliseconds`).
    static func apiMilliseconds(_ x: Double) -> Timestamp? {
        guard abs(x) < 9.2e9 else { return nil }
        let whole = x.rounded(.towardZero)
        let fraction = ((x - whole) * 1000).rounded() / 1000
        var seconds = Int64(whole)
        var nanos = Int64(fraction * 1e9)
        if nanos < 0 {
            seconds -= 1
            nanos += 1_000_000_000
        }
        return (seconds * 1_000_000_000 + nanos) / 1_000_000
    }

    /// `2006-01-02T15:04:05.999999999Z07:00` with Go's range checks; returns Unix seconds and nanoseconds.
    static func parseRFC3339(_ b: [UInt8]) -> (Int64, Int64)? {
        var i = 0
        func digits(_ n: Int) -> Int64? {
            guard i + n <= b.count else { return nil }
            var v: Int64 = 0
            for k in i..<(i + n) {
                guard b[k] >= 0x30, b[k] <= 0x39 else { return nil }
                v = v * 10 + Int64(b[k] - 0x30)
            }
            i += n
            return v
        }
        func expect(_ c: Character) -> Bool {
            guard i < b.count, let a = c.asciiValue, b[i] == a else { return false }
            i += 1
            return true
        }
        guard let year = digits(4), expect("-"), let month = digits(2), expect("-"), let day = digits(2),
            expect("T"), let hour = digits(2), expect(":"), let minute = digits(2), expect(":"),
            let second = digits(2)
        else { return nil }
        var nanos: Int64 = 0
        if i < b.count, b[i] == UInt8(ascii: ".") {
            i += 1
            var count = 0
            while i < b.count, b[i] >= 0x30, b[i] <= 0x39 {
                if count < 9 { nanos = nanos * 10 + Int64(b[i] - 0x30) }
                count += 1
                i += 1
            }
            guard count > 0 else { return nil }
            for _ in count..<max(count, 9) { nanos *= 10 }
        }
        var offset: Int64 = 0
        if expect("Z") {
            offset = 0
        } else {
            guard i < b.count, b[i] == UInt8(ascii: "+") || b[i] == UInt8(ascii: "-") else { return nil }
            let sign: Int64 = b[i] == UInt8(ascii: "-") ? -1 : 1
            i += 1
            guard let oh = digits(2), expect(":"), let om = digits(2), oh < 24, om < 60 else { return nil }
            offset = sign * (oh * 3600 + om * 60)
        }
        guard i == b.count, (1...12).contains(month), day >= 1, day <= daysIn(month: month, year: year), hour < 24,
            minute < 60, second < 60
        else { return nil }
        let days = daysFromCivil(year: year, month: month, day: day)
        return (days * 86_400 + hour * 3600 + minute * 60 + second - offset, nanos)
    }

    static func daysIn(month: Int64, year: Int64) -> Int64 {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
    static func daysFromCivil(year: Int64, month: Int64, day: Int64) -> Int64 {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }
}
