import Foundation
import KlaxonTestSupport
import Testing

/// Runs scripts/compare/web-config.py: `klaxon check web-config` against `promtool check web-config` on 40+ files, and
/// the built `klaxon run` against a real Prometheus 2.42 serving the same web.yml (basic auth, TLS, headers, client
/// certificates) to the same curl requests; they must agree except for the differences the script lists with a
/// reason. Reported as skipped when the Debian binaries (or python3, curl, openssl) are not installed (failed
/// under CI=true).
@Suite(.serialized, .timeLimit(.minutes(6)))
struct WebConfigCompatEndToEndTests {
    static let required = ["/usr/bin/prometheus", "/usr/bin/promtool", "python3", "curl", "openssl"]

    @Test(.enabled(if: Peers.available(required), "needs Debian's prometheus, curl and openssl (scripts/setup)"))
    func klaxonAnswersAsPrometheusUnderTheSameWebConfig() async throws {
        try Peers.require(Self.required)
        let binary = try TestSupport.klaxonBinary()
        let (status, report) = try await E2E.runScript("compare/web-config.py", environment: ["KLAXON_BIN": binary])
        #expect(status == 0, "scripts/compare/web-config.py found differences:\n\(report)")
        #expect(report.contains("Result: no unexplained difference."))
        // The comparison really ran: rows where both sides did the interesting thing and agree.
        let rows = report.split(separator: "\n").filter { $0.hasPrefix("| ") && !$0.hasPrefix("| case ") }
        #expect(rows.count > 80, "\(rows.count) rows")
        func row(_ name: String) -> [String] {
            let line = rows.first { $0.hasPrefix("| \(name) | ") }
            return line?.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) } ?? []
        }
        let expectations: [(String, String)] = [
            ("basic auth: right password ($2y$ hash) `/-/healthy`", "`200`"),
            ("TLS: trusted CA `/api/v1/query?query=1`", "`200`"),
            ("RequireAndVerifyClientCert: no client certificate `/-/healthy`", "`TLS refused`"),
            ("RequireAndVerifyClientCert: client certificate from client_ca_file `/metrics`", "`200`"),
            (
                "TLS: plain HTTP to the TLS port `/-/healthy`",
                "`400<br>body: Client sent an HTTP request to an HTTPS server.`"
            ),
        ]
        for (name, outcome) in expectations {
            let cells = row(name)
            #expect(
                cells.count >= 4 && cells[1] == outcome && cells[2] == outcome && cells[3] == "yes",
                "\(name): \(cells)"
            )
        }
        let missingCert = row("missing cert file")
        #expect(missingCert.count >= 4 && missingCert[1] == missingCert[2] && missingCert[3] == "yes")
        #expect(
            missingCert.count >= 4
                && missingCert[2].contains("FAILED: failed to load X509KeyPair: open nonexistent.crt")
        )
        let denied = row("TLS + basic auth + headers: no credentials `/metrics`")
        #expect(denied.count >= 4 && denied[2].hasPrefix("`401<br>WWW-Authenticate: Basic") && denied[3] == "yes")
        #expect(denied.count >= 4 && denied[2].contains("X-Frame-Options: deny"))
    }
}
