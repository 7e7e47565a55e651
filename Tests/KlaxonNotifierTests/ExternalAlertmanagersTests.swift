import KlaxonModel
import KlaxonTestSupport
import Testing

@testable import KlaxonNotifier

@Suite struct ExternalAlertmanagersTests {
    static func alert(_ name: String, at time: Timestamp = 1_795_000_000_000) -> Alert {
        Alert(labels: Labels([Label("alertname", name)]), startsAt: time, endsAt: time + 40_000)
    }

    @Test func bodyIsPrometheusV2Shape() {
        let alert = Alert(
            labels: Labels([Label("alertname", "Always"), Label("cluster", "c1"), Label("severity", "x")]),
            annotations: ["v": "1"],
            startsAt: 1_795_502_247_730,
            endsAt: 1_795_502_302_730,
            generatorURL: "http://prom.example:9090/graph?g0.expr=vector%281%29&g0.tab=1"
        )
        let body = String(decoding: ExternalAlertmanagers.encode([alert]), as: UTF8.self)
        #expect(
            body
                == #"[{"annotations":{"v":"1"},"endsAt":"2026-11-24T06:38:22.730Z","startsAt":"2026-11-24T06:37:27.730Z","generatorURL":"http://prom.example:9090/graph?g0.expr=vector%281%29\u0026g0.tab=1","labels":{"alertname":"Always","cluster":"c1","severity":"x"}}]"#
        )
        let bare = Alert(labels: Labels([Label("a", "b")]), startsAt: 1_000)
        #expect(
            String(decoding: ExternalAlertmanagers.encode([bare]), as: UTF8.self)
                == #"[{"endsAt":"0001-01-01T00:00:00.000Z","startsAt":"1970-01-01T00:00:01.000Z","labels":{"a":"b"}}]"#
        )
        #expect(String(decoding: ExternalAlertmanagers.encode([]), as: UTF8.self) == "[]")
    }

    @Test func batchesToEveryEndpoint() async {
        let clock = ManualClock(now: 0)
        let sender = RecordingSender(clock: clock) { request, _ in request.url.contains("down") ? 503 : 200 }
        let external = ExternalAlertmanagers(
            endpoints: ["http://a/api/v2/alerts", "http://down/api/v2/alerts"],
            timeout: 10_000,
            sender: sender,
            batchSize: 2,
            clock: clock
        )
        await external.send((0..<5).map { Self.alert("A\($0)") })
        await external.drain()
        let sent = sender.sent
        #expect(sent.count == 6)  // 3 batches × 2 endpoints
        #expect(sent.allSatisfy { $0.request.headers["User-Agent"] == "Prometheus/2.42.0" })
        #expect(sent.allSatisfy { $0.request.headers["Content-Type"] == "application/json" })
        #expect(
            sent.filter { $0.request.url == "http://a/api/v2/alerts" }.map { $0.body.occurrences(of: "alertname") } == [
                2, 2, 1,
            ]
        )
        let counters = await external.counters()
        #expect(counters.sent == ["http://a/api/v2/alerts": 5, "http://down/api/v2/alerts": 0])
        #expect(counters.errors == ["http://a/api/v2/alerts": 0, "http://down/api/v2/alerts": 5])
        #expect(counters.dropped == 0)
    }

    @Test func fullQueueDropsOldestAndFailedBatchesCountAsDropped() async {
        let clock = ManualClock(now: 0)
        let sender = RecordingSender(clock: clock) { _, _ in nil }  // connection refused
        let external = ExternalAlertmanagers(
            endpoints: ["http://x/api/v2/alerts"],
            timeout: 1_000,
            sender: sender,
            batchSize: 10,
            queueCapacity: 3,
            clock: clock
        )
        await external.send([Self.alert("old1"), Self.alert("old2")])
        await external.send([Self.alert("new1"), Self.alert("new2")])
        #expect(await external.counters().dropped == 1)
        #expect(await external.counters().queued == 3)
        await external.drain()
        let body = sender.sent.first?.body ?? ""
        #expect(!body.contains("old1") && body.contains("old2") && body.contains("new2"))
        let counters = await external.counters()
        #expect(counters.dropped == 4)  // 1 overflow + the batch of 3 nobody accepted
        #expect(counters.errors["http://x/api/v2/alerts"] == 3)
        await external.send((0..<5).map { Self.alert("b\($0)") })
        #expect(await external.counters().dropped == 6)
    }

    @Test func runSendsWhatArrivesAndStopsOnCancel() async throws {
        let clock = ManualClock(now: 0)
        let sender = RecordingSender(clock: clock)
        let external = ExternalAlertmanagers(endpoints: ["http://a/x"], timeout: 1_000, sender: sender, clock: clock)
        let task = Task { await external.run() }
        await external.send([Self.alert("A")])
        for _ in 0..<1_000 where sender.sent.isEmpty { await Task.yield() }
        #expect(sender.sent.count == 1)
        task.cancel()
        await task.value
    }
}
