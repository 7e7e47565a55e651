import KlaxonModel
import KlaxonPromQL

/// `klaxon query`: one instant query over a data file in test-script `load` notation, printed as
/// `promtool query instant` (2.42) prints the answer of a Prometheus holding the same series — the value lines,
/// `error parsing evaluation time: …`, and the API's errors as `query error: <errorType>: <error>`; exit 1 on any
/// error. Unlike promtool, a string result prints as `<value> @[<time>]` (promtool 2.42 fails to decode it), the
/// default time is the newest loaded sample, and `--time` also takes a duration from the epoch (`30m`).
public enum InstantQuery {
    /// `promtool query instant -o`: `promql` (the value's text) or `json`.
    public enum Format: String, Sendable, CaseIterable {
        case promql
        case json
    }

    /// Evaluates `expr` over `data` (the file's text; `path` names it in errors).
    public static func run(
        data: String,
        path: String,
        expr: String,
        time: String?,
        prometheus2: Bool,
        format: Format = .promql
    ) -> CheckResult {
        let script: PromQLTestScript
        do {
            script = try PromQLTestScript(parsing: data)
        } catch {
            return CheckResult(stderr: "error: \(path): \(error)\n", exitCode: CheckResult.failureExitCode)
        }
        let (store, newest) = script.loadedData()
        var at: Timestamp = newest ?? 0
        if let time {
            guard let parsed = QueryTime.parse(time) else {
                return CheckResult(
                    stderr: "error parsing evaluation time: cannot parse \"\(time)\" to a valid timestamp\n",
                    exitCode: CheckResult.failureExitCode
                )
            }
            at = parsed
        }
        let options: ParserOptions =
            prometheus2 ? .prometheus2 : ParserOptions(dotMatchesNewline: true, enableExperimentalFunctions: true)
        let engine = Engine(options: EngineOptions(mode: prometheus2 ? .prometheus2 : .prometheus3))
        let parsed: Expr
        do {
            parsed = try parseExpr(expr, options: options)
        } catch {
            // promtool shows the API's error: `<errorType>: <error>`.
            return CheckResult(
                stderr: "query error: bad_data: invalid parameter \"query\": \(error)\n",
                exitCode: CheckResult.failureExitCode
            )
        }
        do {
            let value = try engine.instantQuery(parsed, at: at, on: store)
            // promtool prints the value with Println (an empty vector is an empty line) or json.Encoder.Encode.
            return CheckResult(stdout: (format == .json ? value.promtoolJSON : value.promtoolText) + "\n")
        } catch {
            return CheckResult(
                stderr: "query error: \(errorType(error.kind)): \(error.message)\n",
                exitCode: CheckResult.failureExitCode
            )
        }
    }

    /// The API `errorType` Prometheus gives an engine error.
    static func errorType(_ kind: QueryError.Kind) -> String {
        switch kind {
        case .execution, .tooManySamples: return "execution"
        case .timeout: return "timeout"
        case .canceled: return "canceled"
        case .badData: return "bad_data"
        }
    }
}

/// `--time` as promtool 2.42 reads it and as the time then reaches the engine: promtool's `parseTime` (Go
/// `ParseFloat` seconds, else `time.RFC3339Nano`), the client's float-seconds form, the API's `parseTime` (fraction
/// rounded to milliseconds), then `UnixNano / 1e6`. Klaxon also takes a Prometheus duration from the epoch.
enum QueryTime {
    static func parse(_ text: String) -> Timestamp? {
        if let seconds = goParseFloat(text) { return apiMilliseconds(seconds) }
        if let (seconds, nanos) = Time.parseRFC3339(text) {
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
}
