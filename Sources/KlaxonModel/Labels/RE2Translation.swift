/// Rewrites an RE2 pattern (Go's `regexp/syntax`, as Prometheus and Alertmanager compile it) into the same pattern
/// in Swift `Regex` syntax, where the two spell the same thing differently:
///
/// - named groups `(?P<name>…)` are `(?<name>…)`;
/// - one-letter Unicode classes `\pL` / `\PL` are `\p{L}` / `\P{L}`, and a negated name `\p{^Greek}` is
///   `\P{Greek}` (Swift knows neither form);
/// - inside a bracket class, RE2 takes `]` right after `[` or `[^`, and a `[` that does not open `[:name:]`, as
///   literals, and a `-` after a class (`[\d-z]`: digits, `-` and `z`) as a literal; `&&` and `~~` are literals
///   too. Swift reads nested classes, a range with a class bound, and set operators there, so those are escaped.
///
/// Syntax errors are not looked for here: the callers reject what RE2 rejects first (`RE2Syntax` in the PromQL
/// parser and the config loaders), so a pattern that reaches this is valid RE2.
public enum RE2Translation {
    public static func swiftPattern(_ pattern: String) -> String {
        let a = Array(pattern.unicodeScalars)
        var out = String.UnicodeScalarView()
        var i = 0
        var inClass = false
        // At the first member of a class (where `]` is a literal).
        var classFirst = false
        // The previous class member was a class itself (`\d`, `\pL`, `[:alpha:]`): a `-` after it is a literal.
        var afterClassItem = false
        func emit(_ text: String) { out.append(contentsOf: text.unicodeScalars) }
        while i < a.count {
            let c = a[i]
            if c == "\\", i + 1 < a.count {
                let d = a[i + 1]
                if d == "Q" && !inClass {
                    // Quoted text up to `\E` stays as it is (Swift reads `\Q…\E` the same way).
                    var end = i + 2
                    while end < a.count && !(a[end] == "\\" && end + 1 < a.count && a[end + 1] == "E") { end += 1 }
                    end = min(end + 2, a.count)
                    out.append(contentsOf: a[i..<end])
                    i = end
                    continue
                }
                if d == "p" || d == "P", i + 2 < a.count {
                    var negated = d == "P"
                    var name: ArraySlice<Unicode.Scalar>
                    var end: Int
                    if a[i + 2] == "{" {
                        guard let close = a[(i + 3)...].firstIndex(of: "}") else {
                            out.append(contentsOf: a[i...])
                            break
                        }
                        name = a[(i + 3)..<close]
                        end = close + 1
                    } else {
                        name = a[(i + 2)...(i + 2)]
                        end = i + 3
                    }
                    if name.first == "^" {
                        negated.toggle()
                        name = name.dropFirst()
                    }
                    emit(negated ? "\\P{" : "\\p{")
                    out.append(contentsOf: name)
                    emit("}")
                    i = end
                    afterClassItem = inClass
                    classFirst = false
                    continue
                }
                out.append(c)
                out.append(d)
                i += 2
                afterClassItem = inClass && "dDsSwW".unicodeScalars.contains(d)
                classFirst = false
                continue
            }
            if !inClass {
                if c == "(", i + 3 < a.count, a[i + 1] == "?", a[i + 2] == "P", a[i + 3] == "<" {
                    emit("(?<")
                    i += 4
                    continue
                }
                out.append(c)
                i += 1
                if c == "[" {
                    inClass = true
                    classFirst = true
                    afterClassItem = false
                    if i < a.count && a[i] == "^" {
                        out.append("^")
                        i += 1
                    }
                }
                continue
            }
            // Inside a class.
            if c == "[", i + 1 < a.count, a[i + 1] == ":",
                let close = closingPosix(a, from: i + 2)
            {
                out.append(contentsOf: a[i...close])
                i = close + 1
                afterClassItem = true
                classFirst = false
                continue
            }
            switch c {
            case "]" where !classFirst:
                out.append(c)
                inClass = false
            case "]", "[", "&", "~":
                emit("\\")
                out.append(c)
            case "-" where afterClassItem && i + 1 < a.count && a[i + 1] != "]":
                emit("\\-")
            default:
                out.append(c)
            }
            afterClassItem = false
            classFirst = false
            i += 1
        }
        return String(out)
    }

    /// The index of the `]` closing a POSIX class name that starts at `from` (`[:alpha:]`), if any.
    private static func closingPosix(_ a: [Unicode.Scalar], from: Int) -> Int? {
        var j = from
        if j < a.count && a[j] == "^" { j += 1 }
        while j < a.count && ("a"..."z").contains(a[j]) { j += 1 }
        guard j + 1 < a.count, a[j] == ":", a[j + 1] == "]" else { return nil }
        return j + 1
    }
}
