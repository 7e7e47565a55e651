import KlaxonModel

/// A byte-level PromQL lexer following Prometheus's `promql/parser/lex.go` (2.42): the same tokens, the same
/// context rules (keywords are case-insensitive and are plain identifiers inside braces; durations only after
/// `[`, `:` and as suffixed numbers) and the same error texts. Comments are skipped.
///
/// On a lexical error the lexer yields one `.error` token whose `start` is the error position and stops;
/// `errorMessage` holds the text.
struct Lexer {
    let bytes: [UInt8]
    private(set) var pos = 0
    private var start = 0
    private var parenDepth = 0
    private var braceOpen = false
    private var bracketOpen = false
    private var gotColon = false
    private var durationNext = false
    private var finished = false
    private(set) var errorMessage = ""
    /// Prometheus 3.x: a plain number is accepted inside `[...]` (seconds).
    private let numbersInBrackets: Bool

    init(_ input: String, numbersInBrackets: Bool = true) {
        bytes = Array(input.utf8)
        self.numbersInBrackets = numbersInBrackets
    }

    init(bytes: [UInt8], numbersInBrackets: Bool = true) {
        self.bytes = bytes
        self.numbersInBrackets = numbersInBrackets
    }

    /// Lexes the whole input. The last token is `.eof` or `.error`.
    static func tokenize(_ lexer: inout Lexer) -> [Token] {
        var tokens: [Token] = []
        tokens.reserveCapacity(lexer.bytes.count / 3 + 2)
        while true {
            let token = lexer.next()
            tokens.append(token)
            if token.kind == .eof || token.kind == .error { return tokens }
        }
    }

    private func peek(_ offset: Int = 0) -> UInt8 {
        let i = pos + offset
        return i < bytes.count ? bytes[i] : 0
    }

    private var atEnd: Bool { pos >= bytes.count }

    private mutating func emit(_ kind: TokenKind) -> Token {
        let token = Token(kind: kind, start: start, end: pos)
        start = pos
        return token
    }

    private mutating func fail(_ message: String) -> Token {
        finished = true
        errorMessage = message
        return Token(kind: .error, start: start, end: bytes.count)
    }

    /// The next token.
    mutating func next() -> Token {
        if finished { return Token(kind: .eof, start: bytes.count, end: bytes.count) }
        while true {
            // Skip spaces and comments.
            while !atEnd {
                let c = bytes[pos]
                if isSpace(c) {
                    pos += 1
                } else if c == UInt8(ascii: "#") {
                    while !atEnd && bytes[pos] != UInt8(ascii: "\n") { pos += 1 }
                } else {
                    break
                }
            }
            start = pos
            if braceOpen { return lexInsideBraces() }
            if durationNext {
                durationNext = false
                return lexDuration()
            }
            return lexStatement()
        }
    }

    private mutating func lexStatement() -> Token {
        if atEnd {
            if parenDepth != 0 { return fail("unclosed left parenthesis") }
            if bracketOpen { return fail("unclosed left bracket") }
            finished = true
            return emit(.eof)
        }
        let c = bytes[pos]
        pos += 1
        switch c {
        case UInt8(ascii: ","): return emit(.comma)
        case UInt8(ascii: "*"): return emit(.mul)
        case UInt8(ascii: "/"): return emit(.div)
        case UInt8(ascii: "%"): return emit(.mod)
        case UInt8(ascii: "+"): return emit(.add)
        case UInt8(ascii: "-"): return emit(.sub)
        case UInt8(ascii: "^"): return emit(.pow)
        case UInt8(ascii: "="):
            if peek() == UInt8(ascii: "=") {
                pos += 1
                return emit(.eqlc)
            }
            if peek() == UInt8(ascii: "~") { return fail("unexpected character after '=': '~'") }
            return emit(.assign)
        case UInt8(ascii: "!"):
            if peek() == UInt8(ascii: "=") {
                pos += 1
                return emit(.neq)
            }
            return fail("unexpected character after '!': \(quoteRune(at: pos))")
        case UInt8(ascii: "<"):
            if peek() == UInt8(ascii: "=") {
                pos += 1
                return emit(.lte)
            }
            return emit(.lss)
        case UInt8(ascii: ">"):
            if peek() == UInt8(ascii: "=") {
                pos += 1
                return emit(.gte)
            }
            return emit(.gtr)
        case UInt8(ascii: "\""), UInt8(ascii: "'"): return lexString(quote: c)
        case UInt8(ascii: "`"): return lexRawString()
        case UInt8(ascii: "("):
            parenDepth += 1
            return emit(.leftParen)
        case UInt8(ascii: ")"):
            parenDepth -= 1
            let token = emit(.rightParen)
            if parenDepth < 0 { return fail("unexpected right parenthesis ')'") }
            return token
        case UInt8(ascii: "{"):
            braceOpen = true
            return emit(.leftBrace)
        case UInt8(ascii: "["):
            if bracketOpen { return fail("unexpected left bracket '['") }
            gotColon = false
            bracketOpen = true
            durationNext = true
            return emit(.leftBracket)
        case UInt8(ascii: "]"):
            if !bracketOpen { return fail("unexpected right bracket ']'") }
            bracketOpen = false
            return emit(.rightBracket)
        case UInt8(ascii: "@"): return emit(.at)
        default:
            if isDigit(c) || (c == UInt8(ascii: ".") && isDigit(peek())) {
                pos -= 1
                return lexNumberOrDuration()
            }
            if isAlpha(c) || c == UInt8(ascii: ":") {
                if !bracketOpen {
                    pos -= 1
                    return lexKeywordOrIdentifier()
                }
                if gotColon { return fail("unexpected colon \(quoteRune(at: pos - 1))") }
                gotColon = true
                return emit(.colon)
            }
            pos -= 1
            return fail("unexpected character: \(quoteRune(at: pos))")
        }
    }

    private mutating func lexInsideBraces() -> Token {
        if atEnd { return fail("unexpected end of input inside braces") }
        let c = bytes[pos]
        pos += 1
        switch c {
        case UInt8(ascii: ","): return emit(.comma)
        case UInt8(ascii: "\""), UInt8(ascii: "'"): return lexString(quote: c)
        case UInt8(ascii: "`"): return lexRawString()
        case UInt8(ascii: "="):
            if peek() == UInt8(ascii: "~") {
                pos += 1
                return emit(.eqlRegex)
            }
            return emit(.assign)
        case UInt8(ascii: "!"):
            if peek() == UInt8(ascii: "~") {
                pos += 1
                return emit(.neqRegex)
            }
            if peek() == UInt8(ascii: "=") {
                pos += 1
                return emit(.neq)
            }
            return fail("unexpected character after '!' inside braces: \(quoteRune(at: pos))")
        case UInt8(ascii: "{"): return fail("unexpected left brace '{'")
        case UInt8(ascii: "}"):
            braceOpen = false
            return emit(.rightBrace)
        default:
            if isAlpha(c) {
                while !atEnd && isAlphaNumeric(bytes[pos]) { pos += 1 }
                return emit(.identifier)
            }
            pos -= 1
            return fail("unexpected character inside braces: \(quoteRune(at: pos))")
        }
    }

    private mutating func lexKeywordOrIdentifier() -> Token {
        var hasColon = false
        while !atEnd {
            let c = bytes[pos]
            if isAlphaNumeric(c) {
                pos += 1
            } else if c == UInt8(ascii: ":") {
                hasColon = true
                pos += 1
            } else {
                break
            }
        }
        if let keyword = Self.keyword(bytes[start..<pos]) { return emit(keyword) }
        return emit(hasColon ? .metricIdentifier : .identifier)
    }

    private static let keywords: [(String, TokenKind)] = [
        ("and", .land), ("or", .lor), ("unless", .lunless), ("atan2", .atan2),
        ("sum", .sum), ("avg", .avg), ("count", .count), ("min", .min), ("max", .max), ("group", .group),
        ("stddev", .stddev), ("stdvar", .stdvar), ("topk", .topk), ("bottomk", .bottomk),
        ("count_values", .countValues), ("quantile", .quantile), ("limitk", .limitk), ("limit_ratio", .limitRatio),
        ("offset", .offset), ("by", .by), ("without", .without), ("on", .on), ("ignoring", .ignoring),
        ("group_left", .groupLeft), ("group_right", .groupRight), ("bool", .bool), ("start", .start), ("end", .end),
        ("inf", .number), ("nan", .number),
    ]

    /// The keyword spelled by `word`, compared case-insensitively.
    static func keyword(_ word: ArraySlice<UInt8>) -> TokenKind? {
        guard word.count >= 2, word.count <= 12 else { return nil }
        outer: for (name, kind) in keywords where name.utf8.count == word.count {
            var i = word.startIndex
            for n in name.utf8 {
                var b = word[i]
                if b >= 65 && b <= 90 { b += 32 }
                if b != n { continue outer }
                i += 1
            }
            return kind
        }
        return nil
    }

    /// Scans a number (decimal, hex, float, exponent). Returns true when what follows is not alphanumeric.
    private mutating func scanNumber() -> Bool {
        var hex = false
        if peek() == UInt8(ascii: "0") && (peek(1) == UInt8(ascii: "x") || peek(1) == UInt8(ascii: "X")) {
            pos += 2
            hex = true
        }
        while !atEnd && (isDigit(bytes[pos]) || (hex && isHexLetter(bytes[pos]))) { pos += 1 }
        if peek() == UInt8(ascii: ".") {
            pos += 1
            while !atEnd && (isDigit(bytes[pos]) || (hex && isHexLetter(bytes[pos]))) { pos += 1 }
        }
        if !hex && (peek() == UInt8(ascii: "e") || peek() == UInt8(ascii: "E")) {
            pos += 1
            if peek() == UInt8(ascii: "+") || peek() == UInt8(ascii: "-") { pos += 1 }
            while !atEnd && isDigit(bytes[pos]) { pos += 1 }
        }
        return !isAlphaNumeric(peek())
    }

    private mutating func acceptUnit(_ units: String) -> Bool {
        if !atEnd && units.utf8.contains(bytes[pos]) {
            pos += 1
            return true
        }
        return false
    }

    private mutating func acceptRemainingDuration() -> Bool {
        if !acceptUnit("smhdwy") { return false }
        _ = acceptUnit("s")
        while !atEnd && isDigit(bytes[pos]) {
            while !atEnd && isDigit(bytes[pos]) { pos += 1 }
            if !acceptUnit("smhdw") { return false }
            _ = acceptUnit("s")
        }
        if !atEnd && isAlphaNumeric(bytes[pos]) {
            pos += 1
            return false
        }
        return true
    }

    private mutating func lexNumberOrDuration() -> Token {
        if scanNumber() { return emit(.number) }
        if acceptRemainingDuration() { return emit(.duration) }
        return fail("bad number or duration syntax: \(goQuote(text(start, pos)))")
    }

    /// The range inside `[...]`: a duration is required.
    private mutating func lexDuration() -> Token {
        if numbersInBrackets && !atEnd && (isDigit(bytes[pos]) || bytes[pos] == UInt8(ascii: ".")) {
            return lexNumberOrDuration()
        }
        if scanNumber() { return fail("missing unit character in duration") }
        if acceptRemainingDuration() { return emit(.duration) }
        return fail("bad duration syntax: \(goQuote(text(start, pos)))")
    }

    private mutating func lexString(quote: UInt8) -> Token {
        while true {
            if atEnd { return fail("unterminated quoted string") }
            let c = bytes[pos]
            pos += 1
            if c == quote { return emit(.string) }
            if c == UInt8(ascii: "\n") { return fail("unterminated quoted string") }
            if c == UInt8(ascii: "\\") {
                if let message = scanEscape(quote: quote) {
                    // Prometheus reports escape errors at the start of the string.
                    return fail(message)
                }
            }
        }
    }

    /// Validates an escape sequence after `\`; returns an error message or nil.
    private mutating func scanEscape(quote: UInt8) -> String? {
        if atEnd { return "escape sequence not terminated" }
        let c = bytes[pos]
        var count = 0
        var base: UInt32 = 0
        var maxValue: UInt32 = 0
        switch c {
        case UInt8(ascii: "a"), UInt8(ascii: "b"), UInt8(ascii: "f"), UInt8(ascii: "n"), UInt8(ascii: "r"),
            UInt8(ascii: "t"), UInt8(ascii: "v"), UInt8(ascii: "\\"), quote:
            pos += 1
            return nil
        case UInt8(ascii: "0")...UInt8(ascii: "7"):
            (count, base, maxValue) = (3, 8, 255)
        case UInt8(ascii: "x"):
            pos += 1
            (count, base, maxValue) = (2, 16, 255)
        case UInt8(ascii: "u"):
            pos += 1
            (count, base, maxValue) = (4, 16, 0x10FFFF)
        case UInt8(ascii: "U"):
            pos += 1
            (count, base, maxValue) = (8, 16, 0x10FFFF)
        default:
            return "unknown escape sequence \(goRuneDescription(at: pos))"
        }
        var value: UInt32 = 0
        while count > 0 {
            if atEnd { return "escape sequence not terminated" }
            let d = UInt32(digitValue(bytes[pos]))
            if d >= base { return "illegal character \(goRuneDescription(at: pos)) in escape sequence" }
            value = value * base + d
            pos += 1
            count -= 1
        }
        if value > maxValue || (0xD800..<0xE000).contains(value) {
            return "escape sequence is an invalid Unicode code point"
        }
        return nil
    }

    private mutating func lexRawString() -> Token {
        while true {
            if atEnd { return fail("unterminated raw string") }
            let c = bytes[pos]
            pos += 1
            if c == UInt8(ascii: "`") { return emit(.string) }
        }
    }

    func text(_ from: Int, _ to: Int) -> String {
        String(decoding: bytes[from..<min(to, bytes.count)], as: UTF8.self)
    }

    /// The rune at `index`, decoded from UTF-8.
    private func rune(at index: Int) -> Unicode.Scalar? {
        guard index < bytes.count else { return nil }
        var iterator = bytes[index...].makeIterator()
        var decoder = UTF8()
        if case .scalarValue(let scalar) = decoder.decode(&iterator) { return scalar }
        return nil
    }

    /// Go's `%q` of the rune at `index` (`'x'`).
    private func quoteRune(at index: Int) -> String {
        // Go's lexer reads EOF and invalid UTF-8 as U+FFFD-like runes, which `%q` prints as '�'.
        guard let scalar = rune(at: index) else { return "'\u{FFFD}'" }
        switch scalar {
        case "'": return "'\\''"
        case "\\": return "'\\\\'"
        case "\n": return "'\\n'"
        case "\t": return "'\\t'"
        case "\r": return "'\\r'"
        default:
            if scalar.value < 0x20 || scalar.value == 0x7f {
                return "'\\x" + hexDigits(scalar.value, width: 2) + "'"
            }
            return "'" + String(Character(scalar)) + "'"
        }
    }

    /// Go's `%#U` of the rune at `index` (`U+007A 'z'`).
    private func goRuneDescription(at index: Int) -> String {
        guard let scalar = rune(at: index) else { return "U+FFFFFFFF" }
        let code = "U+" + hexDigits(scalar.value, width: 4).uppercased()
        if scalar.value < 0x20 || scalar.value == 0x7f { return code }
        return code + " '" + String(Character(scalar)) + "'"
    }
}

func hexDigits(_ value: UInt32, width: Int) -> String {
    let digits = String(value, radix: 16)
    return String(repeating: "0", count: max(0, width - digits.count)) + digits
}

@inline(__always) func isSpace(_ c: UInt8) -> Bool {
    c == UInt8(ascii: " ") || c == UInt8(ascii: "\t") || c == UInt8(ascii: "\n") || c == UInt8(ascii: "\r")
}

@inline(__always) func isDigit(_ c: UInt8) -> Bool { c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9") }

@inline(__always) func isAlpha(_ c: UInt8) -> Bool {
    (c >= UInt8(ascii: "a") && c <= UInt8(ascii: "z")) || (c >= UInt8(ascii: "A") && c <= UInt8(ascii: "Z"))
        || c == UInt8(ascii: "_")
}

@inline(__always) func isAlphaNumeric(_ c: UInt8) -> Bool { isAlpha(c) || isDigit(c) }

@inline(__always) private func isHexLetter(_ c: UInt8) -> Bool {
    (c >= UInt8(ascii: "a") && c <= UInt8(ascii: "f")) || (c >= UInt8(ascii: "A") && c <= UInt8(ascii: "F"))
}

private func digitValue(_ c: UInt8) -> Int {
    if isDigit(c) { return Int(c - UInt8(ascii: "0")) }
    if c >= UInt8(ascii: "a") && c <= UInt8(ascii: "f") { return Int(c - UInt8(ascii: "a")) + 10 }
    if c >= UInt8(ascii: "A") && c <= UInt8(ascii: "F") { return Int(c - UInt8(ascii: "A")) + 10 }
    return 16
}
