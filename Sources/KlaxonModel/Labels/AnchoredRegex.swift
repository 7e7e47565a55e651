/// A fully anchored regular expression (`^(?:pattern)$`, as Prometheus compiles matchers and relabel regexes)
/// with fast paths for common label-matcher shapes; the general case runs on RE2 (`RE2Regex`), in linear time.
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
    private let compiled: RE2Regex?

    public init(_ pattern: String, dotMatchesNewline: Bool = true) throws(RegexError) {
        self.pattern = pattern
        self.dotMatchesNewline = dotMatchesNewline
        let shape = Self.classify(pattern, dotMatchesNewline: dotMatchesNewline)
        self.shape = shape
        // Always compile, so that invalid patterns are rejected even when a fast path would match. Compiled as
        // Prometheus does, so `a)|(b` means what it means there.
        let compiled: RE2Regex
        do {
            compiled = try RE2Regex("^(?:" + pattern + ")$", dotMatchesNewline: dotMatchesNewline)
        } catch {
            throw RegexError(pattern: pattern, message: error.message, argument: error.argument)
        }
        if case .general = shape {
            self.compiled = compiled
        } else {
            self.compiled = nil
        }
    }

    /// The groups of a whole-string match: index 0 is the whole string, then each capture group (`nil` when
    /// the group did not participate), with `groupNames` mapping names of named groups to their index.
    /// `nil` when the string does not match.
    public func match(_ string: String) -> RegexMatch? {
        switch shape {
        case .general:
            return compiled?.firstMatch(in: string)
        default:
            return matches(string) ? RegexMatch(groups: [string], groupNames: [:]) : nil
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
        case .general: return compiled?.matches(string) ?? false
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

/// The groups of a regex match, and Go's `Regexp.Expand` over them.
public struct RegexMatch: Sendable, Hashable {
    public var groups: [String?]
    public var groupNames: [String: Int]

    public init(groups: [String?], groupNames: [String: Int]) {
        self.groups = groups
        self.groupNames = groupNames
    }

    /// Expands `template` as Go's `Regexp.ExpandString` does: `$1`, `${1}`, `$name`, `${name}`, `$$` for `$`.
    /// A `$name` takes the longest run of letters, digits and `_` (so `$1x` names group "1x", which is empty);
    /// a malformed reference keeps the `$` as text; unknown groups expand to nothing. As in Go, digits with a
    /// leading zero (`$01`) or of 1e8 and more are a group name, not a number.
    public func expand(_ template: String) -> String {
        var out = ""
        let scalars = Array(template.unicodeScalars)
        var index = 0
        func isNameScalar(_ scalar: Unicode.Scalar) -> Bool {
            scalar == "_" || scalar.properties.isAlphabetic || scalar.properties.numericType == .decimal
        }
        while index < scalars.count {
            let scalar = scalars[index]
            if scalar != "$" {
                out.unicodeScalars.append(scalar)
                index += 1
                continue
            }
            index += 1
            if index < scalars.count, scalars[index] == "$" {
                out += "$"
                index += 1
                continue
            }
            var name = ""
            var valid = false
            if index < scalars.count, scalars[index] == "{" {
                var end = index + 1
                while end < scalars.count, isNameScalar(scalars[end]) { end += 1 }
                if end < scalars.count, scalars[end] == "}", end > index + 1 {
                    name = String(String.UnicodeScalarView(scalars[(index + 1)..<end]))
                    index = end + 1
                    valid = true
                }
            } else {
                var end = index
                while end < scalars.count, isNameScalar(scalars[end]) { end += 1 }
                if end > index {
                    name = String(String.UnicodeScalarView(scalars[index..<end]))
                    index = end
                    valid = true
                }
            }
            if !valid {
                out += "$"
                continue
            }
            let isNumber =
                name.utf8.allSatisfy { $0 >= 48 && $0 <= 57 } && (name.utf8.count == 1 || name.utf8.first != 48)
            if isNumber, let number = Int(name), number < 100_000_000 {
                if number < groups.count, let group = groups[number] { out += group }
            } else if let position = groupNames[name], position < groups.count, let group = groups[position] {
                out += group
            }
        }
        return out
    }
}
