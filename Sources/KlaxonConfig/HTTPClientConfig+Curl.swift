public import KlaxonCurl
import KlaxonModel

extension HTTPClientConfig {
    /// This config's TLS, authorization, redirect and proxy settings on a libcurl request, as prometheus/common's
    /// `NewClientFromConfig` applies them to a Go client: the one place the scraper, remote write and discovery
    /// turn an `http_config` into a request. Secret files are read now (Prometheus re-reads them per request).
    public func configure(_ request: inout KlaxonCurl.HTTPRequest) {
        if let basic = basicAuth {
            request.authorization = .basic(username: basic.username, password: Self.secretValue(basic.password))
        } else if let auth = authorization {
            request.authorization = .header(type: auth.type, credentials: Self.secretValue(auth.credentials))
        }
        request.tls = KlaxonCurl.HTTPRequest.TLS(
            caFile: tls.caFile.isEmpty ? nil : tls.caFile,
            certFile: tls.certFile.isEmpty ? nil : tls.certFile,
            keyFile: tls.keyFile.isEmpty ? nil : tls.keyFile,
            serverName: tls.serverName.isEmpty ? nil : tls.serverName,
            insecureSkipVerify: tls.insecureSkipVerify
        )
        request.followRedirects = followRedirects
        request.proxyURL = proxyURL.isEmpty ? nil : proxyURL
    }

    /// Secret files and TLS files resolved against the config file's folder (Prometheus's `SetDirectory`), as the
    /// scraper and remote write use them.
    public func resolvingPaths(in config: PrometheusConfig) -> HTTPClientConfig {
        var out = self
        func resolve(_ secret: Secret?) -> Secret? {
            if case .file(let path) = secret { return .file(config.resolve(path)) }
            return secret
        }
        if var basic = out.basicAuth {
            basic.password = resolve(basic.password)
            out.basicAuth = basic
        }
        if var auth = out.authorization {
            auth.credentials = resolve(auth.credentials)
            out.authorization = auth
        }
        if !out.tls.caFile.isEmpty { out.tls.caFile = config.resolve(out.tls.caFile) }
        if !out.tls.certFile.isEmpty { out.tls.certFile = config.resolve(out.tls.certFile) }
        if !out.tls.keyFile.isEmpty { out.tls.keyFile = config.resolve(out.tls.keyFile) }
        return out
    }

    /// The settings of this config that `configure` cannot apply yet (Klaxon's libcurl client has no OAuth 2 token
    /// flow, proxy CONNECT headers or TLS version bounds); empty when everything is applied.
    public var unsupportedSettings: [String] {
        var out: [String] = []
        if oauth2 != nil { out.append("oauth2") }
        if !proxyConnectHeader.isEmpty { out.append("proxy_connect_header") }
        if tls.minVersion != nil { out.append("tls_config.min_version") }
        if tls.maxVersion != nil { out.append("tls_config.max_version") }
        return out
    }

    /// An inline secret, or a file's contents with surrounding whitespace trimmed.
    public static func secretValue(_ secret: Secret?) -> String {
        switch secret {
        case .inline(let value): return value
        case .file(let path):
            if case .success(let text) = readTextFile(path) { return text.trimmingSpaces() }
            return ""
        case nil: return ""
        }
    }
}
