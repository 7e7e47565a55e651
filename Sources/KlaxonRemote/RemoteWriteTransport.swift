public import KlaxonConfig
public import KlaxonCurl
import KlaxonModel

/// What a remote-write endpoint answered.
public struct RemoteWriteResponse: Sendable {
    public var status: Int
    /// The `Retry-After` header, if any.
    public var retryAfter: String?
    public var body: [UInt8]

    public init(status: Int, retryAfter: String? = nil, body: [UInt8] = []) {
        self.status = status
        self.retryAfter = retryAfter
        self.body = body
    }
}

/// Posts one encoded (protobuf, snappy) `WriteRequest`. Throws on transport errors (refused, timeout, TLS),
/// which are retried like a 5xx.
public protocol RemoteWriteTransport: Sendable {
    func post(_ body: [UInt8], timeoutMillis: Int64) async throws -> RemoteWriteResponse
}

/// The transport over libcurl with the remote_write entry's `http_config`, headers and Prometheus's protocol
/// headers.
public struct CurlRemoteWriteTransport: RemoteWriteTransport {
    let client: HTTPClient
    let config: RemoteWriteConfig

    public init(client: HTTPClient, config: RemoteWriteConfig) {
        self.client = client
        self.config = config
    }

    public func post(_ body: [UInt8], timeoutMillis: Int64) async throws -> RemoteWriteResponse {
        var headers: [(name: String, value: String)] = [
            ("Content-Encoding", RemoteWriteProtocol.contentEncoding),
            ("Content-Type", RemoteWriteProtocol.contentType),
            ("User-Agent", RemoteWriteProtocol.userAgent),
            (RemoteWriteProtocol.versionHeader, RemoteWriteProtocol.version),
        ]
        headers += config.headers
        var request = KlaxonCurl.HTTPRequest(
            url: config.url,
            method: .post,
            headers: headers,
            body: body,
            timeoutMilliseconds: timeoutMillis,
            maxBodyBytes: 1 << 20
        )
        config.http.configure(&request)
        let response = try await client.execute(request)
        return RemoteWriteResponse(
            status: response.status,
            retryAfter: response.header("Retry-After"),
            body: response.body
        )
    }
}
