import KlaxonModel

/// Go `regexp` operations used by templates (`MatchString`, `ReplaceAllString`), on RE2 (`RE2Regex`). Matching
/// is unanchored, as in Go.
enum GoRegex {
    static func compile(_ pattern: String) throws(TemplateError) -> RE2Regex {
        if let message = syntaxError(pattern) { throw .function("error parsing regexp: \(message)") }
        do {
            return try RE2Regex(pattern)
        } catch {
            throw .function(error.description)
        }
    }

    /// `regexp.MustCompile`'s panic text, which `text/template` turns into the call's error.
    static func mustCompile(_ pattern: String) throws(TemplateError) -> RE2Regex {
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
        try compile(pattern).matches(text)
    }

    /// Go's `ReplaceAllString`: `$1`, `${1}`, `$name`, `${name}` and `$$` in `replacement`.
    static func replaceAll(_ pattern: String, _ replacement: String, _ text: String) throws(TemplateError) -> String {
        try mustCompile(pattern).replaceAll(in: text, with: replacement)
    }
}
