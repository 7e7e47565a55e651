/// Go `regexp` operations used by templates (`MatchString`, `ReplaceAllString`), on Swift's `Regex`.
///
/// Patterns are RE2 syntax; Swift's regex engine accepts the RE2 constructs used in practice. Matching is
/// unanchored, as in Go.
enum GoRegex {
    static func compile(_ pattern: String) throws(TemplateError) -> Regex<AnyRegexOutput> {
        do {
            return try Regex(pattern)
        } catch {
            throw .function("error parsing regexp: \(error): `\(pattern)`")
        }
    }

    static func matches(_ pattern: String, _ text: String) throws(TemplateError) -> Bool {
        let regex = try compile(pattern)
        return text.firstMatch(of: regex) != nil
    }

    /// Go's `ReplaceAllString`: `$1`, `${1}`, `$name`, `${name}` and `$$` in `replacement`.
    static func replaceAll(_ pattern: String, _ replacement: String, _ text: String) throws(TemplateError) -> String {
        let regex = try compile(pattern)
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
        let scalars = Array(template.unicodeScalars)
        var out = String.UnicodeScalarView()
        var i = 0
        func isNameScalar(_ s: Unicode.Scalar) -> Bool {
            s == "_" || (s >= "a" && s <= "z") || (s >= "A" && s <= "Z") || (s >= "0" && s <= "9")
        }
        while i < scalars.count {
            let s = scalars[i]
            guard s == "$", i + 1 < scalars.count else {
                out.append(s)
                i += 1
                continue
            }
            if scalars[i + 1] == "$" {
                out.append("$")
                i += 2
                continue
            }
            var name = ""
            var next = i + 1
            if scalars[next] == "{" {
                var j = next + 1
                while j < scalars.count && isNameScalar(scalars[j]) { j += 1 }
                guard j < scalars.count, scalars[j] == "}", j > next + 1 else {
                    out.append(s)
                    i += 1
                    continue
                }
                name = String(String.UnicodeScalarView(scalars[(next + 1)..<j]))
                next = j + 1
            } else {
                var j = next
                while j < scalars.count && isNameScalar(scalars[j]) { j += 1 }
                guard j > next else {
                    out.append(s)
                    i += 1
                    continue
                }
                name = String(String.UnicodeScalarView(scalars[next..<j]))
                next = j
            }
            out.append(contentsOf: group(name, match).unicodeScalars)
            i = next
        }
        return String(out)
    }

    private static func group(_ name: String, _ match: Regex<AnyRegexOutput>.Match) -> String {
        if let index = Int(name), name.allSatisfy(\.isASCII) {
            guard index < match.output.count, let sub = match.output[index].substring else { return "" }
            return String(sub)
        }
        guard let element = match.output[name], let sub = element.substring else { return "" }
        return String(sub)
    }
}
