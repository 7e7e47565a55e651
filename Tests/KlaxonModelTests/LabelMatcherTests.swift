import KlaxonModel
import Testing

struct LabelMatcherTests {
    @Test(arguments: [
        ("a|b", "a", true), ("a|b", "ab", false), ("foo.*", "foobar", true), ("foo.*", "xfoo", false),
        (".*", "", true), (".+", "", false), ("b[a-z]+", "bar", true), ("b[a-z]+", "bar1", false),
        ("(?i)ERROR", "error", true), ("5..", "503", true), ("5..", "5030", false),
    ])
    func regexIsFullyAnchored(pattern: String, input: String, expected: Bool) throws {
        let matcher = try LabelMatcher(.regexMatch, "l", pattern)
        #expect(matcher.matches(input) == expected)
        let negated = try LabelMatcher(.regexNoMatch, "l", pattern)
        #expect(negated.matches(input) == !expected)
    }

    @Test func dotMatchesNewlineOnlyIn3xMode() throws {
        let modern = try LabelMatcher(.regexMatch, "l", "a.b")
        let legacy = try LabelMatcher(.regexMatch, "l", "a.b", dotMatchesNewline: false)
        #expect(modern.matches("a\nb"))
        #expect(!legacy.matches("a\nb"))
        #expect(!(try LabelMatcher(.regexMatch, "l", ".*", dotMatchesNewline: false)).matches("x\ny"))
    }

    @Test func invalidRegexIsRejected() {
        #expect(throws: RegexError.self) { try LabelMatcher(.regexMatch, "l", "a(b") }
    }

    @Test func absentLabelMatchesAsEmptyString() throws {
        let labels: Labels = ["job": "api"]
        #expect(LabelMatcher.equal("env", "").matches(labels))
        #expect(!LabelMatcher.notEqual("env", "").matches(labels))
        #expect(try LabelMatcher(.regexMatch, "env", "prod|").matches(labels))
    }

    @Test func literalAlternativesAreExposedForIndexLookups() throws {
        #expect(try LabelMatcher(.regexMatch, "l", "a|b|c").setMatches == ["a", "b", "c"])
        #expect(try LabelMatcher(.regexMatch, "l", "a.*").setMatches == nil)
        #expect(LabelMatcher.equal("l", "x").setMatches == ["x"])
    }
}
