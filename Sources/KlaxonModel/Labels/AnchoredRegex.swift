/// A fully anchored regular expression (`^(?:pattern)$`) with fast paths for common label-matcher shapes.
///
/// Patterns are RE2 syntax as used by Prometheus; the general case runs on Swift's `Regex`, which accepts the
/// RE2 constructs used in label matchers.
public struct AnchoredRegex: Sendable {
    enum Shape: Sendable {
        case literal(String)
        case alternatives(Set<String>, [String])
        case any  // .*
        case nonEmpty  // .+
        case prefix(String)  // foo.*
        case general
    }

    public let pattern: String
    let shape: Shape
    let dotMatchesNewline: Bool
    private let compiled: CompiledRegex?

    public init(_ pattern: String, dotMatchesNewline: Bool = true) throws {
        self.pattern = pattern
        self.dotMatchesNewline = dotMatchesNewline
        let shape = Self.classify(pattern, dotMatchesNewline: dotMatchesNewline)
        self.shape = shape
        // Always compile, so that invalid patterns are rejected even when a fast path would match.
        let compiled = try CompiledRegex(pattern, dotMatchesNewline: dotMatchesNewline)
        if case .general = shape {
            self.compiled = compiled
        } else {
            self.compiled = nil
        }
    }

    public func matches(_ string: String) -> Bool {
        switch shape {
        case .literal(let literal): return string == literal
        case .alternatives(let set, _): return set.contains(string)
        case .any: return dotMatchesNewline || !string.utf8.contains(UInt8(ascii: "\n"))
        case .nonEmpty: return !string.isEmpty && (dotMatchesNewline || !string.utf8.contains(UInt8(ascii: "\n")))
        case .prefix(let prefix):
            return string.hasPrefix(prefix)
                && (dotMatchesNewline || !string.utf8.dropFirst(prefix.utf8.count).contains(UInt8(ascii: "\n")))
        case .general: return compiled?.wholeMatch(string) ?? false
        }
    }

    /// The exact strings matched, when the pattern is a literal or an alternation of literals.
    public var literalAlternatives: [String]? {
        switch shape {
        case .literal(let literal): return [literal]
        case .alternatives(_, let list): return list
        default: return nil
        }
    }

    private static let metaCharacters: Set<Character> = [
        "\\", ".", "+", "*", "?", "(", ")", "[", "]", "{", "}", "^", "$", "|",
    ]

    private static func isLiteral(_ s: Substring) -> Bool {
        !s.contains { metaCharacters.contains($0) }
    }

    static func classify(_ pattern: String, dotMatchesNewline: Bool) -> Shape {
        if pattern == ".*" { return .any }
        if pattern == ".+" { return .nonEmpty }
        if isLiteral(pattern[...]) { return .literal(pattern) }
        if pattern.hasSuffix(".*") {
            let head = pattern.dropLast(2)
            if isLiteral(head) { return .prefix(String(head)) }
        }
        let parts = pattern.split(separator: "|", omittingEmptySubsequences: false)
        if parts.count > 1, parts.allSatisfy({ isLiteral($0) }) {
            let list = parts.map(String.init)
            return .alternatives(Set(list), list)
        }
        return .general
    }
}

/// Wraps Swift's `Regex` so that the rest of the code does not depend on its generic output type.
struct CompiledRegex: @unchecked Sendable {
    // `Regex` is a value type whose program is immutable after compilation; matching does not mutate it.
    private let regex: Regex<AnyRegexOutput>

    init(_ pattern: String, dotMatchesNewline: Bool) throws {
        do {
            let translated = Self.translate(pattern)
            var regex = try Regex("^(?:" + translated + ")$")
            if dotMatchesNewline { regex = regex.dotMatchesNewlines() }
            self.regex = regex
        } catch {
            throw RegexError(pattern: pattern, message: "\(error)")
        }
    }

    func wholeMatch(_ string: String) -> Bool {
        (try? regex.wholeMatch(in: string)) != nil
    }

    /// RE2 spells some things differently from Swift's regex syntax; rewrite the few that matter.
    static func translate(_ pattern: String) -> String {
        // RE2 named groups `(?P<name>...)` are `(?<name>...)` in Swift.
        pattern.replacing("(?P<", with: "(?<")
    }
}
