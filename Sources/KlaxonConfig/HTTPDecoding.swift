import KlaxonModel
import KlaxonYAML

/// Decodes the inline `HTTPClientConfig` fields of a scrape, alertmanager, remote write or remote read config
/// (prometheus/common 0.39, the version Prometheus 2.42 is built with) and applies its `Validate()` (mutual
/// exclusions, `bearer_token(_file)` folded into `authorization`, oauth2's required fields).
struct HTTPDecoding {
    /// The field names 0.39 knows (`no_proxy`, `proxy_from_environment` and inline TLS `ca`/`cert`/`key` came later).
    static let fields: Set<String> = [
        "basic_auth", "authorization", "oauth2", "bearer_token", "bearer_token_file", "tls_config",
        "follow_redirects", "enable_http2", "proxy_url", "proxy_connect_header",
    ]

    var basicAuth: HTTPClientConfig.BasicAuth?
    var basicPassword = ""
    var basicPasswordFile = ""
    var authorizationSet = false
    var authorizationType = ""
    var credentials = ""
    var credentialsFile = ""
    var oauth2: HTTPClientConfig.OAuth2?
    var oauth2Secret = ""
    var oauth2SecretFile = ""
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
                case "password": basicPassword = reader.secret(node) ?? ""
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
                case "credentials": credentials = reader.secret(node) ?? ""
                default: credentialsFile = reader.string(node) ?? ""
                }
            }
        case "oauth2":
            if value.isNull { return }
            decodeOAuth2(value, reader: &reader)
        case "bearer_token": bearerToken = reader.secret(value) ?? ""
        case "bearer_token_file": bearerTokenFile = reader.string(value) ?? ""
        case "tls_config": config.tls = Self.decodeTLS(value, reader: &reader)
        case "follow_redirects": config.followRedirects = reader.bool(value) ?? true
        case "enable_http2": config.enableHTTP2 = reader.bool(value) ?? true
        case "proxy_url":
            if let url = Self.decodeURL(value, reader: &reader) {
                config.proxyURL = url.string
                config.proxyURLSet = true
            }
        case "proxy_connect_header":
            config.proxyConnectHeader = Self.decodeHeader(value, reader: &reader)
        default: break
        }
    }

    mutating func decodeOAuth2(_ node: YAMLNode, reader: inout NodeReader) {
        var oauth = HTTPClientConfig.OAuth2()
        let known: Set<String> = [
            "client_id", "client_secret", "client_secret_file", "scopes", "token_url", "endpoint_params", "proxy_url",
            "tls_config",
        ]
        reader.forEachField(of: node, goType: "config.OAuth2", known: known) { reader, field, value in
            switch field {
            case "client_id": oauth.clientID = reader.string(value) ?? ""
            case "client_secret": oauth2Secret = reader.secret(value) ?? ""
            case "client_secret_file": oauth2SecretFile = reader.string(value) ?? ""
            case "scopes": oauth.scopes = reader.strings(value) ?? []
            case "token_url": oauth.tokenURL = reader.string(value) ?? ""
            case "endpoint_params":
                var params: [String: String] = [:]
                for (name, text) in reader.stringMap(value) ?? [] { params[name] = text }
                oauth.endpointParams = params
            case "proxy_url": oauth.proxyURL = Self.decodeURL(value, reader: &reader)?.string
            default: oauth.tls = Self.decodeTLS(value, reader: &reader)
            }
        }
        oauth2 = oauth
    }

    /// `config.TLSConfig` (null is the zero config).
    static func decodeTLS(_ node: YAMLNode, reader: inout NodeReader) -> HTTPClientConfig.TLSConfig {
        var tls = HTTPClientConfig.TLSConfig()
        let known: Set<String> = [
            "ca_file", "cert_file", "key_file", "server_name", "insecure_skip_verify", "min_version", "max_version",
        ]
        reader.forEachField(of: node, goType: "config.plain", known: known) { reader, field, node in
            switch field {
            case "ca_file": tls.caFile = reader.string(node) ?? ""
            case "cert_file": tls.certFile = reader.string(node) ?? ""
            case "key_file": tls.keyFile = reader.string(node) ?? ""
            case "server_name": tls.serverName = reader.string(node) ?? ""
            case "insecure_skip_verify": tls.insecureSkipVerify = reader.bool(node) ?? false
            case "min_version": tls.minVersion = tlsVersion(node, reader: &reader)
            default: tls.maxVersion = tlsVersion(node, reader: &reader)
            }
        }
        return tls
    }

    /// `config.TLSVersion`: `TLS10` … `TLS13` as Go's `tls.VersionTLS1x`; anything else aborts decoding.
    static func tlsVersion(_ node: YAMLNode, reader: inout NodeReader) -> UInt16? {
        if node.isNull { return nil }
        guard let text = reader.string(node) else { return nil }
        let versions: [String: UInt16] = ["TLS10": 769, "TLS11": 770, "TLS12": 771, "TLS13": 772]
        guard let version = versions[text] else {
            reader.fail("unknown TLS version: " + text)
            return nil
        }
        return version
    }

    /// `config.URL`: a string parsed with Go's `url.Parse` (any scheme); nil for null or after an error.
    static func decodeURL(_ node: YAMLNode, reader: inout NodeReader) -> GoURL? {
        if node.isNull { return nil }
        guard let text = reader.string(node) else { return nil }
        switch GoURL.parse(text) {
        case .success(let url): return url
        case .failure(let error):
            reader.fail(error.message)
            return nil
        }
    }

    /// `config.Header` (`map[string][]Secret`).
    static func decodeHeader(_ node: YAMLNode, reader: inout NodeReader) -> [String: [String]] {
        switch node.kind {
        case .mapping(let pairs):
            var out: [String: [String]] = [:]
            for pair in pairs {
                guard let name = reader.string(pair.key) else { continue }
                var values: [String] = []
                switch pair.value.kind {
                case .sequence(let items):
                    // yaml.v2 keeps the elements that decoded and still sets the map entry.
                    values = items.compactMap { reader.secret($0) }
                case .scalar where pair.value.isNull:
                    break
                default:
                    reader.typeError(pair.value, into: "[]config.Secret")
                    continue
                }
                if out[name] != nil {
                    reader.repeatedMapKey(name, line: pair.value.line)
                    continue
                }
                out[name] = values
            }
            return out
        case .scalar where node.isNull:
            return [:]
        default:
            reader.typeError(node, into: "config.Header")
            return [:]
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
        if (basicAuth != nil || oauth2 != nil) && hasBearer {
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
            if basicAuth != nil || oauth2 != nil {
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
        if var oauth = oauth2 {
            if basicAuth != nil {
                return failing("at most one of basic_auth, oauth2 & authorization must be configured")
            }
            if oauth.clientID.isEmpty { return failing("oauth2 client_id must be configured") }
            if oauth2Secret.isEmpty && oauth2SecretFile.isEmpty {
                return failing("either oauth2 client_secret or client_secret_file must be configured")
            }
            if oauth.tokenURL.isEmpty { return failing("oauth2 token_url must be configured") }
            if !oauth2Secret.isEmpty && !oauth2SecretFile.isEmpty {
                return failing("at most one of oauth2 client_secret & client_secret_file must be configured")
            }
            oauth.clientSecret = oauth2SecretFile.isEmpty ? .inline(oauth2Secret) : .file(oauth2SecretFile)
            config.oauth2 = oauth
        }
        if !config.proxyConnectHeader.isEmpty && config.proxyURL.isEmpty {
            return failing("if proxy_connect_header is configured proxy_url must also be configured")
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

    /// Whether `basic_auth`, `authorization` (or a bearer token) or `oauth2` is configured, once validated.
    static func hasAuth(_ config: HTTPClientConfig) -> Bool {
        config.basicAuth != nil || config.authorization != nil || config.oauth2 != nil
    }
}

extension NodeReader {
    /// prometheus/common's `Secret`: a string whose type errors name `config.plain` (its unmarshaler's type).
    mutating func secret(_ node: YAMLNode) -> String? {
        string(node, into: "config.plain")
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
