internal import KlaxonModel
internal import KlaxonTemplate

/// Alertmanager's template set backed by KlaxonTemplate: the Slack defaults of `default.tmpl` (as
/// documented in COMPATIBILITY §5.7) plus the user's `templates:` files. Renders a config field like
/// `template.ExecuteTextString`: the text becomes a new template that sees every definition, with
/// `missingkey=zero`; empty text renders as empty.
public struct ReceiverTemplates: NotificationTemplates {
    /// The Slack-related definitions of Alertmanager 0.25's default template, with no text between them.
    static let defaults = [
        "{{ define \"__alertmanager\" }}Alertmanager{{ end }}",
        "{{ define \"__alertmanagerURL\" }}{{ .ExternalURL }}/#/alerts?receiver={{ .Receiver | urlquery }}{{ end }}",
        "{{ define \"__subject\" }}[{{ .Status | toUpper }}{{ if eq .Status \"firing\" }}:{{ .Alerts.Firing | len }}{{ end }}] ",
        "{{ .GroupLabels.SortedPairs.Values | join \" \" }} {{ if gt (len .CommonLabels) (len .GroupLabels) }}(",
        "{{ with .CommonLabels.Remove .GroupLabels.Names }}{{ .Values | join \" \" }}{{ end }}){{ end }}{{ end }}",
        "{{ define \"slack.default.title\" }}{{ template \"__subject\" . }}{{ end }}",
        "{{ define \"slack.default.username\" }}{{ template \"__alertmanager\" . }}{{ end }}",
        "{{ define \"slack.default.fallback\" }}{{ template \"slack.default.title\" . }} | ",
        "{{ template \"slack.default.titlelink\" . }}{{ end }}",
        "{{ define \"slack.default.callbackid\" }}{{ end }}",
        "{{ define \"slack.default.pretext\" }}{{ end }}",
        "{{ define \"slack.default.titlelink\" }}{{ template \"__alertmanagerURL\" . }}{{ end }}",
        "{{ define \"slack.default.iconemoji\" }}{{ end }}",
        "{{ define \"slack.default.iconurl\" }}{{ end }}",
        "{{ define \"slack.default.text\" }}{{ end }}",
        "{{ define \"slack.default.footer\" }}{{ end }}",
    ].joined()

    private let set: KlaxonTemplate.AlertmanagerTemplates

    /// `files` are the contents of the `templates:` files, in glob order; their definitions override the
    /// defaults, as later `ParseGlob` files do in Go. Throws Go's parse error of the first file that does not
    /// parse (Alertmanager refuses such a configuration).
    public init(files: [String] = []) throws {
        var set = KlaxonTemplate.AlertmanagerTemplates()
        try set.add(name: "default.tmpl", text: Self.defaults)
        for file in files { try set.add(name: "", text: file) }
        self.set = set
    }

    /// `files` as (base name, text) pairs; errors name the file as Go does (`template: x.tmpl:1: …`).
    public init(namedFiles files: [(name: String, text: String)]) throws {
        var set = KlaxonTemplate.AlertmanagerTemplates()
        try set.add(name: "default.tmpl", text: Self.defaults)
        for file in files { try set.add(name: file.name, text: file.text) }
        self.set = set
    }

    /// Loads the `templates:` globs of a loaded configuration.
    public init(config: AlertmanagerConfig) throws {
        try self.init(namedFiles: try AlertmanagerConfigLoader.templateFiles(config))
    }

    /// Renders a receiver field as Alertmanager's `ExecuteTextString`; empty text renders as empty.
    public func render(_ source: String, data: NotificationData) throws -> String {
        try set.render(source, data: data.templateData)
    }
}

extension NotificationData {
    /// The same data as KlaxonTemplate's model of `template.Data`.
    var templateData: AlertmanagerTemplateData {
        AlertmanagerTemplateData(
            receiver: receiver,
            status: status,
            alerts: alerts.map { alert in
                AlertmanagerTemplateAlert(
                    status: alert.status,
                    labels: alert.labels.dictionary,
                    annotations: alert.annotations,
                    startsAt: alert.startsAt,
                    endsAt: alert.endsAt,
                    generatorURL: alert.generatorURL,
                    fingerprint: alert.fingerprint
                )
            },
            groupLabels: groupLabels.dictionary,
            commonLabels: commonLabels.dictionary,
            commonAnnotations: commonAnnotations,
            externalURL: externalURL
        )
    }
}
