import Synchronization

/// Prometheus's federation counters, on `/metrics` under Prometheus's names. Errors are federations that could
/// not be sent (the client went away before the answer was ready, or a family did not serialise); warnings are
/// selection warnings, which the in-memory store never gives, so that counter stays 0 as on a healthy Prometheus.
final class FederationCounters: Sendable {
    private let errors = Atomic<Int>(0)

    func countError() { errors.add(1, ordering: .relaxed) }

    var errorCount: Int { errors.load(ordering: .relaxed) }

    /// Text 0.0.4 lines for `/metrics`.
    func exposition() -> [UInt8] {
        let text = """
            # HELP prometheus_web_federation_errors_total Total number of errors that occurred while sending federation responses.
            # TYPE prometheus_web_federation_errors_total counter
            prometheus_web_federation_errors_total \(errors.load(ordering: .relaxed))
            # HELP prometheus_web_federation_warnings_total Total number of warnings that occurred while sending federation responses.
            # TYPE prometheus_web_federation_warnings_total counter
            prometheus_web_federation_warnings_total 0

            """
        return Array(text.utf8)
    }
}
