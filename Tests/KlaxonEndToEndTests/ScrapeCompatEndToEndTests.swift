import Foundation
import KlaxonTestSupport
import Testing

/// Runs scripts/compare/scrape.py: the built `klaxon run` and a real Prometheus 2.42 scrape the same real node
/// exporter, the same Prometheus, Klaxon itself and a target serving edge-case and broken bodies; both stores must
/// agree (`up`, series per job, `scrape_*` series, values) except for the differences the script lists with a reason.
/// Reported as skipped when the Debian binaries are not installed (failed under CI=true).
@Suite(.serialized, .timeLimit(.minutes(3)))
struct ScrapeCompatEndToEndTests {
    static let required = ["/usr/bin/prometheus", "/usr/bin/prometheus-node-exporter", "python3"]

    @Test(
        .enabled(
            if: Peers.available(required),
            "needs Debian's prometheus and prometheus-node-exporter (scripts/setup installs them)"
        )
    )
    func klaxonStoresWhatPrometheusStores() async throws {
        try Peers.require(Self.required)
        let binary = try TestSupport.klaxonBinary()
        let (status, report) = try await E2E.runScript(
            "compare/scrape.py",
            ["--interval", "2"],
            environment: ["KLAXON": binary]
        )
        #expect(status == 0, "scripts/compare/scrape.py found differences:\n\(report)")
        #expect(report.contains("Result: no unexplained difference."))
        // The comparison really ran: every job has series on both sides.
        for job in ["node", "prometheus", "node-filtered", "klaxon", "edge-text", "edge-openmetrics"] {
            let row = report.split(separator: "\n").first { $0.hasPrefix("| \(job) | ") }
            let cells = row?.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) } ?? []
            #expect(cells.count >= 3 && (Int(cells[1]) ?? 0) > 0 && cells[1] == cells[2], "series of job \(job)")
        }
        #expect(report.contains("| `up{job=~\"node.*\"}` |"), "the target-down phase ran")
        // Both scrape each target at the same moment of the interval (Prometheus's offset and jitter seed).
        #expect(report.contains("| scrape moment in the interval (") && report.contains("| same, at most "))
    }
}
