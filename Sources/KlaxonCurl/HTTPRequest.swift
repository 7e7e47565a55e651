/// One HTTP request for `HTTPClient`.
public struct HTTPRequest: Sendable {
    public enum Method: String, Sendable {
        case get = "GET"
        case post = "POST"
        case put = "PUT"
        case delete = "DELETE"
    }

    public struct TLS: Sendable, Hashable {
        public var caFile: String?
        public var certFile: String?
        public var keyFile: String?
        public var serverName: String?
        public var insecureSkipVerify: Bool
        public init(
            caFile: String? = nil,
            certFile: String? = nil,
            keyFile: String? = nil,
            serverName: String? = nil,
            insecureSkipVerify: Bool = false
        ) {
            self.caFile = caFile
            self.certFile = certFile
            self.keyFile = keyFile
            self.serverName = serverName
            self.insecureSkipVerify = insecureSkipVerify
        }
    }

    public enum Authorization: Sendable, Hashable {
        case basic(username: String, password: String)
        /// `Authorization: <type> <credentials>`, e.g. `Bearer <token>`.
        case header(type: String, credentials: String)
    }

    public var url: String
    public var method: Method
    public var headers: [(name: String, value: String)]
    public var body: [UInt8]
    /// Whole-transfer timeout in milliseconds (connect included); 0 means none.
    public var timeoutMilliseconds: Int64
    /// Responses whose body exceeds this many bytes fail with `CurlError.bodyTooLarge`; 0 means no limit.
    /// Enforced while streaming (the decompressed size when gzip is used), so a huge body is never buffered.
    public var maxBodyBytes: Int
    /// Send `Accept-Encoding: gzip` and decompress transparently.
    public var acceptGzip: Bool
    public var tls: TLS
    public var authorization: Authorization?
    public var followRedirects: Bool
    public var proxyURL: String?

    public init(
        url: String,
        method: Method = .get,
        headers: [(name: String, value: String)] = [],
        body: [UInt8] = [],
        timeoutMilliseconds: Int64 = 10_000,
        maxBodyBytes: Int = 0,
        acceptGzip: Bool = false,
        tls: TLS = TLS(),
        authorization: Authorization? = nil,
        followRedirects: Bool = true,
        proxyURL: String? = nil
    ) {
        self.url = url
        self.method = method
        self.headers = headers
        self.body = body
        self.timeoutMilliseconds = timeoutMilliseconds
        self.maxBodyBytes = maxBodyBytes
        self.acceptGzip = acceptGzip
        self.tls = tls
        self.authorization = authorization
        self.followRedirects = followRedirects
        self.proxyURL = proxyURL
    }
}

/// A completed HTTP exchange.
public struct HTTPResponse: Sendable {
    public var status: Int
    /// Response headers in arrival order, names as sent by the server (compare case-insensitively).
    public var headers: [(name: String, value: String)]
    public var body: [UInt8]
    /// Wall time of the transfer in seconds, as measured by libcurl.
    public var durationSeconds: Double

    public init(status: Int, headers: [(name: String, value: String)], body: [UInt8], durationSeconds: Double) {
        self.status = status
        self.headers = headers
        self.body = body
        self.durationSeconds = durationSeconds
    }

    /// The last value of header `name` (case-insensitive), if any.
    public func header(_ name: String) -> String? {
        let wanted = name.lowercased()
        return headers.last { $0.name.lowercased() == wanted }?.value
    }

    public var contentType: String? { header("Content-Type") }
}
