import KlaxonConfig
import KlaxonModel
import KlaxonNotifier
import KlaxonNotify
import KlaxonScrape
import Logging
import Synchronization

/// Hands the rule engine's alerts to the built-in router and to any external Alertmanagers, as Prometheus's
/// notifier does (§1.7): external labels added where absent, then `alert_relabel_configs` (a drop is not sent).
final class Notifier: Sendable {
    struct Settings: Sendable {
        var externalLabels: Labels = .empty
        var relabel: [RelabelConfig] = []
        var external: ExternalAlertmanagers?
    }

    private let settings = Mutex(Settings())
    /// Fingerprints of the alerts last logged as firing, so the log shows transitions, not every re-send.
    private let logged = Mutex<Set<UInt64>>([])
    private let alertmanager: Alertmanager
    private let logger: Logger
    private let metrics: DaemonMetrics

    init(alertmanager: Alertmanager, metrics: DaemonMetrics, logger: Logger) {
        self.alertmanager = alertmanager
        self.metrics = metrics
        self.logger = logger
    }

    func update(_ new: Settings) { settings.withLock { $0 = new } }

    func send(_ alerts: [Alert], at now: Timestamp) async {
        let current = settings.withLock { $0 }
        var outgoing: [Alert] = []
        outgoing.reserveCapacity(alerts.count)
        for var alert in alerts {
            var labels = alert.labels
            for label in current.externalLabels where !labels.has(label.name) {
                labels = labels.setting(label.name, to: label.value)
            }
            if !current.relabel.isEmpty {
                guard let relabeled = Relabel.process(labels, current.relabel) else {
                    metrics.alertsDropped.add(1, ordering: .relaxed)
                    continue
                }
                labels = relabeled
            }
            alert.labels = labels
            outgoing.append(alert)
        }
        guard !outgoing.isEmpty else { return }
        metrics.alertsSent.add(outgoing.count, ordering: .relaxed)
        logTransitions(outgoing, now: now)
        let rejected = await alertmanager.post(outgoing)
        for error in rejected { logger.warning("Alert rejected by the router", metadata: ["err": "\(error)"]) }
        if let external = current.external { await external.send(outgoing) }
    }

    /// One info line when an alert starts firing and one when it resolves (re-sends are not logged).
    private func logTransitions(_ alerts: [Alert], now: Timestamp) {
        for alert in alerts {
            let resolved = alert.isResolved(at: now)
            let fingerprint = alert.fingerprint
            let changed = logged.withLock { set in
                resolved ? set.remove(fingerprint) != nil : set.insert(fingerprint).inserted
            }
            guard changed else { continue }
            logger.info(
                resolved ? "Alert resolved" : "Alert firing",
                metadata: [
                    "alertname": "\(alert.labels["alertname"])", "labels": "\(alert.labels)",
                    "summary": "\(alert.annotations["summary"] ?? "")",
                ]
            )
        }
    }
}
