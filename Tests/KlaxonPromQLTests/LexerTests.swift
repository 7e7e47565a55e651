import Testing

@testable import KlaxonPromQL

private func lex(_ input: String, numbersInBrackets: Bool = false) -> [(TokenKind, String)] {
    var lexer = Lexer(input, numbersInBrackets: numbersInBrackets)
    let tokens = Lexer.tokenize(&lexer)
    return tokens.map { token in
        if token.kind == .error { return (.error, lexer.errorMessage) }
        return (token.kind, lexer.text(token.start, token.end))
    }
}

private func kinds(_ input: String, numbersInBrackets: Bool = false) -> [TokenKind] {
    lex(input, numbersInBrackets: numbersInBrackets).map(\.0)
}

struct LexerTests {
    @Test func numbersAndDurations() {
        #expect(kinds("1 .5 5. 1e3 1E-3 0x1F 0755 Inf nAn") == Array(repeating: .number, count: 9) + [.eof])
        #expect(kinds("5m 1h30m 250ms 2y") == [.duration, .duration, .duration, .duration, .eof])
        let bad = lex("0x1g")
        #expect(bad.last?.0 == .error && bad.last?.1 == "bad number or duration syntax: \"0x1\"")
    }

    @Test func keywordsAreCaseInsensitiveOutsideBraces() {
        #expect(
            kinds("SUM by WITHOUT And oR unless atan2 offset bool on ignoring group_left GROUP_RIGHT") == [
                .sum, .by, .without, .land, .lor, .lunless, .atan2, .offset, .bool, .on, .ignoring, .groupLeft,
                .groupRight, .eof,
            ]
        )
        // Inside braces every word is a label name.
        #expect(
            kinds("{sum=\"x\", by!=\"y\"}") == [
                .leftBrace, .identifier, .assign, .string, .comma, .identifier, .neq, .string, .rightBrace, .eof,
            ]
        )
    }

    @Test func identifiersWithColonsAreMetricIdentifiers() {
        let tokens = lex("job:rate5m foo_bar :x")
        #expect(tokens.map(\.0) == [.metricIdentifier, .identifier, .metricIdentifier, .eof])
        #expect(tokens.map(\.1).prefix(3) == ["job:rate5m", "foo_bar", ":x"])
    }

    @Test func operators() {
        #expect(
            kinds("+ - * / % ^ == != < <= > >=") == [
                .add, .sub, .mul, .div, .mod, .pow, .eqlc, .neq, .lss, .lte, .gtr, .gte, .eof,
            ]
        )
        #expect(
            kinds("{a=~\"x\",b!~\"y\"}") == [
                .leftBrace, .identifier, .eqlRegex, .string, .comma, .identifier, .neqRegex, .string, .rightBrace, .eof,
            ]
        )
    }

    @Test func bracketsHoldDurationsAndOneColon() {
        #expect(kinds("x[5m:1m]") == [.identifier, .leftBracket, .duration, .colon, .duration, .rightBracket, .eof])
        #expect(lex("x[5]").last?.1 == "missing unit character in duration")
        #expect(kinds("x[5]", numbersInBrackets: true) == [.identifier, .leftBracket, .number, .rightBracket, .eof])
        #expect(lex("x[5m:1m:]").last?.1 == "unexpected colon ':'")
        #expect(lex("x[[5m]").last?.1 == "missing unit character in duration")
    }

    @Test func stringsAndEscapes() {
        #expect(kinds("\"a\\\"b\" 'c\\'d' `e\\f`") == [.string, .string, .string, .eof])
        #expect(lex("\"abc").last?.1 == "unterminated quoted string")
        #expect(lex("\"a\nb\"").last?.1 == "unterminated quoted string")
        #expect(lex("`abc").last?.1 == "unterminated raw string")
        #expect(lex("\"\\q\"").last?.1 == "unknown escape sequence U+0071 'q'")
        #expect(lex("\"\\xZZ\"").last?.1 == "illegal character U+005A 'Z' in escape sequence")
        #expect(lex("\"\\uD800\"").last?.1 == "escape sequence is an invalid Unicode code point")
    }

    @Test func commentsAreSkipped() {
        #expect(kinds("foo # a comment\n+ bar # another") == [.identifier, .add, .identifier, .eof])
    }

    @Test func unbalancedPunctuation() {
        #expect(lex("(foo").last?.1 == "unclosed left parenthesis")
        #expect(lex("foo)").last?.1 == "unexpected right parenthesis ')'")
        #expect(lex("foo]").last?.1 == "unexpected right bracket ']'")
        #expect(lex("foo{").last?.1 == "unexpected end of input inside braces")
        #expect(lex("foo{a{").last?.1 == "unexpected left brace '{'")
        #expect(lex("foo $").last?.1 == "unexpected character: '$'")
        #expect(lex("a ! b").last?.1 == "unexpected character after '!': ' '")
    }

    @Test func tokenPositionsAreByteOffsets() {
        var lexer = Lexer("é + foo")  // `é` is not an identifier character: an error at byte 0
        let first = lexer.next()
        #expect(first.kind == .error && lexer.errorMessage == "unexpected character: 'é'")
        var ascii = Lexer("ab + cd")
        let tokens = Lexer.tokenize(&ascii)
        #expect(tokens.map(\.start) == [0, 3, 5, 7])
        #expect(tokens.map(\.end) == [2, 4, 7, 7])
    }
}
