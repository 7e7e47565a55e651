import KlaxonModel
import KlaxonPromQL
import KlaxonStorage

extension API {
    /// Prometheus's limit on points per series in a range query.
    static let maxPointsPerSeries: Int64 = 11_000

    /// `/api/v1/query`.
    func query(_ request: APIRequest) async -> Result<[UInt8], APIError> {
        let t: Timestamp
        switch APIParams.timeParam(request, "time", default: now()) {
        case .success(let value): t = value
        case .failure(let error): return .failure(error)
        }
        let options: EngineOptions
        switch engineOptions(request) {
        case .success(let value): options = value
        case .failure(let error): return .failure(error)
        }
        let text = request.formValue("query")
        if text.utf8.count > configuration.maxQueryLength {
            return .failure(.invalidParam("query", Self.tooLong(text, configuration)))
        }
        let expr: Expr
        do {
            expr = try parseExpr(text, options: parserOptions)
        } catch {
            return .failure(.invalidParam("query", error.description))
        }
        let head = self.head
        return await execute(request) { () throws(QueryError) -> QueryValue in
            var value = try Engine(options: options).instantQuery(expr, at: t, on: head)
            if case .matrix(let series) = value { value = .matrix(Self.sorted(series)) }
            return value
        }
    }

    /// `/api/v1/query_range`.
    func queryRange(_ request: APIRequest) async -> Result<[UInt8], APIError> {
        let start: Timestamp
        let end: Timestamp
        let step: Int64
        switch APIParams.parseTime(request.formValue("start")) {
        case .success(let value): start = value
        case .failure(let error): return .failure(.invalidParam("start", error.message))
        }
        switch APIParams.parseTime(request.formValue("end")) {
        case .success(let value): end = value
        case .failure(let error): return .failure(.invalidParam("end", error.message))
        }
        if end < start { return .failure(.invalidParam("end", "end timestamp must not be before start time")) }
        switch APIParams.parseDurationNanos(request.formValue("step")) {
        case .success(let nanos):
            guard nanos > 0 else {
                return .failure(
                    .invalidParam(
                        "step",
                        "zero or negative query resolution step widths are not accepted. Try a positive integer"
                    )
                )
            }
            // end.Sub(start) / step in Go's time.Duration arithmetic (Sub saturates).
            let (msSpan, msOverflow) = end.subtractingReportingOverflow(start)
            let (span, overflow) = msSpan.multipliedReportingOverflow(by: 1_000_000)
            if msOverflow {
                // Prometheus's step count overflows too and it answers with no series.
                var w = JSONWriter()
                w.beginSuccess()
                w.queryResult(.matrix([]))
                w.endSuccess()
                return .success(w.bytes)
            }
            if (overflow ? Int64.max : span) / nanos > Self.maxPointsPerSeries {
                return .failure(
                    .badData(
                        "exceeded maximum resolution of 11,000 points per timeseries. Try decreasing the query resolution (?step=XX)"
                    )
                )
            }
            step = nanos / 1_000_000
        case .failure(let error): return .failure(.invalidParam("step", error.message))
        }
        let options: EngineOptions
        switch engineOptions(request) {
        case .success(let value): options = value
        case .failure(let error): return .failure(error)
        }
        let text = request.formValue("query")
        if text.utf8.count > configuration.maxQueryLength {
            return .failure(.invalidParam("query", Self.tooLong(text, configuration)))
        }
        let expr: Expr
        do {
            expr = try parseExpr(text, options: parserOptions)
        } catch {
            // Unlike /api/v1/query, 2.42 does not say which parameter.
            return .failure(.badData(error.description))
        }
        if expr.type != .vector && expr.type != .scalar {
            return .failure(
                .badData(
                    "invalid expression type \(goQuote(expr.type.rawValue)) for range query, must be Scalar or instant Vector"
                )
            )
        }
        let head = self.head
        return await execute(request) { () throws(QueryError) -> QueryValue in
            let value = try Engine(options: options).rangeQuery(expr, start: start, end: end, step: step, on: head)
            if case .matrix(let series) = value { return .matrix(Self.sorted(series)) }
            return value
        }
    }

    /// The engine options of one query: the configured ones, `timeout` lowered by the request's parameter.
    func engineOptions(_ request: APIRequest) -> Result<EngineOptions, APIError> {
        var options = configuration.engine
        options.lookbackDelta = configuration.lookbackDelta
        options.timeout = configuration.queryTimeout
        options.cancellation = request.cancellation
        let text = request.formValue("timeout")
        if !text.isEmpty {
            switch APIParams.parseDurationNanos(text) {
            case .success(let nanos):
                let requested = Duration.nanoseconds(nanos)
                if requested < options.timeout { options.timeout = requested }
            case .failure(let error): return .failure(.invalidParam("timeout", error.message))
            }
        }
        return .success(options)
    }

    /// Runs the synchronous engine on the query pool (never on an HTTP or cooperative thread), under the
    /// concurrency limit, and writes the whole success body (envelope included).
    func execute(
        _ request: APIRequest,
        _ body: @escaping @Sendable () throws(QueryError) -> QueryValue
    ) async -> Result<[UInt8], APIError> {
        let answer = await pool.run(cancellation: request.cancellation) { () -> Result<[UInt8], APIError> in
            do throws(QueryError) {
                let value = try body()
                var w = JSONWriter(capacity: 1024)
                w.beginSuccess()
                w.queryResult(value)
                w.endSuccess()
                return .success(w.bytes)
            } catch {
                return .failure(APIError(error))
            }
        }
        return answer ?? .failure(APIError(kind: .canceled, message: "query was canceled"))
    }

    /// The error for a query or selector longer than `--web.max-query-length`.
    static func tooLong(_ text: String, _ configuration: ServerConfiguration) -> String {
        "query is \(text.utf8.count) bytes long; the limit is \(configuration.maxQueryLength) (--web.max-query-length)"
    }

    /// Series in Prometheus's label order (`labels.Compare`).
    static func sorted(_ series: [MatrixSeries]) -> [MatrixSeries] {
        series.sorted { $0.labels.lexicographicallyPrecedes($1.labels) }
    }
}
