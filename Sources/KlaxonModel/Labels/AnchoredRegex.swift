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

    /// The groups of a whole-string match: index 0 is the whole string, then each capture group (`nil` when
    /// the group did not participate), with `groupNames` mapping names of named groups to their index.
    /// `nil` when the string does not match.
    public func match(_ string: String) -> RegexMatch? {
        switch shape {
        case .general:
            return compiled?.match(string)
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

    func match(_ string: String) -> RegexMatch? {
        guard let found = try? regex.wholeMatch(in: string) else { return nil }
        return RegexMatch(found.output)
    }

    /// RE2 spells some things differently from Swift's regex syntax (`RE2Translation`).
    static func translate(_ pattern: String) -> String {
        RE2Translation.swiftPattern(pattern)
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

    /// The groups of a Swift regex match (index 0 is the whole match).
    public init(_ output: AnyRegexOutput) {
        var groups: [String?] = []
        var names: [String: Int] = [:]
        groups.reserveCapacity(output.count)
        for (index, element) in output.enumerated() {
            groups.append(element.substring.map(String.init))
            if let name = element.name { names[name] = index }
        }
        self.init(groups: groups, groupNames: names)
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
