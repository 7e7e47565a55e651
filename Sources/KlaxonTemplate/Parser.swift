/// Recursive-descent parser for Go's `text/template` (`text/template/parse/parse.go`), with Go's error texts.
struct Parser {
    private let name: String
    private let text: String
    private let functions: Set<String>
    private var tokens: [Token]
    private var index = 0
    /// The token whose line Go's `errorf` reports (the last one read or peeked).
    private var lastLine = 1
    private var actionLine = 0
    private var variables: [String] = ["$"]
    private var rangeDepth = 0
    private(set) var definitions: [String: [Node]] = [:]

    init(name: String, text: String, functions: Set<String>) {
        self.name = name
        self.text = text
        self.functions = functions
        self.tokens = Lexer.tokenize(text)
    }

    /// Parses the whole text: the main tree plus `{{define}}`d ones.
    mutating func parse() throws(TemplateError) -> [Node] {
        var root: [Node] = []
        while peek().kind != .eof {
            if peek().kind == .leftDelim, peekAfterDelim()?.kind == .keyword(.define) {
                next()
                nextNonSpace()
                try parseDefinition()
                continue
            }
            switch try textOrAction() {
            case .node(let node): root.append(node)
            case .end: try fail("unexpected {{end}}")
            case .elseClause: try fail("unexpected {{else}}")
            case .nothing: break
            }
        }
        return root
    }

    private func peekAfterDelim() -> Token? {
        var i = index + 1
        while i < tokens.count, tokens[i].kind == .space { i += 1 }
        return i < tokens.count ? tokens[i] : nil
    }

    // MARK: Tokens

    @discardableResult
    private mutating func next() -> Token {
        let token = tokens[min(index, tokens.count - 1)]
        if index < tokens.count { index += 1 }
        lastLine = token.line
        return token
    }

    private mutating func peek() -> Token {
        let token = tokens[min(index, tokens.count - 1)]
        lastLine = token.line
        return token
    }

    @discardableResult
    private mutating func nextNonSpace() -> Token {
        var token = next()
        while token.kind == .space { token = next() }
        return token
    }

    private mutating func peekNonSpace() -> Token {
        let token = nextNonSpace()
        index -= 1
        return token
    }

    private func fail(_ message: String) throws(TemplateError) -> Never {
        throw TemplateError(.parse, "template: \(name):\(lastLine): \(message)")
    }

    private mutating func unexpected(_ token: Token, _ context: String) throws(TemplateError) -> Never {
        if token.kind == .error {
            var extra = ""
            if actionLine != 0 && actionLine != token.line {
                extra = " in \(context)"
                if token.value.hasSuffix(" action") { extra = String(extra.dropFirst(4)) }
            }
            try fail(token.value + extra)
        }
        try fail("unexpected \(token.display) in \(context)")
    }

    @discardableResult
    private mutating func expect(_ kind: Token.Kind, _ context: String) throws(TemplateError) -> Token {
        let token = nextNonSpace()
        if token.kind != kind { try unexpected(token, context) }
        return token
    }

    // MARK: Structure

    private enum Item {
        case node(Node)
        case end
        case elseClause(isElseIf: Bool)
        case nothing
    }

    private mutating func parseDefinition() throws(TemplateError) {
        let context = "define clause"
        let token = nextNonSpace()
        guard token.kind == .string || token.kind == .rawString else { try unexpected(token, context) }
        let defined = try unquote(token)
        try expect(.rightDelim, context)
        let saved = variables
        variables = ["$"]
        let (list, end) = try itemList()
        variables = saved
        if case .end = end {} else { try fail("unexpected {{else}} in \(context)") }
        definitions[defined] = list
    }

    private mutating func itemList() throws(TemplateError) -> ([Node], Item) {
        var list: [Node] = []
        while peekNonSpace().kind != .eof {
            let item = try textOrAction()
            switch item {
            case .node(let node): list.append(node)
            case .end, .elseClause: return (list, item)
            case .nothing: break
            }
        }
        try fail("unexpected EOF")
    }

    private mutating func textOrAction() throws(TemplateError) -> Item {
        let token = nextNonSpace()
        switch token.kind {
        case .text: return .node(.text(token.value))
        case .leftDelim:
            actionLine = token.line
            defer { actionLine = 0 }
            return try action()
        case .error: try fail(token.value)
        default: try unexpected(token, "input")
        }
    }

    private mutating func action() throws(TemplateError) -> Item {
        let token = nextNonSpace()
        if case .keyword(let keyword) = token.kind {
            switch keyword {
            case .block: return .node(try blockControl())
            case .break:
                if rangeDepth == 0 { try fail("{{break}} outside {{range}}") }
                try expect(.rightDelim, "{{break}}")
                return .node(.breakNode)
            case .continue:
                if rangeDepth == 0 { try fail("{{continue}} outside {{range}}") }
                try expect(.rightDelim, "{{continue}}")
                return .node(.continueNode)
            case .else:
                if peekNonSpace().kind == .keyword(.if) { return .elseClause(isElseIf: true) }
                try expect(.rightDelim, "else")
                return .elseClause(isElseIf: false)
            case .end:
                try expect(.rightDelim, "end")
                return .end
            case .if: return .node(try control(.if))
            case .range: return .node(try control(.range))
            case .with: return .node(try control(.with))
            case .template: return .node(try templateControl())
            case .define: try unexpected(token, "command")
            }
        }
        index -= 1
        let pipe = try pipeline("command", end: .rightDelim)
        return .node(.action(pipe))
    }

    private mutating func control(_ keyword: Token.Keyword) throws(TemplateError) -> Node {
        let context = keyword.rawValue
        let savedVariables = variables.count
        defer { variables.removeLast(variables.count - savedVariables) }
        let pipe = try pipeline(context, end: .rightDelim)
        if keyword == .range { rangeDepth += 1 }
        var (list, next) = try itemList()
        if keyword == .range { rangeDepth -= 1 }
        var elseList: [Node]?
        if case .elseClause(let isElseIf) = next {
            if isElseIf && keyword == .if {
                // {{if a}}_{{else if b}}_{{end}} is {{if a}}_{{else}}{{if b}}_{{end}}{{end}}.
                nextNonSpace()
                elseList = [try control(.if)]
                next = .end
            } else if isElseIf {
                try fail("unexpected <if> in else")
            } else {
                let (list2, end) = try itemList()
                elseList = list2
                if case .end = end {} else { try fail("expected end; found {{else}}") }
            }
        }
        _ = next
        switch keyword {
        case .if: return .ifNode(pipe, list, elseList)
        case .range: return .range(pipe, list, elseList)
        default: return .with(pipe, list, elseList)
        }
    }

    private mutating func templateControl() throws(TemplateError) -> Node {
        let context = "template clause"
        let token = nextNonSpace()
        guard token.kind == .string || token.kind == .rawString else { try unexpected(token, context) }
        let called = try unquote(token)
        var pipe: Pipe?
        if nextNonSpace().kind != .rightDelim {
            index -= 1
            pipe = try pipeline(context, end: .rightDelim)
        }
        return .template(name: called, pipe: pipe, pos: token.pos)
    }

    private mutating func blockControl() throws(TemplateError) -> Node {
        let context = "block clause"
        let token = nextNonSpace()
        guard token.kind == .string || token.kind == .rawString else { try unexpected(token, context) }
        let called = try unquote(token)
        let pipe = try pipeline(context, end: .rightDelim)
        let saved = variables
        variables = ["$"]
        let (list, end) = try itemList()
        variables = saved
        if case .end = end {} else { try fail("unexpected {{else}} in \(context)") }
        definitions[called] = list
        return .template(name: called, pipe: pipe, pos: token.pos)
    }

    // MARK: Pipelines

    private mutating func pipeline(_ context: String, end: Token.Kind) throws(TemplateError) -> Pipe {
        var pipe = Pipe(pos: peekNonSpace().pos)
        declarations: while peekNonSpace().kind == .variable {
            let saved = index
            let variable = nextNonSpace()
            let following = peekNonSpace()
            if following.kind == .assign || following.kind == .declare {
                pipe.isAssign = following.kind == .assign
                nextNonSpace()
                pipe.declarations.append(variable.value)
                variables.append(variable.value)
            } else if following.kind == .char && following.value == "," {
                nextNonSpace()
                pipe.declarations.append(variable.value)
                variables.append(variable.value)
                if context == "range" && pipe.declarations.count < 2 {
                    switch peekNonSpace().kind {
                    case .variable, .rightDelim, .rightParen: continue declarations
                    default: try fail("range can only initialize variables")
                    }
                }
                try fail("too many declarations in \(context)")
            } else {
                index = saved
            }
            break
        }
        while true {
            let token = nextNonSpace()
            if token.kind == end {
                if pipe.commands.isEmpty { try fail("missing value for \(context)") }
                for (i, command) in pipe.commands.enumerated().dropFirst() {
                    switch command.arguments.first {
                    case .bool, .dot, .null, .number, .string:
                        try fail("non executable command in pipeline stage \(i + 1)")
                    default: break
                    }
                }
                return pipe
            }
            switch token.kind {
            case .bool, .charConstant, .dot, .field, .identifier, .number, .nilKeyword, .rawString, .string,
                .variable, .leftParen:
                index -= 1
                pipe.commands.append(try command())
            default:
                try unexpected(token, context)
            }
        }
    }

    private mutating func command() throws(TemplateError) -> Command {
        var command = Command(pos: peekNonSpace().pos)
        while true {
            let position = peekNonSpace().pos
            if let (operand, chainPosition) = try operand() {
                command.arguments.append(operand)
                command.positions.append(chainPosition ?? position)
            }
            let token = next()
            switch token.kind {
            case .space: continue
            case .rightDelim, .rightParen: index -= 1
            case .pipe: break
            default: try unexpected(token, "operand")
            }
            break
        }
        if command.arguments.isEmpty { try fail("empty command") }
        return command
    }

    /// An operand and, when fields follow a term, the position of the first of them (Go's chain position).
    private mutating func operand() throws(TemplateError) -> (Operand, Int?)? {
        guard let node = try term() else { return nil }
        guard peek().kind == .field else { return (node, nil) }
        let chainPosition = peek().pos
        var fields: [String] = []
        while peek().kind == .field { fields.append(String(next().value.dropFirst())) }
        switch node {
        case .field(let base): return (.field(base + fields), chainPosition)
        case .variable(let name, let base): return (.variable(name, base + fields), chainPosition)
        case .bool, .string, .number, .null, .dot:
            try fail("unexpected . after term \(GoPrintf.quote(node.description))")
        default: return (.chain(node, fields), chainPosition)
        }
    }

    private mutating func term() throws(TemplateError) -> Operand? {
        let token = nextNonSpace()
        switch token.kind {
        case .identifier:
            if !functions.contains(token.value) { try fail("function \(GoPrintf.quote(token.value)) not defined") }
            return .identifier(token.value)
        case .dot: return .dot
        case .nilKeyword: return .null
        case .variable:
            if !variables.contains(token.value) { try fail("undefined variable \(GoPrintf.quote(token.value))") }
            return .variable(token.value, [])
        case .field: return .field([String(token.value.dropFirst())])
        case .bool: return .bool(token.value == "true")
        case .number, .charConstant: return try number(token)
        case .leftParen: return .pipe(try pipeline("parenthesized pipeline", end: .rightParen))
        case .string, .rawString: return .string(try unquote(token), token.value)
        default:
            index -= 1
            return nil
        }
    }

    private mutating func number(_ token: Token) throws(TemplateError) -> Operand {
        let text = token.value
        if token.kind == .charConstant {
            let inner = try unquote(
                Token(kind: .string, pos: token.pos, value: "\"" + text.dropFirst().dropLast() + "\"", line: token.line)
            )
            guard inner.unicodeScalars.count == 1, let scalar = inner.unicodeScalars.first else {
                try fail("malformed character constant: \(text)")
            }
            return .number(.int(Int(scalar.value)), text)
        }
        let cleaned = text.replacingUnderscores()
        let isFloatSyntax =
            !cleaned.lowercased().hasPrefix("0x") && !cleaned.hasPrefix("-0x")
            && cleaned.contains(where: { $0 == "." || $0 == "e" || $0 == "E" })
        if !isFloatSyntax, let int = Self.parseInt(cleaned) { return .number(.int(int), text) }
        if let double = Double(cleaned), !cleaned.lowercased().contains("x") { return .number(.float(double), text) }
        if let int = Self.parseInt(cleaned) { return .number(.int(int), text) }
        try fail("illegal number syntax: \(GoPrintf.quote(text))")
    }

    private static func parseInt(_ text: String) -> Int? {
        var body = Substring(text)
        var negative = false
        if body.hasPrefix("+") || body.hasPrefix("-") {
            negative = body.hasPrefix("-")
            body = body.dropFirst()
        }
        let value: Int?
        if body.lowercased().hasPrefix("0x") {
            value = Int(body.dropFirst(2), radix: 16)
        } else {
            value = Int(body, radix: 10)
        }
        guard let value else { return nil }
        return negative ? -value : value
    }

    /// Go's `strconv.Unquote` for string and raw-string tokens.
    private mutating func unquote(_ token: Token) throws(TemplateError) -> String {
        let bytes = Array(token.value.utf8)
        guard bytes.count >= 2 else { try fail("invalid syntax") }
        let inner = bytes[1..<(bytes.count - 1)]
        if token.kind == .rawString { return String(decoding: inner, as: UTF8.self) }
        var out: [UInt8] = []
        var i = inner.startIndex
        while i < inner.endIndex {
            let b = inner[i]
            i += 1
            guard b == UInt8(ascii: "\\") else {
                out.append(b)
                continue
            }
            guard i < inner.endIndex else { try fail("invalid syntax") }
            let e = inner[i]
            i += 1
            switch e {
            case UInt8(ascii: "n"): out.append(0x0A)
            case UInt8(ascii: "t"): out.append(0x09)
            case UInt8(ascii: "r"): out.append(0x0D)
            case UInt8(ascii: "a"): out.append(0x07)
            case UInt8(ascii: "b"): out.append(0x08)
            case UInt8(ascii: "f"): out.append(0x0C)
            case UInt8(ascii: "v"): out.append(0x0B)
            case UInt8(ascii: "\\"), UInt8(ascii: "\""), UInt8(ascii: "'"): out.append(e)
            case UInt8(ascii: "x"), UInt8(ascii: "u"), UInt8(ascii: "U"):
                let count = e == UInt8(ascii: "x") ? 2 : (e == UInt8(ascii: "u") ? 4 : 8)
                guard i + count <= inner.endIndex,
                    let code = UInt32(String(decoding: inner[i..<(i + count)], as: UTF8.self), radix: 16)
                else { try fail("invalid syntax") }
                i += count
                if e == UInt8(ascii: "x") {
                    out.append(UInt8(truncatingIfNeeded: code))
                } else if let scalar = Unicode.Scalar(code) {
                    out.append(contentsOf: String(Character(scalar)).utf8)
                } else {
                    try fail("invalid syntax")
                }
            default: try fail("invalid syntax")
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}

extension String {
    fileprivate func replacingUnderscores() -> String { String(self.filter { $0 != "_" }) }
}
