import Foundation
import KlaxonCurl
import KlaxonTestSupport
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// Runs the built `klaxon` binary as users do (`klaxon run --config.file ...`) against a loopback peer that is
/// both the scrape target and the webhook sink, and follows one alert through the whole pipeline: scrape →
/// store → rule → router (group_wait, retries on a failing sink) → webhook; a broken reload; resolution;
/// graceful shutdown that leaves the router state on disk.
@Suite(.serialized, .timeLimit(.minutes(3)))
struct DaemonEndToEndTests {
    @Test func alertTravelsFromScrapeToWebhookAndSurvivesABadReload() async throws {
        let binary = try TestSupport.klaxonBinary()
        let peer = try Peer.start()
        let client = try HTTPClient()
        defer { client.shutdown() }
        let dir = try TestSupport.temporaryDirectory(prefix: "klaxon-e2e")
        let port = try TestSupport.freePort()
        let rulesFile = dir + "/demo.rules.yml"
        let goodRules = """
            groups:
              - name: demo
                rules:
                  - alert: DemoHigh
                    expr: demo_value > 5
                    for: 2s
                    labels:
                      severity: page
                    annotations:
                      summary: "demo_value is {{ $value }} on {{ $labels.instance }}"
                  - record: job:demo_requests:rate5s
                    expr: sum by (job) (rate(demo_requests_total[5s]))

            """
        try goodRules.write(toFile: rulesFile, atomically: true, encoding: .utf8)
        try """
        global:
          scrape_interval: 1s
          scrape_timeout: 1s
          evaluation_interval: 1s
          external_labels:
            site: e2e
        rule_files: ['demo.rules.yml']
        scrape_configs:
          - job_name: peer
            static_configs:
              - targets: ['127.0.0.1:\(peer.port)']

        """.write(toFile: dir + "/prometheus.yml", atomically: true, encoding: .utf8)
        try """
        route:
          receiver: sink
          group_by: ['alertname']
          group_wait: 1s
          group_interval: 2s
          repeat_interval: 1h
        receivers:
          - name: sink
            webhook_configs:
              - url: 'http://127.0.0.1:\(peer.port)/hook'
                send_resolved: true

        """.write(toFile: dir + "/alertmanager.yml", atomically: true, encoding: .utf8)

        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = [
            "run", "--config.file=\(dir)/prometheus.yml", "--alertmanager.config.file=\(dir)/alertmanager.yml",
            "--web.listen-address=127.0.0.1:\(port)", "--web.enable-lifecycle", "--storage.path=\(dir)/data",
            "--rules.alert.resend-delay=1s", "--log.level=debug",
        ]
        let log = Pipe()
        process.standardError = log
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        defer { if process.isRunning { process.terminate() } }
        let base = "http://127.0.0.1:\(port)"

        // Ready, scraping, evaluating.
        try await eventually("the daemon becomes ready", seconds: E2E.startupSeconds) {
            (try? await E2E.fetch(client, base + "/-/ready"))?.status == 200
        }
        try await eventually("up{job=\"peer\"} is 1") {
            let body = try await E2E.get(client, base + "/api/v1/query?query=up%7Bjob%3D%22peer%22%7D")
            return body.contains("\"value\":[") && body.contains(",\"1\"]")
        }

        // The sink fails twice; the alert starts firing; the notification still arrives (retried), once.
        _ = try await E2E.fetch(client, peer.url("/fail?count=2"), method: .post)
        _ = try await E2E.fetch(client, peer.url("/set?value=10"), method: .post)
        let firing = try await eventually("a firing notification reaches the sink") {
            try await peer.notifications(client).first { ($0["status"] as? String) == "firing" }
        }
        #expect(firing["version"] as? String == "4")
        #expect(firing["receiver"] as? String == "sink")
        #expect(firing["groupKey"] as? String == "{}:{alertname=\"DemoHigh\"}")
        #expect((firing["groupLabels"] as? [String: String]) == ["alertname": "DemoHigh"])
        let alerts = try #require(firing["alerts"] as? [[String: Any]])
        #expect(alerts.count == 1)
        let labels = try #require(alerts.first?["labels"] as? [String: String])
        #expect(
            labels == [
                "alertname": "DemoHigh", "severity": "page", "job": "peer", "instance": "127.0.0.1:\(peer.port)",
                "site": "e2e",
            ]
        )
        let annotations = try #require(alerts.first?["annotations"] as? [String: String])
        #expect(annotations["summary"] == "demo_value is 10 on 127.0.0.1:\(peer.port)")
        #expect(alerts.first?["endsAt"] as? String == "0001-01-01T00:00:00Z")
        #expect(try await peer.stats(client)["failed"] as? Int == 2)

        // The API agrees; the recording rule writes its series.
        let apiAlerts = try await E2E.get(client, base + "/api/v1/alerts")
        #expect(apiAlerts.contains("\"alertname\":\"DemoHigh\"") && apiAlerts.contains("\"state\":\"firing\""))
        try await eventually("the recording rule's series exists") {
            try await E2E.get(client, base + "/api/v1/query?query=job:demo_requests:rate5s").contains(
                "\"job\":\"peer\""
            )
        }

        // A broken rule file on reload: refused, old rules keep running, the metric says so.
        try "groups:\n  - name: demo\n    rules:\n      - alert: Broken\n        expr: rate(\n"
            .write(toFile: rulesFile, atomically: true, encoding: .utf8)
        let reload = try await E2E.fetch(client, base + "/-/reload", method: .post)
        #expect(reload.status == 500)
        let metrics = try await E2E.get(client, base + "/metrics")
        #expect(metrics.contains("klaxon_config_last_reload_successful 0"))
        // The old rules go on: wait for two more evaluations of the group, then the alert must still fire.
        func lastEvaluation(_ exposition: String) -> Double? {
            for line in exposition.split(separator: "\n")
            where line.hasPrefix("prometheus_rule_group_last_evaluation_timestamp_seconds{")
                && line.contains(#";demo"}"#)
            {
                return line.split(separator: " ").last.flatMap { Double($0) }
            }
            return nil
        }
        let evaluatedAt = try #require(lastEvaluation(metrics))
        try await eventually("the old rule group evaluates again after the refused reload") {
            (lastEvaluation(try await E2E.get(client, base + "/metrics")) ?? 0) > evaluatedAt + 1
        }
        let stillFiring = try await E2E.get(client, base + "/api/v1/query?query=ALERTS%7Balertstate%3D%22firing%22%7D")
        #expect(stillFiring.contains("\"alertname\":\"DemoHigh\""))

        // A broken alertmanager.yml, then a missing one (SIGHUP this time): refused in the same way.
        let routing = dir + "/alertmanager.yml"
        let goodRouting = try String(contentsOfFile: routing, encoding: .utf8)
        try "route:\n  receiver: nowhere\nreceivers: [\n".write(toFile: routing, atomically: true, encoding: .utf8)
        #expect(try await E2E.fetch(client, base + "/-/reload", method: .post).status == 500)
        try FileManager.default.removeItem(atPath: routing)
        let failuresBefore = E2E.value(
            try await E2E.get(client, base + "/metrics"),
            "klaxon_config_reload_failures_total"
        )
        kill(process.processIdentifier, SIGHUP)
        try await eventually("the SIGHUP reload is refused and counted") {
            let now = try await E2E.get(client, base + "/metrics")
            return (E2E.value(now, "klaxon_config_reload_failures_total") ?? 0) > (failuresBefore ?? .infinity)
        }
        #expect(try await E2E.get(client, base + "/metrics").contains("klaxon_config_last_reload_successful 0"))
        #expect(try await E2E.get(client, base + "/-/healthy").contains("Healthy"), "still serving")
        try goodRouting.write(toFile: routing, atomically: true, encoding: .utf8)

        // Fixed file reloads; the condition clears; a resolved notification follows.
        try goodRules.write(toFile: rulesFile, atomically: true, encoding: .utf8)
        #expect(try await E2E.fetch(client, base + "/-/reload", method: .post).status == 200)
        #expect(try await E2E.get(client, base + "/metrics").contains("klaxon_config_last_reload_successful 1"))
        _ = try await E2E.fetch(client, peer.url("/set?value=0"), method: .post)
        let resolved = try await eventually("a resolved notification reaches the sink") {
            try await peer.notifications(client).first { ($0["status"] as? String) == "resolved" }
        }
        #expect((resolved["alerts"] as? [[String: Any]])?.first?["status"] as? String == "resolved")
        let firingCount = try await peer.notifications(client).filter { ($0["status"] as? String) == "firing" }.count
        #expect(firingCount == 1, "one firing notification: group_interval ticks without change send nothing")

        // SIGTERM: graceful stop, exit 0, router state saved.
        process.terminate()
        let stopped = try await eventually("the daemon exits after SIGTERM") { process.isRunning ? nil : true }
        #expect(stopped)
        #expect(process.terminationStatus == 0)
        let saved = try FileManager.default.contentsOfDirectory(atPath: dir + "/data/router")
        #expect(!saved.isEmpty, "router state files in the data directory")
        let output = String(decoding: log.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(output.contains("msg=\"Alert firing\""))
        #expect(output.contains("level=error"), "the broken reload is logged")
    }
}

/// The Python peer of `Fixtures/peer.py`.
struct Peer {
    let port: Int

    static func start() throws -> Peer { Peer(port: try E2E.startFixture("peer.py")) }

    func url(_ path: String) -> String { "http://127.0.0.1:\(port)\(path)" }

    func notifications(_ client: HTTPClient) async throws -> [[String: Any]] {
        let body = try await E2E.fetch(client, url("/received")).body
        return try String(decoding: body, as: UTF8.self).split(separator: "\n").map { line in
            guard let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any] else {
                throw E2EError("sink body is not a JSON object: \(line)")
            }
            return object
        }
    }

    func stats(_ client: HTTPClient) async throws -> [String: Any] { try await E2E.stats(client, port: port) }
}
