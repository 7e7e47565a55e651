/// Alertmanager's template set (`template.Template`): the `templates:` files parsed into one namespace of
/// `{{define}}`d templates, and receiver fields rendered against it (`ExecuteTextString`).
///
/// Files are added in order; a later definition of the same name replaces an earlier one, as Go's
/// `ParseGlob` does. `Sendable`; rendering is read-only.
public struct AlertmanagerTemplates: Sendable {
    private var definitions: [String: Template.Definition] = [:]
    private let functions: TemplateFunctions

    public init() {
        var all = BuiltinFunctions.all
        all.merge(AlertmanagerFunctions.all)
        functions = all
    }

    /// Parses one template file. `name` is the file's base name, which Go uses in error positions
    /// (`template: slack.tmpl:3: unexpected EOF`).
    public mutating func add(name: String, text: String) throws(TemplateError) {
        let file = try Template(
            name: name,
            text: text,
            allFunctions: functions,
            missingKey: .zero,
            inherited: definitions
        )
        definitions = file.definitions
    }

    /// Names of all defined templates, sorted.
    public var definedTemplates: [String] { definitions.keys.sorted() }

    /// Renders a receiver field (`title: '{{ template "slack.title" . }}'`): the text is parsed under the
    /// empty name with the set's definitions visible, then executed with `missingkey=zero`. Empty text renders
    /// as empty without parsing, as Alertmanager does.
    public func render(_ text: String, data: AlertmanagerTemplateData) throws(TemplateError) -> String {
        if text.isEmpty { return "" }
        let template = try Template(
            name: "",
            text: text,
            allFunctions: functions,
            missingKey: .zero,
            inherited: definitions
        )
        return try template.execute(data.templateValue)
    }
}
