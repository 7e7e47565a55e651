import Testing

@testable import KlaxonServer

/// `--web.config.file` loading: what loads, and every rejection with the message `promtool check web-config`
/// (Prometheus 2.42, exporter-toolkit) printed for the same file (recorded on the Debian binaries).
struct SecurityWebConfigTests {
    static let fixtures = String(#filePath.dropLast("SecurityWebConfigTests.swift".count)) + "Fixtures/security"
    /// bcrypt (cost 4) of "hunter2-web-s3cret".
    static let hash = "$2b$04$OT51beJheF8H/wymWZXAWOUL/kAbNDtWC/Q2w1M87PeAyLi5TNl1."

    func parse(_ text: String) throws(WebConfigError) -> WebConfig {
        try WebConfig.parse(text, directory: Self.fixtures)
    }

    @Test func emptyFileMeansNoTLSNoAuth() throws {
        let config = try parse("")
        #expect(config.tls == nil)
        #expect(config.users.isEmpty)
        #expect(config.headers.isEmpty)
        #expect(try parse("tls_server_config: {}\n").tls == nil)
    }

    @Test func loadsUsersHeadersAndTLS() throws {
        let config = try parse(
            """
            tls_server_config:
              cert_file: server.crt
              key_file: server.key
              client_auth_type: RequireAndVerifyClientCert
              client_ca_file: ca.crt
              min_version: TLS13
              cipher_suites: [TLS_AES_128_GCM_SHA256]
              curve_preferences: [X25519]
              prefer_server_cipher_suites: true
            http_server_config:
              http2: false
              headers:
                X-Frame-Options: deny
                Strict-Transport-Security: max-age=31536000
            basic_auth_users:
              alice: \(Self.hash)

            """
        )
        #expect(config.users == ["alice": Self.hash])
        #expect(config.headers.map(\.name) == ["X-Frame-Options", "Strict-Transport-Security"])
        #expect(config.headers.map(\.value) == ["deny", "max-age=31536000"])
        let tls = try #require(config.tls)
        #expect(tls.certFile == Self.fixtures + "/server.crt", "relative to the web config's directory")
        #expect(tls.clientAuth == .requireAndVerifyClientCert)
        #expect(tls.minVersion == .tls13)
        #expect(tls.maxVersion == nil)
        #expect(!tls.clientCAPEM.isEmpty)
    }

    @Test func defaultMinimumVersionIsTLS12() throws {
        let tls = try #require(try parse("tls_server_config:\n  cert_file: server.crt\n  key_file: server.key\n").tls)
        #expect(tls.minVersion == .tls12)
        #expect(tls.clientAuth == .noClientCert)
    }

    /// Each file and the message promtool 2.42 printed after `FAILED: `.
    static let rejected: [(String, String)] = [
        (
            "basic_auth_users:\n  alice: notahash\nfoo: 1\n",
            "yaml: unmarshal errors:\n  line 3: field foo not found in type web.Config"
        ),
        ("tls_server_config:\n  cert_file: server.crt\n", "missing key_file"),
        ("tls_server_config:\n  key_file: server.key\n", "missing cert_file"),
        (
            "tls_server_config:\n  cert_file: nope.crt\n  key_file: server.key\n",
            "failed to load X509KeyPair: open \(fixtures)/nope.crt: no such file or directory"
        ),
        (
            "tls_server_config:\n  cert_file: server.crt\n  key_file: server.crt\n",
            "failed to load X509KeyPair: tls: found a certificate rather than a key in the PEM for the private key"
        ),
        (
            "tls_server_config:\n  cert_file: server.crt\n  key_file: server.key\n  client_auth_type: Bogus\n",
            "Invalid ClientAuth: Bogus"
        ),
        (
            "tls_server_config:\n  cert_file: server.crt\n  key_file: server.key\n  client_ca_file: ca.crt\n",
            "Client CA's have been configured without a Client Auth Policy"
        ),
        (
            "tls_server_config:\n  cert_file: server.crt\n  key_file: server.key\n"
                + "  client_auth_type: RequireAndVerifyClientCert\n  client_ca_file: nope.pem\n",
            "open \(fixtures)/nope.pem: no such file or directory"
        ),
        (
            "tls_server_config:\n  cert_file: server.crt\n  key_file: server.key\n  min_version: TLS99\n",
            "unknown TLS version: TLS99"
        ),
        (
            "tls_server_config:\n  cert_file: server.crt\n  key_file: server.key\n  cipher_suites: [BOGUS]\n",
            "unknown cipher: BOGUS"
        ),
        (
            "tls_server_config:\n  client_allowed_sans: [a]\n",
            "yaml: unmarshal errors:\n  line 2: field client_allowed_sans not found in type web.TLSConfig"
        ),
        (
            "tls_server_config:\n  cert_file: [a]\n",
            "yaml: unmarshal errors:\n  line 2: cannot unmarshal !!seq into string"
        ),
        ("basic_auth_users:\n  alice: notahash\n", "crypto/bcrypt: hashedSecret too short to be a bcrypted password"),
        (
            "basic_auth_users: [a]\n",
            "yaml: unmarshal errors:\n  line 1: cannot unmarshal !!seq into map[string]config.Secret"
        ),
        (
            "http_server_config:\n  foo: 1\n",
            "yaml: unmarshal errors:\n  line 2: field foo not found in type web.HTTPConfig"
        ),
        (
            "http_server_config:\n  http2: maybe\n",
            "yaml: unmarshal errors:\n  line 2: cannot unmarshal !!str `maybe` into bool"
        ),
        ("http_server_config:\n  headers:\n    Foo: bar\n", "HTTP header \"Foo\" can not be configured"),
        (
            "http_server_config:\n  headers:\n    Authorization: bar\n",
            "HTTP header \"Authorization\" can not be configured"
        ),
        (
            "http_server_config:\n  headers:\n    x-frame-options: DENY\n",
            "HTTP header \"x-frame-options\" can not be configured"
        ),
        (
            "http_server_config:\n  headers:\n    X-Frame-Options: bogus\n",
            "invalid value for X-Frame-Options. Expected one of: [\"deny\" \"sameorigin\"], but got: \"bogus\""
        ),
        // Found by scripts/compare/web-config.py: TLS is on as soon as any TLS field is set.
        ("tls_server_config:\n  client_auth_type: RequireAnyClientCert\n", "missing cert_file"),
        ("tls_server_config:\n  client_ca_file: ca.crt\n", "missing cert_file"),
        (
            "tls_server_config:\n  cert_file: server.crt\n  key_file: client.key\n",
            "failed to load X509KeyPair: tls: private key does not match public key"
        ),
        (
            "http_server_config:\n  headers:\n    X-Frame-Options: DENY\n",
            "invalid value for X-Frame-Options. Expected one of: [\"deny\" \"sameorigin\"], but got: \"DENY\""
        ),
        (
            "http_server_config:\n  headers:\n    X-Content-Type-Options: NoSniff\n",
            "invalid value for X-Content-Type-Options. Expected one of: [\"nosniff\"], but got: \"NoSniff\""
        ),
        (
            "http_server_config:\n  headers:\n    X-Content-Type-Options: bogus\n",
            "invalid value for X-Content-Type-Options. Expected one of: [\"nosniff\"], but got: \"bogus\""
        ),
    ]

    @Test(arguments: rejected)
    func rejectsWithPromtoolsMessage(file: String, message: String) {
        #expect(throws: WebConfigError(message)) { try parse(file) }
    }

    @Test func requireClientCertIsTheOldNameOfRequireAnyClientCert() throws {
        let tls = try #require(
            try parse(
                "tls_server_config:\n  cert_file: server.crt\n  key_file: server.key\n"
                    + "  client_auth_type: RequireClientCert\n"
            ).tls
        )
        #expect(tls.clientAuth == .requireAnyClientCert)
    }

    @Test func malformedYAMLIsAnError() {
        #expect(throws: WebConfigError.self) { try parse("a: [\n") }
    }

    @Test func bcryptShapeChecks() {
        #expect(BcryptShape.problem(Self.hash) == nil)
        #expect(BcryptShape.problem("$2y$10$QOauhQNbBCuQDKes6eFzPeMqBSjb7Mr5DUmpZ/VcEd00UAV/LDeSi") == nil)
        #expect(BcryptShape.problem("x" + String(Self.hash.dropFirst()))?.contains("must start with '$'") == true)
        #expect(BcryptShape.problem("$3" + String(Self.hash.dropFirst(2)))?.contains("version '3'") == true)
        #expect(
            BcryptShape.problem("$2b$99" + String(Self.hash.dropFirst(6)))
                == "crypto/bcrypt: cost 99 is outside allowed range (4,31)"
        )
    }

    @Test func missingFileNamesIt() {
        #expect(throws: WebConfigError("open /nonexistent/web.yml: no such file or directory")) {
            try WebConfig.load(path: "/nonexistent/web.yml")
        }
    }
}
