public import KlaxonModel

/// Alertmanager 0.25's `labels.ParseMatchers` / `ParseMatcher`: the syntax of `matchers:` entries in
/// alertmanager.yml, of `amtool` arguments and of silence filters. One string may hold several matchers,
/// optionally wrapped in braces (`{a="b",c=~"d"}`); values may be quoted, with `\n`, `\"` and `\\` escapes
/// (any other backslash stays literal).
public enum MatcherParser {
    public struct ParseError: Error, Sendable, Equatable, CustomStringConvertible {
        public let description: String
        public init(_ description: String) { self.description = description }
    }

    /// Splits on commas outside double quotes, then parses each part.
    public static func parseMatchers(_ text: String) throws(ParseError) -> [LabelMatcher] {
        var body = Substring(text)
        if body.hasPrefix("{") { body = body.dropFirst() }
        if body.hasSuffix("}") { body = body.dropLast() }
        var tokens: [String] = []
        var token = ""
        var insideQuotes = false
        var escaped = false
        for character in body.unicodeScalars {
            switch character {
            case ",":
                if !insideQuotes {
                    tokens.append(token)
                    token = ""
                    continue
                }
            case "\"":
                if !escaped { insideQuotes.toggle() } else { escaped = false }
            case "\\":
                escaped.toggle()
            default:
                escaped = false
            }
            token.unicodeScalars.append(character)
        }
        let last = trimSpace(Substring(token))
        if !last.isEmpty { tokens.append(String(last)) }
        var matchers: [LabelMatcher] = []
        matchers.reserveCapacity(tokens.count)
        for token in tokens { matchers.append(try parseMatcher(token)) }
        return matchers
    }

    /// One `name op value` matcher (Go's regexp `^\s*([a-zA-Z_:][a-zA-Z0-9_:]*)\s*(=~|=|!=|!~)\s*((?s).*?)\s*$`).
    public static func parseMatcher(_ text: String) throws(ParseError) -> LabelMatcher {
        let scalars = Array(text.unicodeScalars)
        var index = 0
        func skipSpace() { while index < scalars.count && isGoSpace(scalars[index]) { index += 1 } }
        skipSpace()
        let nameStart = index
        while index < scalars.count && isNameScalar(scalars[index], first: index == nameStart) { index += 1 }
        let name = String(String.UnicodeScalarView(scalars[nameStart..<index]))
        skipSpace()
        var type: LabelMatcher.MatchType?
        if index + 1 < scalars.count {
            switch (scalars[index], scalars[index + 1]) {
            case ("=", "~"): type = .regexMatch
            case ("!", "="): type = .notEqual
            case ("!", "~"): type = .regexNoMatch
            default: break
            }
            if type != nil { index += 2 }
        }
        if type == nil && index < scalars.count && scalars[index] == "=" {
            type = .equal
            index += 1
        }
        guard !name.isEmpty, let type else { throw ParseError("bad matcher format: " + text) }
        skipSpace()
        var end = scalars.count
        while end > index && isGoSpace(scalars[end - 1]) { end -= 1 }
        let raw = String(String.UnicodeScalarView(scalars[index..<end]))
        return try makeMatcher(type: type, name: name, rawValue: raw)
    }

    private static func makeMatcher(
        type: LabelMatcher.MatchType,
        name: String,
        rawValue: String
    ) throws(ParseError) -> LabelMatcher {
        var valueScalars = Array(rawValue.unicodeScalars)[...]
        var expectTrailingQuote = false
        if valueScalars.first == "\"" {
            valueScalars = valueScalars.dropFirst()
            expectTrailingQuote = true
        }
        var value = String.UnicodeScalarView()
        var escaped = false
        let lastIndex = valueScalars.endIndex - 1
        for position in valueScalars.indices {
            let scalar = valueScalars[position]
            if escaped {
                escaped = false
                switch scalar {
                case "n": value.append("\n")
                case "\"", "\\": value.append(scalar)
                default:
                    value.append("\\")
                    value.append(scalar)
                }
                continue
            }
            switch scalar {
            case "\\":
                if position < lastIndex {
                    escaped = true
                    continue
                }
                value.append("\\")
            case "\"":
                if !expectTrailingQuote || position < lastIndex {
                    throw ParseError("matcher value contains unescaped double quote: " + rawValue)
                }
                expectTrailingQuote = false
            default:
                value.append(scalar)
            }
        }
        if expectTrailingQuote { throw ParseError("matcher value contains unescaped double quote: " + rawValue) }
        return try matcher(type: type, name: name, value: String(value))
    }

    /// `labels.NewMatcher`: a regex that does not compile is reported as Go does, with the anchored source.
    static func matcher(type: LabelMatcher.MatchType, name: String, value: String) throws(ParseError) -> LabelMatcher {
        do {
            return try LabelMatcher(type, name, value)
        } catch {
            throw ParseError(regexErrorText(pattern: "^(?:" + value + ")$", error: error))
        }
    }

    /// Go's `regexp.Compile(pattern)` error, `error parsing regexp: <why>: `<fragment>``: `RE2Syntax` where Go and
    /// RE2 differ, else RE2's own error in Go's words. Callers pass the pattern as Alertmanager compiles it
    /// (`^(?:…)$` for matchers, as written for a silence's validation).
    static func regexErrorText(pattern: String, error: any Error) -> String {
        if let problem = RE2Syntax.error(inUnanchored: pattern) { return "error parsing regexp: " + problem }
        do {
            _ = try RE2Regex(pattern)
        } catch {
            return error.description
        }
        return "error parsing regexp: \(error): `\(pattern)`"
    }

    private static func isNameScalar(_ scalar: Unicode.Scalar, first: Bool) -> Bool {
        switch scalar {
        case "a"..."z", "A"..."Z", "_", ":": return true
        case "0"..."9": return !first
        default: return false
        }
    }

    /// Go regexp `\s`: `[\t\n\f\r ]`.
    private static func isGoSpace(_ scalar: Unicode.Scalar) -> Bool {
        scalar == " " || scalar == "\t" || scalar == "\n" || scalar == "\r" || scalar == "\u{0C}"
    }

    private static func trimSpace(_ text: Substring) -> Substring {
        var text = text
        while let first = text.unicodeScalars.first, first.properties.isWhitespace { text = text.dropFirst() }
        while let last = text.unicodeScalars.last, last.properties.isWhitespace { text = text.dropLast() }
        return text
    }
}
