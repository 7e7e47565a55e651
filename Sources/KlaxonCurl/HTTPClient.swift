/// An async HTTP client over libcurl's multi interface: all requests share one event thread and connection pool.
///
/// Thread-safe; create one per daemon (or per subsystem) and call `shutdown()` when done.
public final class HTTPClient: Sendable {
    private let multi: CurlMulti

    public init() throws(CurlError) {
        multi = try CurlMulti()
    }

    /// Performs `request`. Throws `CurlError` for transport failures (timeouts, refused connections, body limit);
    /// an HTTP error status is a successful exchange and is returned as a response.
    public func execute(_ request: HTTPRequest) async throws -> HTTPResponse {
        let id = multi.nextID()
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { continuation in
                multi.submit(Transfer(id: id, request: request, continuation: continuation))
            }
        } onCancel: {
            multi.cancel(id: id)
        }
    }

    /// Fails all in-flight requests and stops the event thread.
    public func shutdown() {
        multi.shutdown()
    }

    deinit { multi.shutdown() }
}
