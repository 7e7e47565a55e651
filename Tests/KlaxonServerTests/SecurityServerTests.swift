import KlaxonCurl
import KlaxonPromQL
import Testing

@testable import KlaxonServer

/// The server under `--web.config.file`: basic auth on every endpoint with exporter-toolkit's 401, configured
/// headers on every response, TLS and client certificates — spoken to by libcurl over loopback.
@Suite(.serialized)
struct SecurityServerTests {
    static let fixtures = SecurityWebConfigTests.fixtures
    static let password = "hunter2-web-s3cret"

    func withServer(_ webConfig: WebConfig, _ body: (Int) async throws -> Void) async throws {
        var configuration = ServerConfiguration(port: 0, engine: .init(mode: .prometheus2))
        configuration.webConfig = webConfig
        let server = APIServer(configuration: configuration, head: try fixtureHead(), backend: FakeBackend())
        let task = Task { try await server.run() }
        defer { task.cancel() }
        let port = await server.boundPort
        #expect(port > 0)
        try await body(port)
        task.cancel()
        _ = await task.result
    }

    func authConfig() throws -> WebConfig {
        try WebConfig.parse(
            """
            basic_auth_users:
              alice: \(SecurityWebConfigTests.hash)
            http_server_config:
              headers:
                X-Frame-Options: deny

            """,
            directory: Self.fixtures
        )
    }

    @Test func everyEndpointNeedsCredentials() async throws {
        let client = try HTTPClient()
        defer { client.shutdown() }
        try await withServer(try authConfig()) { port in
            let base = "http://127.0.0.1:\(port)"
            for path in [
                "/api/v1/query?query=up", "/metrics", "/-/healthy", "/-/ready", "/", "/api/v1/status/config",
                "/api/v2/status", "/nope", "/-/reload", "/federate?match[]=up",
            ] {
                for auth: HTTPRequest.Authorization? in [
                    nil, .basic(username: "alice", password: "wrong"), .basic(username: "bob", password: Self.password),
                    .header(type: "Bearer", credentials: Self.password),
                ] {
                    var request = HTTPRequest(url: base + path)
                    request.authorization = auth
                    let response = try await client.execute(request)
                    #expect(response.status == 401, "\(path) with \(String(describing: auth))")
                    #expect(String(decoding: response.body, as: UTF8.self) == "Unauthorized\n")
                    #expect(response.header("WWW-Authenticate") == "Basic")
                    #expect(response.header("Content-Type") == "text/plain; charset=utf-8")
                    #expect(response.header("X-Content-Type-Options") == "nosniff")
                    #expect(response.header("X-Frame-Options") == "deny")
                }
            }
            var good = HTTPRequest(url: base + "/api/v1/query?query=up%7Bjob%3D%22prom%22%7D&time=1700000300")
            good.authorization = .basic(username: "alice", password: Self.password)
            // Twice: the second answer comes from the verified-credentials cache and must agree.
            for _ in 0..<2 {
                let response = try await client.execute(good)
                #expect(response.status == 200)
                #expect(response.header("X-Frame-Options") == "deny")
                #expect(String(decoding: response.body, as: UTF8.self).contains("\"job\":\"prom\""))
            }
            var federate = HTTPRequest(url: base + "/federate?match[]=up")
            federate.authorization = .basic(username: "alice", password: Self.password)
            let federated = try await client.execute(federate)
            #expect(federated.status == 200)
            #expect(federated.header("Content-Type") == "text/plain; version=0.0.4; charset=utf-8")
            #expect(federated.header("X-Frame-Options") == "deny")
            var missing = HTTPRequest(url: base + "/nope")
            missing.authorization = .basic(username: "alice", password: Self.password)
            let notFound = try await client.execute(missing)
            #expect(notFound.status == 404)
            #expect(notFound.header("X-Frame-Options") == "deny", "configured headers on every response")
        }
    }

    @Test func servesTLSWithTheConfiguredCertificate() async throws {
        let config = try WebConfig.parse(
            "tls_server_config:\n  cert_file: server.crt\n  key_file: server.key\n",
            directory: Self.fixtures
        )
        let client = try HTTPClient()
        defer { client.shutdown() }
        try await withServer(config) { port in
            var request = HTTPRequest(url: "https://127.0.0.1:\(port)/-/healthy")
            request.tls.caFile = Self.fixtures + "/ca.crt"
            let response = try await client.execute(request)
            #expect(response.status == 200)
            // Not trusted without the CA.
            var untrusted = HTTPRequest(url: "https://127.0.0.1:\(port)/-/healthy")
            untrusted.tls.caFile = Self.fixtures + "/other.crt"
            await #expect(throws: CurlError.self) { try await client.execute(untrusted) }
            // Plain HTTP to the TLS port: Go's answer (found by scripts/compare/web-config.py), then TLS still works.
            var plain = HTTPRequest(url: "http://127.0.0.1:\(port)/-/healthy")
            plain.timeoutMilliseconds = 5000
            let plainResponse = try await client.execute(plain)
            #expect(plainResponse.status == 400)
            #expect(
                String(decoding: plainResponse.body, as: UTF8.self)
                    == "Client sent an HTTP request to an HTTPS server.\n"
            )
            #expect(try await client.execute(request).status == 200)
        }
    }

    @Test func recognisesPlainHTTPByGosFiveBytes() {
        func classify(_ text: String) -> PlainHTTPDetector.Verdict { PlainHTTPDetector.classify(Array(text.utf8)) }
        #expect(classify("GET /-/healthy HTTP/1.1\r\n") == .plainHTTP)
        #expect(classify("POST /api/v1/query") == .plainHTTP)
        #expect(classify("HEAD / HTTP/1.1") == .plainHTTP)
        #expect(classify("PUT /x") == .plainHTTP)
        #expect(classify("OPTIONS * HTTP/1.1") == .plainHTTP)
        #expect(classify("GE") == .undecided, "could still become GET /")
        #expect(classify("") == .undecided)
        #expect(classify("DELETE /x") == .tls, "not one of Go's five starts")
        #expect(classify("GET x") == .tls)
        #expect(PlainHTTPDetector.classify([0x16, 0x03, 0x01, 0x02, 0x00]) == .tls, "a TLS handshake record")
    }

    @Test func requireAndVerifyClientCertRejectsUnknownClients() async throws {
        let config = try WebConfig.parse(
            """
            tls_server_config:
              cert_file: server.crt
              key_file: server.key
              client_auth_type: RequireAndVerifyClientCert
              client_ca_file: ca.crt

            """,
            directory: Self.fixtures
        )
        let client = try HTTPClient()
        defer { client.shutdown() }
        try await withServer(config) { port in
            func attempt(cert: String?) async -> Int? {
                var request = HTTPRequest(url: "https://127.0.0.1:\(port)/-/healthy")
                request.tls.caFile = Self.fixtures + "/ca.crt"
                if let cert {
                    request.tls.certFile = Self.fixtures + "/\(cert).crt"
                    request.tls.keyFile = Self.fixtures + "/\(cert).key"
                }
                return try? await client.execute(request).status
            }
            #expect(await attempt(cert: "client") == 200)
            #expect(await attempt(cert: nil) == nil, "no client certificate: handshake refused")
            #expect(await attempt(cert: "other") == nil, "a certificate the CA did not sign: refused")
        }
    }

    @Test func verifyClientCertIfGivenAcceptsNoneButNotAStranger() async throws {
        let config = try WebConfig.parse(
            """
            tls_server_config:
              cert_file: server.crt
              key_file: server.key
              client_auth_type: VerifyClientCertIfGiven
              client_ca_file: ca.crt

            """,
            directory: Self.fixtures
        )
        let client = try HTTPClient()
        defer { client.shutdown() }
        try await withServer(config) { port in
            var request = HTTPRequest(url: "https://127.0.0.1:\(port)/-/healthy")
            request.tls.caFile = Self.fixtures + "/ca.crt"
            let status = try await client.execute(request).status
            #expect(status == 200)
            request.tls.certFile = Self.fixtures + "/other.crt"
            request.tls.keyFile = Self.fixtures + "/other.key"
            #expect((try? await client.execute(request)) == nil)
        }
    }

    // MARK: Pure functions

    @Test func parsesBasicCredentialsAsGo() {
        #expect(BasicAuthenticator.parseBasic("Basic YWxpY2U6cHc=")! == ("alice", "pw"))
        #expect(BasicAuthenticator.parseBasic("basic YWxpY2U6cHc6Og==")! == ("alice", "pw::"), "password keeps colons")
        #expect(BasicAuthenticator.parseBasic("Basic YWxpY2U=") == nil, "no colon")
        #expect(BasicAuthenticator.parseBasic("Bearer YWxpY2U6cHc=") == nil)
        #expect(BasicAuthenticator.parseBasic("Basic YWxpY2U6cHc") == nil, "bad padding")
        #expect(BasicAuthenticator.parseBasic("Basic YWxp=2U6cHc=") == nil, "padding in the middle")
        #expect(BasicAuthenticator.parseBasic("Basic !!!!") == nil)
        #expect(BasicAuthenticator.parseBasic("Basic ") == nil)
    }

    /// Go's bcrypt accepts any minor version (`htpasswd -B` writes `$2y$`); found by scripts/compare/web-config.py.
    @Test func acceptsHashesOfEveryBcryptMinorVersion() async {
        // bcrypt (cost 4) of "y-hash-pw", written with the `$2y$` prefix.
        let hash = "$2y$04$fcwEhf80riCwqI33jVfkVOLwBCLw2b1MyR5T1EO4YUQkZRRjfLCyy"
        let authenticator = BasicAuthenticator(users: ["bob": hash])
        #expect(await authenticator.authorize("Basic Ym9iOnktaGFzaC1wdw=="), "bob:y-hash-pw")
        #expect(!(await authenticator.authorize("Basic Ym9iOnktaGFzaC1wdg==")), "bob:y-hash-pv")
        #expect(BasicAuthenticator.verifiableHash(hash) == "$2b$" + hash.dropFirst(4))
        #expect(BasicAuthenticator.verifiableHash("$2a$04$abc") == "$2b$04$abc")
        #expect(BasicAuthenticator.verifiableHash("$2$04$abc") == "$2b$04$abc")
        #expect(BasicAuthenticator.verifiableHash("$2b$04$abc") == "$2b$04$abc")
        #expect(BasicAuthenticator.verifiableHash("plain") == "plain")
    }

    @Test func securityIsOffWithoutUsers() async {
        let security = WebSecurity(nil)
        #expect(await security.check(authorization: nil) == nil)
        var response = APIResponse.text(200, "ok")
        security.decorate(&response)
        #expect(response.headers.isEmpty)
    }

    @Test func configuredHeaderReplacesTheHandlersOwn() throws {
        let security = WebSecurity(try authConfig())
        var response = APIResponse.text(200, "ok")
        response.headers = [("x-frame-options", "sameorigin"), ("Vary", "Origin")]
        security.decorate(&response)
        #expect(response.headers.map(\.name) == ["Vary", "X-Frame-Options"])
        #expect(response.headers.last?.value == "deny")
    }
}
