import FuzzSupport
import KlaxonModel

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The regex layer on untrusted patterns and subjects (rule and relabel regexes, matchers in queries and
/// silences). The input is `pattern NUL subject` (no NUL: the input is both). The pattern is compiled with
/// `RE2Regex` (both `dotMatchesNewline` settings) and as `AnchoredRegex` / `LabelMatcher(.regexMatch, ...)`; when
/// it compiles, `matches`, `firstMatch(in:)`, `match(_:)` and `replaceAll(in:with:)` (a template with `$1`,
/// `${name}`, `$$`) run on the subject. Each call must return without crashing.
///
/// It also stops on a difference between `AnchoredRegex`'s fast paths (literal, `a|b`, `.*`, `.+`, `prefix.*`) and
/// RE2 running `^(?:pattern)$` on the same subject (the `combining-*` seeds are such differences it found, fixed by
/// classifying and comparing UTF-8 bytes); `KLAXON_FUZZ_STRICT=0` turns that check off.
@_cdecl("FuzzRegex_main")
func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    runFuzzer(argc, argv) { data, size in
        let input = UnsafeBufferPointer(start: data, count: data == nil ? 0 : size)
        let pattern: String
        let subject: String
        if let split = input.firstIndex(of: 0) {
            pattern = String(decoding: input[..<split], as: UTF8.self)
            subject = String(decoding: input[(split + 1)...], as: UTF8.self)
        } else {
            pattern = fuzzText(data, size)
            subject = pattern
        }
        for dotMatchesNewline in [false, true] {
            if let regex = try? RE2Regex(pattern, dotMatchesNewline: dotMatchesNewline) {
                _ = regex.matches(subject)
                if let match = regex.firstMatch(in: subject) {
                    _ = match.expand("[$0|$1|${name}|$$]")
                }
                _ = regex.replaceAll(in: subject, with: "<$1|${name}|$$|${2}x>")
                _ = regex.replaceAll(in: subject, with: "")
            }
            guard let anchored = try? AnchoredRegex(pattern, dotMatchesNewline: dotMatchesNewline) else { continue }
            let matched = anchored.matches(subject)
            _ = anchored.match(subject)?.expand("$1${name}$$")
            _ = anchored.literalAlternatives
            if let matcher = try? LabelMatcher(.regexMatch, "l", pattern, dotMatchesNewline: dotMatchesNewline) {
                _ = matcher.matches(subject)
                _ = matcher.matchesEmpty
                _ = matcher.setMatches
                _ = matcher.description
            }
            if strictMode, let whole = try? RE2Regex("^(?:" + pattern + ")$", dotMatchesNewline: dotMatchesNewline),
                whole.matches(subject) != matched
            {
                fatalError(
                    "AnchoredRegex and RE2 disagree: pattern \(pattern.debugDescription) subject "
                        + "\(subject.debugDescription) dotMatchesNewline \(dotMatchesNewline): fast path \(matched)"
                )
            }
        }
        return 0
    }
}

/// On unless `KLAXON_FUZZ_STRICT=0`: a global, since the `@convention(c)` callback cannot capture.
let strictMode = getenv("KLAXON_FUZZ_STRICT").map { String(cString: $0) != "0" } ?? true
