import KlaxonModel
import Testing

/// RE2 as Go's `regexp` behaves: spellings only RE2 reads, the cases where Swift's `Regex` (the engine before) and
/// Go disagree, Go's error wording, Go's `ReplaceAllString`, and linear time on patterns that backtrack.
struct RE2RegexTests {
    /// What Go's `regexp.MustCompile("^(?:" + pattern + ")$").MatchString` answers for each value (the RE2
    /// spellings Swift's `Regex` reads differently; recorded from promtool in `pass-regex-re2-spellings`).
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

    /// Where Swift's `Regex` and Go disagree: Swift matches grapheme clusters and Unicode `\d \w \s \b` by
    /// default, and its `$` matches before a final newline. Go (and RE2) match code points, ASCII classes, and
    /// `$` only at the end. Each expectation is Go's (`scripts/record/promtool-test-rules`, `pass-regex-re2-vs-swift`).
    @Test(arguments: [
        (#"."#, ["e"], ["e\u{301}"]),  // one Character, two code points
        (#".."#, ["e\u{301}"], ["e"]),
        (#"\d+"#, ["0123456789"], ["\u{663}", "١٢"]),  // Arabic-Indic digits are not \d in Go
        (#"\w+"#, ["a_Z9"], ["é", "ß"]),  // \w is [0-9A-Za-z_]
        (#"a\sb"#, ["a b", "a\tb"], ["a\u{a0}b", "a\u{85}b", "a\u{b}b"]),  // \s is [\t\n\f\r ]
        (#".*\bx"#, ["a x", "éx"], ["ax"]),  // \b is an ASCII word boundary: é is not a word character
        (#"a+"#, ["a", "aa"], ["a\n"]),  // `$` only at the end of the text
        (#"(?i)k"#, ["k", "K", "\u{212a}"], ["x"]),  // Kelvin sign folds to k
    ])
    func disagreementsWithSwiftRegexFollowGo(pattern: String, matching: [String], notMatching: [String]) throws {
        let matcher = try LabelMatcher(.regexMatch, "a", pattern, dotMatchesNewline: false)
        for value in matching { #expect(matcher.matches(value), "\(pattern) should match \(value.debugDescription)") }
        for value in notMatching {
            #expect(!matcher.matches(value), "\(pattern) should not match \(value.debugDescription)")
        }
    }

    /// Prometheus compiles relabel regexes as `^(?:` + pattern + `)$` (`relabel.NewRegexp`), so one that closes
    /// the group early means what it means there: `a)|(b` is `^(?:a)|(b)$`, any value starting with `a` or ending
    /// with `b`. (The PromQL parser rejects such a matcher before: `RE2Syntax`.)
    @Test func anchoringIsPrometheusTextual() throws {
        let matcher = try AnchoredRegex("a)|(b")
        #expect(matcher.matches("axx"))
        #expect(matcher.matches("xxb"))
        #expect(!matcher.matches("xax"))
    }

    /// The pattern that takes a backtracking engine exponential time (the denial of service of issue 14): RE2
    /// answers in one linear pass, so these run in microseconds whatever the length.
    @Test func backtrackingPatternsAreLinear() throws {
        let hostile = String(repeating: "a", count: 5_000) + "!"
        #expect(!(try LabelMatcher(.regexMatch, "v", "(a|aa)+")).matches(hostile))
        #expect(try LabelMatcher(.regexMatch, "v", "(a|aa)+!").matches(hostile))
        #expect(!(try LabelMatcher(.regexMatch, "v", "(a*)*b")).matches(hostile))
        #expect(!(try LabelMatcher(.regexMatch, "v", "(.*a){20}")).matches(String(repeating: "a", count: 19)))
        let label = try RE2Regex("^(a|aa)+$")
        #expect(label.firstMatch(in: hostile) == nil)
    }

    /// RE2's error codes in Go's words (Go's `regexp/syntax` is a port of RE2's parser), with the offending part.
    @Test(arguments: [
        ("a(b", "missing closing )", "a(b"),
        ("a)", "unexpected )", "a)"),
        ("[a", "missing closing ]", "[a"),
        ("*a", "missing argument to repetition operator", "*"),
        ("a**", "invalid nested repetition operator", "**"),
        (#"\q"#, "invalid escape sequence", #"\q"#),
        ("a{1001}", "invalid repeat count", "{1001}"),
        ("(?<n>a)", "invalid or unsupported Perl syntax", "(?<"),
        ("[z-a]", "invalid character class range", "z-a"),
        (#"\p{Klingon}"#, "invalid character class range", #"\p{Klingon}"#),
    ])
    func errorsAreWordedAsGo(pattern: String, message: String, argument: String) {
        do {
            _ = try RE2Regex(pattern)
            Issue.record("\(pattern) compiled")
        } catch {
            #expect(error.message == message)
            #expect(error.argument == argument)
            #expect(error.description == "error parsing regexp: \(message): `\(argument)`")
        }
    }

    /// Go's `ReplaceAllString` (templates' `reReplaceAll`): empty matches are replaced except right after a
    /// match, and the search moves on by a whole character.
    @Test(arguments: [
        ("a*", "X", "baaac", "XbXcX"),
        ("x*", "-", "abc", "-a-b-c-"),
        ("(\\w+)@(\\w+)", "$2 at ${1}", "me@host and you@there", "host at me and there at you"),
        ("(?P<word>o+)", "[${word}]", "foo boo", "f[oo] b[oo]"),
        ("", "·", "é€", "·é·€·"),
        ("a", "$$1", "aa", "$1$1"),
        ("(a)|b", "<$1>", "ab", "<a><>"),
    ])
    func replaceAllIsGos(pattern: String, replacement: String, text: String, expected: String) throws {
        #expect(try RE2Regex(pattern).replaceAll(in: text, with: replacement) == expected)
    }

    @Test func groupsAndNames() throws {
        let regex = try RE2Regex("^(?P<host>[^:]+):(\\d+)?(x)?$")
        #expect(regex.groupCount == 3)
        #expect(regex.groupNames == ["host": 1])
        let match = try #require(regex.firstMatch(in: "node:9100"))
        #expect(match.groups == ["node:9100", "node", "9100", nil])
        #expect(match.expand("${host}/$2") == "node/9100")
        #expect(regex.firstMatch(in: "nope") == nil)
        #expect(try RE2Regex("").firstMatch(in: "")?.groups == [""])
    }

    /// The fast paths (literal, `a|b`, `prefix.*`) compare bytes as Go does, not Swift strings (canonical
    /// equivalence), and classify the pattern on bytes: each case is a difference the regex fuzzer found.
    @Test(arguments: [
        ("é", "e\u{301}", false), ("é|x", "e\u{301}", false), ("fo.*", "fo\u{31E}", true),
        (".\u{301}", "x\u{301}", true), ("a|\u{301}b", "a", true), ("K", "\u{212A}", false),
    ])
    func fastPathsCompareBytes(pattern: String, subject: String, expected: Bool) throws {
        let anchored = try AnchoredRegex(pattern)
        #expect(anchored.matches(subject) == expected)
        #expect(try RE2Regex("^(?:" + pattern + ")$", dotMatchesNewline: true).matches(subject) == expected)
    }

    @Test func dotMatchesNewlineOnlyWhenAsked() throws {
        #expect(!(try RE2Regex("^a.b$")).matches("a\nb"))
        #expect(try RE2Regex("^a.b$", dotMatchesNewline: true).matches("a\nb"))
    }
}
