/// A template parse or execution error, rendered exactly as Go's `text/template` renders it.
public struct TemplateError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Kind: Sendable, Equatable {
        /// `template: <name>:<line>: <message>`
        case parse
        /// `template: <name>:<line>:<col>: executing "<name>" at <<node>>: <message>`
        case execution
        /// An error returned by a template function, before the executor wraps it.
        case function
        /// A function argument of the wrong type; the executor reports it at the argument, as Go does.
        case argumentType(index: Int, expected: String)
    }

    public var kind: Kind
    public var message: String

    public init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }

    static func function(_ message: String) -> TemplateError { TemplateError(.function, message) }

    public var description: String { message }
}
