import KlaxonModel

extension Parser {
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
