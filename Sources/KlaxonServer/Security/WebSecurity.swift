/// What `--web.config.file` asks of every request and response, as plain functions of the request model (tested
/// without a server): basic auth before anything else runs, configured headers on every response.
final class WebSecurity: Sendable {
    let authenticator: BasicAuthenticator
    let headers: [(name: String, value: String)]

    init(_ config: WebConfig?) {
        authenticator = BasicAuthenticator(users: config?.users ?? [:])
        headers = config?.headers ?? []
    }

    /// nil when the request may go on; else the response to send (exporter-toolkit's 401).
    func check(authorization: String?) async -> APIResponse? {
        guard authenticator.isEnabled else { return nil }
        if await authenticator.authorize(authorization) { return nil }
        var response = APIResponse.text(401, "Unauthorized\n")
        response.headers = [("WWW-Authenticate", "Basic"), ("X-Content-Type-Options", "nosniff")]
        decorate(&response)
        return response
    }

    /// Adds the configured headers (replacing a handler's header of the same name).
    func decorate(_ response: inout APIResponse) {
        guard !headers.isEmpty else { return }
        for header in headers {
            let lowered = header.name.lowercased()
            response.headers.removeAll { $0.name.lowercased() == lowered }
            response.headers.append(header)
        }
    }
}
