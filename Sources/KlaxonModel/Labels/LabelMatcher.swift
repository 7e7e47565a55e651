/// A label matcher as in PromQL selectors and Alertmanager matchers.
///
/// Regular expressions are fully anchored. Common shapes (a literal, `a|b|c`, `.*`, `.+`, `prefix.*`) are
/// matched without the regex engine.
public struct LabelMatcher: Sendable, Hashable, CustomStringConvertible {
    public enum MatchType: String, Sendable, Hashable {
        case equal = "="
        case notEqual = "!="
        case regexMatch = "=~"
        case regexNoMatch = "!~"
    }

    public let type: MatchType
    public let name: String
    public let value: String
    private let regex: AnchoredRegex?

    /// - Parameter dotMatchesNewline: Prometheus 3.x makes `.` match `\n` in label regexes; 2.x does not.
    public init(_ type: MatchType, _ name: String, _ value: String, dotMatchesNewline: Bool = true) throws {
        self.type = type
        self.name = name
        self.value = value
        switch type {
        case .equal, .notEqual:
            regex = nil
        case .regexMatch, .regexNoMatch:
            regex = try AnchoredRegex(value, dotMatchesNewline: dotMatchesNewline)
        }
    }

    /// An equality matcher; cannot fail.
    public static func equal(_ name: String, _ value: String) -> LabelMatcher {
        LabelMatcher(uncheckedType: .equal, name: name, value: value)
    }

    public static func notEqual(_ name: String, _ value: String) -> LabelMatcher {
        LabelMatcher(uncheckedType: .notEqual, name: name, value: value)
    }

    private init(uncheckedType: MatchType, name: String, value: String) {
        self.type = uncheckedType
        self.name = name
        self.value = value
        self.regex = nil
    }

    /// Whether the label value `candidate` (`""` when the label is absent) satisfies the matcher.
    public func matches(_ candidate: String) -> Bool {
        switch type {
        case .equal: return candidate == value
        case .notEqual: return candidate != value
        case .regexMatch: return regex?.matches(candidate) ?? false
        case .regexNoMatch: return !(regex?.matches(candidate) ?? false)
        }
    }

    public func matches(_ labels: Labels) -> Bool {
        matches(labels[name])
    }

    /// True when the matcher accepts the empty string (and so accepts series lacking the label).
    public var matchesEmpty: Bool { matches("") }

    public var description: String { name + type.rawValue + goQuote(value) }

    public static func == (lhs: LabelMatcher, rhs: LabelMatcher) -> Bool {
        lhs.type == rhs.type && lhs.name == rhs.name && lhs.value == rhs.value
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(type)
        hasher.combine(name)
        hasher.combine(value)
    }

    /// The literal values this matcher accepts when it is `=` or a regex that is an alternation of literals,
    /// so an index can look them up directly. `nil` when the set is not finite or not known.
    public var setMatches: [String]? {
        switch type {
        case .equal: return [value]
        case .regexMatch: return regex?.literalAlternatives
        default: return nil
        }
    }
}

/// A pattern RE2 does not compile, worded as Go's `regexp/syntax` words it: `message` is the error code's text
/// ("missing closing )") and `argument` the part of the pattern it is about.
public struct RegexError: Error, Sendable, CustomStringConvertible {
    public let pattern: String
    public let message: String
    public let argument: String

    public init(pattern: String, message: String, argument: String) {
        self.pattern = pattern
        self.message = message
        self.argument = argument
    }

    public var description: String { "error parsing regexp: \(message): `\(argument)`" }
}
