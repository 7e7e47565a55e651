public import KlaxonModel

/// Alertmanager's notification `template.Data` for one flush of one group to one receiver.
public struct NotificationData: Sendable {
    public struct AlertData: Sendable {
        public var status: String
        public var labels: Labels
        public var annotations: [String: String]
        public var startsAt: Timestamp
        public var endsAt: Timestamp?
        public var generatorURL: String
        public var fingerprint: String
    }

    public var receiver: String
    public var status: String
    public var alerts: [AlertData]
    public var groupLabels: Labels
    public var commonLabels: Labels
    public var commonAnnotations: [String: String]
    public var externalURL: String

    /// Builds the data like `notify.GetTemplateData`: `receiver` is regexp-quoted, common labels and
    /// annotations are those shared by every alert.
    public init(receiver: String, groupLabels: Labels, alerts: [Alert], externalURL: String, now: Timestamp) {
        self.receiver = quoteMeta(receiver)
        self.groupLabels = groupLabels
        self.externalURL = externalURL
        var anyFiring = false
        self.alerts = alerts.map { alert in
            let resolved = alert.isResolved(at: now)
            if !resolved { anyFiring = true }
            return AlertData(
                status: resolved ? "resolved" : "firing",
                labels: alert.labels,
                annotations: alert.annotations,
                startsAt: alert.startsAt,
                endsAt: alert.endsAt,
                generatorURL: alert.generatorURL,
                fingerprint: fingerprintHex(alert.fingerprint)
            )
        }
        self.status = anyFiring ? "firing" : "resolved"
        if let first = alerts.first {
            var common = first.labels.storage
            var annotations = first.annotations
            for alert in alerts.dropFirst() {
                common.removeAll { alert.labels.value(of: $0.name) != $0.value }
                annotations = annotations.filter { alert.annotations[$0.key] == $0.value }
            }
            self.commonLabels = Labels(sortedUnchecked: common)
            self.commonAnnotations = annotations
        } else {
            self.commonLabels = Labels()
            self.commonAnnotations = [:]
        }
    }

    public var firingCount: Int { alerts.count { $0.status == "firing" } }
}

/// Go's `regexp.QuoteMeta`.
func quoteMeta(_ text: String) -> String {
    var out = ""
    for character in text {
        if "\\.+*?()|[]{}^$".contains(character) { out.append("\\") }
        out.append(character)
    }
    return out
}
