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
