internal import HTTPTypes
internal import Hummingbird
internal import HummingbirdCore
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
        let maxBody = api.configuration.maxBodyBytes
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
            var request = request
            let body: [UInt8]
            if request.method == .post || request.method == .put || request.method == .patch
                || request.method == .delete
            {
                do {
                    var buffer = try await request.collectBody(upTo: maxBody)
                    body = buffer.readBytes(length: buffer.readableBytes) ?? []
                } catch {
                    return Response(
                        status: .contentTooLarge,
                        headers: [.contentType: APIResponse.textType],
                        body: ResponseBody(byteBuffer: ByteBuffer(string: "request body too large\n"))
                    )
                }
            } else {
                body = []
            }
            let contentType = request.headers[.contentType] ?? ""
            let apiRequest = APIRequest(
                method: request.method.rawValue,
                path: APIServer.decodePath(request.uri.path),
                rawQuery: request.uri.query ?? "",
                body: body,
                isForm: contentType.lowercased().hasPrefix("application/x-www-form-urlencoded"),
                origin: request.headers[.origin]
            )
            var response = await api.handle(apiRequest)
            security.decorate(&response)
            return APIServer.response(response)
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
