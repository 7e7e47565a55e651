import Foundation
import KlaxonCurl
import KlaxonTestSupport
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// The built-in Alertmanager of the built `klaxon` binary, fed through `POST /api/v2/alerts` as another Prometheus
/// would, delivering to a loopback sink (`Fixtures/router_sink.py`) with the routes, receivers and inhibit rule
/// of scripts/record/alertmanager-notifications.py. The first bodies are compared byte for byte with what the real
/// Alertmanager 0.25 sent for the same alerts (Tests/KlaxonNotifyTests/Fixtures/am_timeline.txt); then a silence,
/// an inhibition, a 4xx answer and a 500-then-hang outage of the sink.
@Suite(.serialized, .timeLimit(.minutes(2)))
struct RouterEndToEndTests {
    static let generatorURL = "http://prom:9090/graph?g0.expr=cpu<1&x>2"
    /// `base` of the recorded run (unix ms): alert A started then, C one hour before.
    static let recordedBase: Int64 = 1_795_587_487_118

    @Test func webhookAndSlackDeliveryWithSilenceInhibitionAndAnOutage() async throws {
        let binary = try TestSupport.klaxonBinary()
        let recorded = try Self.recordedBodies()
        let sink = try RouterSink.start()
        let client = try HTTPClient()
        defer { client.shutdown() }
        let dir = try TestSupport.temporaryDirectory(prefix: "klaxon-e2e")
        let port = try TestSupport.freePort()
        try "global:\n  evaluation_interval: 1s\n".write(
            toFile: dir + "/prometheus.yml",
            atomically: true,
            encoding: .utf8
        )
        try """
        global:
          resolve_timeout: 5m
        route:
          receiver: hook
          group_by: [alertname]
          group_wait: 1s
          group_interval: 2s
          repeat_interval: 1h
          routes:
            - receiver: slack
              matchers: ['chan="slack"']
              continue: true
            - receiver: hook
              matchers: ['alertname=~".+"']
        receivers:
          - name: hook
            webhook_configs:
              - url: http://127.0.0.1:\(sink.port)/hook
          - name: slack
            slack_configs:
              - api_url: http://127.0.0.1:\(sink.port)/slack
                channel: '#alerts'
                send_resolved: true
        inhibit_rules:
          - source_matchers: [severity="critical"]
            target_matchers: [severity="warning"]
            equal: [instance]

        """.write(toFile: dir + "/alertmanager.yml", atomically: true, encoding: .utf8)

        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = [
            "run", "--config.file=\(dir)/prometheus.yml", "--alertmanager.config.file=\(dir)/alertmanager.yml",
            "--web.listen-address=127.0.0.1:\(port)", "--web.external-url=http://am.example:9093",
            "--storage.path=\(dir)/data", "--log.level=warn",
        ]
        process.standardError = FileHandle.nullDevice
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        defer { if process.isRunning { process.terminate() } }
        let base = "http://127.0.0.1:\(port)"
        try await eventually("the daemon becomes ready", seconds: E2E.startupSeconds) {
            (try? await E2E.fetch(client, base + "/-/ready"))?.status == 200
        }
        let now = Int64(Date().timeIntervalSince1970 * 1000)
        let later = now + 300_000

        // 1. A (HighCPU/a, slack route + hook) and C (DiskFull/c) with the recorded start times: both groups are
        //    older than group_wait, so they flush at once, and the bodies are the recorded ones byte for byte.
        try await Self.postAlerts(
            client,
            base,
            [("A", Self.recordedBase, later), ("C", Self.recordedBase - 3_600_000, later)]
        )
        let first = try await eventually("three notifications (hook ×2, slack)") {
            let got = try await sink.received(client)
            return got.count >= 3 ? got : nil
        }
        try await Task.sleep(for: .milliseconds(300))
        #expect(try await sink.received(client).count == 3, "nothing else is sent for two alerts")
        for note in first {
            #expect(note.userAgent == "Alertmanager/0.25.0")
            #expect(note.contentType == "application/json")
        }
        let hookBodies = first.filter { $0.path == "/hook" }.map(\.body).sorted()
        #expect(hookBodies == [recorded.diskFullHook, recorded.highCPUHook].sorted())
        #expect(first.filter { $0.path == "/slack" }.map(\.body) == [recorded.highCPUSlack])
        let diskFull = try #require(first.first { $0.body.contains("DiskFull") }?.json)
        #expect(diskFull["version"] as? String == "4")
        #expect(diskFull["groupKey"] as? String == "{}/{alertname=~\".+\"}:{alertname=\"DiskFull\"}")
        #expect(diskFull["externalURL"] as? String == "http://am.example:9093")
        #expect(diskFull["truncatedAlerts"] as? Int == 0)
        let slack = try #require(first.first { $0.path == "/slack" }?.json)
        let attachment = try #require((slack["attachments"] as? [[String: Any]])?.first)
        #expect(attachment["title"] as? String == "[FIRING:1] HighCPU (slack a node warning)")
        #expect(attachment["color"] as? String == "danger")
        #expect(slack["channel"] as? String == "#alerts")

        // 2. A silence on instance="b" through the v2 API; B (critical, silenced) and D (not silenced) join the
        //    HighCPU groups. The next notifications carry A and D, never B.
        let silenceBody = """
            {"matchers":[{"name":"instance","value":"b","isRegex":false}],"startsAt":"\(Self.rfc3339(now))",\
            "endsAt":"\(Self.rfc3339(now + 3_600_000))","createdBy":"e2e","comment":"maintenance"}
            """
        let created = try await client.execute(
            HTTPRequest(
                url: base + "/api/v2/silences",
                method: .post,
                headers: [("Content-Type", "application/json")],
                body: Array(silenceBody.utf8)
            )
        )
        #expect(created.status == 200)
        let silenceID = try #require(
            (try JSONSerialization.jsonObject(with: Data(created.body)) as? [String: Any])?["silenceID"] as? String
        )
        let t2 = Int64(Date().timeIntervalSince1970 * 1000)
        try await Self.postAlerts(client, base, [("B", t2, later), ("D", t2, later)])
        let withD = try await eventually("the hook's HighCPU notification with D") {
            try await sink.received(client).first { $0.path == "/hook" && $0.body.contains("\"instance\":\"z\"") }
        }
        #expect(Self.instances(withD) == ["a", "z"], "the silenced alert b is left out")
        let slackWithD = try await eventually("the Slack HighCPU notification with D") {
            try await sink.received(client).first { $0.path == "/slack" && $0.body.contains("[FIRING:2]") }
        }
        #expect(Self.slackTitle(slackWithD) == "[FIRING:2] HighCPU (slack warning)", "A and D; b is silenced")
        #expect(try await sink.received(client).allSatisfy { !$0.body.contains("[FIRING:3]") })
        let statuses = try await Self.alertStatuses(client, base)
        #expect(statuses["b"]?.silencedBy == [silenceID])
        #expect(statuses["z"]?.silencedBy == [])

        // 3. Inhibition: E (NodeDown/c, critical) mutes the warnings on instance c: C and the new W; V on
        //    instance d is not muted, so the DiskFull group's next notification holds V alone.
        let t3 = Int64(Date().timeIntervalSince1970 * 1000)
        try await Self.postAlerts(client, base, [("E", t3, later), ("W", t3, later), ("V", t3, later)])
        let nodeDown = try await eventually("NodeDown is notified") {
            try await sink.received(client).first { $0.body.contains("NodeDown") }
        }
        #expect(Self.instances(nodeDown) == ["c"])
        let diskFullV = try await eventually("DiskFull is notified again with V") {
            try await sink.received(client).first {
                $0.body.contains("DiskFull") && $0.body.contains("\"instance\":\"d\"")
            }
        }
        #expect(Self.instances(diskFullV) == ["d"], "C and W (instance c) are inhibited")
        let inhibited = try await Self.alertStatuses(client, base)
        #expect(inhibited["c"]?.inhibitedBy.count == 1)
        #expect(inhibited["d"]?.inhibitedBy == [])

        // 4. A 4xx answer is not retried within the flush; the group's next tick sends it again, once.
        _ = try await E2E.fetch(client, sink.url("/status?code=400&count=1"), method: .post)
        try await Self.postAlerts(client, base, [("F", Int64(Date().timeIntervalSince1970 * 1000), later)])
        let rejected = try await eventually("the 400-answered notification arrives on a later tick") {
            try await sink.received(client).first { $0.body.contains("ClientError") }
        }
        #expect(Self.instances(rejected) == ["f"])
        #expect(try await sink.stats(client)["status_answers"] as? Int == 1, "one 400 answer, no retry in the flush")

        // 5. Outage: the sink answers 500 for 3 s, then holds every request unanswered for 5 s. O1 arrives
        //    before it, O2 during the hang. Afterwards each distinct notification has arrived exactly once.
        let before = try await sink.received(client).count
        _ = try await E2E.fetch(client, sink.url("/outage?fail=3&hang=5"), method: .post)
        try await Self.postAlerts(client, base, [("O1", Int64(Date().timeIntervalSince1970 * 1000), later)])
        try await Task.sleep(for: .seconds(5))
        try await Self.postAlerts(client, base, [("O2", Int64(Date().timeIntervalSince1970 * 1000), later)])
        try await eventually("both outage alerts reach both integrations", seconds: 25) {
            let got = try await sink.received(client).filter { $0.body.contains("SinkOutage") }
            return Set(["/hook", "/slack"]).allSatisfy { path in
                got.contains { $0.path == path && Self.outageAlertCount($0) == 2 }
            }
        }
        try await Task.sleep(for: .seconds(3))
        let afterOutage = Array(try await sink.received(client).dropFirst(before))
        let outage = afterOutage.filter { $0.body.contains("SinkOutage") }
        for path in ["/hook", "/slack"] {
            let counts = outage.filter { $0.path == path }.map(Self.outageAlertCount)
            #expect(counts.last == 2, "\(path): the last notification holds O1 and O2")
            #expect(counts == counts.sorted() && Set(counts).count == counts.count, "\(path): no duplicate: \(counts)")
        }
        #expect(afterOutage.count == outage.count, "nothing but the outage group was sent again")
        let stats = try await sink.stats(client)
        #expect((stats["failed"] as? Int ?? 0) >= 2, "500 answers were retried: \(stats)")
        #expect((stats["hung"] as? Int ?? 0) >= 1, "requests were held during the hang: \(stats)")

        // Every failure is counted per receiver and integration, with Alertmanager's metric names.
        let metrics = String(
            decoding: try await E2E.fetch(client, base + "/metrics").body,
            as: UTF8.self
        )
        for (receiver, integration) in [("hook", "webhook"), ("slack", "slack")] {
            let labels = "{integration=\"\(integration)\",receiver=\"\(receiver)\"}"
            #expect(E2E.value(metrics, "alertmanager_notification_requests_failed_total" + labels) ?? 0 >= 2)
            #expect(E2E.value(metrics, "alertmanager_notifications_total" + labels) ?? 0 >= 3)
            #expect(E2E.value(metrics, "alertmanager_notification_requests_total" + labels) ?? 0 >= 4)
        }
        #expect(
            E2E.value(metrics, "alertmanager_notifications_failed_total{integration=\"webhook\",receiver=\"hook\"}")
                ?? 0 >= 1
        )
        process.terminate()
    }

    // MARK: Alerts

    /// Label sets and annotations of scripts/record/alertmanager-notifications.py (A, B, C, D, E) plus our own.
    static let alerts: [String: (labels: [String: String], annotations: [String: String])] = [
        "A": (
            ["alertname": "HighCPU", "instance": "a", "job": "node", "severity": "warning", "chan": "slack"],
            ["summary": "CPU high on a <b>&\"q\"", "description": "ünï\nline2"]
        ),
        "B": (
            ["alertname": "HighCPU", "instance": "b", "job": "node", "severity": "critical", "chan": "slack"],
            ["summary": "CPU high on b"]
        ),
        "C": (["alertname": "DiskFull", "instance": "c", "job": "node", "severity": "warning"], [:]),
        "D": (
            ["alertname": "HighCPU", "instance": "z", "severity": "warning", "chan": "slack"],
            ["summary": "CPU high on z"]
        ),
        "E": (["alertname": "NodeDown", "instance": "c", "job": "node", "severity": "critical"], [:]),
        "W": (["alertname": "DiskFull", "instance": "c", "job": "node", "severity": "warning", "device": "sdb"], [:]),
        "V": (["alertname": "DiskFull", "instance": "d", "job": "node", "severity": "warning"], [:]),
        "F": (["alertname": "ClientError", "instance": "f"], [:]),
        "O1": (["alertname": "SinkOutage", "instance": "o1", "chan": "slack"], [:]),
        "O2": (["alertname": "SinkOutage", "instance": "o2", "chan": "slack"], [:]),
    ]

    static func postAlerts(_ client: HTTPClient, _ base: String, _ list: [(String, Int64, Int64)]) async throws {
        var items: [[String: Any]] = []
        for (key, startsAt, endsAt) in list {
            guard let alert = alerts[key] else { throw E2EError("unknown alert \(key)") }
            items.append([
                "labels": alert.labels, "annotations": alert.annotations, "startsAt": rfc3339(startsAt),
                "endsAt": rfc3339(endsAt), "generatorURL": generatorURL,
            ])
        }
        let body = try JSONSerialization.data(withJSONObject: items)
        let response = try await client.execute(
            HTTPRequest(
                url: base + "/api/v2/alerts",
                method: .post,
                headers: [("Content-Type", "application/json")],
                body: Array(body)
            )
        )
        guard response.status == 200 else { throw E2EError("POST /api/v2/alerts answered \(response.status)") }
    }

    /// Unix ms as the recording script formats it (milliseconds, trailing zeros dropped).
    static func rfc3339(_ ms: Int64) -> String {
        var seconds = time_t(ms / 1000)
        var parts = tm()
        gmtime_r(&seconds, &parts)
        let date = String(
            format: "%04d-%02d-%02dT%02d:%02d:%02d",
            Int(parts.tm_year) + 1900,
            Int(parts.tm_mon) + 1,
            Int(parts.tm_mday),
            Int(parts.tm_hour),
            Int(parts.tm_min),
            Int(parts.tm_sec)
        )
        var fraction = String(format: "%03d", Int(ms % 1000))
        while fraction.hasSuffix("0") { fraction.removeLast() }
        return date + (fraction.isEmpty ? "" : "." + fraction) + "Z"
    }

    // MARK: Reading results

    /// The bodies the real Alertmanager sent at the start of the recorded run, newline included.
    static func recordedBodies() throws -> (diskFullHook: String, highCPUHook: String, highCPUSlack: String) {
        let file = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("KlaxonNotifyTests/Fixtures/am_timeline.txt")
        let lines = try String(contentsOf: file, encoding: .utf8).split(
            separator: "\n",
            omittingEmptySubsequences: false
        )
        func body(after header: String) throws -> String {
            guard let index = lines.firstIndex(where: { $0.hasPrefix(header) }), index + 1 < lines.count else {
                throw E2EError("\(header) not in am_timeline.txt")
            }
            return lines[index + 1] + "\n"
        }
        return (
            try body(after: "recv 2 /hook "), try body(after: "recv 2004 /hook "), try body(after: "recv 2003 /slack ")
        )
    }

    /// Instances of a webhook body's alerts, in order (Slack bodies: none).
    static func instances(_ note: RouterSink.Note) -> [String] {
        guard let alerts = note.json?["alerts"] as? [[String: Any]] else { return [] }
        return alerts.compactMap { ($0["labels"] as? [String: String])?["instance"] }
    }

    static func slackTitle(_ note: RouterSink.Note) -> String? {
        (note.json?["attachments"] as? [[String: Any]])?.first?["title"] as? String
    }

    /// Alerts in a SinkOutage notification: webhook `alerts`, or the Slack title's `[FIRING:n]`.
    static func outageAlertCount(_ note: RouterSink.Note) -> Int {
        if note.path == "/hook" { return instances(note).count }
        guard let title = slackTitle(note), let open = title.firstIndex(of: ":"), let close = title.firstIndex(of: "]")
        else { return 0 }
        return Int(title[title.index(after: open)..<close]) ?? 0
    }

    struct MutingState {
        var silencedBy: [String]
        var inhibitedBy: [String]
    }

    /// `GET /api/v2/alerts`, by `instance` (the last alert listed wins for a shared instance label).
    static func alertStatuses(_ client: HTTPClient, _ base: String) async throws -> [String: MutingState] {
        let body = try await E2E.fetch(client, base + "/api/v2/alerts").body
        let list = try JSONSerialization.jsonObject(with: Data(body)) as? [[String: Any]] ?? []
        var out: [String: MutingState] = [:]
        for item in list {
            guard let instance = (item["labels"] as? [String: String])?["instance"],
                let status = item["status"] as? [String: Any]
            else { continue }
            let state = MutingState(
                silencedBy: status["silencedBy"] as? [String] ?? [],
                inhibitedBy: status["inhibitedBy"] as? [String] ?? []
            )
            if out[instance].map({ $0.inhibitedBy.isEmpty }) ?? true { out[instance] = state }
        }
        return out
    }
}

/// The Python sink of `Fixtures/router_sink.py`.
struct RouterSink {
    struct Note {
        var path: String
        var userAgent: String
        var contentType: String
        var body: String
        var json: [String: Any]? {
            try? JSONSerialization.jsonObject(with: Data(body.utf8)) as? [String: Any]
        }
    }

    let port: Int

    static func start() throws -> RouterSink { RouterSink(port: try E2E.startFixture("router_sink.py")) }

    func url(_ path: String) -> String { "http://127.0.0.1:\(port)\(path)" }

    func received(_ client: HTTPClient) async throws -> [Note] {
        let body = try await E2E.fetch(client, url("/received")).body
        return try String(decoding: body, as: UTF8.self).split(separator: "\n").map { line in
            guard let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any],
                let path = object["path"] as? String, let body = object["body"] as? String
            else { throw E2EError("bad sink line: \(line)") }
            return Note(
                path: path,
                userAgent: object["user_agent"] as? String ?? "",
                contentType: object["content_type"] as? String ?? "",
                body: body
            )
        }
    }

    func stats(_ client: HTTPClient) async throws -> [String: Any] { try await E2E.stats(client, port: port) }
}
