/// The parse tree of a template (`text/template/parse/node.go`), reduced to what execution needs.
indirect enum Node: Sendable {
    case text(String)
    case action(Pipe)
    case ifNode(Pipe, [Node], [Node]?)
    case range(Pipe, [Node], [Node]?)
    case with(Pipe, [Node], [Node]?)
    case template(name: String, pipe: Pipe?, pos: Int)
    case breakNode
    case continueNode
}

/// A pipeline, optionally declaring or assigning variables: `$x := a | b c`.
struct Pipe: Sendable, CustomStringConvertible {
    var pos: Int
    var declarations: [String] = []
    var isAssign = false
    var commands: [Command] = []

    var description: String {
        var out = ""
        if !declarations.isEmpty {
            out = declarations.joined(separator: ", ") + (isAssign ? " = " : " := ")
        }
        return out + commands.map(\.description).joined(separator: " | ")
    }
}

/// One command of a pipeline: a function or method name followed by arguments, or a single operand.
struct Command: Sendable, CustomStringConvertible {
    var pos: Int
    var arguments: [Operand] = []
    /// Byte offset of each argument, for errors reported at an argument.
    var positions: [Int] = []

    var description: String {
        arguments.map { argument in
            if case .pipe(let pipe) = argument { return "(\(pipe))" }
            return argument.description
        }.joined(separator: " ")
    }
}

/// An operand: a constant, a name, a field chain or a parenthesised pipeline.
indirect enum Operand: Sendable, CustomStringConvertible {
    case identifier(String)
    /// `.A.b`: field names after the dot.
    case field([String])
    /// `$x.a.b`: the variable and the field names.
    case variable(String, [String])
    case dot
    case null
    case bool(Bool)
    /// A number with its source text.
    case number(TemplateValue, String)
    /// A string with its source text (quotes included).
    case string(String, String)
    case pipe(Pipe)
    /// `(pipeline).a.b`.
    case chain(Operand, [String])

    /// Whether this is a literal constant (Go reports wrong-typed constants as `expected T; found X`).
    var isConstant: Bool {
        switch self {
        case .bool, .number, .string, .null: return true
        default: return false
        }
    }

    var description: String {
        switch self {
        case .identifier(let name): return name
        case .field(let names): return names.map { "." + $0 }.joined()
        case .variable(let name, let fields): return name + fields.map { "." + $0 }.joined()
        case .dot: return "."
        case .null: return "nil"
        case .bool(let b): return b ? "true" : "false"
        case .number(_, let text): return text
        case .string(_, let text): return text
        case .pipe(let pipe): return pipe.description
        case .chain(let node, let fields):
            let base: String
            if case .pipe = node { base = "(\(node))" } else { base = node.description }
            return base + fields.map { "." + $0 }.joined()
        }
    }
}
