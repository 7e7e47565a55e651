internal import HTTPTypes
internal import Hummingbird
internal import HummingbirdCore
import KlaxonPromQL
public import KlaxonStorage
internal import Logging
internal import NIOCore
import Synchronization

/// The Prometheus-compatible HTTP server: `/api/v1/*`, `/api/v2/*` (passed to the backend), `/metrics`, `/-/*`.
///
/// Hummingbird stays inside this type; every route is a plain function of `API`.
public final class APIServer: Sendable {
    let api: API
    private let portState = Mutex<(port: Int?, waiters: [CheckedContinuation<Int, Never>])>((nil, []))

    public init(configuration: ServerConfiguration, head: Head, backend: any ServerBackend) {
        api = API(configuration: configuration, head: head, backend: backend, now: WallClock.milliseconds)
    }

    /// Serves until the calling task is cancelled.
    public func run() async throws {
        let api = self.api
        let security = WebSecurity(api.configuration.webConfig)
        let server: HTTPServerBuilder
        do {
            server = try api.configuration.webConfig?.serverBuilder() ?? .http1()
        } catch {
            resolveBoundPortIfUnset()
            throw error
        }
        let responder = CallbackResponder<BasicRequestContext> { request, _ in
            if let denied = await security.check(authorization: request.headers[.authorization]) {
                return APIServer.response(denied)
            }
            let path = APIServer.decodePath(request.uri.path)
            let cancellation = QueryCancellation()
            guard API.isQueryPath(path, prefix: api.routePrefix) else {
                return await APIServer.serve(request, body: request.body, path: path, cancellation, api, security)
            }
            // A query stops when its client goes away (the connection's inbound side closes).
            do {
                return try await request.body.consumeWithInboundCloseHandler { body in
                    await APIServer.serve(request, body: body, path: path, cancellation, api, security)
                } onInboundClosed: {
                    cancellation.cancel()
                }
            } catch {
                cancellation.cancel()
                return APIServer.response(APIError(kind: .canceled, message: "query was canceled").response)
            }
        }
        var logger = Logger(label: "klaxon.server")
        logger.logLevel = .warning
        let app = Application(
            responder: responder,
            server: server,
            configuration: ApplicationConfiguration(
                address: .hostname(api.configuration.listenHost, port: api.configuration.port),
                serverName: nil
            ),
            onServerRunning: { [weak self] channel in
                self?.setBoundPort(channel.localAddress?.port ?? 0)
            },
            logger: logger
        )
        do {
            try await app.run()
        } catch is CancellationError {
            // Cancelled: a normal stop.
        } catch {
            // A failed bind must not leave `boundPort` waiting forever.
            resolveBoundPortIfUnset()
            throw error
        }
        resolveBoundPortIfUnset()
    }

    /// Reads the body of a request that may carry one (up to `maxBodyBytes`), hands the request to the API and
    /// decorates the answer with the web config's headers.
    static func serve(
        _ request: Request,
        body requestBody: RequestBody,
        path: String,
        _ cancellation: QueryCancellation,
        _ api: API,
        _ security: WebSecurity
    ) async -> Response {
        let body: [UInt8]
        if request.method == .post || request.method == .put || request.method == .patch || request.method == .delete {
            do {
                var buffer = try await requestBody.collect(upTo: api.configuration.maxBodyBytes)
                body = buffer.readBytes(length: buffer.readableBytes) ?? []
            } catch {
                return Response(
                    status: .contentTooLarge,
                    headers: [.contentType: APIResponse.textType],
                    body: ResponseBody(
                        byteBuffer: ByteBuffer(
                            string:
                                "request body too large: the limit is \(api.configuration.maxBodyBytes) bytes (--web.max-request-body-size)\n"
                        )
                    )
                )
            }
        } else {
            body = []
        }
        let contentType = request.headers[.contentType] ?? ""
        var apiRequest = APIRequest(
            method: request.method.rawValue,
            path: path,
            rawQuery: request.uri.query ?? "",
            body: body,
            isForm: contentType.lowercased().hasPrefix("application/x-www-form-urlencoded"),
            origin: request.headers[.origin]
        )
        apiRequest.cancellation = cancellation
        apiRequest.accept = request.headers[values: .accept].first
        var response = await api.handle(apiRequest)
        security.decorate(&response)
        return APIServer.response(response)
    }

    /// Wakes `boundPort` waiters with 0 when the server stopped without ever listening.
    private func resolveBoundPortIfUnset() {
        let unset = portState.withLock { $0.port == nil }
        if unset { setBoundPort(0) }
    }

    /// The port the server listens on, once it does (useful when port 0 was asked); 0 when `run()` ended without
    /// listening (the address was in use).
    public var boundPort: Int {
        get async {
            await withCheckedContinuation { continuation in
                let port = portState.withLock { state -> Int? in
                    if let port = state.port { return port }
                    state.waiters.append(continuation)
                    return nil
                }
                if let port { continuation.resume(returning: port) }
            }
        }
    }

    private func setBoundPort(_ port: Int) {
        let waiters = portState.withLock { state -> [CheckedContinuation<Int, Never>] in
            state.port = port
            defer { state.waiters = [] }
            return state.waiters
        }
        for waiter in waiters { waiter.resume(returning: port) }
    }

    /// The Hummingbird response for an `APIResponse`.
    static func response(_ response: APIResponse) -> Response {
        var headers = HTTPFields()
        if !response.contentType.isEmpty { headers[.contentType] = response.contentType }
        for (name, value) in response.headers {
            if let field = HTTPField.Name(name) { headers.append(HTTPField(name: field, value: value)) }
        }
        return Response(
            status: HTTPResponse.Status(code: response.status),
            headers: headers,
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: response.body))
        )
    }

    /// Percent-decodes a path as Go's `URL.Path` (a `+` stays a `+`).
    static func decodePath(_ path: String) -> String {
        guard path.utf8.contains(UInt8(ascii: "%")) else { return path }
        var out: [UInt8] = []
        var bytes = Array(path.utf8)[...]
        while let b = bytes.popFirst() {
            if b == UInt8(ascii: "%"), bytes.count >= 2,
                let value = UInt8(String(decoding: bytes.prefix(2), as: UTF8.self), radix: 16)
            {
                out.append(value)
                bytes = bytes.dropFirst(2)
            } else {
                out.append(b)
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}
