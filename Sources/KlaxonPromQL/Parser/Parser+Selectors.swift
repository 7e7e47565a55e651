import KlaxonModel

extension Parser {
    // MARK: Selectors

    /// `name`, `name{...}` or `{...}`; `name` is the already consumed name token.
    mutating func parseVectorSelector(name nameToken: Token?) throws(ParseError) -> VectorSelector {
        var matchers: [LabelMatcher] = []
        let start = nameToken?.start ?? current.start
        var end = nameToken?.end ?? current.end
        if current.kind == .leftBrace {
            matchers = try parseLabelMatchers()
            end = lastClosing
        }
        var name: String?
        if let nameToken {
            let value = text(nameToken)
            name = value
            matchers.append(.equal(LabelName.metricName, value))
        }
        return VectorSelector(name: name, matchers: matchers, position: PositionRange(start: start, end: end))
    }

    /// `{a="b", c=~"d", ...}`.
    mutating func parseLabelMatchers() throws(ParseError) -> [LabelMatcher] {
        try advance()  // `{`
        var matchers: [LabelMatcher] = []
        while true {
            let nameToken = current
            if nameToken.kind == .rightBrace {
                try advance()
                return matchers
            }
            guard nameToken.kind == .identifier else {
                throw unexpected(nameToken, "label matching", "identifier or \"}\"")
            }
            try advance()
            let type: LabelMatcher.MatchType
            switch current.kind {
            case .assign: type = .equal
            case .neq: type = .notEqual
            case .eqlRegex: type = .regexMatch
            case .neqRegex: type = .regexNoMatch
            default: throw unexpected(current, "label matching", "label matching operator")
            }
            try advance()
            let valueToken = current
            guard valueToken.kind == .string else { throw unexpected(valueToken, "label matching", "string") }
            try advance()
            let value = try unquote(valueToken)
            do {
                matchers.append(
                    try LabelMatcher(type, text(nameToken), value, dotMatchesNewline: options.dotMatchesNewline)
                )
            } catch {
                throw self.error(
                    String(describing: error),
                    at: PositionRange(start: nameToken.start, end: valueToken.end)
                )
            }
            switch current.kind {
            case .comma: try advance()
            case .rightBrace: continue
            default: throw unexpected(current, "label matching", "\",\" or \"}\"")
            }
        }
    }

    // MARK: Postfix: ranges, subqueries, offset, @

    mutating func parsePostfix(_ base: Expr) throws(ParseError) -> Expr {
        var expr = base
        while true {
            switch current.kind {
            case .leftBracket: expr = try parseRangeOrSubquery(expr)
            case .offset: expr = try parseOffset(expr)
            case .at: expr = try parseAt(expr)
            default: return expr
            }
        }
    }

    private mutating func parseRangeOrSubquery(_ expr: Expr) throws(ParseError) -> Expr {
        let open = try advance()
        let rangeToken = current
        guard isDurationToken(rangeToken.kind) else { throw unexpected(rangeToken, "subquery or range", "duration") }
        try advance()
        let range = try durationOrSeconds(rangeToken)
        switch current.kind {
        case .rightBracket:
            let close = try advance()
            let message: String?
            switch expr {
            case .vectorSelector(let selector):
                if selector.offset != 0 {
                    message = "no offset modifiers allowed before range"
                } else if selector.at != nil {
                    message = "no @ modifiers allowed before range"
                } else {
                    message = nil
                }
            default: message = "ranges only allowed for vector selectors"
            }
            if let message { throw error(message, at: PositionRange(start: open.start, end: close.end)) }
            guard case .vectorSelector(let selector) = expr else { throw unexpected(open) }
            return .matrixSelector(
                MatrixSelector(
                    selector: selector,
                    range: range,
                    position: PositionRange(start: expr.position.start, end: close.end)
                )
            )
        case .colon:
            try advance()
            var step: Int64 = 0
            if isDurationToken(current.kind) {
                step = try durationOrSeconds(try advance())
                if current.kind != .rightBracket { throw unexpected(current, "subquery selector", "\"]\"") }
            } else if current.kind != .rightBracket {
                throw unexpected(current, "subquery selector", "duration or \"]\"")
            }
            let close = try advance()
            return .subquery(
                SubqueryExpr(
                    expr: expr,
                    range: range,
                    step: step,
                    position: PositionRange(start: expr.position.start, end: close.end)
                )
            )
        default:
            throw unexpected(current, "subquery or range", "\":\" or \"]\"")
        }
    }

    private mutating func parseOffset(_ expr: Expr) throws(ParseError) -> Expr {
        try advance()
        var negative = false
        if current.kind == .sub {
            try advance()
            negative = true
        }
        guard isDurationToken(current.kind) else { throw unexpected(current, "offset", "duration") }
        var offset = try durationOrSeconds(try advance())
        if negative { offset = -offset }
        let end = lastClosing
        switch expr {
        case .vectorSelector(var selector):
            if selector.offset != 0 { throw error("offset may not be set multiple times", at: expr.position) }
            selector.offset = offset
            selector.position.end = end
            return .vectorSelector(selector)
        case .matrixSelector(var matrix):
            if matrix.selector.offset != 0 { throw error("offset may not be set multiple times", at: expr.position) }
            matrix.selector.offset = offset
            matrix.position.end = end
            return .matrixSelector(matrix)
        case .subquery(var subquery):
            if subquery.offset != 0 { throw error("offset may not be set multiple times", at: expr.position) }
            subquery.offset = offset
            subquery.position.end = end
            return .subquery(subquery)
        default:
            throw error(
                "offset modifier must be preceded by an instant vector selector or range vector selector or a subquery",
                at: expr.position
            )
        }
    }

    private mutating func parseAt(_ expr: Expr) throws(ParseError) -> Expr {
        try advance()
        let modifier: AtModifier
        switch current.kind {
        case .start, .end:
            let isStart = current.kind == .start
            try advance()
            if current.kind != .leftParen { throw unexpected(current, "@", "timestamp") }
            try advance()
            if current.kind != .rightParen { throw unexpected(current, "@", "timestamp") }
            try advance()
            modifier = isStart ? .start : .end
        case .number, .add, .sub, .duration:
            var sign = 1.0
            if current.kind == .add || current.kind == .sub {
                if current.kind == .sub { sign = -1 }
                try advance()
            }
            let token = current
            let seconds: Double
            if token.kind == .number {
                seconds = sign * (try number(try advance()))
            } else if token.kind == .duration && options.numbersAndDurationsInterchangeable {
                seconds = sign * Double(try duration(try advance())) / 1000
            } else {
                throw unexpected(token, "@", "timestamp")
            }
            if !seconds.isFinite || seconds >= 9.223372036854775807e18 || seconds <= -9.223372036854775807e18 {
                throw error("timestamp out of bounds for @ modifier: \(goFormatFixed(seconds))", at: expr.position)
            }
            let ms = (seconds * 1000).rounded()
            // Go converts an out-of-range float to the minimum int64 (amd64), and so do we.
            let inRange = ms < 9_223_372_036_854_775_807.0 && ms >= -9_223_372_036_854_775_808.0
            modifier = .timestamp(inRange ? Int64(ms) : Int64.min)
        default:
            throw unexpected(current, "@", "timestamp")
        }
        let end = lastClosing
        let twice = "@ <timestamp> may not be set multiple times"
        switch expr {
        case .vectorSelector(var selector):
            if selector.at != nil { throw error(twice, at: expr.position) }
            selector.at = modifier
            selector.position.end = end
            return .vectorSelector(selector)
        case .matrixSelector(var matrix):
            if matrix.selector.at != nil { throw error(twice, at: expr.position) }
            matrix.selector.at = modifier
            matrix.position.end = end
            return .matrixSelector(matrix)
        case .subquery(var subquery):
            if subquery.at != nil { throw error(twice, at: expr.position) }
            subquery.at = modifier
            subquery.position.end = end
            return .subquery(subquery)
        default:
            throw error(
                "@ modifier must be preceded by an instant vector selector or range vector selector or a subquery",
                at: expr.position
            )
        }
    }
}
