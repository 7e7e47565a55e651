/// A fully anchored regular expression (`^(?:pattern)$`, as Prometheus compiles matchers and relabel regexes)
/// with fast paths for common label-matcher shapes; the general case runs on RE2 (`RE2Regex`), in linear time.
public struct AnchoredRegex: Sendable {
    enum Shape: Sendable {
        case literal(String)
        case alternatives([String])  // a|b|c: matched by RE2, listed for index lookups
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
        switch shape {
        case .general, .alternatives: self.compiled = compiled
        default: self.compiled = nil
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

    /// Whether the whole of `string` matches. The fast paths compare UTF-8 bytes, as Go does: Swift's `==` and
    /// `hasPrefix` compare by canonical equivalence (`é` and `e` + U+0301 are equal there, not in Go).
    public func matches(_ string: String) -> Bool {
        switch shape {
        case .literal(let literal): return string.utf8.elementsEqual(literal.utf8)
        case .any: return dotMatchesNewline || !string.utf8.contains(UInt8(ascii: "\n"))
        case .nonEmpty: return !string.isEmpty && (dotMatchesNewline || !string.utf8.contains(UInt8(ascii: "\n")))
        case .prefix(let prefix):
            return string.utf8.starts(with: prefix.utf8)
                && (dotMatchesNewline || !string.utf8.dropFirst(prefix.utf8.count).contains(UInt8(ascii: "\n")))
        case .general, .alternatives: return compiled?.matches(string) ?? false
        }
    }

    /// The exact strings matched, when the pattern is a literal or an alternation of literals.
    public var literalAlternatives: [String]? {
        switch shape {
        case .literal(let literal): return [literal]
        case .alternatives(let list): return list
        default: return nil
        }
    }

    /// RE2's metacharacters, as bytes: a pattern is classified on its UTF-8 bytes, never on Swift `Character`s (a
    /// `.` or `|` followed by a combining mark is one `Character` that is neither).
    private static func isMeta(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "\\"), UInt8(ascii: "."), UInt8(ascii: "+"), UInt8(ascii: "*"), UInt8(ascii: "?"),
            UInt8(ascii: "("), UInt8(ascii: ")"), UInt8(ascii: "["), UInt8(ascii: "]"), UInt8(ascii: "{"),
            UInt8(ascii: "}"), UInt8(ascii: "^"), UInt8(ascii: "$"), UInt8(ascii: "|"):
            return true
        default:
            return false
        }
    }

    private static func isLiteral(_ bytes: ArraySlice<UInt8>) -> Bool {
        !bytes.contains(where: isMeta)
    }

    static func classify(_ pattern: String, dotMatchesNewline: Bool) -> Shape {
        let bytes = Array(pattern.utf8)
        let dotStar: [UInt8] = [UInt8(ascii: "."), UInt8(ascii: "*")]
        if bytes == dotStar { return .any }
        if bytes == [UInt8(ascii: "."), UInt8(ascii: "+")] { return .nonEmpty }
        if isLiteral(bytes[...]) { return .literal(pattern) }
        if bytes.count >= 2, bytes.suffix(2).elementsEqual(dotStar), isLiteral(bytes.dropLast(2)) {
            return .prefix(String(decoding: bytes.dropLast(2), as: UTF8.self))
        }
        let parts = bytes.split(separator: UInt8(ascii: "|"), omittingEmptySubsequences: false)
        if parts.count > 1, parts.allSatisfy({ isLiteral($0) }) {
            return .alternatives(parts.map { String(decoding: $0, as: UTF8.self) })
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
