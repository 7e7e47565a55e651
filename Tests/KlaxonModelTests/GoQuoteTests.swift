import KlaxonModel
import Testing

/// The one `goQuote` (Go's `strconv.Quote`): what Go 1.19 prints for each input (`fmt.Printf("%q")`).
struct GoQuoteTests {
    @Test(arguments: [
        ("plain", #""plain""#),
        ("a\"b\\c", #""a\"b\\c""#),
        ("\n\t\r\u{07}\u{08}\u{0C}\u{0B}", #""\n\t\r\a\b\f\v""#),
        ("\u{01}\u{7f}", #""\x01\x7f""#),
        ("é α ☺", #""é α ☺""#),
        ("a\u{200b}b", #""a\u200bb""#),  // format character
        ("\u{a0}", #""\u00a0""#),  // a space other than ' '
        ("\u{2028}", #""\u2028""#),
        ("\u{E000}", #""\ue000""#),  // private use
        ("\u{10FFFF}", #""\U0010ffff""#),
    ])
    func quotesAsGo(input: String, expected: String) {
        #expect(goQuote(input) == expected)
    }

    @Test func invalidUTF8IsPrintedByteByByte() {
        #expect(goQuote([0x61, 0xff, 0xc3]) == #""a\xff\xc3""#)
        #expect(goQuoteByte(UInt8(ascii: "}")) == "'}'")
        #expect(goQuoteByte(UInt8(ascii: "'")) == #"'\''"#)
    }
}
