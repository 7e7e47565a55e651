/// A parsed Go `text/template`, ready to execute against data.
///
/// Parsing happens once (errors carry Go's `template: <name>:<line>: ...` text); execution is read-only and the
/// value is `Sendable`, so one template can be expanded concurrently.
public struct Template: Sendable {
    /// Go's `missingkey` option: what a missing map key yields.
    public enum MissingKey: Sendable {
        /// `<no value>` (Go's default).
        case `default`
        /// The element type's zero value (`""` for label maps): Prometheus and Alertmanager use this.
        case zero
        /// An execution error `map has no entry for key "x"`.
        case error
    }

    public let name: String
    public var missingKey: MissingKey
    let root: [Node]
    let definitions: [String: [Node]]
    let functions: TemplateFunctions
    /// Byte offsets of the newlines of the text, for `line:column` in execution errors.
    let newlines: [Int]

    /// Parses `text`. Functions must be known at parse time, as in Go (`function "x" not defined`).
    public init(
        name: String,
        text: String,
        functions: TemplateFunctions = BuiltinFunctions.all,
        missingKey: MissingKey = .default
    ) throws(TemplateError) {
        var all = BuiltinFunctions.all
        all.merge(functions)
        var parser = Parser(name: name, text: text, functions: all.names)
        self.root = try parser.parse()
        self.definitions = parser.definitions
        self.name = name
        self.functions = all
        self.missingKey = missingKey
        var newlines: [Int] = []
        for (offset, byte) in text.utf8.enumerated() where byte == UInt8(ascii: "\n") { newlines.append(offset) }
        self.newlines = newlines
    }

    /// Go's `ErrorContext` position: 1-based line, 0-based byte column.
    func lineAndColumn(_ pos: Int) -> (Int, Int) {
        var before = 0
        while before < newlines.count && newlines[before] < pos { before += 1 }
        let column = before == 0 ? pos : pos - newlines[before - 1] - 1
        return (before + 1, column)
    }

    /// Executes the template with `data` as dot and `$`.
    public func execute(_ data: TemplateValue) throws(TemplateError) -> String {
        var executor = Executor(template: self, overrides: TemplateFunctions())
        return try executor.run(data)
    }

    /// Executes with `overrides` replacing same-named functions for this run only (per-evaluation closures such
    /// as `query`). Functions unknown at parse time cannot be added this way.
    public func execute(_ data: TemplateValue, overriding overrides: TemplateFunctions) throws(TemplateError) -> String
    {
        var executor = Executor(template: self, overrides: overrides)
        return try executor.run(data)
    }

    /// Names of the templates defined with `{{define}}`/`{{block}}`.
    public var definedTemplates: [String] { definitions.keys.sorted() }
}
