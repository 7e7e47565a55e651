import KlaxonModel
import KlaxonPromQL
import KlaxonStorage
import Testing

@testable import KlaxonServer

/// Replays every request of `Fixtures/cases.txt` against the API and compares status, content type and body with
/// what Prometheus 2.42 answered (`Fixtures/prometheus-2.42/recorded.txt`, written by
/// `scripts/record/prometheus-api.py` from the same samples, `Fixtures/data.om`). Evaluation times and wall-clock
/// times (rules, alerts) are masked.
struct RecordedPrometheusTests {
    struct Recorded: CustomTestStringConvertible, Sendable {
        var line: String
        var status: Int
        var contentType: String
        var body: String
        var testDescription: String { line }
    }

    static let recorded: [Recorded] = {
        guard let text = readFile(fixturesDirectory + "/prometheus-2.42/recorded.txt") else { return [] }
        var out: [Recorded] = []
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var i = 0
        while i + 2 < lines.count {
            guard lines[i].hasPrefix("### ") else {
                i += 1
                continue
            }
            let statusLine = lines[i + 1]
            let space = statusLine.firstIndex(of: " ") ?? statusLine.endIndex
            out.append(
                Recorded(
                    line: String(lines[i].dropFirst(4)),
                    status: Int(statusLine[..<space]) ?? 0,
                    contentType: space < statusLine.endIndex
                        ? String(statusLine[statusLine.index(after: space)...]) : "",
                    body: lines[i + 2]
                )
            )
            i += 3
        }
        return out
    }()

    /// The backend state that matches the rule file and scrape config of `scripts/record/prometheus-api.py`.
    static func mirroredBackend() -> FakeBackend {
        let t: Timestamp = 1_764_000_000_000
        return FakeBackend { s in
            let firing = AlertView(
                labels: ["alertname": "AlwaysFiring", "severity": "page"],
                annotations: ["summary": "value 1"],
                state: .firing,
                activeAt: t,
                value: "1e+00"
            )
            let pending = AlertView(
                labels: ["alertname": "Pending"],
                annotations: .empty,
                state: .pending,
                activeAt: t,
                value: "2e+00"
            )
            s.alerts = [firing, pending]
            s.groups = [
                RuleGroupView(
                    name: "alerts",
                    file: "rules.yml",
                    rules: [
                        RuleView(
                            kind: .recording,
                            name: "job:one:sum",
                            query: "sum(vector(1))",
                            labels: ["team": "a"],
                            health: .ok,
                            evaluationTime: 0.000262672,
                            lastEvaluation: t
                        ),
                        RuleView(
                            kind: .alerting,
                            name: "AlwaysFiring",
                            query: "vector(1)",
                            labels: ["severity": "page"],
                            annotations: ["summary": "value {{ $value }}"],
                            alerts: [firing],
                            state: .firing,
                            health: .ok,
                            evaluationTime: 0.0002,
                            lastEvaluation: t
                        ),
                        RuleView(
                            kind: .alerting,
                            name: "Pending",
                            query: "vector(2)",
                            duration: 3600,
                            alerts: [pending],
                            state: .pending,
                            health: .ok,
                            evaluationTime: 0.00005,
                            lastEvaluation: t
                        ),
                    ],
                    interval: 1,
                    evaluationTime: 0.0005,
                    lastEvaluation: t
                ),
                RuleGroupView(
                    name: "records-only",
                    file: "rules.yml",
                    rules: [RuleView(kind: .recording, name: "two", query: "vector(2)")],
                    interval: 3600
                ),
            ]
            s.targets = TargetsView(
                active: [
                    TargetView(
                        discoveredLabels: [
                            "__address__": "127.0.0.1:1", "__metrics_path__": "/metrics", "__scheme__": "http",
                            "__scrape_interval__": "1h", "__scrape_timeout__": "10s", "env": "test", "job": "down",
                        ],
                        labels: ["env": "test", "instance": "127.0.0.1:1", "job": "down"],
                        scrapePool: "down",
                        scrapeURL: "http://127.0.0.1:1/metrics",
                        globalURL: "http://vm:1/metrics",
                        scrapeInterval: "1h",
                        scrapeTimeout: "10s"
                    )
                ],
                dropped: [
                    DroppedTargetView(discoveredLabels: [
                        "__address__": "127.0.0.1:2", "__metrics_path__": "/metrics", "__scheme__": "http",
                        "__scrape_interval__": "1h", "__scrape_timeout__": "10s", "job": "dropped",
                    ])
                ]
            )
        }
    }

    static let debianBuildInfo = BuildInfo(
        version: "2.42.0+ds",
        revision: "2.42.0+ds-5+deb12u1",
        branch: "debian/sid",
        buildUser: "team+pkg-go@tracker.debian.org",
        buildDate: "20260604-00:58:54",
        goVersion: "go1.19.8"
    )

    /// Masks wall-clock times and measured durations, which differ run to run.
    static func normalize(_ body: String) -> String {
        var out = body.replacing(#/"20\d\d-\d\d-\d\dT[0-9:.]+Z"/#, with: "\"<time>\"")
        out = out.replacing(#/"evaluationTime":[0-9.e-]+/#, with: "\"evaluationTime\":<d>")
        return out
    }

    /// Cases answered differently, and why.
    static let knownDifferences: [String: String] = [
        "GET /api/v1/query?query=up&time=1700000300&stats=all": "stats=all (query timings) is not implemented"
    ]

    @Test func fixturesArePresent() {
        #expect(Self.recorded.count >= 80)
    }

    @Test(arguments: recorded)
    func matchesPrometheus(_ recorded: Recorded) async throws {
        let head = try fixtureHead()
        let api = makeAPI(head: head, backend: Self.mirroredBackend()) { $0.buildInfo = Self.debianBuildInfo }
        let response = await api.handle(request(fromCase: recorded.line))
        #expect(response.status == recorded.status)
        #expect(response.contentType == recorded.contentType)
        let body = response.bodyText.hasSuffix("\n") ? String(response.bodyText.dropLast()) : response.bodyText
        if let reason = Self.knownDifferences[recorded.line] {
            withKnownIssue(Comment(rawValue: reason)) {
                #expect(Self.normalize(body) == Self.normalize(recorded.body))
            }
        } else {
            #expect(Self.normalize(body) == Self.normalize(recorded.body))
        }
    }
}
