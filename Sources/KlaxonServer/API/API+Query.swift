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
        let expr: Expr
        do {
            expr = try parseExpr(request.formValue("query"), options: parserOptions)
        } catch {
            return .failure(.invalidParam("query", error.description))
        }
        let head = self.head
        return await execute { () throws(QueryError) -> QueryValue in
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
            // end.Sub(start) / step in Go's time.Duration arithmetic.
            if (end - start).multipliedReportingOverflow(by: 1_000_000).partialValue / nanos > Self.maxPointsPerSeries {
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
        let expr: Expr
        do {
            expr = try parseExpr(request.formValue("query"), options: parserOptions)
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
        return await execute { () throws(QueryError) -> QueryValue in
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

    /// Runs the synchronous engine off the calling executor, under the concurrency limit, and writes the result.
    func execute(
        _ body: @escaping @Sendable () throws(QueryError) -> QueryValue
    ) async -> Result<[UInt8], APIError> {
        await gate.withSlot {
            if Task.isCancelled { return .failure(APIError(kind: .canceled, message: "query was canceled")) }
            let task = Task.detached { () -> Result<[UInt8], APIError> in
                do throws(QueryError) {
                    let value = try body()
                    var w = JSONWriter(capacity: 1024)
                    w.queryResult(value)
                    return .success(w.bytes)
                } catch {
                    return .failure(APIError(error))
                }
            }
            return await task.value
        }
    }

    /// Series in Prometheus's label order (`labels.Compare`).
    static func sorted(_ series: [MatrixSeries]) -> [MatrixSeries] {
        series.sorted { $0.labels.lexicographicallyPrecedes($1.labels) }
    }
}
