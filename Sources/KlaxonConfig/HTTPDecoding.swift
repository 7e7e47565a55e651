import KlaxonModel
import KlaxonYAML

/// Decodes the inline `HTTPClientConfig` fields of a scrape or alertmanager config and applies prometheus/common's
/// `Validate()` (mutual exclusions, `bearer_token(_file)` folded into `authorization`).
struct HTTPDecoding {
    var basicAuth: HTTPClientConfig.BasicAuth?
    var basicPassword = ""
    var basicPasswordFile = ""
    var authorizationSet = false
    var authorizationType = ""
    var credentials = ""
    var credentialsFile = ""
    var oauth2 = false
    var bearerToken = ""
    var bearerTokenFile = ""
    var config = HTTPClientConfig()

    mutating func decode(_ name: String, _ value: YAMLNode, reader: inout NodeReader) {
        switch name {
        case "basic_auth":
            if value.isNull { return }
            var auth = HTTPClientConfig.BasicAuth(username: "", password: nil)
            let known: Set<String> = ["username", "password", "password_file"]
            reader.forEachField(of: value, goType: "config.plain", known: known) { reader, field, node in
                switch field {
                case "username": auth.username = reader.string(node) ?? ""
                case "password": basicPassword = reader.string(node) ?? ""
                default: basicPasswordFile = reader.string(node) ?? ""
                }
            }
            basicAuth = auth
        case "authorization":
            if value.isNull { return }
            authorizationSet = true
            let known: Set<String> = ["type", "credentials", "credentials_file"]
            reader.forEachField(of: value, goType: "config.Authorization", known: known) { reader, field, node in
                switch field {
                case "type": authorizationType = reader.string(node) ?? ""
                case "credentials": credentials = reader.string(node) ?? ""
                default: credentialsFile = reader.string(node) ?? ""
                }
            }
        case "oauth2":
            oauth2 = !value.isNull
        case "bearer_token": bearerToken = reader.string(value) ?? ""
        case "bearer_token_file": bearerTokenFile = reader.string(value) ?? ""
        case "tls_config":
            let known: Set<String> = [
                "ca_file", "cert_file", "key_file", "server_name", "insecure_skip_verify", "min_version",
                "ca", "cert", "key",
            ]
            reader.forEachField(of: value, goType: "config.plain", known: known) { reader, field, node in
                switch field {
                case "ca_file": config.tls.caFile = reader.string(node) ?? ""
                case "cert_file": config.tls.certFile = reader.string(node) ?? ""
                case "key_file": config.tls.keyFile = reader.string(node) ?? ""
                case "server_name": config.tls.serverName = reader.string(node) ?? ""
                case "insecure_skip_verify": config.tls.insecureSkipVerify = reader.bool(node) ?? false
                case "min_version":
                    let versions: [String: UInt16] = ["TLS10": 769, "TLS11": 770, "TLS12": 771, "TLS13": 772]
                    config.tls.minVersion = reader.string(node).flatMap { versions[$0] }
                default: _ = reader.string(node)
                }
            }
        case "follow_redirects": config.followRedirects = reader.bool(value) ?? true
        case "enable_http2": config.enableHTTP2 = reader.bool(value) ?? true
        case "proxy_url": config.proxyURL = reader.string(value) ?? ""
        default: break
        }
    }

    /// The validated client config, or nil after `reader.fail` with prometheus/common's message.
    mutating func validate(reader: inout NodeReader) -> HTTPClientConfig? {
        func failing(_ message: String) -> HTTPClientConfig? {
            reader.fail(message)
            return nil
        }
        let hasBearer = !bearerToken.isEmpty || !bearerTokenFile.isEmpty
        if !bearerToken.isEmpty && !bearerTokenFile.isEmpty {
            return failing("at most one of bearer_token & bearer_token_file must be configured")
        }
        if (basicAuth != nil || oauth2) && hasBearer {
            return failing("at most one of basic_auth, oauth2, bearer_token & bearer_token_file must be configured")
        }
        if basicAuth != nil && !basicPassword.isEmpty && !basicPasswordFile.isEmpty {
            return failing("at most one of basic_auth password & password_file must be configured")
        }
        if authorizationSet {
            if hasBearer {
                return failing("authorization is not compatible with bearer_token & bearer_token_file")
            }
            if !credentials.isEmpty && !credentialsFile.isEmpty {
                return failing("at most one of authorization credentials & credentials_file must be configured")
            }
            var type = authorizationType.trimmingSpaces()
            if type.isEmpty { type = "Bearer" }
            if type.lowercased() == "basic" {
                return failing(#"authorization type cannot be set to "basic", use "basic_auth" instead"#)
            }
            if basicAuth != nil || oauth2 {
                return failing("at most one of basic_auth, oauth2 & authorization must be configured")
            }
            let secret: Secret? =
                !credentialsFile.isEmpty ? .file(credentialsFile) : (credentials.isEmpty ? nil : .inline(credentials))
            config.authorization = HTTPClientConfig.Authorization(type: type, credentials: secret)
        } else if !bearerToken.isEmpty {
            config.authorization = HTTPClientConfig.Authorization(type: "Bearer", credentials: .inline(bearerToken))
        } else if !bearerTokenFile.isEmpty {
            config.authorization = HTTPClientConfig.Authorization(type: "Bearer", credentials: .file(bearerTokenFile))
        }
        if var auth = basicAuth {
            if !basicPasswordFile.isEmpty {
                auth.password = .file(basicPasswordFile)
            } else if !basicPassword.isEmpty {
                auth.password = .inline(basicPassword)
            }
            config.basicAuth = auth
        }
        return config
    }
}

extension String {
    /// Go's `strings.TrimSpace` for ASCII whitespace.
    package func trimmingSpaces() -> String {
        let bytes = Array(utf8)
        func isSpace(_ byte: UInt8) -> Bool { byte == 32 || (byte >= 9 && byte <= 13) }
        guard let first = bytes.firstIndex(where: { !isSpace($0) }), let last = bytes.lastIndex(where: { !isSpace($0) })
        else { return "" }
        return String(decoding: bytes[first...last], as: UTF8.self)
    }
}
