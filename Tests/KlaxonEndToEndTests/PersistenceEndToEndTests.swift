import Foundation
import KlaxonCurl
import KlaxonTestSupport
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// `kill -9` of the built binary right after a notification, then a restart on the same data directory: the
/// firing alert is firing at once with the same activeAt, the pending one keeps its activeAt, the webhook sink
/// gets no duplicate, and the samples from before the kill are still there.
@Suite(.serialized, .timeLimit(.minutes(2)))
struct PersistenceEndToEndTests {
    @Test func firingAlertSurvivesKill9WithoutADuplicateNotification() async throws {
        let binary = try TestSupport.klaxonBinary()
        let peer = try Peer.start()
        let client = try HTTPClient()
        defer { client.shutdown() }
        let dir = try TestSupport.temporaryDirectory(prefix: "klaxon-e2e")
        let port = try TestSupport.freePort()
        try """
        groups:
          - name: persist
            rules:
              - alert: DemoHigh
                expr: demo_value > 5
                for: 2s
                labels:
                  severity: page
              - alert: DemoSlow
                expr: demo_value > 5
                for: 1h

        """.write(toFile: dir + "/persist.rules.yml", atomically: true, encoding: .utf8)
        try """
        global:
          scrape_interval: 1s
          scrape_timeout: 1s
          evaluation_interval: 1s
        rule_files: ['persist.rules.yml']
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

        """.write(toFile: dir + "/alertmanager.yml", atomically: true, encoding: .utf8)
        let arguments = [
            "run", "--config.file=\(dir)/prometheus.yml", "--alertmanager.config.file=\(dir)/alertmanager.yml",
            "--web.listen-address=127.0.0.1:\(port)", "--storage.path=\(dir)/data", "--rules.alert.resend-delay=1s",
        ]
        let base = "http://127.0.0.1:\(port)"

        // First run: the alert fires and the sink receives it once.
        _ = try await E2E.fetch(client, peer.url("/set?value=10"), method: .post)
        let first = try Self.start(binary, arguments, log: dir + "/run-1.log")
        defer { if first.isRunning { kill(first.processIdentifier, SIGKILL) } }
        try await eventually("the first run becomes ready") {
            (try? await E2E.fetch(client, base + "/-/ready"))?.status == 200
        }
        try await eventually("a firing notification reaches the sink") {
            try await peer.notifications(client).contains { ($0["status"] as? String) == "firing" }
        }
        let before = try await Self.alerts(client, base)
        let firingBefore = try #require(before["DemoHigh"])
        let pendingBefore = try #require(before["DemoSlow"])
        #expect(firingBefore.state == "firing" && pendingBefore.state == "pending")

        // kill -9 right after the notification.
        let killedAt = Date().timeIntervalSince1970
        kill(first.processIdentifier, SIGKILL)
        first.waitUntilExit()
        #expect(first.terminationReason == .uncaughtSignal)

        // Second run on the same data directory.
        let second = try Self.start(binary, arguments, log: dir + "/run-2.log")
        defer { if second.isRunning { kill(second.processIdentifier, SIGKILL) } }
        try await eventually("the second run becomes ready") {
            (try? await E2E.fetch(client, base + "/-/ready"))?.status == 200
        }
        let after = try await Self.alerts(client, base)
        #expect(after["DemoHigh"]?.state == "firing", "firing at once after the restart, no new pending wait")
        #expect(after["DemoHigh"]?.activeAt == firingBefore.activeAt)
        #expect(after["DemoSlow"]?.state == "pending")
        #expect(after["DemoSlow"]?.activeAt == pendingBefore.activeAt, "the for clock goes on")

        // The rule re-sends the alert to the router after the 1 s resend delay; the router holds it, flushes the
        // group after group_wait, and its restored notification log suppresses a second notification.
        try await eventually("the rule re-sends the alert to the router") {
            try await E2E.get(client, base + "/metrics").split(separator: "\n").contains {
                $0.hasPrefix("klaxon_alerts_sent_total ") && !$0.hasSuffix(" 0")
            }
        }
        // group_wait (1 s) and a group_interval (2 s) pass: the router flushes the group and dedups it.
        try await Task.sleep(for: .seconds(4))
        let firingNotifications = try await peer.notifications(client).filter {
            ($0["status"] as? String) == "firing"
        }
        #expect(firingNotifications.count == 1, "no duplicate notification after kill -9")

        // Samples scraped before the kill survived.
        let range = try await E2E.get(client, base + "/api/v1/query?query=demo_value%5B2m%5D")
        let object = try JSONSerialization.jsonObject(with: Data(range.utf8)) as? [String: Any]
        let data = object?["data"] as? [String: Any]
        let series = (data?["result"] as? [[String: Any]])?.first
        let times = (series?["values"] as? [[Any]] ?? []).compactMap { $0.first as? Double }
        #expect(times.filter { $0 < killedAt }.count >= 2, "samples from before the kill: \(times)")
        #expect(times.contains { $0 > killedAt }, "and new ones after the restart")

        let metrics = try await E2E.get(client, base + "/metrics")
        #expect(metrics.contains("\nklaxon_storage_wal_healthy 1\n"))
        #expect(metrics.contains("\nklaxon_storage_wal_write_failures_total 0\n"))

        second.terminate()
        second.waitUntilExit()
        #expect(second.terminationStatus == 0)
        let log = (try? String(contentsOfFile: dir + "/run-2.log", encoding: .utf8)) ?? ""
        let recovery = log.split(separator: "\n").first { $0.contains("msg=\"WAL recovery finished\"") } ?? ""
        #expect(recovery.contains(" corrupt_records_skipped=0 ") && !recovery.contains(" samples=0 "))
        #expect(log.contains("msg=\"WAL checkpoint written\""), "on shutdown")
        #expect(log.contains("msg=\"Restored alert state\"") && log.contains("firing=1"))
        #expect(log.contains("msg=\"Restored notification log and silences\""))
    }

    // MARK: Helpers

    static func start(_ binary: String, _ arguments: [String], log: String) throws -> Process {
        _ = FileManager.default.createFile(atPath: log, contents: nil)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = arguments
        process.standardError = FileHandle(forWritingAtPath: log)
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        return process
    }

    struct AlertSeen {
        var state: String
        var activeAt: String
    }

    /// `/api/v1/alerts` by alertname.
    static func alerts(_ client: HTTPClient, _ base: String) async throws -> [String: AlertSeen] {
        let body = try await E2E.get(client, base + "/api/v1/alerts")
        let object = try JSONSerialization.jsonObject(with: Data(body.utf8)) as? [String: Any]
        let alerts = (object?["data"] as? [String: Any])?["alerts"] as? [[String: Any]] ?? []
        var out: [String: AlertSeen] = [:]
        for alert in alerts {
            guard let name = (alert["labels"] as? [String: String])?["alertname"] else { continue }
            out[name] = AlertSeen(state: alert["state"] as? String ?? "", activeAt: alert["activeAt"] as? String ?? "")
        }
        return out
    }
}
