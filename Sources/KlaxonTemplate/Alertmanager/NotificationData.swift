/// The data a notification template sees (Alertmanager's `template.Data`), filled by the router.
public struct NotificationData: TemplateObject {
    public var receiver: String
    /// `firing` when any alert fires, else `resolved`.
    public var status: String
    public var alerts: [NotificationAlert]
    public var groupLabels: TemplateKV
    public var commonLabels: TemplateKV
    public var commonAnnotations: TemplateKV
    public var externalURL: String

    public init(
        receiver: String,
        status: String,
        alerts: [NotificationAlert],
        groupLabels: [String: String],
        commonLabels: [String: String],
        commonAnnotations: [String: String],
        externalURL: String
    ) {
        self.receiver = receiver
        self.status = status
        self.alerts = alerts
        self.groupLabels = TemplateKV(groupLabels)
        self.commonLabels = TemplateKV(commonLabels)
        self.commonAnnotations = TemplateKV(commonAnnotations)
        self.externalURL = externalURL
    }

    public var typeName: String { "*template.Data" }
    public var goString: String {
        "&{\(receiver) \(status) \(TemplateAlerts(alerts: alerts).goString) \(groupLabels.goString) "
            + "\(commonLabels.goString) \(commonAnnotations.goString) \(externalURL)}"
    }

    public func member(_ name: String, arguments: [TemplateValue]) throws(TemplateError) -> TemplateValue? {
        switch name {
        case "Receiver": return .string(receiver)
        case "Status": return .string(status)
        case "Alerts": return .object(TemplateAlerts(alerts: alerts))
        case "GroupLabels": return .object(groupLabels)
        case "CommonLabels": return .object(commonLabels)
        case "CommonAnnotations": return .object(commonAnnotations)
        case "ExternalURL": return .string(externalURL)
        default: return nil
        }
    }

    /// The value to execute a notification template with.
    public var templateValue: TemplateValue { .object(self) }
}

/// One alert in a notification (Alertmanager's `template.Alert`).
public struct NotificationAlert: TemplateObject {
    public var status: String
    public var labels: TemplateKV
    public var annotations: TemplateKV
    /// Milliseconds since the epoch.
    public var startsAt: Int64
    /// Milliseconds since the epoch; Go's zero time (`0001-01-01`) when unset is represented by `nil`.
    public var endsAt: Int64?
    public var generatorURL: String
    public var fingerprint: String

    public init(
        status: String,
        labels: [String: String],
        annotations: [String: String],
        startsAt: Int64,
        endsAt: Int64?,
        generatorURL: String,
        fingerprint: String
    ) {
        self.status = status
        self.labels = TemplateKV(labels)
        self.annotations = TemplateKV(annotations)
        self.startsAt = startsAt
        self.endsAt = endsAt
        self.generatorURL = generatorURL
        self.fingerprint = fingerprint
    }

    public var typeName: String { "template.Alert" }
    public var goString: String {
        "{\(status) \(labels.goString) \(annotations.goString) \(GoTime.string(milliseconds: startsAt)) "
            + "\(endsAtValue.goString) \(generatorURL) \(fingerprint)}"
    }

    /// Go's zero `time.Time` is -62135596800 s from the epoch.
    private var endsAtValue: TemplateValue { .time(endsAt ?? -62_135_596_800_000) }

    public func member(_ name: String, arguments: [TemplateValue]) throws(TemplateError) -> TemplateValue? {
        switch name {
        case "Status": return .string(status)
        case "Labels": return .object(labels)
        case "Annotations": return .object(annotations)
        case "StartsAt": return .time(startsAt)
        case "EndsAt": return endsAtValue
        case "GeneratorURL": return .string(generatorURL)
        case "Fingerprint": return .string(fingerprint)
        default: return nil
        }
    }
}

/// Alertmanager's `template.Alerts`: a slice with `Firing` and `Resolved`.
public struct TemplateAlerts: TemplateObject {
    public var alerts: [NotificationAlert]

    public var typeName: String { "template.Alerts" }
    public var goString: String { "[" + alerts.map(\.goString).joined(separator: " ") + "]" }
    public var listElements: [TemplateValue]? { alerts.map { .object($0) } }

    public func member(_ name: String, arguments: [TemplateValue]) throws(TemplateError) -> TemplateValue? {
        switch name {
        case "Firing":
            try TemplateKV.noArguments(name, arguments)
            return .list(alerts.filter { $0.status == "firing" }.map { .object($0) })
        case "Resolved":
            try TemplateKV.noArguments(name, arguments)
            return .list(alerts.filter { $0.status == "resolved" }.map { .object($0) })
        default: return nil
        }
    }
}
