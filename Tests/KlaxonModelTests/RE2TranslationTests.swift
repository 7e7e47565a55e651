import KlaxonModel
import Testing

/// RE2 patterns that Swift's `Regex` spells differently: the rewrite, and that the matcher then matches what Go's
/// `regexp` matches.
struct RE2TranslationTests {
    @Test(arguments: [
        (#"(?P<x>a)"#, #"(?<x>a)"#),
        (#"\pL+"#, #"\p{L}+"#),
        (#"\PN"#, #"\P{N}"#),
        (#"\p{^Greek}"#, #"\P{Greek}"#),
        (#"\P{^Lu}"#, #"\p{Lu}"#),
        (#"[\d-z]"#, #"[\d\-z]"#),
        (#"[\pL-9]"#, #"[\p{L}\-9]"#),
        (#"[[:alpha:]-z]"#, #"[[:alpha:]\-z]"#),
        (#"[a-z-]"#, #"[a-z-]"#),
        (#"[\w-]"#, #"[\w-]"#),
        (#"[]a]"#, #"[\]a]"#),
        (#"[^]a]"#, #"[^\]a]"#),
        (#"[[a]"#, #"[\[a]"#),
        (#"[a&&b~~c]"#, #"[a\&\&b\~\~c]"#),
        (#"\Q\pL[\E\pL"#, #"\Q\pL[\E\p{L}"#),
        (#"a.b|c\.d"#, #"a.b|c\.d"#),
    ])
    func rewritesWhatSwiftSpellsDifferently(re2: String, swift: String) {
        #expect(RE2Translation.swiftPattern(re2) == swift)
    }

    /// What Go's `regexp.MustCompile("^(?:" + pattern + ")$").MatchString` answers for each value.
    @Test(arguments: [
        (#"\pL+"#, ["é", "abc"], ["1", ""]),
        (#"\p{^Greek}"#, ["a", "1"], ["α"]),
        (#"[\d-z]"#, ["5", "-", "z"], ["a", "y"]),
        (#"[]a]+"#, ["]", "a]a"], ["b"]),
        (#"[a&&b]"#, ["&", "a"], ["c", "&&"]),
        (#"[[:digit:]-]+"#, ["1-2"], ["a"]),
        (#"(?P<n>x)y"#, ["xy"], ["x"]),
    ])
    func matchesAsGoDoes(pattern: String, matching: [String], notMatching: [String]) throws {
        let matcher = try LabelMatcher(.regexMatch, "a", pattern)
        for value in matching { #expect(matcher.matches(value), "\(pattern) should match \(value)") }
        for value in notMatching { #expect(!matcher.matches(value), "\(pattern) should not match \(value)") }
    }
}
