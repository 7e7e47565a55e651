import KlaxonModel

/// The human status page at `/` and the `/-/*` endpoints, with Prometheus 2.42's method handling: an `OPTIONS`
/// answers 200 with `Allow`, another method outside the route's set gets the router's 405 (`Allow`,
/// `X-Content-Type-Options: nosniff`, `Method Not Allowed`).
extension API {
    static let nosniff: (name: String, value: String) = ("X-Content-Type-Options", "nosniff")

    /// The router's 405 for a method the route does not have.
    static func methodNotAllowed(allow: String) -> APIResponse {
        APIResponse(
            status: 405,
            contentType: APIResponse.textType,
            body: Array("Method Not Allowed\n".utf8),
            headers: [("Allow", allow), nosniff]
        )
    }

    /// The 405 of a GET-only API route.
    static let notGet = methodNotAllowed(allow: "GET, OPTIONS")
    /// The 405 of a GET-or-POST API route.
    static let notGetOrPost = methodNotAllowed(allow: "GET, OPTIONS, POST")

    /// The router's answer to `OPTIONS` outside `/api/v1`.
    static func options(allow: String) -> APIResponse {
        APIResponse(status: 200, contentType: "", body: [], headers: [("Allow", allow)])
    }

    /// `GET /`: the status page. Prometheus registers `/` for GET only (and redirects it to its React UI).
    func statusPage(_ request: APIRequest) async -> APIResponse {
        let allow = "GET, OPTIONS"
        switch request.method {
        case "GET": break
        case "OPTIONS": return Self.options(allow: allow)
        default: return Self.methodNotAllowed(allow: allow)
        }
        async let alerts = backend.activeAlerts()
        async let groups = backend.ruleGroups()
        async let targets = backend.targets()
        let page = StatusPage(
            alerts: await alerts,
            groups: await groups,
            targets: await targets.active,
            now: now(),
            prefix: routePrefix,
            version: configuration.buildInfo.version
        )
        return APIResponse(status: 200, contentType: StatusPage.contentType, body: page.render())
    }

    /// `GET <prefix>` without the trailing slash: the router's redirect to `<prefix>/`.
    static func redirectToSlash(_ prefix: String) -> APIResponse {
        var html = HTMLWriter(capacity: 64)
        html.raw("<a href=\"")
        html.text(prefix + "/")
        html.raw("\">Moved Permanently</a>.\n\n")
        return APIResponse(
            status: 301,
            contentType: StatusPage.contentType,
            body: html.bytes,
            headers: [("Location", prefix + "/")]
        )
    }

    /// `/-/healthy` and `/-/ready`: GET and HEAD.
    func probe(_ request: APIRequest, ready: Bool) async -> APIResponse {
        let allow = "GET, HEAD, OPTIONS"
        switch request.method {
        case "GET", "HEAD": break
        case "OPTIONS": return Self.options(allow: allow)
        default: return Self.methodNotAllowed(allow: allow)
        }
        let up = ready ? await backend.isReady() : true
        if request.method == "HEAD" { return APIResponse(status: up ? 200 : 503, contentType: "", body: []) }
        if !ready { return .text(200, "Prometheus Server is Healthy.\n") }
        return up ? .text(200, "Prometheus Server is Ready.\n") : .text(503, "Service Unavailable")
    }

    /// `/-/reload` and `/-/quit`: POST or PUT, and only with `--web.enable-lifecycle`.
    func lifecycle(_ request: APIRequest, quit: Bool) async -> APIResponse {
        let allow = "GET, OPTIONS, POST, PUT"
        switch request.method {
        case "POST", "PUT": break
        case "GET": return .text(405, "Only POST or PUT requests allowed")
        case "OPTIONS": return Self.options(allow: allow)
        default: return Self.methodNotAllowed(allow: allow)
        }
        guard configuration.enableLifecycle else { return .text(403, "Lifecycle API is not enabled.") }
        if quit {
            await backend.quit()
            return .text(200, "Requesting termination... Goodbye!")
        }
        do {
            try await backend.reload()
            return APIResponse(status: 200, contentType: "", body: [])
        } catch {
            var response = APIResponse.text(500, "failed to reload config: \(error)\n")
            response.headers.append(Self.nosniff)
            return response
        }
    }

    /// `/api/v1/status/*` and `/metrics` are GET-only routes in Prometheus (a HEAD is a 405 there too).
    static func getOnly(_ request: APIRequest) -> APIResponse? {
        switch request.method {
        case "GET": return nil
        case "OPTIONS" where !request.path.hasPrefix("/api/v1/"): return options(allow: "GET, OPTIONS")
        default: return methodNotAllowed(allow: "GET, OPTIONS")
        }
    }
}
