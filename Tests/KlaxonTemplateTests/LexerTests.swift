import Testing

@testable import KlaxonTemplate

struct LexerTests {
    private func kinds(_ text: String) -> [Token.Kind] { Lexer.tokenize(text).map(\.kind) }

    @Test func textOnlyIsOneTextToken() {
        #expect(kinds("hello") == [.text, .eof])
    }

    @Test func actionTokensWithFieldsVariablesAndPipes() {
        let tokens = Lexer.tokenize("a{{ $x := .Labels.job | printf \"%s\" }}b")
        #expect(
            tokens.map(\.kind) == [
                .text, .leftDelim, .space, .variable, .space, .declare, .space, .field, .field, .space, .pipe,
                .space, .identifier, .space, .string, .space, .rightDelim, .text, .eof,
            ]
        )
        #expect(tokens[7].value == ".Labels")
        #expect(tokens[8].value == ".job")
        #expect(tokens[14].value == "\"%s\"")
    }

    @Test func trimMarkersRemoveAdjacentWhitespace() {
        let tokens = Lexer.tokenize("a \n {{- 1 -}} \n b")
        #expect(tokens.first?.value == "a")
        #expect(tokens.filter { $0.kind == .text }.map(\.value) == ["a", "b"])
    }

    @Test func minusWithoutSpaceIsANumberNotATrimMarker() {
        let tokens = Lexer.tokenize("{{-3}}")
        #expect(tokens.map(\.kind) == [.leftDelim, .number, .rightDelim, .eof])
        #expect(tokens[1].value == "-3")
    }

    @Test func keywordsBoolsNilAndDot() {
        #expect(
            kinds("{{if true}}{{else}}{{end}}{{nil}}{{.}}") == [
                .leftDelim, .keyword(.if), .space, .bool, .rightDelim, .leftDelim, .keyword(.else), .rightDelim,
                .leftDelim, .keyword(.end), .rightDelim, .leftDelim, .nilKeyword, .rightDelim, .leftDelim, .dot,
                .rightDelim, .eof,
            ]
        )
    }

    @Test func commentsVanishAndMayTrim() {
        #expect(Lexer.tokenize("a {{- /* note */ -}} b").filter { $0.kind == .text }.map(\.value) == ["a", "b"])
        #expect(kinds("{{/* x */}}") == [.eof])
    }

    @Test func linesAreCountedAcrossTextAndActions() {
        let tokens = Lexer.tokenize("x\ny\n{{ 1 }}")
        #expect(tokens.first { $0.kind == .number }?.line == 3)
    }

    @Test(arguments: [
        ("{{ \"abc", "unterminated quoted string"),
        ("{{ `abc", "unterminated raw quoted string"),
        ("{{ 'a", "unterminated character constant"),
        ("{{ 1", "unclosed action"),
        ("{{/* x", "unclosed comment"),
        ("{{/* x */ }}", "comment ends before closing delimiter"),
        ("{{ a: }}", "expected :="),
        ("{{ 1x }}", "bad number syntax: \"1x\""),
        ("{{ ) }}", "unexpected right paren U+0029 ')'"),
    ])
    func lexicalErrors(_ text: String, _ message: String) {
        let last = Lexer.tokenize(text).last
        #expect(last?.kind == .error)
        #expect(last?.value == message)
    }

    @Test func displayOfTokensMatchesGoItemString() {
        #expect(Token(kind: .eof, pos: 0, value: "", line: 1).display == "EOF")
        #expect(Token(kind: .char, pos: 0, value: "}", line: 1).display == "\"}\"")
        #expect(Token(kind: .keyword(.end), pos: 0, value: "end", line: 1).display == "<end>")
        #expect(Token(kind: .string, pos: 0, value: "\"abcdefghijkl\"", line: 1).display == "\"\\\"abcdefghi\"...")
    }
}
