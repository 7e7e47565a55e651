/// Why an HTTP transfer failed. The message never contains request credentials.
public struct CurlError: Error, Sendable, CustomStringConvertible {
    public enum Kind: Sendable, Hashable {
        case timeout
        case connect
        case bodyTooLarge
        case tls
        case cancelled
        case invalidRequest
        case other
    }

    public var kind: Kind
    /// libcurl's result code, when the failure came from libcurl.
    public var code: Int32
    public var message: String

    public init(kind: Kind, code: Int32 = 0, message: String) {
        self.kind = kind
        self.code = code
        self.message = message
    }

    public var description: String { message }
}
