import KlaxonCurl
import KlaxonModel
import KlaxonPromQL
import KlaxonStorage
import KlaxonTestSupport
import Synchronization
import Testing

@testable import KlaxonServer

#if canImport(Glibc)
import Glibc
#endif

/// The real server on an ephemeral loopback port, spoken to by libcurl and by the real `promtool`.
@Suite(.serialized)
struct APIServerTests {
    /// Runs `body` against a server over the fixture Head; the server stops when `body` returns.
    func withServer(
        backend: FakeBackend = FakeBackend(),
        maxBodyBytes: Int = 16 << 20,
        _ body: (String) async throws -> Void
    ) async throws {
        let configuration = ServerConfiguration(
            port: 0,
            engine: .init(mode: .prometheus2),
            maxBodyBytes: maxBodyBytes
        )
        let server = APIServer(configuration: configuration, head: try fixtureHead(), backend: backend)
        let task = Task { try await server.run() }
        defer { task.cancel() }
        let port = await server.boundPort
        #expect(port > 0)
        try await body("http://127.0.0.1:\(port)")
        task.cancel()
        _ = await task.result
    }

    @Test func servesInstantQueryOverLoopback() async throws {
        let client = try HTTPClient()
        defer { client.shutdown() }
        try await withServer { base in
            let response = try await client.execute(
                HTTPRequest(url: base + "/api/v1/query?query=up%7Bjob%3D%22prom%22%7D&time=1700000300")
            )
            #expect(response.status == 200)
            #expect(response.header("Content-Type") == "application/json")
            #expect(
                String(decoding: response.body, as: UTF8.self)
                    == #"{"status":"success","data":{"resultType":"vector","result":[{"metric":{"__name__":"up","instance":"c:9090","job":"prom"},"value":[1700000300,"1"]}]}}"#
            )
        }
    }

    @Test func acceptsPostFormsAndReportsErrors() async throws {
        let client = try HTTPClient()
        defer { client.shutdown() }
        try await withServer { base in
            let post = try await client.execute(
                HTTPRequest(
                    url: base + "/api/v1/query_range",
                    method: .post,
                    headers: [("Content-Type", "application/x-www-form-urlencoded")],
                    body: Array("query=up%7Binstance%3D%22b%3A9100%22%7D&start=1700000000&end=1700000015&step=15".utf8)
                )
            )
            #expect(post.status == 200)
            #expect(
                String(decoding: post.body, as: UTF8.self)
                    == #"{"status":"success","data":{"resultType":"matrix","result":[{"metric":{"__name__":"up","instance":"b:9100","job":"api"},"values":[[1700000000,"0"],[1700000015,"0"]]}]}}"#
            )
            let bad = try await client.execute(HTTPRequest(url: base + "/api/v1/query?query=sum("))
            #expect(bad.status == 400)
            #expect(
                String(decoding: bad.body, as: UTF8.self)
                    == #"{"status":"error","errorType":"bad_data","error":"invalid parameter \"query\": 1:5: parse error: unclosed left parenthesis"}"#
            )
            let missing = try await client.execute(HTTPRequest(url: base + "/nope"))
            #expect(missing.status == 404)
            #expect(String(decoding: missing.body, as: UTF8.self) == "404 page not found\n")
        }
    }

    @Test func servesMetricsHealthAndAlertmanagerPassthrough() async throws {
        let client = try HTTPClient()
        defer { client.shutdown() }
        let backend = FakeBackend { $0.metrics = Array("klaxon_up 1\n".utf8) }
        try await withServer(backend: backend) { base in
            let metrics = try await client.execute(HTTPRequest(url: base + "/metrics"))
            #expect(metrics.status == 200)
            #expect(metrics.header("Content-Type") == "text/plain; version=0.0.4; charset=utf-8")
            // The backend's families, then the query pool's engine gauges, then /federate's counters.
            let text = String(decoding: metrics.body, as: UTF8.self)
            #expect(text.hasPrefix("klaxon_up 1\n# HELP prometheus_engine_queries "))
            #expect(text.contains("\nprometheus_engine_queries_concurrent_max 20\n# HELP prometheus_web_federation_"))
            #expect(text.hasSuffix("\nprometheus_web_federation_warnings_total 0\n"))
            let healthy = try await client.execute(HTTPRequest(url: base + "/-/healthy"))
            #expect(String(decoding: healthy.body, as: UTF8.self) == "Prometheus Server is Healthy.\n")
            let v2 = try await client.execute(
                HTTPRequest(
                    url: base + "/api/v2/silences?filter=a%3Db",
                    method: .post,
                    headers: [("Content-Type", "application/json")],
                    body: Array("{}".utf8)
                )
            )
            #expect(v2.status == 200)
            #expect(String(decoding: v2.body, as: UTF8.self) == #"{"path":"/api/v2/silences"}"#)
            let calls = backend.state.withLock { $0.v2Calls }
            #expect(calls.count == 1)
            #expect(calls.first?.method == "POST")
            #expect(calls.first?.query == ["filter": "a=b"])
            #expect(calls.first?.body == Array("{}".utf8))
        }
    }

    @Test func failedBindEndsRunAndBoundPort() async throws {
        try await withServer { base in
            guard let colon = base.lastIndex(of: ":"), let port = Int(base[base.index(after: colon)...]) else {
                Issue.record("no port in \(base)")
                return
            }
            let second = APIServer(
                configuration: ServerConfiguration(port: port),
                head: Head(),
                backend: FakeBackend()
            )
            await #expect(throws: (any Error).self) { try await second.run() }
            #expect(await second.boundPort == 0)
        }
    }

    @Test func rejectsBodiesOverTheLimit() async throws {
        let client = try HTTPClient()
        defer { client.shutdown() }
        try await withServer(maxBodyBytes: 64) { base in
            let form = "query=" + String(repeating: "1", count: 100)
            let response = try await client.execute(
                HTTPRequest(
                    url: base + "/api/v1/query",
                    method: .post,
                    headers: [("Content-Type", "application/x-www-form-urlencoded")],
                    body: Array(form.utf8)
                )
            )
            #expect(response.status == 413)
            let small = try await client.execute(
                HTTPRequest(
                    url: base + "/api/v1/query",
                    method: .post,
                    headers: [("Content-Type", "application/x-www-form-urlencoded")],
                    body: Array("query=1%2B1&time=2".utf8)
                )
            )
            #expect(
                String(decoding: small.body, as: UTF8.self)
                    == #"{"status":"success","data":{"resultType":"scalar","result":[2,"2"]}}"#
            )
        }
    }

    // MARK: promtool against the in-process server

    static let promtool = "/usr/bin/promtool"

    /// Runs promtool with `arguments`; returns its exit status and standard output.
    func runPromtool(_ arguments: [String]) throws -> (status: Int32, output: String) {
        let command = ([Self.promtool] + arguments).map { "'" + $0 + "'" }.joined(separator: " ") + " 2>&1"
        guard let pipe = popen(command, "r") else { throw FixtureError("popen failed") }
        var output: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let n = fread(&buffer, 1, buffer.count, pipe)
            if n <= 0 { break }
            output.append(contentsOf: buffer[0..<n])
        }
        let status = pclose(pipe)
        return ((status >> 8) & 0xFF, String(decoding: output, as: UTF8.self))
    }

    @Test(.enabled(if: Peers.available([promtool]), "needs promtool (Debian's prometheus; scripts/setup installs it)"))
    func promtoolQueryInstant() async throws {
        try Peers.require([Self.promtool])
        try await withServer { base in
            let result = try await Task.detached {
                try self.runPromtool(["query", "instant", "--time=1700000300", base, "up"])
            }.value
            #expect(result.status == 0)
            #expect(
                result.output == """
                    up{instance="a:9100", job="api"} => 1 @[1700000300]
                    up{instance="b:9100", job="api"} => 0 @[1700000300]
                    up{instance="c:9090", job="prom"} => 1 @[1700000300]

                    """
            )
        }
    }

    @Test(.enabled(if: Peers.available([promtool]), "needs promtool (Debian's prometheus; scripts/setup installs it)"))
    func promtoolQueryRange() async throws {
        try Peers.require([Self.promtool])
        try await withServer { base in
            let result = try await Task.detached {
                try self.runPromtool([
                    "query", "range", "--start=1700000000", "--end=1700000030", "--step=15s", base,
                    "sum by (job) (up)",
                ])
            }.value
            #expect(result.status == 0)
            #expect(
                result.output == """
                    {job="api"} =>
                    1 @[1700000000]
                    1 @[1700000015]
                    1 @[1700000030]
                    {job="prom"} =>
                    1 @[1700000000]
                    1 @[1700000015]
                    1 @[1700000030]

                    """
            )
        }
    }

    @Test(.enabled(if: Peers.available([promtool]), "needs promtool (Debian's prometheus; scripts/setup installs it)"))
    func promtoolReportsServerErrors() async throws {
        try Peers.require([Self.promtool])
        try await withServer { base in
            let result = try await Task.detached {
                try self.runPromtool(["query", "instant", "--time=1700000300", base, "sum("])
            }.value
            #expect(result.status == 1)
            #expect(
                result.output.contains(
                    "bad_data: invalid parameter \"query\": 1:5: parse error: unclosed left parenthesis"
                )
            )
        }
    }
}
