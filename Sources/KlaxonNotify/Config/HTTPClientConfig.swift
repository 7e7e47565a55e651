import KlaxonModel

/// The `http_config` block of a receiver or of `global` (prometheus/common `HTTPClientConfig`, as Alertmanager
/// 0.25 reads it). Credentials from `*_file` fields are read when the configuration is loaded.
public struct HTTPClientConfig: Sendable, Hashable {
    public struct BasicAuth: Sendable, Hashable {
        public var username = ""
        public var password = ""
        public var passwordFile = ""
        public init() {}
    }

    public struct Authorization: Sendable, Hashable {
        public var type = "Bearer"
        public var credentials = ""
        public var credentialsFile = ""
        public init() {}
    }

    public struct TLS: Sendable, Hashable {
        public var caFile = ""
        public var certFile = ""
        public var keyFile = ""
        public var serverName = ""
        public var insecureSkipVerify = false
        public init() {}
    }

    public var basicAuth: BasicAuth?
    public var authorization: Authorization?
    public var bearerToken = ""
    public var bearerTokenFile = ""
    public var tls = TLS()
    public var proxyURL = ""
    public var followRedirects = true
    /// Set when the block holds an `oauth2` section (accepted, not used for sending).
    public var hasOAuth2 = false

    public init() {}

    /// prometheus/common `HTTPClientConfig.Validate` (the checks Alertmanager 0.25 reaches), its wording.
    func validate() throws(AlertmanagerConfig.ValidationError) {
        typealias Failure = AlertmanagerConfig.ValidationError
        if !bearerToken.isEmpty && !bearerTokenFile.isEmpty {
            throw Failure("at most one of bearer_token & bearer_token_file must be configured")
        }
        if basicAuth != nil && (!bearerToken.isEmpty || !bearerTokenFile.isEmpty) {
            throw Failure("at most one of basic_auth, oauth2, bearer_token & bearer_token_file must be configured")
        }
        if let basicAuth, !basicAuth.password.isEmpty && !basicAuth.passwordFile.isEmpty {
            throw Failure("at most one of basic_auth password & password_file must be configured")
        }
        if let authorization {
            if !bearerToken.isEmpty || !bearerTokenFile.isEmpty {
                throw Failure("authorization is not compatible with bearer_token & bearer_token_file")
            }
            if !authorization.credentials.isEmpty && !authorization.credentialsFile.isEmpty {
                throw Failure("at most one of authorization credentials & credentials_file must be configured")
            }
            if authorization.type.lowercased() == "basic" {
                throw Failure("authorization type cannot be set to \"basic\", use \"basic_auth\" instead")
            }
        }
        if basicAuth != nil && authorization != nil || hasOAuth2 && (basicAuth != nil || authorization != nil) {
            throw Failure("at most one of basic_auth, oauth2 & authorization must be configured")
        }
    }

    /// The `Authorization` header value to send, nil when none is configured. `readFile` returns a file's text
    /// (trailing whitespace trimmed as Prometheus does) or nil.
    public func authorizationHeader(readFile: (String) -> String? = readSecretFile) -> String? {
        if let basicAuth {
            let password = basicAuth.passwordFile.isEmpty ? basicAuth.password : readFile(basicAuth.passwordFile) ?? ""
            return "Basic " + base64(Array((basicAuth.username + ":" + password).utf8))
        }
        if let authorization {
            let credentials =
                authorization.credentialsFile.isEmpty
                ? authorization.credentials : readFile(authorization.credentialsFile) ?? ""
            return authorization.type + " " + credentials
        }
        if !bearerToken.isEmpty { return "Bearer " + bearerToken }
        if !bearerTokenFile.isEmpty { return "Bearer " + (readFile(bearerTokenFile) ?? "") }
        return nil
    }
}

/// A secret file's content with surrounding whitespace removed; nil when it cannot be read.
public func readSecretFile(_ path: String) -> String? {
    guard let bytes = try? readFile(path).get() else { return nil }
    var text = Substring(String(decoding: bytes, as: UTF8.self))
    while let last = text.last, last.isWhitespace { text = text.dropLast() }
    while let first = text.first, first.isWhitespace { text = text.dropFirst() }
    return String(text)
}

/// Standard base64 with padding.
func base64(_ bytes: [UInt8]) -> String {
    let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)
    var out: [UInt8] = []
    out.reserveCapacity((bytes.count + 2) / 3 * 4)
    var index = 0
    while index < bytes.count {
        let b0 = UInt32(bytes[index])
        let b1 = index + 1 < bytes.count ? UInt32(bytes[index + 1]) : 0
        let b2 = index + 2 < bytes.count ? UInt32(bytes[index + 2]) : 0
        let triple = b0 << 16 | b1 << 8 | b2
        out.append(alphabet[Int(triple >> 18 & 63)])
        out.append(alphabet[Int(triple >> 12 & 63)])
        out.append(index + 1 < bytes.count ? alphabet[Int(triple >> 6 & 63)] : UInt8(ascii: "="))
        out.append(index + 2 < bytes.count ? alphabet[Int(triple & 63)] : UInt8(ascii: "="))
        index += 3
    }
    return String(decoding: out, as: UTF8.self)
}
