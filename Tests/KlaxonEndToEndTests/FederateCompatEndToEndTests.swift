import Foundation
import KlaxonTestSupport
import Testing

/// Runs scripts/compare/federate.py (1 s intervals, about 15 s): two real Prometheus 2.42 servers federate the built
/// `klaxon run` (`metrics_path: /federate`, `honor_labels: true`, `match[]` for one job), one asking for text, one
/// (native histograms on) for protobuf; the series and samples they store must be Klaxon's, their latest samples
/// what Klaxon served at their last scrape; and Klaxon's /federate must answer as a Prometheus scraping the same
/// exporter does (errors, methods, every format). Reported as skipped when Debian's prometheus is not installed
/// (failed under CI=true).
@Suite(.serialized, .timeLimit(.minutes(3)))
struct FederateCompatEndToEndTests {
    static let required = ["/usr/bin/prometheus", "python3"]

    @Test(.enabled(if: Peers.available(required), "needs Debian's prometheus (scripts/setup installs it)"))
    func prometheusFederatesKlaxonAsItFederatesPrometheus() async throws {
        try Peers.require(Self.required)
        let binary = try TestSupport.klaxonBinary()
        let (status, report) = try await E2E.runScript(
            "compare/federate.py",
            ["--interval", "1", "--scrapes", "3"],
            environment: ["KLAXON": binary]
        )
        #expect(status == 0, "scripts/compare/federate.py found differences:\n\(report)")
        #expect(report.contains("Result: no unexplained difference."))
        let rows = report.split(separator: "\n").map(String.init)
        func cells(_ prefix: String) -> [[String]] {
            rows.filter { $0.hasPrefix(prefix) }.map { row in
                row.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }
            }
        }
        // Both globals stored every series and sample, with the format each asked for, in both phases.
        let text = "`text/plain; version=0.0.4; charset=utf-8`"
        let protobuf = "`application/vnd.google.protobuf; proto=io.prometheus.client.MetricFamily; encoding=delimited`"
        for (global, served) in [("g1", text), ("g2", protobuf)] {
            let found = cells("| \(global) | ")
            #expect(found.count == 2, "\(global): \(found)")
            // global | asked for | served | series (global / Klaxon) | samples | last answer | latest | result
            for row in found where row.count >= 8 {
                #expect(row[2] == served && row[7] == "same", "\(row)")
                let series = row[3].split(separator: "/").map { $0.trimmingCharacters(in: .whitespaces) }
                #expect(series.count == 2 && series[0] == series[1] && (Int(series[0]) ?? 0) >= 25, "\(row)")
                #expect((Int(row[4]) ?? 0) > 0, "\(row)")
            }
        }
        // The body comparisons really ran, in every format: request | Prometheus | Klaxon (empty) | result.
        for format in ["text (no Accept)", "protobuf delimited", "protobuf text", "protobuf compact text"] {
            let row = cells("| job edge, \(format)").first ?? []
            #expect(row.count == 4 && row[1].hasPrefix("200 ") && !row[1].contains(" 0 series"), "\(format): \(row)")
            #expect(row.last == "same", "\(format): \(row)")
        }
        #expect(report.contains("`fed_vanishing`, Klaxon's /federate left it out; g2's newest"))
    }
}
