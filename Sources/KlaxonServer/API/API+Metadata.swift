import KlaxonModel
import KlaxonPromQL
import KlaxonStorage

extension API {
    /// `/api/v1/series`.
    func series(_ request: APIRequest) -> Result<APIPayload, APIError> {
        let selectors = request.formValues("match[]")
        if selectors.isEmpty { return .failure(.badData("no match[] parameter provided")) }
        let limit: Int
        switch limitParam(request) {
        case .success(let value): limit = value
        case .failure(let error): return .failure(error)
        }
        let range: (Timestamp, Timestamp)
        switch timeRange(request) {
        case .success(let value): range = value
        case .failure(let error): return .failure(error)
        }
        let matcherSets: [[LabelMatcher]]
        switch parseMatcherSets(selectors, naming: true) {
        case .success(let value): matcherSets = value
        case .failure(let error): return .failure(error)
        }
        var seen = Set<Labels>()
        var found: [Labels] = []
        for matchers in matcherSets {
            if request.cancellation.isCancelled {
                return .failure(APIError(kind: .canceled, message: "query was canceled"))
            }
            for labels in head.series(matchers, mint: range.0, maxt: range.1) where seen.insert(labels).inserted {
                found.append(labels)
            }
        }
        found.sort { $0.lexicographicallyPrecedes($1) }
        let warnings = Self.truncate(&found, to: limit)
        var w = JSONWriter(capacity: 64 * found.count + 16)
        w.beginArray()
        for labels in found { w.labels(labels) }
        w.endArray()
        return .success(APIPayload(json: w.bytes, warnings: warnings))
    }

    /// `/api/v1/labels`.
    func labelNames(_ request: APIRequest) -> Result<APIPayload, APIError> {
        switch timeRange(request) {
        case .success: break
        case .failure(let error): return .failure(error)
        }
        let limit: Int
        switch limitParam(request) {
        case .success(let value): limit = value
        case .failure(let error): return .failure(error)
        }
        var names: [String]
        let selectors = request.formValues("match[]")
        if selectors.isEmpty {
            names = head.labelNames()
        } else {
            switch parseMatcherSets(selectors) {
            case .success(let sets):
                var all = Set<String>()
                for matchers in sets { all.formUnion(head.labelNames(matchers)) }
                names = all.sorted()
            case .failure(let error): return .failure(error)
            }
        }
        let warnings = Self.truncate(&names, to: limit)
        return .success(APIPayload(json: stringArray(names), warnings: warnings))
    }

    /// `/api/v1/label/<name>/values`.
    func labelValues(_ request: APIRequest) -> Result<APIPayload, APIError> {
        let prefix = "/api/v1/label/".utf8.count
        let suffix = "/values".utf8.count
        let pathBytes = Array(request.path.utf8)
        let name = String(decoding: pathBytes[prefix..<(pathBytes.count - suffix)], as: UTF8.self)
        guard isValidLabelName(name) else { return .failure(.badData("invalid label name: \(goQuote(name))")) }
        switch timeRange(request) {
        case .success: break
        case .failure(let error): return .failure(error)
        }
        let limit: Int
        switch limitParam(request) {
        case .success(let value): limit = value
        case .failure(let error): return .failure(error)
        }
        var values: [String]
        let selectors = request.formValues("match[]")
        if selectors.isEmpty {
            values = head.labelValues(name)
        } else {
            switch parseMatcherSets(selectors) {
            case .success(let sets):
                var all = Set<String>()
                for matchers in sets { all.formUnion(head.labelValues(name, matchers)) }
                values = all.sorted()
            case .failure(let error): return .failure(error)
            }
        }
        let warnings = Self.truncate(&values, to: limit)
        return .success(APIPayload(json: stringArray(values), warnings: warnings))
    }

    /// `/api/v1/query_exemplars`: the parameters are checked as Prometheus checks them; no exemplars are stored,
    /// so the answer is an empty list.
    func queryExemplars(_ request: APIRequest) -> Result<[UInt8], APIError> {
        let range: (Timestamp, Timestamp)
        switch timeRange(request) {
        case .success(let value): range = value
        case .failure(let error): return .failure(error)
        }
        if range.1 < range.0 { return .failure(.badData("end timestamp must not be before start timestamp")) }
        do {
            _ = try parseExpr(request.formValue("query"), options: parserOptions)
        } catch {
            return .failure(.badData(error.description))
        }
        return .success(Array("[]".utf8))
    }

    // MARK: helpers

    /// Prometheus 3.x's `limit` parameter of `series`, `labels` and label values: 0 or absent is no limit.
    func limitParam(_ request: APIRequest) -> Result<Int, APIError> {
        let text = request.formValue("limit")
        if text.isEmpty { return .success(0) }
        guard let limit = Int(text) else {
            return .failure(.invalidParam("limit", "strconv.Atoi: parsing \(goQuote(text)): invalid syntax"))
        }
        if limit < 0 { return .failure(.invalidParam("limit", "limit must be non-negative")) }
        return .success(limit)
    }

    /// Cuts a sorted result to `limit` entries, with Prometheus 3.x's warning when it did.
    static func truncate<T>(_ items: inout [T], to limit: Int) -> [String] {
        guard limit > 0, items.count > limit else { return [] }
        items.removeLast(items.count - limit)
        return ["results truncated due to limit"]
    }

    func timeRange(_ request: APIRequest) -> Result<(Timestamp, Timestamp), APIError> {
        let start: Timestamp
        switch APIParams.timeParam(request, "start", default: APIParams.minTime) {
        case .success(let value): start = value
        case .failure(let error): return .failure(error)
        }
        switch APIParams.timeParam(request, "end", default: APIParams.maxTime) {
        case .success(let end): return .success((start, end))
        case .failure(let error): return .failure(error)
        }
    }

    /// `parseMatchersParam`: each selector parsed, and each must have a matcher that does not match "". `/series`
    /// names the parameter in its errors (`invalid parameter "match[]": …`), `/labels` and `/label/…/values` don't.
    func parseMatcherSets(_ selectors: [String], naming: Bool = false) -> Result<[[LabelMatcher]], APIError> {
        func failure(_ message: String) -> Result<[[LabelMatcher]], APIError> {
            .failure(naming ? .invalidParam("match[]", message) : .badData(message))
        }
        if selectors.count > configuration.maxMatchSelectors {
            return failure(
                "\(selectors.count) match[] selectors; the limit is \(configuration.maxMatchSelectors) (--web.max-match-selectors)"
            )
        }
        var sets: [[LabelMatcher]] = []
        for selector in selectors {
            if selector.utf8.count > configuration.maxQueryLength {
                return failure(Self.tooLong(selector, configuration))
            }
            do {
                sets.append(try parseSeriesSelector(selector, options: parserOptions))
            } catch {
                return failure(error.description)
            }
        }
        for matchers in sets where matchers.allSatisfy(\.matchesEmpty) {
            return failure("match[] must contain at least one non-empty matcher")
        }
        return .success(sets)
    }

    /// Prometheus 2.x: `[a-zA-Z_][a-zA-Z0-9_]*`; 3.x: any non-empty UTF-8 name.
    func isValidLabelName(_ name: String) -> Bool {
        guard let first = name.utf8.first else { return false }
        if configuration.engine.mode == .prometheus3 { return true }
        func alpha(_ b: UInt8) -> Bool {
            (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) || b == UInt8(ascii: "_")
        }
        return alpha(first) && name.utf8.allSatisfy { alpha($0) || ($0 >= 0x30 && $0 <= 0x39) }
    }

    func stringArray(_ values: [String]) -> [UInt8] {
        var w = JSONWriter(capacity: 16 * values.count + 8)
        w.beginArray()
        for value in values { w.string(value) }
        w.endArray()
        return w.bytes
    }
}
