import KlaxonModel
import KlaxonPromQL
import KlaxonStorage

/// The Prometheus-compatible HTTP API as plain functions from `APIRequest` to `APIResponse`; `APIServer` puts it
/// behind Hummingbird, tests call `handle(_:)` directly.
struct API: Sendable {
    let configuration: ServerConfiguration
    let head: Head
    let backend: any ServerBackend
    let gate: QueryGate
    /// Milliseconds since the epoch at server start (`runtimeinfo`'s `startTime`).
    let startTime: Timestamp
    /// The current time in epoch milliseconds (a query without `time` runs at it).
    let now: @Sendable () -> Timestamp

    init(
        configuration: ServerConfiguration,
        head: Head,
        backend: any ServerBackend,
        now: @escaping @Sendable () -> Timestamp
    ) {
        self.configuration = configuration
        self.head = head
        self.backend = backend
        self.gate = QueryGate(limit: configuration.maxConcurrentQueries)
        self.now = now
        self.startTime = now()
    }

    var parserOptions: ParserOptions {
        configuration.engine.mode == .prometheus2 ? .prometheus2 : .prometheus3
    }

    static let notFound = APIResponse.text(404, "404 page not found\n")
    static let methodNotAllowed = APIResponse.text(405, "Method Not Allowed\n")

    /// The CORS headers Prometheus adds to `/api/v1` answers when the request has an `Origin` (its default
    /// `--web.cors.origin` is `.*`).
    static let corsHeaders: [(name: String, value: String)] = [
        ("Access-Control-Allow-Headers", "Accept, Authorization, Content-Type, Origin"),
        ("Access-Control-Allow-Methods", "GET, POST, OPTIONS"),
        ("Access-Control-Allow-Origin", "*"),
        ("Access-Control-Expose-Headers", "Date"),
        ("Vary", "Origin"),
    ]

    /// Routes a request.
    func handle(_ request: APIRequest) async -> APIResponse {
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
        let readOnly = method == "GET" || method == "HEAD"
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
            return getOrPost ? await result(query(request)) : Self.methodNotAllowed
        case "/api/v1/query_range":
            return getOrPost ? await result(queryRange(request)) : Self.methodNotAllowed
        case "/api/v1/series":
            return getOrPost ? result(series(request)) : Self.methodNotAllowed
        case "/api/v1/labels":
            return getOrPost ? result(labelNames(request)) : Self.methodNotAllowed
        case "/api/v1/query_exemplars":
            return getOrPost ? result(queryExemplars(request)) : Self.methodNotAllowed
        case "/api/v1/metadata":
            // No metric metadata is kept: Prometheus's answer when it has none.
            return readOnly ? result(.success(Array("{}".utf8))) : Self.methodNotAllowed
        case "/api/v1/rules":
            return readOnly ? result(await rules(request)) : Self.methodNotAllowed
        case "/api/v1/alerts":
            return readOnly ? result(.success(await alerts())) : Self.methodNotAllowed
        case "/api/v1/targets":
            return readOnly ? result(.success(await targets(request))) : Self.methodNotAllowed
        case "/api/v1/status/config":
            return readOnly ? result(.success(await statusConfig())) : Self.methodNotAllowed
        case "/api/v1/status/flags":
            return readOnly ? result(.success(await statusFlags())) : Self.methodNotAllowed
        case "/api/v1/status/buildinfo":
            return readOnly ? result(.success(buildInfo())) : Self.methodNotAllowed
        case "/api/v1/status/runtimeinfo":
            return readOnly ? result(.success(await runtimeInfo())) : Self.methodNotAllowed
        case "/metrics":
            guard readOnly else { return Self.methodNotAllowed }
            return APIResponse(
                status: 200,
                contentType: "text/plain; version=0.0.4; charset=utf-8",
                body: await backend.metricsExposition()
            )
        case "/-/healthy":
            return readOnly ? .text(200, "Prometheus Server is Healthy.\n") : Self.methodNotAllowed
        case "/-/ready":
            guard readOnly else { return Self.methodNotAllowed }
            return await backend.isReady()
                ? .text(200, "Prometheus Server is Ready.\n")
                : .text(503, "Service Unavailable")
        case "/-/reload":
            return await reload(request)
        default:
            if path.hasPrefix("/api/v1/label/"), path.hasSuffix("/values") {
                return readOnly ? result(labelValues(request)) : Self.methodNotAllowed
            }
            return Self.notFound
        }
    }

    /// Data JSON wrapped in the success envelope, or the error's JSON.
    func result(_ data: Result<[UInt8], APIError>) -> APIResponse {
        switch data {
        case .success(let json):
            var w = JSONWriter(capacity: json.count + 32)
            w.beginSuccess()
            w.raw(json)
            w.endSuccess()
            return APIResponse(status: 200, contentType: APIResponse.jsonType, body: w.bytes)
        case .failure(let error):
            return error.response
        }
    }

    /// `/-/reload`: POST or PUT, only with the lifecycle API enabled.
    func reload(_ request: APIRequest) async -> APIResponse {
        guard request.method == "POST" || request.method == "PUT" else {
            return .text(405, "Only POST or PUT requests allowed")
        }
        guard configuration.enableLifecycle else { return .text(403, "Lifecycle API is not enabled.") }
        do {
            try await backend.reload()
            return .text(200, "")
        } catch {
            return .text(500, "failed to reload config: \(error)\n")
        }
    }
}
