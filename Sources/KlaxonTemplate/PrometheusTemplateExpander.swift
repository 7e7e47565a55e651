/// Expands a Prometheus alerting-rule label or annotation template (`rules/alerting.go` @ 2.42).
///
/// The text is parsed once, at rule load, behind the prelude that defines `$labels`, `$externalLabels`,
/// `$externalURL` and `$value`, with `missingkey=zero`. Expansion never throws: failures become Prometheus's
/// `<error expanding template: ...>` text. `Sendable`; one expander may be used concurrently.
public struct PrometheusTemplateExpander: Sendable {
    public static let prelude =
        "{{$labels := .Labels}}{{$externalLabels := .ExternalLabels}}{{$externalURL := .ExternalURL}}{{$value := .Value}}"

    public let name: String
    private let template: Template

    /// Parses `text` under the name `__alert_<alertname>`. The error's message is Go's
    /// (`template: __alert_X:1: unclosed action`), as `promtool check rules` prints after `annotation "k": `.
    public init(alertName: String, text: String) throws(TemplateError) {
        self.name = "__alert_" + alertName
        self.template = try Template(
            name: name,
            text: Self.prelude + text,
            functions: PrometheusFunctions.names,
            missingKey: .zero
        )
    }

    /// Expands for one alert instance.
    ///
    /// - Parameters:
    ///   - labels: the alert's sample labels (`$labels`).
    ///   - value: the sample value (`$value`).
    ///   - query: runs an instant query at the rule's evaluation time, for `query`; nil makes `query` fail.
    public func expand(
        labels: [String: String],
        externalLabels: [String: String] = [:],
        externalURL: String = "",
        value: Double,
        query: TemplateQueryFunction? = nil
    ) -> String {
        let data = AlertTemplateData(
            labels: labels,
            externalLabels: externalLabels,
            externalURL: externalURL,
            value: value
        )
        do {
            return try template.execute(
                .object(data),
                overriding: PrometheusFunctions.contextual(query: query, externalURL: externalURL)
            )
        } catch {
            return "<error expanding template: error executing template \(name): \(error.message)>"
        }
    }
}

/// The dot of an alert template: Prometheus's anonymous struct with `Labels`, `ExternalLabels`, `ExternalURL`
/// and `Value`.
struct AlertTemplateData: TemplateObject {
    var labels: [String: String]
    var externalLabels: [String: String]
    var externalURL: String
    var value: Double

    var typeName: String {
        "struct { Labels map[string]string; ExternalLabels map[string]string; ExternalURL string; Value float64 }"
    }

    var goString: String {
        "{\(TemplateValue.stringMap(labels).goString) \(TemplateValue.stringMap(externalLabels).goString) "
            + "\(externalURL) \(TemplateValue.float(value).goString)}"
    }

    func member(_ name: String, arguments: [TemplateValue]) throws(TemplateError) -> TemplateValue? {
        switch name {
        case "Labels": return .stringMap(labels)
        case "ExternalLabels": return .stringMap(externalLabels)
        case "ExternalURL": return .string(externalURL)
        case "Value": return .float(value)
        default: return nil
        }
    }
}
