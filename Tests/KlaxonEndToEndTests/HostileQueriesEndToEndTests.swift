import Foundation
import KlaxonCurl
import KlaxonTestSupport
import Testing

/// Issue 14 on the built binary: a label value of 40 `a`s and a `!` with the query `m{v=~"(a|aa)+"}` (exponential
/// in a backtracking engine) is answered at once, as Go answers it; four queries that run until their timeout hold
/// the query pool's threads, not the daemon: `/-/healthy` answers within 1 s meanwhile and the rule groups miss no
/// evaluation; each of them ends at its timeout with Prometheus's error; and queries whose clients went away stop,
/// freeing their slots long before their timeout.
@Suite(.serialized, .timeLimit(.minutes(3)))
struct HostileQueriesEndToEndTests {
    static let hostileValue = String(repeating: "a", count: 40) + "!"
    /// Runs until the timeout stops it: 3.6 M subquery steps.
    static let endless = "count_over_time(vector(1)[1h:1ms])"

    static func encode(_ query: String) -> String {
        query.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? query
    }

    static func ruleCounters(_ client: HTTPClient, _ base: String) async throws -> (total: Double, missed: Double) {
        let metrics = try await E2E.get(client, base + "/metrics")
        var total = 0.0
        var missed = 0.0
        for line in metrics.split(separator: "\n") where !line.hasPrefix("#") {
            guard let space = line.lastIndex(of: " "), let value = Double(line[line.index(after: space)...]) else {
                continue
            }
            if line.hasPrefix("prometheus_rule_group_iterations_total{") { total += value }
            if line.hasPrefix("prometheus_rule_group_iterations_missed_total{") { missed += value }
        }
        return (total, missed)
    }

    @Test func hostileQueriesNeitherStallTheDaemonNorOutliveTheirTimeout() async throws {
        let binary = try TestSupport.klaxonBinary()
        let client = try HTTPClient()
        defer { client.shutdown() }
        let dir = try TestSupport.temporaryDirectory(prefix: "klaxon-e2e")
        let port = try TestSupport.freePort()
        try """
        global:
          scrape_interval: 1s
          evaluation_interval: 1s
        rule_files: [rules.yml]
        scrape_configs:
          - job_name: self
            static_configs: [{targets: ['127.0.0.1:\(port)']}]

        """.write(toFile: dir + "/prometheus.yml", atomically: true, encoding: .utf8)
        try """
        groups:
          - name: hostile
            rules:
              - record: m
                expr: label_replace(vector(1), "v", "\(Self.hostileValue)", "", "")
          - name: steady
            rules:
              - record: steady
                expr: sum(up)

        """.write(toFile: dir + "/rules.yml", atomically: true, encoding: .utf8)
        try "route:\n  receiver: none\nreceivers:\n  - name: none\n"
            .write(toFile: dir + "/alertmanager.yml", atomically: true, encoding: .utf8)
        let (process, log) = try E2E.startKlaxon(
            binary,
            [
                "run", "--config.file=\(dir)/prometheus.yml", "--alertmanager.config.file=\(dir)/alertmanager.yml",
                "--web.listen-address=127.0.0.1:\(port)", "--storage.path=\(dir)/data", "--query.timeout=20s",
                "--query.max-concurrency=4",
            ],
            logIn: dir
        )
        defer { if process.isRunning { process.terminate() } }
        let base = "http://127.0.0.1:\(port)"
        try await eventually("the daemon becomes ready", seconds: E2E.startupSeconds) {
            (try? await E2E.fetch(client, base + "/-/ready"))?.status == 200
        }
        try await eventually("the hostile series is recorded") {
            try await E2E.get(client, base + "/api/v1/query?query=m").contains(Self.hostileValue)
        }

        // 1. The backtracking pattern: Go's answer (the value is not all `a`s), at once.
        let clock = ContinuousClock()
        let quick = try await E2E.fetch(client, base + "/api/v1/query?query=" + Self.encode(#"m{v=~"(a|aa)+"}"#))
        #expect(
            String(decoding: quick.body, as: UTF8.self)
                == #"{"status":"success","data":{"resultType":"vector","result":[]}}"#
        )
        let matching = try await E2E.get(client, base + "/api/v1/query?query=" + Self.encode(#"m{v=~"(a|aa)+!"}"#))
        #expect(matching.contains(Self.hostileValue))

        // 2. Four queries that run until their 2 s timeout, while /-/healthy is probed and the rules run.
        let before = try await Self.ruleCounters(client, base)
        let floodStart = clock.now
        async let flood: [(status: Int, body: String, seconds: Double)] = withThrowingTaskGroup(
            of: (status: Int, body: String, seconds: Double).self
        ) { group in
            for _ in 0..<4 {
                group.addTask {
                    let start = clock.now
                    let response = try await E2E.fetch(
                        client,
                        base + "/api/v1/query?timeout=2s&query=" + Self.encode(Self.endless)
                    )
                    let elapsed = clock.now - start
                    return (
                        response.status, String(decoding: response.body, as: UTF8.self),
                        Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
                    )
                }
            }
            var all: [(status: Int, body: String, seconds: Double)] = []
            for try await answer in group { all.append(answer) }
            return all
        }
        var slowestProbe = Duration.zero
        for _ in 0..<8 {
            try await Task.sleep(for: .milliseconds(200))
            let start = clock.now
            let healthy = try await E2E.fetch(client, base + "/-/healthy")
            slowestProbe = max(slowestProbe, clock.now - start)
            #expect(healthy.status == 200)
        }
        let answers = try await flood
        for answer in answers {
            #expect(answer.status == 503, "\(answer.body)")
            #expect(
                answer.body == #"{"status":"error","errorType":"timeout","error":"query timed out in query execution"}"#
            )
            // 2 s plus a margin for a loaded 2-core CI machine.
            #expect(answer.seconds < 6, "a query ran \(answer.seconds) s past its 2 s timeout")
        }
        #expect(slowestProbe < .seconds(1), "/-/healthy took \(slowestProbe) while four queries ran")
        // Let each group run twice more, then compare: none missed, and both kept evaluating.
        try await Task.sleep(for: .seconds(2))
        let after = try await Self.ruleCounters(client, base)
        let floodSeconds = Double((clock.now - floodStart).components.seconds)
        #expect(after.missed == before.missed, "rule evaluations were missed during the flood")
        #expect(after.total - before.total >= 2 * (floodSeconds - 2), "groups: \(before.total) → \(after.total)")

        // 3. Clients that go away: four queries of 20 s abandoned after 300 ms free their slots, so a fifth query
        // runs long before the abandoned ones would have reached their timeout.
        await withTaskGroup(of: Void.self) { group in
            for _ in 0..<4 {
                group.addTask {
                    _ = try? await client.execute(
                        HTTPRequest(
                            url: base + "/api/v1/query?query=" + Self.encode(Self.endless),
                            timeoutMilliseconds: 300
                        )
                    )
                }
            }
        }
        let afterAbandon = clock.now
        let simple = try await E2E.get(client, base + "/api/v1/query?query=1")
        let waited = clock.now - afterAbandon
        #expect(simple.contains(#""status":"success""#))
        #expect(waited < .seconds(10), "a query waited \(waited) for slots held by abandoned queries")

        process.terminate()
        try await eventually("the daemon exits after SIGTERM") { !process.isRunning }
        #expect(process.terminationStatus == 0)
        try log.close()
    }
}
