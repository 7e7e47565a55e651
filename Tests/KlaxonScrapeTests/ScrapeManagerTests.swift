import Foundation
import KlaxonCurl
import KlaxonModel
import KlaxonStorage
import KlaxonTestSupport
import Synchronization
import Testing

@testable import KlaxonConfig
@testable import KlaxonScrape

/// Starts the loopback target server once for the test process; it exits when the test process does.
private let targetServer: Result<Int, any Error> = Result {
    try TestSupport.startPythonFixture(TestSupport.fixtures("scrape_server.py"))
}

final class LogSink: Sendable {
    let messages = Mutex<[String]>([])
}

/// Loopback scrapes through the real HTTPClient (libcurl) against a Python target server, on the system clock with
/// sub-second intervals. Waits poll the manager's state with a deadline.
@Suite(.serialized)
struct ScrapeManagerTests {
    let port: Int
    let head = Head()
    let client: HTTPClient
    let manager: ScrapeManager
    let logs = LogSink()

    init() throws {
        port = try targetServer.get()
        client = try HTTPClient()
        let logs = self.logs
        manager = ScrapeManager(appendable: head, client: client, clock: SystemClock()) { event in
            logs.messages.withLock { $0.append(event.message) }
        }
    }

    var address: String { "127.0.0.1:\(port)" }

    func job(_ name: String, path: String, extra: String = "", targets: [String]? = nil) -> String {
        let list = (targets ?? [address]).map { "'\($0)'" }.joined(separator: ", ")
        return """
              - job_name: \(name)
                metrics_path: \(path)
                static_configs: [{targets: [\(list)]}]
            \(extra)
            """
    }

    func config(_ jobs: [String]) throws -> PrometheusConfig {
        let yaml = "global: {scrape_interval: 200ms, scrape_timeout: 150ms}\nscrape_configs:\n" + jobs.joined()
        return try PrometheusConfigLoader.parse(yaml, file: "prometheus.yml")
    }

    /// Waits until `condition` holds, at most 120 s: generous because the whole suite runs in parallel on small CI
    /// machines, where CPU-bound suites can hold both cooperative threads for tens of seconds (a healthy run needs
    /// well under a second; 30 s was once not enough on a loaded 2-core machine); the assertions after the wait
    /// say what failed.
    func waitUntil(_ condition: () -> Bool) async throws {
        let deadline = ContinuousClock.now + .seconds(120)
        while !condition() {
            if ContinuousClock.now > deadline { return }
            try await Task.sleep(for: .milliseconds(20))
        }
    }

    func status(_ job: String) -> TargetStatus? {
        manager.targets().first { $0.scrapePool == job && $0.active }
    }

    func lastValue(_ matchers: [LabelMatcher]) -> Double? {
        head.select(matchers, mint: .min, maxt: .max).first?.values.last
    }

    @Test func eachTargetFailsOnItsOwn() async throws {
        let jobs = [
            job("good", path: "/good"),
            job("om", path: "/om"),
            job("garbage", path: "/garbage"),
            job("error", path: "/error"),
            job("hang", path: "/hang"),
            job("refused", path: "/metrics", targets: ["127.0.0.1:1"]),
            job("big", path: "/big", extra: "    body_size_limit: 1KB\n"),
            job("gzip", path: "/gzip"),
            job("auth", path: "/auth", extra: "    authorization: {credentials: tok}\n"),
            job("noauth", path: "/auth"),
        ]
        try await manager.apply(try config(jobs))
        #expect(manager.targets().count == 10)
        #expect(manager.targets().allSatisfy { $0.health == "unknown" })
        let runner = Task { await manager.run() }
        try await waitUntil { manager.targets().allSatisfy { $0.health != "unknown" } }
        runner.cancel()
        await runner.value

        #expect(status("good")?.health == "up")
        #expect(status("good")?.lastError == "")
        #expect(lastValue([.equal("__name__", "a"), .equal("job", "good")]) == 1)
        #expect(lastValue([.equal("__name__", "b"), .equal("x", "y")]) == 2)
        #expect(lastValue([.equal("__name__", "up"), .equal("job", "good")]) == 1)
        #expect(lastValue([.equal("__name__", "scrape_samples_scraped"), .equal("job", "good")]) == 2)
        #expect(status("om")?.lastError == "")
        #expect(status("om")?.health == "up")
        #expect(lastValue([.equal("__name__", "c_total")]) == 3)
        #expect(status("gzip")?.health == "up")
        #expect(head.select([.equal("__name__", "g")], mint: .min, maxt: .max).count == 100)
        #expect(status("auth")?.health == "up")
        #expect(lastValue([.equal("__name__", "authed")]) == 1)

        let url = "http://\(address)"
        #expect(status("garbage")?.health == "down")
        #expect(status("garbage")?.lastError.isEmpty == false)
        #expect(status("error")?.lastError == "server returned HTTP status 500 Internal Server Error")
        #expect(status("noauth")?.lastError == "server returned HTTP status 401 Unauthorized")
        #expect(status("hang")?.lastError == "Get \"\(url)/hang\": context deadline exceeded")
        #expect(status("refused")?.lastError.hasPrefix("Get \"http://127.0.0.1:1/metrics\": ") == true)
        #expect(status("big")?.lastError == "body size limit exceeded")
        for failing in ["garbage", "error", "hang", "refused", "big", "noauth"] {
            #expect(lastValue([.equal("__name__", "up"), .equal("job", failing)]) == 0, "\(failing)")
        }
        #expect(head.select([.equal("__name__", "big")], mint: .min, maxt: .max).isEmpty)
        let metrics = manager.metricsSnapshot()
        #expect(metrics.scrapes >= 10 && metrics.failures >= 6 && metrics.activeTargets == 10)
    }

    @Test func requestsCarryPrometheusHeadersAndParams() async throws {
        try await manager.apply(try config([job("headers", path: "/headers", extra: "    params: {a: ['x y']}\n")]))
        let runner = Task { await manager.run() }
        try await waitUntil { status("headers")?.health == "up" }
        runner.cancel()
        await runner.value
        func header(_ name: String) -> String? {
            head.series([.equal("__name__", name)]).first?["v"]
        }
        #expect(header("header_accept") == ScrapeLoop.accept)
        #expect(header("header_accept_encoding")?.contains("gzip") == true)
        #expect(header("header_user_agent") == "Prometheus/2.42.0")
        #expect(header("header_x_prometheus_scrape_timeout_seconds") == "0.15")
        #expect(header("query") == "a=x+y")
        #expect(status("headers")?.scrapeURL == "http://\(address)/headers?a=x+y")
    }

    @Test func reloadKeepsUnchangedTargetsAndStalesRemovedOnes() async throws {
        let both = job("good", path: "/good", targets: [address, "localhost:\(port)"])
        try await manager.apply(try config([both]))
        let runner = Task { await manager.run() }
        try await waitUntil { manager.targets().allSatisfy { $0.health == "up" } }
        #expect(manager.targets().count == 2)

        try await manager.apply(try config([job("good", path: "/good")]))
        // The kept target keeps its loop, so its health is still known.
        #expect(manager.targets().map(\.health) == ["up"])
        let removed: [LabelMatcher] = [.equal("__name__", "a"), .equal("instance", "localhost:\(port)")]
        try await waitUntil { lastValue(removed).map(StaleNaN.isStale) == true }
        #expect(lastValue(removed).map(StaleNaN.isStale) == true)
        let removedUp: [LabelMatcher] = [.equal("__name__", "up"), .equal("instance", "localhost:\(port)")]
        #expect(lastValue(removedUp).map(StaleNaN.isStale) == true)

        // The marker sits where the next scrape would have been: one interval after the last sample.
        let series = try #require(head.select(removed, mint: .min, maxt: .max).first)
        let count = series.timestamps.count
        #expect(count >= 2)
        if count >= 2 { #expect(series.timestamps[count - 1] - series.timestamps[count - 2] == 200) }

        // Removing the job stops everything; its stale markers follow while the manager runs.
        try await manager.apply(try config([]))
        #expect(manager.targets().isEmpty)
        let kept: [LabelMatcher] = [.equal("__name__", "a"), .equal("instance", address)]
        try await waitUntil { lastValue(kept).map(StaleNaN.isStale) == true }
        #expect(lastValue(kept).map(StaleNaN.isStale) == true)
        runner.cancel()
        await runner.value
    }

    @Test func shutdownWritesNoStaleMarkers() async throws {
        try await manager.apply(try config([job("good", path: "/good")]))
        let runner = Task { await manager.run() }
        try await waitUntil { status("good")?.health == "up" }
        runner.cancel()
        await runner.value
        try await manager.apply(try config([]))
        try await Task.sleep(for: .milliseconds(500))
        #expect(lastValue([.equal("__name__", "a")]) == 1)
        #expect(lastValue([.equal("__name__", "up")]) == 1)
    }

    @Test func targetLimitFailsEveryTargetOfTheJob() async throws {
        let limited = job(
            "limited",
            path: "/good",
            extra: "    target_limit: 1\n",
            targets: [address, "localhost:\(port)"]
        )
        try await manager.apply(try config([limited]))
        let runner = Task { await manager.run() }
        try await waitUntil { manager.targets().allSatisfy { $0.health != "unknown" } }
        runner.cancel()
        await runner.value
        #expect(manager.targets().count == 2)
        for target in manager.targets() {
            #expect(target.health == "down")
            #expect(target.lastError == "target_limit exceeded (number of targets: 2, limit: 1)")
        }
        #expect(head.select([.equal("__name__", "a")], mint: .min, maxt: .max).isEmpty)
    }

    @Test func droppedTargetsAreListed() async throws {
        let dropping = job(
            "drop",
            path: "/good",
            extra: "    relabel_configs: [{source_labels: [__address__], regex: 'localhost.*', action: drop}]\n",
            targets: [address, "localhost:\(port)"]
        )
        try await manager.apply(try config([dropping]))
        let targets = manager.targets()
        #expect(targets.filter(\.active).map { $0.labels["instance"] } == [address])
        #expect(targets.filter { !$0.active }.map { $0.discoveredLabels["__address__"] } == ["localhost:\(port)"])
        #expect(manager.metricsSnapshot().droppedTargets == 1)
    }

    @Test func fileSDTargetsAreReadAndRefreshed() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("klaxon-sd-\(UUID())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("targets.json")
        try Data(#"[{"targets": ["\#(address)"], "labels": {"team": "a"}}]"#.utf8).write(to: file)
        let yaml = """
            global: {scrape_interval: 200ms, scrape_timeout: 150ms}
            scrape_configs:
              - job_name: sd
                metrics_path: /good
                file_sd_configs: [{files: ['*.json'], refresh_interval: 100ms}]
            """
        let config = try PrometheusConfigLoader.parse(yaml, file: directory.path + "/prometheus.yml")
        try await manager.apply(config)
        #expect(manager.targets().map { $0.labels["team"] } == ["a"])
        #expect(manager.targets().first?.discoveredLabels["__meta_filepath"] == file.path)
        let runner = Task { await manager.run() }
        try await waitUntil { status("sd")?.health == "up" }
        #expect(lastValue([.equal("__name__", "a"), .equal("team", "a")]) == 1)

        try Data(#"[{"targets": ["\#(address)"], "labels": {"team": "b"}}]"#.utf8).write(to: file)
        try await waitUntil { manager.targets().first?.labels["team"] == "b" }
        #expect(manager.targets().map { $0.labels["team"] } == ["b"])
        try await waitUntil { lastValue([.equal("__name__", "a"), .equal("team", "a")]).map(StaleNaN.isStale) == true }
        #expect(lastValue([.equal("__name__", "a"), .equal("team", "a")]).map(StaleNaN.isStale) == true)
        runner.cancel()
        await runner.value
    }

    @Test func unsupportedDiscoveryIsLogged() async throws {
        let yaml = "scrape_configs:\n  - job_name: k8s\n    kubernetes_sd_configs: [{role: pod}]\n"
        try await manager.apply(try PrometheusConfigLoader.parse(yaml, file: "prometheus.yml"))
        #expect(manager.targets().isEmpty)
        #expect(
            logs.messages.withLock { $0 }
                == ["Service discovery mechanism not supported by Klaxon; its targets are not scraped"]
        )
    }

    /// A loop that is never run: for its schedule only.
    func idleLoop(_ target: Target, _ config: ScrapeConfig, seed: UInt64 = 0) -> ScrapeLoop {
        ScrapeLoop(
            target: target,
            config: config,
            head: head,
            client: client,
            clock: SystemClock(),
            metrics: MetricsBox(),
            forcedError: nil,
            jitterSeed: seed,
            log: { _ in }
        )
    }

    @Test func firstScrapeIsSpreadByTargetHash() async throws {
        try await manager.apply(try config([job("spread", path: "/good", targets: (1...20).map { "h\($0):1" })]))
        let loops = try manager.targets().map { status in
            let config = try #require(try self.config([job("spread", path: "/good")]).scrapeConfigs.first)
            let group = TargetGroup(targets: [])
            guard
                case .active(let target) = TargetBuilder.build(
                    address: status.discoveredLabels["__address__"],
                    group: group,
                    config: config
                )
            else { throw ScrapeFailure("inactive") }
            return idleLoop(target, config)
        }
        let now: Timestamp = 1_000_050
        let starts = loops.map { $0.firstScrape(after: now) }
        #expect(starts.allSatisfy { $0 >= now && $0 < now + 200 })
        #expect(Set(starts.map { $0 % 200 }).count > 10)
        #expect(loops.map { $0.firstScrape(after: now + 200) } == starts.map { $0 + 200 })
    }

    /// Up timestamps (ms mod 5000) a real Prometheus 2.42 stored on this project's build host (FQDN "localhost")
    /// for 127.0.0.1:39100…39105, job "bench", 5 s interval and timeout: without external labels, and with
    /// `external_labels: {region: "eu \"west\"", replica: a}`. Prometheus stamps a scrape 0–2 ms after its slot.
    @Test(arguments: [
        (Labels.empty, [3309, 4924, 3333, 1945, 4101, 1919]),
        (Labels([Label("region", "eu \"west\""), Label("replica", "a")]), [1715, 738, 4200, 4996, 968, 3282]),
    ])
    func firstScrapeIsAtPrometheusOffset(external: Labels, stamps: [Int64]) throws {
        let yaml = """
            global: {scrape_interval: 5s, scrape_timeout: 5s}
            scrape_configs:
              - job_name: bench
                metrics_path: /metrics
                static_configs: [{targets: ['127.0.0.1:39100']}]
            """
        let config = try #require(try PrometheusConfigLoader.parse(yaml, file: "p.yml").scrapeConfigs.first)
        let seed = ScrapeManager.jitterSeed(hostName: "localhost", externalLabels: external)
        for (index, stamp) in stamps.enumerated() {
            guard
                case .active(let target) = TargetBuilder.build(
                    address: "127.0.0.1:\(39100 + index)",
                    group: .init(targets: []),
                    config: config
                )
            else { throw ScrapeFailure("inactive") }
            let loop = idleLoop(target, config, seed: seed)
            let slot = loop.firstScrape(after: 1_796_407_270_000) % 5000
            #expect((0...2).contains(stamp - slot), "127.0.0.1:\(39100 + index): slot \(slot), Prometheus \(stamp)")
        }
    }

    @Test func scrapesRunAtTheirSlotsOnAManualClock() async throws {
        let clock = ManualClock(now: 1_000_000)
        let manual = ScrapeManager(appendable: head, client: client, clock: clock, hostName: "klaxon-test") { _ in }
        let yaml = """
            scrape_configs:
              - job_name: manual
                scrape_interval: 10s
                metrics_path: /good
                static_configs: [{targets: ['\(address)']}]
            """
        try await manual.apply(try PrometheusConfigLoader.parse(yaml, file: "prometheus.yml"))
        let runner = Task { await manual.run() }
        try await waitUntil { clock.sleeperCount == 1 }
        // Nothing happens before the target's slot.
        clock.advance(by: 1)
        #expect(manual.targets().first?.health == "unknown")
        // A scrape takes its timestamp when it starts: the clock jumped past the slot.
        clock.advance(to: 1_010_000)
        try await waitUntil { manual.targets().first?.health == "up" }
        #expect(manual.targets().first?.lastScrape == 1_010_000)
        try await waitUntil { clock.sleeperCount == 1 }
        clock.advance(to: 1_020_000)
        try await waitUntil { manual.targets().first?.lastScrape == 1_020_000 }
        // A jump over several slots gives one scrape, not a burst.
        try await waitUntil { clock.sleeperCount == 1 }
        clock.advance(to: 1_060_000)
        try await waitUntil { manual.targets().first?.lastScrape == 1_060_000 }
        try await waitUntil { clock.sleeperCount == 1 }
        // A scrape that starts within 2 ms of its slot is stamped with the slot.
        let config = try #require(try PrometheusConfigLoader.parse(yaml, file: "p.yml").scrapeConfigs.first)
        guard
            case .active(let target) = TargetBuilder.build(address: address, group: .init(targets: []), config: config)
        else { throw ScrapeFailure("inactive") }
        let probe = ScrapeLoop(
            target: target,
            config: config,
            head: Head(),
            client: client,
            clock: clock,
            metrics: MetricsBox(),
            forcedError: nil,
            jitterSeed: ScrapeManager.jitterSeed(hostName: "klaxon-test", externalLabels: .empty),
            log: { _ in }
        )
        let slot = probe.firstScrape(after: 1_060_001)
        clock.advance(to: slot + 2)
        try await waitUntil { manual.targets().first?.lastScrape == slot }
        let up = head.select([.equal("__name__", "up"), .equal("job", "manual")], mint: .min, maxt: .max)
        #expect(up.first?.timestamps == [1_010_000, 1_020_000, 1_060_000, slot])
        #expect(up.first?.values == [1, 1, 1, 1])
        runner.cancel()
        await runner.value
    }
}

extension ScrapeManagerTests {
    @Test func invalidTargetsAreLoggedAndSkipped() async throws {
        let invalid = job(
            "bad",
            path: "/good",
            extra: "    relabel_configs: [{target_label: __scrape_interval__, replacement: 1x}]\n"
        )
        try await manager.apply(try config([invalid]))
        #expect(manager.targets().isEmpty)
        #expect(logs.messages.withLock { $0 } == ["Creating target failed"])
    }
}
