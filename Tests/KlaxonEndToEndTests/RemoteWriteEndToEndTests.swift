import Foundation
import KlaxonTestSupport
import Testing

/// Issue 16 against the real engines: scripts/compare/remote-write-receiver.py (a Prometheus 2.42 agent and vmagent
/// push into Klaxon's receiver; Klaxon's rules fire on that data as on scraped data). Skipped when the Debian
/// binaries are not installed (failed under CI=true).
@Suite(.serialized, .timeLimit(.minutes(5)))
struct RemoteWriteEndToEndTests {
    @Test(
        .enabled(
            if: Peers.available(["/usr/bin/prometheus", "/usr/bin/vmagent", "python3"]),
            "needs Debian's prometheus and victoria-metrics (vmagent) (scripts/setup installs them)"
        )
    )
    func agentsPushIntoKlaxonAndItsRulesFire() async throws {
        try Peers.require(["/usr/bin/prometheus", "/usr/bin/vmagent", "python3"])
        let (status, report) = try await E2E.runScript(
            "compare/remote-write-receiver.py",
            ["--seconds", "8"],
            environment: ["KLAXON": try TestSupport.klaxonBinary()]
        )
        #expect(status == 0, "scripts/compare/remote-write-receiver.py:\n\(report)")
        #expect(report.contains("Result: no difference."))
        for job in ["scraped", "agent", "vmagent"] {
            #expect(report.contains("| \(job) | 5 | 15.0 | 3 |"), "job \(job)")
        }
    }
}

/// scripts/compare/remote-write.py: Klaxon's remote_write to a real Prometheus 2.42 and a real VictoriaMetrics at
/// once; every sample Klaxon stored (scraped, recorded, `ALERTS`, `ALERTS_FOR_STATE`) is in both, also after both
/// were down and Klaxon was SIGKILLed meanwhile (the 5-minute version is scripts/faults/remote-write-outage).
@Suite(.serialized, .timeLimit(.minutes(6)))
struct RemoteWriteToRealReceiversEndToEndTests {
    static let required = ["/usr/bin/prometheus", "/usr/bin/victoria-metrics", "python3"]

    func run(_ arguments: [String]) async throws -> String {
        let (status, report) = try await E2E.runScript(
            "compare/remote-write.py",
            arguments,
            environment: ["KLAXON": try TestSupport.klaxonBinary()]
        )
        #expect(status == 0, "scripts/compare/remote-write.py:\n\(report)")
        #expect(report.contains("Result: every sample Klaxon stored reached both receivers."))
        // The comparison covered every kind of series Klaxon appends.
        #expect(report.contains("ALERTS, ALERTS_FOR_STATE, job:rw_load:sum, rw_gauge, rw_load, up"))
        for receiver in ["Prometheus 2.42", "VictoriaMetrics"] {
            let row = report.split(separator: "\n").first { $0.hasPrefix("| \(receiver) | ") }
            #expect(row?.contains("| 0 of ") == true && row?.hasSuffix("| 0 |") == true, "\(receiver): \(row ?? "")")
        }
        return report
    }

    @Test(.enabled(if: Peers.available(required), "needs Debian's prometheus and victoria-metrics (scripts/setup)"))
    func everySampleReachesBothReceivers() async throws {
        try Peers.require(Self.required)
        _ = try await run(["--seconds", "10", "--series", "20"])
    }

    @Test(.enabled(if: Peers.available(required), "needs Debian's prometheus and victoria-metrics (scripts/setup)"))
    func anOutageWithAKill9DuringItLosesNothing() async throws {
        try Peers.require(Self.required)
        let report = try await run(["--seconds", "8", "--series", "20", "--outage", "20"])
        #expect(report.contains("receivers down 20 s with a SIGKILL and restart of Klaxon"))
    }
}
