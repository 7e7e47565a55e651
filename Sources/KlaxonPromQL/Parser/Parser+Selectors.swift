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
        guard rangeToken.kind == .duration else { throw unexpected(rangeToken, "subquery or range", "duration") }
        try advance()
        let range = try duration(rangeToken)
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
            if current.kind == .duration {
                step = try duration(try advance())
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
        guard current.kind == .duration else { throw unexpected(current, "offset", "duration") }
        var offset = try duration(try advance())
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
        case .number, .add, .sub:
            var sign = 1.0
            if current.kind != .number {
                if current.kind == .sub { sign = -1 }
                try advance()
                if current.kind != .number { throw unexpected(current, "@", "timestamp") }
            }
            let seconds = sign * (try number(try advance()))
            if !seconds.isFinite || seconds >= 9.223372036854775807e18 || seconds <= -9.223372036854775807e18 {
                throw error("timestamp out of bounds for @ modifier: \(goFormatF(seconds))", at: expr.position)
            }
            let ms = (seconds * 1000).rounded()
            modifier = .timestamp(ms >= 9.2e18 ? Int64.max : ms <= -9.2e18 ? Int64.min : Int64(ms))
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

    // MARK: Literals

    /// Go's `strconv.ParseInt(s, 0, 64)` then `ParseFloat(s, 64)`.
    func number(_ token: Token) throws(ParseError) -> Double {
        let slice = bytes[token.start..<token.end]
        if let value = parseGoInteger(slice) { return value }
        let string = text(token)
        if let value = Double(string), !isHexFloat(slice) {
            if value.isInfinite && !isInfWord(slice) {
                throw error(
                    "error parsing number: strconv.ParseFloat: parsing \(goQuote(string)): value out of range",
                    at: token
                )
            }
            return value
        }
        throw error("error parsing number: strconv.ParseFloat: parsing \(goQuote(string)): invalid syntax", at: token)
    }

    private func isHexFloat(_ s: ArraySlice<UInt8>) -> Bool {
        s.count > 1 && s[s.startIndex] == UInt8(ascii: "0")
            && (s[s.startIndex + 1] | 0x20) == UInt8(ascii: "x")
    }

    private func isInfWord(_ s: ArraySlice<UInt8>) -> Bool {
        s.contains { $0 | 0x20 == UInt8(ascii: "i") }
    }

    /// Integers in Go syntax with base prefix (`0x1f`, `017` octal); nil when not an integer that fits Int64.
    private func parseGoInteger(_ s: ArraySlice<UInt8>) -> Double? {
        guard let first = s.first, isDigit(first) else { return nil }
        var base: Int64 = 10
        var digits = s
        if first == UInt8(ascii: "0") && s.count > 1 {
            let second = s[s.startIndex + 1] | 0x20
            if second == UInt8(ascii: "x") {
                base = 16
                digits = s.dropFirst(2)
            } else {
                base = 8
                digits = s.dropFirst(1)
            }
        }
        if digits.isEmpty { return nil }
        var value: Int64 = 0
        for c in digits {
            let d: Int64
            if isDigit(c) {
                d = Int64(c - UInt8(ascii: "0"))
            } else if base == 16 && (c | 0x20) >= UInt8(ascii: "a") && (c | 0x20) <= UInt8(ascii: "f") {
                d = Int64((c | 0x20) - UInt8(ascii: "a")) + 10
            } else {
                return nil
            }
            if d >= base { return nil }
            let (m, o1) = value.multipliedReportingOverflow(by: base)
            let (a, o2) = m.addingReportingOverflow(d)
            if o1 || o2 { return nil }
            value = a
        }
        return Double(value)
    }

    /// A duration token in milliseconds; zero is rejected as Prometheus's `parseDuration` does.
    func duration(_ token: Token) throws(ParseError) -> Int64 {
        let string = text(token)
        guard let parsed = PromDuration(parsing: string) else {
            throw error("not a valid duration string: \(goQuote(string))", at: token)
        }
        if parsed.milliseconds == 0 { throw error("duration must be greater than 0", at: token) }
        return parsed.milliseconds
    }

    /// Go's `strconv.Unquote` for `"..."`, `'...'` and raw `` `...` `` strings (escapes validated by the lexer).
    func unquote(_ token: Token) throws(ParseError) -> String {
        let start = token.start + 1
        let end = token.end - 1
        guard start <= end else { return "" }
        if bytes[token.start] == UInt8(ascii: "`") || !bytes[start..<end].contains(UInt8(ascii: "\\")) {
            return String(decoding: bytes[start..<end], as: UTF8.self)
        }
        var out: [UInt8] = []
        out.reserveCapacity(end - start)
        var i = start
        while i < end {
            let c = bytes[i]
            i += 1
            guard c == UInt8(ascii: "\\"), i < end else {
                out.append(c)
                continue
            }
            let e = bytes[i]
            i += 1
            switch e {
            case UInt8(ascii: "a"): out.append(0x07)
            case UInt8(ascii: "b"): out.append(0x08)
            case UInt8(ascii: "f"): out.append(0x0C)
            case UInt8(ascii: "n"): out.append(0x0A)
            case UInt8(ascii: "r"): out.append(0x0D)
            case UInt8(ascii: "t"): out.append(0x09)
            case UInt8(ascii: "v"): out.append(0x0B)
            case UInt8(ascii: "0")...UInt8(ascii: "7"):
                var value = UInt32(e - UInt8(ascii: "0"))
                for _ in 0..<2 where i < end {
                    value = value * 8 + UInt32(bytes[i] - UInt8(ascii: "0"))
                    i += 1
                }
                out.append(UInt8(truncatingIfNeeded: value))
            case UInt8(ascii: "x"), UInt8(ascii: "u"), UInt8(ascii: "U"):
                let count = e == UInt8(ascii: "x") ? 2 : e == UInt8(ascii: "u") ? 4 : 8
                var value: UInt32 = 0
                for _ in 0..<count where i < end {
                    let h = bytes[i] | 0x20
                    value = value * 16 + UInt32(isDigit(bytes[i]) ? bytes[i] - 48 : h - UInt8(ascii: "a") + 10)
                    i += 1
                }
                if e == UInt8(ascii: "x") {
                    out.append(UInt8(truncatingIfNeeded: value))
                } else if let scalar = Unicode.Scalar(value) {
                    out.append(contentsOf: Array(String(Character(scalar)).utf8))
                }
            default: out.append(e)
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    // MARK: Series selectors and descriptions

    /// A lone vector selector (Prometheus's `ParseMetricSelector`): no type check, nothing after it.
    mutating func parseSelectorOnly() throws(ParseError) -> [LabelMatcher] {
        let token = current
        let selector: VectorSelector
        if token.kind == .leftBrace {
            selector = try parseVectorSelector(name: nil)
        } else if token.kind.canBeMetricName {
            try advance()
            selector = try parseVectorSelector(name: token)
        } else {
            throw unexpected(token)
        }
        if current.kind != .eof { throw unexpected(current) }
        return selector.matchers
    }

    /// `metric{a="b", ...}` with `=` only.
    mutating func parseSeriesLabels() throws(ParseError) -> Labels {
        var labels: [Label] = []
        let token = current
        if token.kind.canBeMetricName {
            try advance()
            labels.append(Label(LabelName.metricName, text(token)))
        } else if token.kind != .leftBrace {
            throw unexpected(token)
        }
        if current.kind == .leftBrace {
            try advance()
            while current.kind != .rightBrace {
                let nameToken = current
                guard nameToken.kind == .identifier else {
                    throw unexpected(nameToken, "label set", "identifier or \"}\"")
                }
                try advance()
                if current.kind != .assign { throw unexpected(current, "label set", "\"=\"") }
                try advance()
                let valueToken = current
                guard valueToken.kind == .string else { throw unexpected(valueToken, "label set", "string") }
                try advance()
                labels.append(Label(text(nameToken), try unquote(valueToken)))
                if current.kind == .comma {
                    try advance()
                } else if current.kind != .rightBrace {
                    throw unexpected(current, "label set", "\",\" or \"}\"")
                }
            }
            try advance()
        }
        if current.kind != .eof { throw unexpected(current) }
        return Labels(labels)
    }
}

/// Go's `%f` (six decimals) for the values the parser reports.
func goFormatF(_ value: Double) -> String {
    if value.isNaN { return "NaN" }
    if value.isInfinite { return value < 0 ? "-Inf" : "+Inf" }
    let negative = value < 0
    let magnitude = abs(value)
    // Integer part via repeated division of a decimal digit array (exact for doubles of any size).
    var digits: [UInt8] = []
    var integer = magnitude.rounded(.towardZero)
    var fraction = magnitude - integer
    var micro = (fraction * 1_000_000).rounded()
    if micro >= 1_000_000 {
        integer += 1
        micro = 0
    }
    fraction = micro
    if integer == 0 { digits = [0] }
    while integer >= 1 {
        let q = (integer / 10).rounded(.towardZero)
        let r = integer - q * 10
        digits.append(UInt8(max(0, min(9, r))))
        integer = q
    }
    var out = negative ? "-" : ""
    for d in digits.reversed() { out.append(Character(Unicode.Scalar(d + 48))) }
    let frac = String(Int(fraction))
    out += "." + String(repeating: "0", count: 6 - frac.count) + frac
    return out
}
