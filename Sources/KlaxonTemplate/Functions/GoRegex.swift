import KlaxonModel

/// Go `regexp` operations used by templates (`MatchString`, `ReplaceAllString`), on RE2 (`RE2Regex`). Matching
/// is unanchored, as in Go.
enum GoRegex {
    /// Compiles `pattern`; a syntax error is Go's (`RE2Syntax`, then RE2's own codes in Go's words).
    static func compile(_ pattern: String) throws(TemplateError) -> RE2Regex {
        if let problem = RE2Syntax.error(inUnanchored: pattern) { throw .function("error parsing regexp: " + problem) }
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

    static func matches(_ pattern: String, _ text: String) throws(TemplateError) -> Bool {
        try compile(pattern).matches(text)
    }

    /// Go's `ReplaceAllString`: `$1`, `${1}`, `$name`, `${name}` and `$$` in `replacement`.
    static func replaceAll(_ pattern: String, _ replacement: String, _ text: String) throws(TemplateError) -> String {
        try mustCompile(pattern).replaceAll(in: text, with: replacement)
    }
}
