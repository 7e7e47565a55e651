public import KlaxonModel

/// `webhook_configs` entry.
public struct WebhookConfig: Sendable, Hashable {
    public var url: String
    public var sendResolved: Bool
    /// 0 = send every alert.
    public var maxAlerts: Int
    /// `http_config` (authorization is sent; TLS and proxy settings are the sender's business).
    public var httpConfig = HTTPClientConfig()

    public init(url: String, sendResolved: Bool = true, maxAlerts: Int = 0) {
        self.url = url
        self.sendResolved = sendResolved
        self.maxAlerts = maxAlerts
    }
}

public enum WebhookPayload {
    /// The version-4 webhook body, byte-compatible with Alertmanager 0.25 (json.Encoder output incl. the
    /// trailing newline). Alerts beyond `maxAlerts` are dropped before the data is built and counted.
    public static func encode(
        receiver: String,
        groupKey: String,
        groupLabels: Labels,
        alerts: [Alert],
        maxAlerts: Int,
        externalURL: String,
        now: Timestamp
    ) -> [UInt8] {
        var kept = alerts
        var truncated = 0
        if maxAlerts > 0 && alerts.count > maxAlerts {
            kept = Array(alerts.prefix(maxAlerts))
            truncated = alerts.count - maxAlerts
        }
        let data = NotificationData(
            receiver: receiver,
            groupLabels: groupLabels,
            alerts: kept,
            externalURL: externalURL,
            now: now
        )
        var json = GoJSONWriter(capacity: 256 + 384 * kept.count)
        json.raw("{\"receiver\":")
        json.string(data.receiver)
        json.raw(",\"status\":")
        json.string(data.status)
        json.raw(",\"alerts\":[")
        for (index, alert) in data.alerts.enumerated() {
            if index > 0 { json.raw(",") }
            json.raw("{\"status\":")
            json.string(alert.status)
            json.raw(",\"labels\":")
            json.labels(alert.labels)
            json.raw(",\"annotations\":")
            json.map(alert.annotations.map { ($0.key, $0.value) })
            json.raw(",\"startsAt\":")
            json.string(Time.rfc3339Nano(alert.startsAt))
            json.raw(",\"endsAt\":")
            json.string(Time.rfc3339Nano(alert.endsAt))
            json.raw(",\"generatorURL\":")
            json.string(alert.generatorURL)
            json.raw(",\"fingerprint\":")
            json.string(alert.fingerprint)
            json.raw("}")
        }
        json.raw("],\"groupLabels\":")
        json.labels(data.groupLabels)
        json.raw(",\"commonLabels\":")
        json.labels(data.commonLabels)
        json.raw(",\"commonAnnotations\":")
        json.map(data.commonAnnotations.map { ($0.key, $0.value) })
        json.raw(",\"externalURL\":")
        json.string(data.externalURL)
        json.raw(",\"version\":\"4\",\"groupKey\":")
        json.string(groupKey)
        json.raw(",\"truncatedAlerts\":")
        json.int(truncated)
        json.raw("}\n")
        return json.bytes
    }
}
