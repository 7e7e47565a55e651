/// The syntax errors of Go's `regexp/syntax` (RE2 with Perl flags, Go 1.19) worded as Go words them, with Go's
/// positions, so that matchers, relabel and template regexes are rejected exactly where Prometheus rejects them.
/// Matching itself is RE2's (`RE2Regex`); this checker covers where Go and the C++ RE2 differ: RE2 accepts `\C`
/// and the scripts of newer Unicode versions, and words a few errors differently.
///
/// Unicode class names (`\p{Greek}`) are checked against Go 1.19's tables (`RE2UnicodeClasses.swift`).
package enum RE2Syntax {
    /// The error for `pattern` as Prometheus compiles it (`^(?:pattern)$`), as `"<code>: `<expr>`"`, or nil.
    package static func error(in pattern: String) -> String? {
        error(inUnanchored: "^(?:" + pattern + ")$")
    }

    /// The error for `pattern` compiled as it is (templates' `regexp.MustCompile`), or nil.
    package static func error(inUnanchored pattern: String) -> String? {
        var checker = Checker(s: Array(pattern.utf8))
        return checker.run()
    }

    private struct Checker {
        let s: [UInt8]
        var i = 0
        var depth = 0
        /// Whether the stack top is an operand a repetition can apply to.
        var operand = false
        /// Start of the previous token when it was a repetition operator (for `invalid nested repetition`).
        var lastRepeat: Int?

        func text(_ from: Int, _ to: Int) -> String { String(decoding: s[from..<min(to, s.count)], as: UTF8.self) }

        func fail(_ code: String, _ from: Int, _ to: Int) -> String { "\(code): `\(text(from, to))`" }

        /// The index just past the UTF-8 character that starts at `index`.
        func utf8End(_ index: Int) -> Int {
            var end = index + 1
            while end < s.count && s[end] & 0xC0 == 0x80 { end += 1 }
            return end
        }

        mutating func run() -> String? {
            while i < s.count {
                var repeatStart: Int?
                let c = s[i]
                switch c {
                case UInt8(ascii: "("):
                    if i + 1 < s.count && s[i + 1] == UInt8(ascii: "?") {
                        if let error = perlFlags() { return error }
                    } else {
                        depth += 1
                        operand = false
                        i += 1
                    }
                case UInt8(ascii: "|"):
                    operand = false
                    i += 1
                case UInt8(ascii: ")"):
                    if depth == 0 { return fail("unexpected )", 0, s.count) }
                    depth -= 1
                    operand = true
                    i += 1
                case UInt8(ascii: "^"), UInt8(ascii: "$"), UInt8(ascii: "."):
                    operand = true
                    i += 1
                case UInt8(ascii: "["):
                    if let error = charClass() { return error }
                    operand = true
                case UInt8(ascii: "*"), UInt8(ascii: "+"), UInt8(ascii: "?"):
                    let start = i
                    i += 1
                    if i < s.count && s[i] == UInt8(ascii: "?") { i += 1 }
                    if let last = lastRepeat { return fail("invalid nested repetition operator", last, i) }
                    if !operand { return fail("missing argument to repetition operator", start, i) }
                    repeatStart = start
                case UInt8(ascii: "{"):
                    let start = i
                    guard let (minimum, maximum, end) = repeatCount(at: i) else {
                        operand = true  // a literal `{`
                        i += 1
                        break
                    }
                    if minimum > 1000 || maximum > 1000 || (maximum >= 0 && minimum > maximum) {
                        return fail("invalid repeat count", start, end)
                    }
                    i = end
                    if i < s.count && s[i] == UInt8(ascii: "?") { i += 1 }
                    if let last = lastRepeat { return fail("invalid nested repetition operator", last, i) }
                    if !operand { return fail("missing argument to repetition operator", start, i) }
                    repeatStart = start
                case UInt8(ascii: "\\"):
                    if let error = escape(inClass: false) { return error }
                    operand = true
                default:
                    operand = true
                    i += 1
                }
                lastRepeat = repeatStart
            }
            if depth > 0 { return fail("missing closing )", 0, s.count) }
            return nil
        }

        /// `(?flags)`, `(?flags:`, `(?P<name>`.
        mutating func perlFlags() -> String? {
            let start = i
            if i + 3 < s.count && s[i + 2] == UInt8(ascii: "P") && s[i + 3] == UInt8(ascii: "<") {
                guard let close = s[(i + 4)...].firstIndex(of: UInt8(ascii: ">")) else {
                    return fail("invalid named capture", start, s.count)
                }
                let name = s[(i + 4)..<close]
                if name.isEmpty || !name.allSatisfy(isAlphaNumeric) {
                    return fail("invalid named capture", start, close + 1)
                }
                depth += 1
                operand = false
                i = close + 1
                return nil
            }
            i += 2
            var negated = false
            var sawFlag = false
            while i < s.count {
                let c = s[i]
                i += 1
                switch c {
                case UInt8(ascii: "i"), UInt8(ascii: "m"), UInt8(ascii: "s"), UInt8(ascii: "U"):
                    sawFlag = true
                case UInt8(ascii: "-"):
                    if negated { return fail("invalid or unsupported Perl syntax", start, i) }
                    negated = true
                    sawFlag = false
                case UInt8(ascii: ":"), UInt8(ascii: ")"):
                    if negated && !sawFlag { return fail("invalid or unsupported Perl syntax", start, i) }
                    if c == UInt8(ascii: ":") {
                        depth += 1
                        operand = false
                    }
                    return nil
                default:
                    return fail("invalid or unsupported Perl syntax", start, i)
                }
            }
            return fail("missing closing )", 0, s.count)
        }

        /// `{n}`, `{n,}`, `{n,m}` at `at`: (min, max or -1, index after `}`), or nil when not a repeat.
        func repeatCount(at start: Int) -> (Int, Int, Int)? {
            var j = start + 1
            func number() -> Int? {
                let from = j
                var value = 0
                while j < s.count && isDigit(s[j]) {
                    value = min(value * 10 + Int(s[j] - 48), 100_000)
                    j += 1
                }
                return j > from ? value : nil
            }
            guard let minimum = number() else { return nil }
            var maximum = minimum
            if j < s.count && s[j] == UInt8(ascii: ",") {
                j += 1
                maximum = number() ?? -1
            }
            guard j < s.count && s[j] == UInt8(ascii: "}") else { return nil }
            return (minimum, maximum, j + 1)
        }

        /// A backslash escape outside or inside a class; advances past it.
        mutating func escape(inClass: Bool) -> String? {
            let start = i
            guard i + 1 < s.count else { return "trailing backslash at end of expression: ``" }
            let c = s[i + 1]
            i += 2
            if !inClass {
                switch c {
                case UInt8(ascii: "A"), UInt8(ascii: "b"), UInt8(ascii: "B"), UInt8(ascii: "z"): return nil
                case UInt8(ascii: "C"): return fail("invalid escape sequence", start, i)
                case UInt8(ascii: "Q"):
                    while i < s.count {
                        if s[i] == UInt8(ascii: "\\") && i + 1 < s.count && s[i + 1] == UInt8(ascii: "E") {
                            i += 2
                            break
                        }
                        i += 1
                    }
                    return nil
                default: break
                }
            }
            switch c {
            case UInt8(ascii: "p"), UInt8(ascii: "P"):
                // `\p{Name}`, `\p{^Name}` or the one-letter `\pL`; the name must be one Go knows.
                var name: ArraySlice<UInt8>
                if i < s.count && s[i] == UInt8(ascii: "{") {
                    guard let close = s[i...].firstIndex(of: UInt8(ascii: "}")) else {
                        return fail("invalid character class range", start, s.count)
                    }
                    name = s[(i + 1)..<close]
                    i = close + 1
                } else {
                    guard i < s.count else { return fail("invalid character class range", start, i) }
                    i = utf8End(i)
                    name = s[(start + 2)..<i]
                }
                if name.first == UInt8(ascii: "^") { name = name.dropFirst() }
                guard RE2Syntax.unicodeClassNames.contains(String(decoding: name, as: UTF8.self)) else {
                    return fail("invalid character class range", start, i)
                }
                return nil
            case UInt8(ascii: "d"), UInt8(ascii: "D"), UInt8(ascii: "s"), UInt8(ascii: "S"), UInt8(ascii: "w"),
                UInt8(ascii: "W"), UInt8(ascii: "a"), UInt8(ascii: "f"), UInt8(ascii: "n"), UInt8(ascii: "r"),
                UInt8(ascii: "t"), UInt8(ascii: "v"):
                return nil
            case UInt8(ascii: "0")...UInt8(ascii: "7"):
                let nextIsOctal = i < s.count && s[i] >= UInt8(ascii: "0") && s[i] <= UInt8(ascii: "7")
                if c != UInt8(ascii: "0") && !nextIsOctal { return fail("invalid escape sequence", start, i) }
                var count = 0
                while count < 2 && i < s.count && s[i] >= UInt8(ascii: "0") && s[i] <= UInt8(ascii: "7") {
                    i += 1
                    count += 1
                }
                return nil
            case UInt8(ascii: "x"):
                guard i < s.count else { return fail("invalid escape sequence", start, i) }
                if s[i] == UInt8(ascii: "{") {
                    var j = i + 1
                    while j < s.count && isHex(s[j]) { j += 1 }
                    guard j > i + 1, j < s.count, s[j] == UInt8(ascii: "}") else {
                        i = min(j + 1, s.count)
                        return fail("invalid escape sequence", start, i)
                    }
                    i = j + 1
                    return nil
                }
                let ok = i + 1 < s.count && isHex(s[i]) && isHex(s[i + 1])
                i = min(i + 2, s.count)
                return ok ? nil : fail("invalid escape sequence", start, i)
            default:
                if c >= 0x80 || !isAlphaNumeric(c) { return nil }
                return fail("invalid escape sequence", start, i)
            }
        }

        /// `[...]`, including POSIX `[:name:]` classes and ranges.
        mutating func charClass() -> String? {
            let classStart = i
            i += 1
            if i < s.count && s[i] == UInt8(ascii: "^") { i += 1 }
            var first = true
            while i >= s.count || s[i] != UInt8(ascii: "]") || first {
                first = false
                guard i < s.count else { return fail("missing closing ]", classStart, s.count) }
                if i + 2 < s.count && s[i] == UInt8(ascii: "[") && s[i + 1] == UInt8(ascii: ":") {
                    if let close = findColonBracket(from: i + 2) {
                        let name = text(i + 2, close)
                        if !Self.posixClasses.contains(name) {
                            return fail("invalid character class range", i, close + 2)
                        }
                        i = close + 2
                        continue
                    }
                }
                let rangeStart = i
                guard let low = classChar() else {
                    return classError ?? fail("missing closing ]", classStart, s.count)
                }
                if i + 1 < s.count && s[i] == UInt8(ascii: "-") && s[i + 1] != UInt8(ascii: "]") {
                    i += 1
                    guard let high = classChar() else {
                        return classError ?? fail("missing closing ]", classStart, s.count)
                    }
                    if high < low { return fail("invalid character class range", rangeStart, i) }
                }
            }
            i += 1
            return nil
        }

        var classError: String?

        /// One class member (a byte or an escape); returns its value, or nil (with `classError` set on a bad escape).
        mutating func classChar() -> Int? {
            guard i < s.count else { return nil }
            if s[i] == UInt8(ascii: "\\") {
                let start = i
                if i + 1 < s.count,
                    [
                        UInt8(ascii: "d"), UInt8(ascii: "D"), UInt8(ascii: "s"), UInt8(ascii: "S"),
                        UInt8(ascii: "w"), UInt8(ascii: "W"), UInt8(ascii: "p"), UInt8(ascii: "P"),
                    ].contains(s[i + 1])
                {
                    if let error = escape(inClass: true) {
                        classError = error
                        return nil
                    }
                    return -1
                }
                if let error = escape(inClass: true) {
                    classError = error
                    return nil
                }
                let c = s[start + 1]
                return Int(c)
            }
            let value = Int(s[i])
            i += 1
            return value
        }

        func findColonBracket(from: Int) -> Int? {
            var j = from
            while j + 1 < s.count {
                if s[j] == UInt8(ascii: ":") && s[j + 1] == UInt8(ascii: "]") { return j }
                j += 1
            }
            return nil
        }

        static let posixClasses: Set<String> = [
            "alnum", "alpha", "ascii", "blank", "cntrl", "digit", "graph", "lower", "print", "punct", "space",
            "upper", "word", "xdigit", "^alnum", "^alpha", "^ascii", "^blank", "^cntrl", "^digit", "^graph",
            "^lower", "^print", "^punct", "^space", "^upper", "^word", "^xdigit",
        ]
    }
}

private func isHex(_ c: UInt8) -> Bool {
    isDigit(c) || (c >= UInt8(ascii: "a") && c <= UInt8(ascii: "f"))
        || (c >= UInt8(ascii: "A") && c <= UInt8(ascii: "F"))
}

@inline(__always) private func isDigit(_ c: UInt8) -> Bool { c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9") }

/// ASCII letters, digits and `_` (Go's word characters, as in group names and flags).
@inline(__always) private func isAlphaNumeric(_ c: UInt8) -> Bool {
    isDigit(c) || (c | 0x20 >= UInt8(ascii: "a") && c | 0x20 <= UInt8(ascii: "z")) || c == UInt8(ascii: "_")
}
