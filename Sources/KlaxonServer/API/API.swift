import KlaxonModel
import KlaxonPromQL
import KlaxonStorage

/// The Prometheus-compatible HTTP API as plain functions from `APIRequest` to `APIResponse`; `APIServer` puts it
/// behind Hummingbird, tests call `handle(_:)` directly.
struct API: Sendable {
    let configuration: ServerConfiguration
    let head: Head
    let backend: any ServerBackend
    /// The threads API queries run on (`--query.max-concurrency` of them).
    let pool: QueryPool
    /// Milliseconds since the epoch at server start (`runtimeinfo`'s `startTime`).
    let startTime: Timestamp
    /// The current time in epoch milliseconds (a query without `time` runs at it).
    let now: @Sendable () -> Timestamp
    /// `prometheus_web_federation_*_total` of `/federate`.
    let federationCounters = FederationCounters()

    init(
        configuration: ServerConfiguration,
        head: Head,
        backend: any ServerBackend,
        now: @escaping @Sendable () -> Timestamp
    ) {
        self.configuration = configuration
        self.head = head
        self.backend = backend
        self.pool = QueryPool(limit: configuration.maxConcurrentQueries)
        self.now = now
        self.startTime = now()
    }

    var parserOptions: ParserOptions {
        configuration.engine.mode == .prometheus2 ? .prometheus2 : .prometheus3
    }

    static let notFound = APIResponse(
        status: 404,
        contentType: APIResponse.textType,
        body: Array("404 page not found\n".utf8),
        headers: [("X-Content-Type-Options", "nosniff")]
    )

    /// The CORS headers Prometheus adds to `/api/v1` answers when the request has an `Origin` (its default
    /// `--web.cors.origin` is `.*`).
    static let corsHeaders: [(name: String, value: String)] = [
        ("Access-Control-Allow-Headers", "Accept, Authorization, Content-Type, Origin"),
        ("Access-Control-Allow-Methods", "GET, POST, OPTIONS"),
        ("Access-Control-Allow-Origin", "*"),
        ("Access-Control-Expose-Headers", "Date"),
        ("Vary", "Origin"),
    ]

    /// The path of `externalURL` without its trailing `/` (`--web.route-prefix`'s default): every route lives
    /// under it.
    var routePrefix: String {
        Self.routePrefix(of: configuration.externalURL)
    }

    static func routePrefix(of externalURL: String) -> String {
        var rest = Substring(externalURL)
        if let scheme = rest.firstRange(of: "://") { rest = rest[scheme.upperBound...] }
        guard let slash = rest.firstIndex(of: "/") else { return "" }
        var path = rest[slash...]
        if let end = path.firstIndex(where: { $0 == "?" || $0 == "#" }) { path = path[..<end] }
        while path.hasSuffix("/") { path = path.dropLast() }
        return String(path)
    }

    /// The endpoints that evaluate PromQL or walk the index (they run on the query pool and stop when their
    /// client goes away).
    static func isQueryPath(_ path: String, prefix: String) -> Bool {
        if path == prefix + "/federate" { return true }
        guard path.hasPrefix(prefix + "/api/v1/") else { return false }
        let rest = path.dropFirst(prefix.utf8.count + "/api/v1/".utf8.count)
        return rest == "query" || rest == "query_range" || rest == "series" || rest == "labels"
            || (rest.hasPrefix("label/") && rest.hasSuffix("/values"))
    }

    /// Routes a request (after removing the route prefix).
    func handle(_ request: APIRequest) async -> APIResponse {
        let prefix = routePrefix
        guard prefix.isEmpty else {
            guard request.path.hasPrefix(prefix + "/") else {
                return request.path == prefix && request.method == "GET" ? Self.redirectToSlash(prefix) : Self.notFound
            }
            var stripped = request
            stripped.path = String(request.path.dropFirst(prefix.count))
            return await handleUnprefixed(stripped)
        }
        return await handleUnprefixed(request)
    }

    private func handleUnprefixed(_ request: APIRequest) async -> APIResponse {
        guard request.path.hasPrefix("/api/v1/") else { return await route(request) }
        var response: APIResponse
        if request.method == "OPTIONS" {
            response = APIResponse(status: 204, contentType: "", body: [])
        } else {
            response = await route(request)
        }
        if request.origin != nil, response.status != 404 || response.contentType == APIResponse.jsonType {
            response.headers += Self.corsHeaders
        }
        return response
    }

    private func route(_ request: APIRequest) async -> APIResponse {
        let path = request.path
        let method = request.method
        // Prometheus registers its API routes for GET (and POST): a HEAD is a 405 there too.
        let readOnly = method == "GET"
        let getOrPost = readOnly || method == "POST"
        if path.hasPrefix("/api/v2/") || path == "/api/v2" {
            let r = await backend.alertmanagerV2(
                method: method,
                path: path,
                query: request.queryDictionary,
                body: request.body
            )
            return APIResponse(status: r.status, contentType: r.contentType, body: r.body)
        }
        switch path {
        case "/api/v1/query":
            return getOrPost ? await enveloped(query(request)) : Self.notGetOrPost
        case "/api/v1/query_range":
            return getOrPost ? await enveloped(queryRange(request)) : Self.notGetOrPost
        case "/api/v1/series":
            if method == "DELETE" { return APIError(kind: .internal, message: "not implemented").response }
            guard getOrPost else { return Self.methodNotAllowed(allow: "DELETE, GET, OPTIONS, POST") }
            return result(await offload(request) { api in api.series(request) })
        case "/api/v1/labels":
            guard getOrPost else { return Self.notGetOrPost }
            return result(await offload(request) { api in api.labelNames(request) })
        case "/api/v1/write":
            guard method == "POST" else { return Self.methodNotAllowed(allow: "OPTIONS, POST") }
            guard let answer = await backend.remoteWrite(body: request.body) else {
                return APIResponse(
                    status: 404,
                    contentType: "text/plain; charset=utf-8",
                    body: Array(
                        "remote write receiver needs to be enabled with --web.enable-remote-write-receiver\n".utf8
                    )
                )
            }
            return APIResponse(
                status: answer.status,
                contentType: "text/plain; charset=utf-8",
                body: Array(answer.body.utf8)
            )
        case "/api/v1/query_exemplars":
            return getOrPost ? result(queryExemplars(request)) : Self.notGetOrPost
        case "/api/v1/metadata":
            // No metric metadata is kept: Prometheus's answer when it has none.
            return readOnly ? result(.success(Array("{}".utf8))) : Self.notGet
        case "/api/v1/rules":
            return readOnly ? result(await rules(request)) : Self.notGet
        case "/api/v1/alerts":
            return readOnly ? result(.success(await alerts())) : Self.notGet
        case "/api/v1/targets":
            return readOnly ? result(.success(await targets(request))) : Self.notGet
        case "/api/v1/status/config":
            if let refused = Self.getOnly(request) { return refused }
            return result(.success(await statusConfig()))
        case "/api/v1/status/flags":
            if let refused = Self.getOnly(request) { return refused }
            return result(.success(await statusFlags()))
        case "/api/v1/status/buildinfo":
            if let refused = Self.getOnly(request) { return refused }
            return result(.success(buildInfo()))
        case "/api/v1/status/runtimeinfo":
            if let refused = Self.getOnly(request) { return refused }
            return result(.success(await runtimeInfo()))
        case "/":
            return await statusPage(request)
        case "/metrics":
            if let refused = Self.getOnly(request) { return refused }
            return APIResponse(
                status: 200,
                contentType: "text/plain; version=0.0.4; charset=utf-8",
                body: await backend.metricsExposition() + pool.exposition() + federationCounters.exposition()
            )
        case "/federate":
            return await federate(request)
        case "/-/healthy", "/-/ready":
            return await probe(request, ready: path == "/-/ready")
        case "/-/reload", "/-/quit":
            return await lifecycle(request, quit: path == "/-/quit")
        default:
            if path.hasPrefix("/api/v1/label/"), path.hasSuffix("/values"),
                path.utf8.count >= "/api/v1/label/".utf8.count + "/values".utf8.count
            {
                guard readOnly else { return Self.notGet }
                return result(await offload(request) { api in api.labelValues(request) })
            }
            return Self.notFound
        }
    }

    /// A whole success body written by the handler (queries write the envelope themselves, saving a copy of a
    /// large result), or the error's JSON.
    func enveloped(_ body: Result<[UInt8], APIError>) -> APIResponse {
        switch body {
        case .success(let bytes): return APIResponse(status: 200, contentType: APIResponse.jsonType, body: bytes)
        case .failure(let error): return error.response
        }
    }

    /// Runs a metadata handler (`series`, `labels`, label values: postings and regexes over every series) on the
    /// query pool, as queries run, so that it never holds an HTTP or cooperative thread.
    func offload(
        _ request: APIRequest,
        _ body: @escaping @Sendable (API) -> Result<APIPayload, APIError>
    ) async -> Result<APIPayload, APIError> {
        let api = self
        let answer = await pool.run(cancellation: request.cancellation) { body(api) }
        return answer ?? .failure(APIError(kind: .canceled, message: "query was canceled"))
    }

    /// Data JSON wrapped in the success envelope, or the error's JSON.
    func result(_ data: Result<[UInt8], APIError>) -> APIResponse {
        result(data.map { APIPayload(json: $0) })
    }

    /// Data JSON and warnings (`"warnings":[…]` after `data`, as Prometheus 3.x writes them) in the envelope.
    func result(_ data: Result<APIPayload, APIError>) -> APIResponse {
        switch data {
        case .success(let payload):
            let json = payload.json
            var w = JSONWriter(capacity: json.count + 32)
            w.beginSuccess()
            w.raw(json)
            if !payload.warnings.isEmpty {
                w.key("warnings")
                w.beginArray()
                for warning in payload.warnings { w.string(warning) }
                w.endArray()
            }
            w.endSuccess()
            return APIResponse(status: 200, contentType: APIResponse.jsonType, body: w.bytes)
        case .failure(let error):
            return error.response
        }
    }
}

/// A handler's `data` JSON and the warnings to send beside it.
struct APIPayload: Sendable {
    var json: [UInt8]
    var warnings: [String] = []
}
