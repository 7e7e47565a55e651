public import KlaxonModel

/// Parses a PromQL expression, type-checks it as Prometheus does, and returns its tree.
///
/// Errors render like Prometheus's: `1:17: parse error: unclosed left parenthesis`.
public func parseExpr(_ input: String, options: ParserOptions = .init()) throws(ParseError) -> Expr {
    var parser = Parser(input, options: options)
    let expr = try parser.parseTopLevel()
    let checker = TypeChecker(input: parser.bytes)
    return try checker.check(expr)
}

/// Parses a series selector (`foo{a="b"}`, `{__name__=~"x.*"}`) as used by `match[]` and the test scripts.
public func parseSeriesSelector(
    _ input: String,
    options: ParserOptions = .init()
) throws(ParseError)
    -> [LabelMatcher]
{
    var parser = Parser(input, options: options)
    return try parser.parseSelectorOnly()
}

/// Parses the series part of a test-script `load` line or a promtool input series: `metric{a="b"}` → labels
/// (including `__name__`).
public func parseSeriesDescription(_ input: String) throws(ParseError) -> Labels {
    var parser = Parser(input, options: .init())
    return try parser.parseSeriesLabels()
}

/// A recursive-descent (precedence-climbing) parser over the token array of `Lexer`, with the positions and
/// error texts of Prometheus's goyacc parser.
struct Parser {
    let bytes: [UInt8]
    let options: ParserOptions
    private(set) var tokens: [Token]
    private let lexerError: String
    var index = 0
    /// End of the last closing token consumed (`)`, `}`, `]`, duration, number), as Prometheus's `lastClosing`.
    var lastClosing = 0
    /// Nesting depth of aggregation bodies: goyacc's error recovery reports unexpected tokens there
    /// "in aggregation" (the innermost rule with an `error` production).
    var aggregationDepth = 0

    init(_ input: String, options: ParserOptions) {
        var lexer = Lexer(input, numbersInBrackets: options.numbersAndDurationsInterchangeable)
        tokens = Lexer.tokenize(&lexer)
        bytes = lexer.bytes
        lexerError = lexer.errorMessage
        self.options = options
    }

    // MARK: Tokens

    var current: Token { tokens[index] }

    func peekKind(_ offset: Int = 1) -> TokenKind {
        let i = index + offset
        return i < tokens.count ? tokens[i].kind : .eof
    }

    /// Consumes the current token, throwing the lexer's error if it is an error token.
    @discardableResult
    mutating func advance() throws(ParseError) -> Token {
        let token = tokens[index]
        if token.kind == .error { throw lexError(token) }
        switch token.kind {
        case .rightParen, .rightBrace, .rightBracket, .duration, .number: lastClosing = token.end
        default: break
        }
        if token.kind != .eof { index += 1 }
        return token
    }

    func text(_ token: Token) -> String {
        String(decoding: bytes[token.start..<token.end], as: UTF8.self)
    }

    func error(_ message: String, at range: PositionRange, kind: ParseError.Kind = .syntax) -> ParseError {
        ParseError(kind: kind, message: message, position: range, in: bytes)
    }

    func error(_ message: String, at token: Token) -> ParseError {
        error(message, at: PositionRange(start: token.start, end: token.end))
    }

    private func lexError(_ token: Token) -> ParseError {
        error(lexerError, at: PositionRange(start: token.start, end: bytes.count))
    }

    /// Prometheus's `unexpected(context, expected)`: `unexpected <token> in <context>, expected <expected>`.
    func unexpected(_ token: Token, _ context: String = "", _ expected: String = "") -> ParseError {
        if token.kind == .error { return lexError(token) }
        var message = "unexpected " + describe(token)
        if !context.isEmpty {
            message += " in " + context
        } else if aggregationDepth > 0 {
            message += " in aggregation"
        }
        if !expected.isEmpty { message += ", expected " + expected }
        return error(message, at: token)
    }

    /// Prometheus's `Item.desc()`.
    func describe(_ token: Token) -> String {
        let value = text(token)
        switch token.kind {
        case .eof: return "end of input"
        case .identifier: return "identifier " + goQuote(value)
        case .metricIdentifier: return "metric identifier " + goQuote(value)
        case .number: return "number " + quoteTruncated(value)
        case .string: return "string " + quoteTruncated(value)
        case .duration: return "duration " + quoteTruncated(value)
        default:
            if token.kind.isOperator { return "<op:\(value)>" }
            if token.kind.isAggregator { return "<aggr:\(value)>" }
            if token.kind.isKeyword { return "<\(value)>" }
            return goQuote(value)
        }
    }

    /// Go's `%.10q...` for long token values.
    private func quoteTruncated(_ value: String) -> String {
        if value.utf8.count > 10 { return goQuote(String(value.unicodeScalars.prefix(10))) + "..." }
        return goQuote(value)
    }

    mutating func expect(_ kind: TokenKind, _ context: String, _ expected: String) throws(ParseError) -> Token {
        if current.kind != kind { throw unexpected(current, context, expected) }
        return try advance()
    }

    // MARK: Entry points

    mutating func parseTopLevel() throws(ParseError) -> Expr {
        if current.kind == .eof { throw error("no expression found in input", at: current) }
        let expr = try parseExpression(minPrecedence: 0)
        if current.kind != .eof { throw unexpected(current) }
        return expr
    }

    // MARK: Expressions

    /// Precedence climbing over binary operators; `^` is right-associative, the rest left-associative.
    mutating func parseExpression(minPrecedence: Int) throws(ParseError) -> Expr {
        var lhs = try parseUnary()
        while let op = current.kind.binaryOp, op.precedence >= minPrecedence {
            try advance()
            let modifiers = try parseBinaryModifiers()
            let rhs = try parseExpression(minPrecedence: op.isRightAssociative ? op.precedence : op.precedence + 1)
            lhs = .binary(
                BinaryExpr(
                    op: op,
                    lhs: lhs,
                    rhs: rhs,
                    returnBool: modifiers.returnBool,
                    matching: modifiers.matching,
                    position: PositionRange(start: lhs.position.start, end: rhs.position.end)
                )
            )
        }
        return lhs
    }

    /// A unary `+`/`-` binds like `*` (so `-a ^ b` is `-(a ^ b)`); on a number literal it folds into it.
    mutating func parseUnary() throws(ParseError) -> Expr {
        let kind = current.kind
        guard kind == .add || kind == .sub else { return try parsePostfix(try parsePrimary()) }
        let opToken = try advance()
        let operand = try parseExpression(minPrecedence: BinaryOp.pow.precedence)
        if case .number(var literal) = operand {
            if kind == .sub { literal.value = -literal.value }
            literal.position.start = opToken.start
            return .number(literal)
        }
        return .unary(
            UnaryExpr(
                op: kind == .sub ? .minus : .plus,
                expr: operand,
                position: PositionRange(start: opToken.start, end: operand.position.end)
            )
        )
    }

    mutating func parsePrimary() throws(ParseError) -> Expr {
        let token = current
        switch token.kind {
        case .number:
            try advance()
            return .number(NumberLiteral(value: try number(token), position: range(token)))
        case .duration where options.numbersAndDurationsInterchangeable:
            try advance()
            return .number(NumberLiteral(value: Double(try duration(token)) / 1000, position: range(token)))
        case .string:
            try advance()
            return .string(StringLiteral(value: try unquote(token), position: range(token)))
        case .leftParen:
            try advance()
            let inner = try parseExpression(minPrecedence: 0)
            if current.kind != .rightParen { throw unexpected(current) }
            let close = try advance()
            return .paren(ParenExpr(expr: inner, position: PositionRange(start: token.start, end: close.end)))
        case .leftBrace:
            return .vectorSelector(try parseVectorSelector(name: nil))
        case .identifier where peekKind() == .leftParen,
            .start where peekKind() == .leftParen && options.enableExperimentalFunctions,
            .end where peekKind() == .leftParen && options.enableExperimentalFunctions:
            return try parseCall()
        case .limitk where options.prometheus2Functions, .limitRatio where options.prometheus2Functions:
            // Plain identifiers before 3.x.
            if peekKind() == .leftParen { return try parseCall() }
            try advance()
            return .vectorSelector(try parseVectorSelector(name: token))
        default:
            if token.kind.isAggregator {
                let next = peekKind()
                if next == .leftParen || next == .by || next == .without { return try parseAggregate() }
            }
            if token.kind.canBeMetricName {
                try advance()
                return .vectorSelector(try parseVectorSelector(name: token))
            }
            throw unexpected(token)
        }
    }

    /// Whether a token can begin an operand.
    func canStartExpression(_ kind: TokenKind) -> Bool {
        switch kind {
        case .number, .string, .leftParen, .leftBrace, .add, .sub: return true
        case .duration: return options.numbersAndDurationsInterchangeable
        default: return kind.canBeMetricName
        }
    }

    func range(_ token: Token) -> PositionRange { PositionRange(start: token.start, end: token.end) }

    // MARK: Calls and aggregations

    /// `(a, b, ...)`: a function or aggregation body.
    mutating func parseArguments() throws(ParseError) -> [Expr] {
        _ = try expect(.leftParen, "", "")
        var args: [Expr] = []
        if current.kind == .rightParen {
            try advance()
            return args
        }
        while true {
            args.append(try parseExpression(minPrecedence: 0))
            switch current.kind {
            case .comma:
                let comma = try advance()
                if current.kind == .rightParen {
                    throw error("trailing commas not allowed in function call args", at: comma)
                }
            case .rightParen:
                try advance()
                return args
            default:
                throw unexpected(current, "", "")
            }
        }
    }

    mutating func parseCall() throws(ParseError) -> Expr {
        let nameToken = try advance()
        let args = try parseArguments()
        let name = text(nameToken)
        guard let function = FunctionTable.lookup(name, prometheus2: options.prometheus2Functions) else {
            throw error("unknown function with name \(goQuote(name))", at: nameToken)
        }
        if function.experimental && !options.enableExperimentalFunctions {
            throw error("function \(goQuote(name)) is not enabled", at: nameToken)
        }
        return .call(
            Call(function: function, args: args, position: PositionRange(start: nameToken.start, end: lastClosing))
        )
    }

    mutating func parseAggregate() throws(ParseError) -> Expr {
        let opToken = try advance()
        guard let op = opToken.kind.aggregateOp else { throw unexpected(opToken) }
        if (op == .limitk || op == .limitRatio) && !options.enableExperimentalFunctions {
            throw error(
                "\(op.rawValue)() is experimental and must be enabled with --enable-feature=promql-experimental-functions",
                at: opToken
            )
        }
        aggregationDepth += 1
        defer { aggregationDepth -= 1 }
        var grouping: [String] = []
        var without = false
        var hasModifier = false
        if current.kind == .by || current.kind == .without {
            without = current.kind == .without
            try advance()
            grouping = try parseGroupingLabels()
            hasModifier = true
        }
        let args = try parseArguments()
        if !hasModifier && (current.kind == .by || current.kind == .without) {
            without = current.kind == .without
            try advance()
            grouping = try parseGroupingLabels()
        }
        let position = PositionRange(start: opToken.start, end: lastClosing)
        if args.isEmpty { throw error("no arguments for aggregate expression provided", at: position) }
        let desired = op.takesParameter ? 2 : 1
        if args.count != desired {
            throw error(
                "wrong number of arguments for aggregate expression provided, expected \(desired), got \(args.count)",
                at: position
            )
        }
        return .aggregate(
            AggregateExpr(
                op: op,
                expr: args[desired - 1],
                parameter: op.takesParameter ? args[0] : nil,
                grouping: grouping,
                without: without,
                position: position
            )
        )
    }

    /// `(label, ...)` after `by`, `without`, `on`, `ignoring`, `group_left`, `group_right`.
    mutating func parseGroupingLabels() throws(ParseError) -> [String] {
        _ = try expect(.leftParen, "grouping opts", "\"(\"")
        var labels: [String] = []
        while true {
            let token = current
            if token.kind == .rightParen {
                try advance()
                return labels
            }
            guard token.kind.canBeLabelName, token.kind != .metricIdentifier else {
                throw unexpected(token, "grouping opts", "label")
            }
            try advance()
            labels.append(text(token))
            switch current.kind {
            case .comma: try advance()
            case .rightParen: continue
            default: throw unexpected(current, "grouping opts", "\",\" or \")\"")
            }
        }
    }

    // MARK: Binary modifiers

    struct BinaryModifiers {
        var returnBool = false
        var matching = VectorMatching()
    }

    /// `bool`, `on(...)`/`ignoring(...)`, `group_left(...)`/`group_right(...)`, in that order.
    mutating func parseBinaryModifiers() throws(ParseError) -> BinaryModifiers {
        var modifiers = BinaryModifiers()
        if current.kind == .bool {
            try advance()
            modifiers.returnBool = true
        }
        if current.kind == .on || current.kind == .ignoring {
            modifiers.matching.on = current.kind == .on
            try advance()
            modifiers.matching.matchingLabels = try parseGroupingLabels()
            if current.kind == .groupLeft || current.kind == .groupRight {
                modifiers.matching.cardinality = current.kind == .groupLeft ? .manyToOne : .oneToMany
                try advance()
                if current.kind == .leftParen {
                    modifiers.matching.include = try parseGroupingLabels()
                } else if !canStartExpression(current.kind) {
                    // goyacc recovers through `grouping_labels: error` here.
                    throw unexpected(current, "grouping opts", "\"(\"")
                }
            }
        }
        return modifiers
    }
}
