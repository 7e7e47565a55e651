import KlaxonModel
import KlaxonPromQL
import KlaxonStorage
import Synchronization
import Testing

@testable import KlaxonServer

/// Handlers called as plain functions: behaviour that the recorded fixtures don't cover.
struct APIHandlerTests {
    func get(_ api: API, _ target: String) async -> APIResponse {
        await api.handle(request(fromCase: "GET " + target))
    }

    @Test func reloadRunsOnlyWithLifecycleEnabled() async throws {
        let backend = FakeBackend()
        let disabled = makeAPI(head: Head(), backend: backend)
        let forbidden = await disabled.handle(APIRequest(method: "POST", path: "/-/reload"))
        #expect(forbidden.status == 403)
        #expect(forbidden.bodyText == "Lifecycle API is not enabled.")
        #expect(backend.state.withLock { $0.reloads } == 0)

        let enabled = makeAPI(head: Head(), backend: backend) { $0.enableLifecycle = true }
        let ok = await enabled.handle(APIRequest(method: "PUT", path: "/-/reload"))
        #expect(ok.status == 200)
        #expect(backend.state.withLock { $0.reloads } == 1)
        let wrongMethod = await enabled.handle(APIRequest(method: "GET", path: "/-/reload"))
        #expect(wrongMethod.status == 405)
        #expect(backend.state.withLock { $0.reloads } == 1)

        backend.state.withLock { $0.reloadError = "one or more errors occurred while applying the new configuration" }
        let failed = await enabled.handle(APIRequest(method: "POST", path: "/-/reload"))
        #expect(failed.status == 500)
        #expect(
            failed.bodyText
                == "failed to reload config: one or more errors occurred while applying the new configuration\n"
        )
    }

    @Test func readyFollowsTheBackend() async {
        let backend = FakeBackend { $0.ready = false }
        let api = makeAPI(head: Head(), backend: backend)
        let notReady = await get(api, "/-/ready")
        #expect(notReady.status == 503)
        #expect(notReady.bodyText == "Service Unavailable")
        backend.state.withLock { $0.ready = true }
        let ready = await get(api, "/-/ready")
        #expect(ready.status == 200)
        #expect(ready.bodyText == "Prometheus Server is Ready.\n")
    }

    @Test func flagsAreSortedByName() async {
        let backend = FakeBackend {
            $0.flags = [("web.listen-address", ":9095"), ("config.file", "klaxon.yml"), ("query.timeout", "2m")]
        }
        let response = await get(makeAPI(head: Head(), backend: backend), "/api/v1/status/flags")
        #expect(
            response.bodyText
                == #"{"status":"success","data":{"config.file":"klaxon.yml","query.timeout":"2m","web.listen-address":":9095"}}"#
        )
    }

    @Test func configIsWrappedAsYAMLString() async {
        let backend = FakeBackend { $0.config = "global:\n  scrape_interval: 15s\n" }
        let response = await get(makeAPI(head: Head(), backend: backend), "/api/v1/status/config")
        #expect(response.bodyText == #"{"status":"success","data":{"yaml":"global:\n  scrape_interval: 15s\n"}}"#)
    }

    @Test func recordingRuleShowsLastErrorAndNoEmptyLabels() async {
        let backend = FakeBackend {
            $0.groups = [
                RuleGroupView(
                    name: "g",
                    file: "/etc/rules.yml",
                    rules: [
                        RuleView(
                            kind: .recording,
                            name: "r",
                            query: "up",
                            health: .err,
                            lastError: "vector contains metrics with the same labelset after applying rule labels",
                            evaluationTime: 0.5,
                            lastEvaluation: 1000
                        )
                    ],
                    interval: 15,
                    limit: 10
                )
            ]
        }
        let response = await get(makeAPI(head: Head(), backend: backend), "/api/v1/rules")
        #expect(
            response.bodyText
                == #"{"status":"success","data":{"groups":[{"name":"g","file":"/etc/rules.yml","rules":[{"name":"r","query":"up","health":"err","lastError":"vector contains metrics with the same labelset after applying rule labels","evaluationTime":0.5,"lastEvaluation":"1970-01-01T00:00:01Z","type":"recording"}],"interval":15,"limit":10,"evaluationTime":0,"lastEvaluation":"0001-01-01T00:00:00Z"}]}}"#
        )
    }

    @Test func alertWithoutActiveAtLeavesTheKeyOut() async {
        let backend = FakeBackend {
            $0.alerts = [
                AlertView(labels: ["a": "b"], annotations: .empty, state: .inactive, activeAt: nil, value: "0e+00")
            ]
        }
        let response = await get(makeAPI(head: Head(), backend: backend), "/api/v1/alerts")
        #expect(
            response.bodyText
                == #"{"status":"success","data":{"alerts":[{"labels":{"a":"b"},"annotations":{},"state":"inactive","value":"0e+00"}]}}"#
        )
    }

    @Test func queryTimeoutIsReportedAs503() async throws {
        let api = makeAPI(head: try fixtureHead())
        let response = await get(
            api,
            "/api/v1/query_range?query=sum(rate(http_requests_total%5B5m%5D))&start=1700000000&end=1700010000&step=1&timeout=0.000000001"
        )
        #expect(response.status == 503)
        #expect(
            response.bodyText
                == #"{"status":"error","errorType":"timeout","error":"query timed out in query execution"}"#
        )
        // The configured limit applies when no parameter is given.
        let configured = makeAPI(head: try fixtureHead()) { $0.queryTimeout = .nanoseconds(1) }
        let limited = await get(
            configured,
            "/api/v1/query_range?query=sum(rate(http_requests_total%5B5m%5D))&start=1700000000&end=1700010000&step=1"
        )
        #expect(limited.status == 503)
        // A longer parameter does not raise the configured limit.
        let raised = await get(
            configured,
            "/api/v1/query_range?query=sum(rate(http_requests_total%5B5m%5D))&start=1700000000&end=1700010000&step=1&timeout=1h"
        )
        #expect(raised.status == 503)
    }

    @Test func tooManySamplesIsAnExecutionError() async throws {
        var options = EngineOptions(mode: .prometheus2)
        options.maxSamples = 2
        let api = makeAPI(head: try fixtureHead()) { $0.engine = options }
        let response = await get(api, "/api/v1/query?query=up&time=1700000300")
        #expect(response.status == 422)
        #expect(
            response.bodyText
                == #"{"status":"error","errorType":"execution","error":"query processing would load too many samples into memory in query execution"}"#
        )
    }

    @Test func prometheus3AcceptsUTF8LabelNamesInValuesPath() async throws {
        let api3 = makeAPI(head: try fixtureHead(), mode: .prometheus3)
        let response = await get(api3, "/api/v1/label/1bad/values")
        #expect(response.bodyText == #"{"status":"success","data":[]}"#)
        let job = await api3.handle(APIRequest(method: "GET", path: APIServer.decodePath("/api/v1/label/j%6Fb/values")))
        #expect(job.bodyText == #"{"status":"success","data":["api","prom"]}"#)
    }

    @Test func defaultTimeIsTheClock() async throws {
        let api = makeAPI(head: try fixtureHead(), now: 1_700_000_300_000)
        let response = await get(api, "/api/v1/query?query=time()")
        #expect(
            response.bodyText
                == #"{"status":"success","data":{"resultType":"scalar","result":[1700000300,"1700000300"]}}"#
        )
    }

    @Test func addsCORSHeadersForBrowserOrigins() async throws {
        let api = makeAPI(head: try fixtureHead())
        let withOrigin = await api.handle(
            APIRequest(method: "GET", path: "/api/v1/query", rawQuery: "query=1&time=1", origin: "http://grafana:3000")
        )
        #expect(withOrigin.status == 200)
        #expect(withOrigin.headers.map(\.name) == API.corsHeaders.map(\.name))
        #expect(withOrigin.headers.first { $0.name == "Access-Control-Allow-Origin" }?.value == "*")
        let preflight = await api.handle(APIRequest(method: "OPTIONS", path: "/api/v1/query", origin: "http://x"))
        #expect(preflight.status == 204)
        #expect(preflight.body.isEmpty)
        #expect(preflight.headers.count == API.corsHeaders.count)
        let noOrigin = await api.handle(APIRequest(method: "GET", path: "/api/v1/query", rawQuery: "query=1"))
        #expect(noOrigin.headers.isEmpty)
        let health = await api.handle(APIRequest(method: "GET", path: "/-/healthy", origin: "http://x"))
        #expect(health.headers.isEmpty)
    }

    @Test(arguments: ["/api/v1/label/values", "/api/v1/label//values", "/api/v1/label/"])
    func malformedLabelValuesPaths(_ path: String) async {
        let response = await makeAPI(head: Head()).handle(APIRequest(method: "GET", path: path))
        #expect(response.status == 404 || response.status == 400)
    }

    @Test func externalURLPathPrefixesEveryRoute() async throws {
        #expect(API.routePrefix(of: "http://example.com:9090/prometheus/") == "/prometheus")
        #expect(API.routePrefix(of: "https://example.com/a/b?x=1") == "/a/b")
        #expect(API.routePrefix(of: "http://example.com") == "")
        #expect(API.routePrefix(of: "http://example.com/") == "")
        let api = makeAPI(head: try fixtureHead()) { $0.externalURL = "http://proxy.example/prom/" }
        let prefixed = await api.handle(request(fromCase: "GET /prom/api/v1/query?query=1&time=1"))
        #expect(prefixed.bodyText == #"{"status":"success","data":{"resultType":"scalar","result":[1,"1"]}}"#)
        let health = await api.handle(request(fromCase: "GET /prom/-/healthy"))
        #expect(health.status == 200)
        let bare = await api.handle(request(fromCase: "GET /api/v1/query?query=1&time=1"))
        #expect(bare.status == 404)
        let lookalike = await api.handle(request(fromCase: "GET /prometheus/api/v1/query?query=1"))
        #expect(lookalike.status == 404)
    }

    @Test func otherMethodsAreRejected() async {
        let api = makeAPI(head: Head())
        for path in ["/api/v1/query", "/api/v1/series", "/api/v1/labels", "/api/v1/rules", "/metrics"] {
            let response = await api.handle(APIRequest(method: "PUT", path: path))
            #expect(response.status == 405, "\(path)")
            #expect(response.bodyText == "Method Not Allowed\n")
        }
    }
}

struct QueryGateTests {
    @Test func admitsAtMostLimitAndWakesWaitersInOrder() async {
        let gate = QueryGate(limit: 2)
        await gate.acquire()
        await gate.acquire()
        #expect(gate.availableSlots == 0)
        final class Order: Sendable {
            let values = Mutex<[Int]>([])
        }
        let orderBox = Order()
        let (started, continuation) = AsyncStream.makeStream(of: Int.self)
        let waiters = Task {
            await withTaskGroup(of: Void.self) { group in
                for i in 0..<3 {
                    group.addTask {
                        continuation.yield(i)
                        await gate.acquire()
                        orderBox.values.withLock { $0.append(i) }
                    }
                }
            }
        }
        var iterator = started.makeAsyncIterator()
        for _ in 0..<3 { _ = await iterator.next() }
        // None may pass while both slots are held.
        #expect(orderBox.values.withLock { $0.isEmpty })
        gate.release()
        gate.release()
        gate.release()
        await waiters.value
        #expect(orderBox.values.withLock { $0.count } == 3)
        #expect(gate.availableSlots == 0)
        gate.release()
        gate.release()
        gate.release()
        #expect(gate.availableSlots == 3)
    }
}
