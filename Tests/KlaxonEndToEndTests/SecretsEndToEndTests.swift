import Foundation
import KlaxonCurl
import KlaxonTestSupport
import Testing

/// Configures distinctive secrets everywhere a user puts them — scrape basic_auth password and bearer token, an
/// external Alertmanager's password, an alertmanager.yml webhook URL with a key and its basic_auth password, a
/// Slack api_url, the web-config user's password — runs the built `klaxon` until every one of them has been used
/// (scrapes with credentials, a failing authenticated target, a notification through the keyed webhook, a failing
/// Slack send, a failing external Alertmanager, reloads), then greps every output for them: the daemon's stdout
/// and stderr at debug level, every API endpoint, error responses, `/metrics` and the status page.
@Suite(.serialized, .timeLimit(.minutes(3)))
struct SecretsEndToEndTests {
    static let scrapePassword = "scrape-pw-S3CRET-1a"
    static let bearerToken = "bearer-TOKEN-S3CRET-2b"
    static let webhookKey = "webhook-KEY-S3CRET-3c"
    static let slackSecret = "slack-S3CRET-4d"
    static let webPassword = "web-pw-S3CRET-5e"
    static let webhookPassword = "am-basic-S3CRET-6f"
    static let externalAMPassword = "ext-am-S3CRET-7g"
    /// bcrypt (cost 4) of `webPassword`; a hash is not a password, but it is not shown either.
    static let webHash = "$2b$04$0KlmrARQu78WJsElm4oXHuaYNjRO1F1DSALI53fSeHbJM4UlDQaMK"
    static let secrets = [
        scrapePassword, bearerToken, webhookKey, slackSecret, webPassword, webhookPassword, externalAMPassword,
        webHash,
    ]

    @Test func noConfiguredSecretAppearsInAnyOutput() async throws {
        let binary = try TestSupport.klaxonBinary()
        let peer = try Peer.start()
        let client = try HTTPClient()
        defer { client.shutdown() }
        let dir = try TestSupport.temporaryDirectory(prefix: "klaxon-e2e")
        let port = try TestSupport.freePort()
        let peerAddress = "127.0.0.1:\(peer.port)"
        try """
        global:
          scrape_interval: 1s
          scrape_timeout: 1s
          evaluation_interval: 1s
        rule_files: ['always.rules.yml']
        alerting:
          alertmanagers:
            - basic_auth: {username: prom, password: \(Self.externalAMPassword)}
              path_prefix: /external-am
              static_configs: [{targets: ['\(peerAddress)']}]
        scrape_configs:
          - job_name: basic
            basic_auth: {username: scraper, password: \(Self.scrapePassword)}
            static_configs: [{targets: ['\(peerAddress)']}]
          - job_name: bearer
            authorization: {credentials: \(Self.bearerToken)}
            static_configs: [{targets: ['\(peerAddress)']}]
          - job_name: failing
            metrics_path: /needs-auth
            basic_auth: {username: scraper, password: \(Self.scrapePassword)}
            static_configs: [{targets: ['\(peerAddress)']}]

        """.write(toFile: dir + "/prometheus.yml", atomically: true, encoding: .utf8)
        try """
        groups:
          - name: always
            rules:
              - alert: AlwaysFiring
                expr: vector(1)
                labels: {severity: page}

        """.write(toFile: dir + "/always.rules.yml", atomically: true, encoding: .utf8)
        try """
        global:
          slack_api_url: 'https://hooks.slack.invalid/services/T0/B0/global-\(Self.slackSecret)'
        route:
          receiver: both
          group_wait: 1s
          group_interval: 2s
        receivers:
          - name: both
            webhook_configs:
              - url: 'http://\(peerAddress)/hook?key=\(Self.webhookKey)'
                http_config:
                  basic_auth: {username: am, password: \(Self.webhookPassword)}
            slack_configs:
              - api_url: 'https://hooks.slack.invalid/services/T000/B000/\(Self.slackSecret)'
                channel: '#alerts'

        """.write(toFile: dir + "/alertmanager.yml", atomically: true, encoding: .utf8)
        try """
        basic_auth_users:
          alice: \(Self.webHash)

        """.write(toFile: dir + "/web.yml", atomically: true, encoding: .utf8)

        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = [
            "run", "--config.file=\(dir)/prometheus.yml", "--alertmanager.config.file=\(dir)/alertmanager.yml",
            "--web.config.file=\(dir)/web.yml", "--web.listen-address=127.0.0.1:\(port)", "--web.enable-lifecycle",
            "--storage.path=\(dir)/data", "--rules.alert.resend-delay=1s", "--log.level=debug",
        ]
        let stdout = Pipe()
        let stderr = Pipe()
        process.standardOutput = stdout
        process.standardError = stderr
        // Drain both pipes while the daemon runs so a chatty debug log cannot block it.
        let collected = OutputCollector()
        stdout.fileHandleForReading.readabilityHandler = { collected.append($0.availableData) }
        stderr.fileHandleForReading.readabilityHandler = { collected.append($0.availableData) }
        try process.run()
        defer { if process.isRunning { process.terminate() } }
        let base = "http://127.0.0.1:\(port)"
        let auth = HTTPRequest.Authorization.basic(username: "alice", password: Self.webPassword)

        func get(
            _ path: String,
            authorized: Bool = true,
            method: HTTPRequest.Method = .get
        ) async throws -> HTTPResponse {
            var request = HTTPRequest(url: base + path, method: method)
            if authorized { request.authorization = auth }
            return try await client.execute(request)
        }

        try await eventually("the daemon becomes ready", seconds: E2E.startupSeconds) {
            (try? await get("/-/ready"))?.status == 200
        }
        // Everything that uses a secret has happened: authenticated scrapes, a failing authenticated target, a
        // notification through the keyed webhook (Slack fails: hooks.slack.invalid does not resolve).
        try await eventually("both authenticated jobs are up and the failing one reports its error", seconds: 30) {
            let body = String(decoding: try await get("/api/v1/targets").body, as: UTF8.self)
            return body.contains("\"health\":\"up\"") && body.contains("404")
        }
        try await eventually("a notification reaches the keyed webhook", seconds: 30) {
            try await !peer.notifications(client).isEmpty
        }
        #expect(try await get("/-/reload", method: .post).status == 200)
        try await Task.sleep(for: .seconds(3))

        var outputs: [(String, String)] = []
        for path in [
            "/", "/metrics", "/api/v1/status/config", "/api/v1/status/flags", "/api/v1/status/buildinfo",
            "/api/v1/status/runtimeinfo", "/api/v1/targets", "/api/v1/rules", "/api/v1/alerts",
            "/api/v1/alertmanagers", "/api/v2/status", "/api/v2/alerts", "/api/v2/receivers", "/api/v2/silences",
            "/api/v1/query?query=up", "/api/v1/query?query=sum(", "/api/v1/series?match%5B%5D=up",
            "/api/v1/label/__name__/values", "/nope", "/api/v1/query_range?query=up",
        ] {
            let response = try await get(path)
            outputs.append((path, String(decoding: response.body, as: UTF8.self)))
            outputs.append(
                (path + " headers", response.headers.map { "\($0.name): \($0.value)" }.joined(separator: "\n"))
            )
        }
        let unauthorized = try await get("/api/v1/status/config", authorized: false)
        #expect(unauthorized.status == 401)
        outputs.append(("401", String(decoding: unauthorized.body, as: UTF8.self)))
        var wrong = HTTPRequest(url: base + "/metrics")
        wrong.authorization = .basic(username: "alice", password: Self.webPassword + "x")
        outputs.append(("401 wrong password", String(decoding: try await client.execute(wrong).body, as: UTF8.self)))

        // The config endpoints answered with the secrets replaced, not empty.
        let config = outputs.first { $0.0 == "/api/v1/status/config" }?.1 ?? ""
        #expect(config.contains("password: \\u003csecret\\u003e"), "JSON-escaped as Prometheus escapes it")
        #expect(config.contains("job_name: basic"))
        let amStatus = outputs.first { $0.0 == "/api/v2/status" }?.1 ?? ""
        #expect(amStatus.contains("api_url: \\u003csecret\\u003e") || amStatus.contains("api_url: <secret>"))
        #expect(amStatus.contains("url: \\u003csecret\\u003e") || amStatus.contains("url: <secret>"))
        #expect(amStatus.contains("slack_configs"))

        process.terminate()
        try await eventually("the daemon exits after SIGTERM") { !process.isRunning }
        stdout.fileHandleForReading.readabilityHandler = nil
        stderr.fileHandleForReading.readabilityHandler = nil
        collected.append(stdout.fileHandleForReading.readDataToEndOfFile())
        collected.append(stderr.fileHandleForReading.readDataToEndOfFile())
        let log = collected.text
        #expect(log.contains("level=debug") || log.contains("level=info"), "the log was captured")
        outputs.append(("daemon stdout/stderr", log))

        for (name, text) in outputs {
            for secret in Self.secrets {
                #expect(!text.contains(secret), "\(name) shows the secret \(secret)")
            }
        }
    }
}

/// Bytes from the daemon's pipes, appended from their reader threads.
final class OutputCollector: @unchecked Sendable {
    // @unchecked: `data` is only touched under `lock`.
    private let lock = NSLock()
    private var data = Data()

    func append(_ chunk: Data) {
        lock.lock()
        data.append(chunk)
        lock.unlock()
    }

    var text: String {
        lock.lock()
        defer { lock.unlock() }
        return String(decoding: data, as: UTF8.self)
    }
}
