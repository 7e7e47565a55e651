public struct HTTPRequest: Sendable, Hashable {
    public var url: String
    public var method: String
    public var headers: [String: String]
    public var body: [UInt8]

    public init(url: String, method: String = "POST", headers: [String: String] = [:], body: [UInt8]) {
        self.url = url
        self.method = method
        self.headers = headers
        self.body = body
    }
}

public struct HTTPResponse: Sendable, Hashable {
    public var status: Int
    public var body: [UInt8]

    public init(status: Int, body: [UInt8] = []) {
        self.status = status
        self.body = body
    }
}

/// Sends one request; throws on connection/transport errors (which are retried). The daemon wires
/// the libcurl client; tests use a recording double.
public protocol HTTPSender: Sendable {
    func send(_ request: HTTPRequest, deadline: Timestamp) async throws -> HTTPResponse
}
