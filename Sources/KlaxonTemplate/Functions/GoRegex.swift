import KlaxonModel

/// Go `regexp` operations used by templates (`MatchString`, `ReplaceAllString`), on Swift's `Regex`.
///
/// Patterns are RE2 syntax; Swift's regex engine accepts the RE2 constructs used in practice. Matching is
/// unanchored, as in Go.
enum GoRegex {
    static func compile(_ pattern: String) throws(TemplateError) -> Regex<AnyRegexOutput> {
        if let message = syntaxError(pattern) { throw .function("error parsing regexp: \(message)") }
        do {
            return try Regex(RE2Translation.swiftPattern(pattern))
        } catch {
            throw .function("error parsing regexp: \(error): `\(pattern)`")
        }
    }

    /// `regexp.MustCompile`'s panic text, which `text/template` turns into the call's error.
    static func mustCompile(_ pattern: String) throws(TemplateError) -> Regex<AnyRegexOutput> {
        do {
            return try compile(pattern)
        } catch {
            throw .function("regexp: Compile(`\(pattern)`): \(error.message)")
        }
    }

    /// Go's wording for the common RE2 syntax errors (unbalanced groups and classes, bare repetition).
    static func syntaxError(_ pattern: String) -> String? {
        let scalars = Array(pattern.unicodeScalars)
        var depth = 0
        var i = 0
        var previousWasAtom = false
        while i < scalars.count {
            let c = scalars[i]
            switch c {
            case "\\":
                i += 2
                previousWasAtom = true
                continue
            case "[":
                let start = i
                i += 1
                if i < scalars.count && scalars[i] == "^" { i += 1 }
                if i < scalars.count && scalars[i] == "]" { i += 1 }
                while i < scalars.count && scalars[i] != "]" {
                    if scalars[i] == "\\" { i += 1 }
                    i += 1
                }
                if i >= scalars.count {
                    return "missing closing ]: `\(String(String.UnicodeScalarView(scalars[start...])))`"
                }
                previousWasAtom = true
            case "(":
                depth += 1
                previousWasAtom = false
                if i + 1 < scalars.count, scalars[i + 1] == "?" { i += 1 }  // (?flags) and (?P<name>...)
            case ")":
                if depth == 0 { return "unexpected ): `\(pattern)`" }
                depth -= 1
                previousWasAtom = true
            case "*", "+", "?":
                if !previousWasAtom { return "missing argument to repetition operator: `\(c)`" }
                previousWasAtom = false
                if i + 1 < scalars.count, scalars[i + 1] == "?" { i += 1 }
            case "|":
                previousWasAtom = false
            default:
                previousWasAtom = true
            }
            i += 1
        }
        if depth > 0 { return "missing closing ): `\(pattern)`" }
        return nil
    }

    static func matches(_ pattern: String, _ text: String) throws(TemplateError) -> Bool {
        let regex = try compile(pattern)
        return text.firstMatch(of: regex) != nil
    }

    /// Go's `ReplaceAllString`: `$1`, `${1}`, `$name`, `${name}` and `$$` in `replacement`.
    static func replaceAll(_ pattern: String, _ replacement: String, _ text: String) throws(TemplateError) -> String {
        let regex = try mustCompile(pattern)
        var out = ""
        var last = text.startIndex
        for match in text.matches(of: regex) {
            out += text[last..<match.range.lowerBound]
            out += expand(replacement, match)
            last = match.range.upperBound
        }
        out += text[last...]
        return out
    }

    private static func expand(_ template: String, _ match: Regex<AnyRegexOutput>.Match) -> String {
        RegexMatch(match.output).expand(template)
    }
}
