/// Tokens of Go's `text/template` (`text/template/parse/lex.go`).
struct Token: Sendable {
    enum Kind: Sendable, Equatable {
        case error, eof, text, leftDelim, rightDelim, space, bool, char, charConstant, number, string, rawString
        case identifier, field, variable, declare, assign, pipe, leftParen, rightParen, dot, nilKeyword
        case keyword(Keyword)
    }

    enum Keyword: String, Sendable {
        case block, `break`, `continue`, define, `else`, end, `if`, range, template, with
    }

    var kind: Kind
    /// Byte offset of the token in the template text.
    var pos: Int
    var value: String
    var line: Int

    /// Go's `item.String()`, used in "unexpected ..." messages.
    var display: String {
        switch kind {
        case .eof: return "EOF"
        case .error: return value
        case .keyword: return "<\(value)>"
        default:
            if value.unicodeScalars.count > 10 {
                var prefix = String.UnicodeScalarView()
                prefix.append(contentsOf: value.unicodeScalars.prefix(10))
                return GoPrintf.quote(String(prefix)) + "..."
            }
            return GoPrintf.quote(value)
        }
    }
}

/// Splits a template into tokens, stopping at the first error (emitted as an `.error` token).
struct Lexer {
    private let input: [UInt8]
    private var pos = 0
    private var start = 0
    private var line = 1
    private var startLine = 1
    private var parenDepth = 0
    private(set) var tokens: [Token] = []

    init(_ text: String) {
        input = Array(text.utf8)
    }

    static func tokenize(_ text: String) -> [Token] {
        var lexer = Lexer(text)
        lexer.run()
        return lexer.tokens
    }

    private static let leftDelim: [UInt8] = Array("{{".utf8)
    private static let rightDelim: [UInt8] = Array("}}".utf8)

    private func hasPrefix(_ prefix: [UInt8], at offset: Int) -> Bool {
        guard offset >= 0, offset + prefix.count <= input.count else { return false }
        for i in 0..<prefix.count where input[offset + i] != prefix[i] { return false }
        return true
    }

    private func byte(at offset: Int) -> UInt8? { offset >= 0 && offset < input.count ? input[offset] : nil }

    private static func isSpace(_ b: UInt8?) -> Bool {
        b == UInt8(ascii: " ") || b == UInt8(ascii: "\t") || b == UInt8(ascii: "\r") || b == UInt8(ascii: "\n")
    }

    private static func isAlphaNumeric(_ b: UInt8?) -> Bool {
        guard let b else { return false }
        return b == UInt8(ascii: "_") || (b >= UInt8(ascii: "a") && b <= UInt8(ascii: "z"))
            || (b >= UInt8(ascii: "A") && b <= UInt8(ascii: "Z")) || (b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9"))
            || b >= 0x80
    }

    private func hasLeftTrimMarker(at offset: Int) -> Bool {
        byte(at: offset) == UInt8(ascii: "-") && Self.isSpace(byte(at: offset + 1))
    }

    private func hasRightTrimMarker(at offset: Int) -> Bool {
        Self.isSpace(byte(at: offset)) && byte(at: offset + 1) == UInt8(ascii: "-")
    }

    private func atRightDelim() -> (delim: Bool, trim: Bool) {
        if hasRightTrimMarker(at: pos) && hasPrefix(Self.rightDelim, at: pos + 2) { return (true, true) }
        if hasPrefix(Self.rightDelim, at: pos) { return (true, false) }
        return (false, false)
    }

    private mutating func emit(_ kind: Token.Kind) {
        let text = String(decoding: input[start..<pos], as: UTF8.self)
        tokens.append(Token(kind: kind, pos: start, value: text, line: startLine))
        ignore()
    }

    private mutating func ignore() {
        for b in input[start..<pos] where b == UInt8(ascii: "\n") { line += 1 }
        start = pos
        startLine = line
    }

    private mutating func fail(_ message: String) {
        tokens.append(Token(kind: .error, pos: start, value: message, line: startLine))
    }

    private mutating func run() {
        while true {
            // Text up to the next left delimiter.
            var next = pos
            while next < input.count && !hasPrefix(Self.leftDelim, at: next) { next += 1 }
            if next >= input.count {
                pos = input.count
                if pos > start { emit(.text) }
                tokens.append(Token(kind: .eof, pos: pos, value: "", line: line))
                return
            }
            let trim = hasLeftTrimMarker(at: next + 2)
            var textEnd = next
            if trim {
                while textEnd > start && Self.isSpace(input[textEnd - 1]) { textEnd -= 1 }
            }
            pos = textEnd
            if pos > start { emit(.text) }
            pos = next
            ignore()
            if !lexLeftDelim(trim: trim) { return }
        }
    }

    /// Returns false after an error token.
    private mutating func lexLeftDelim(trim: Bool) -> Bool {
        pos += 2
        let afterMarker = trim ? 2 : 0
        if hasPrefix(Array("/*".utf8), at: pos + afterMarker) {
            pos += afterMarker
            ignore()
            return lexComment()
        }
        emit(.leftDelim)
        pos += afterMarker
        ignore()
        parenDepth = 0
        return lexInsideAction()
    }

    private mutating func lexComment() -> Bool {
        pos += 2
        var end = pos
        while end < input.count && !hasPrefix(Array("*/".utf8), at: end) { end += 1 }
        if end >= input.count {
            fail("unclosed comment")
            return false
        }
        pos = end + 2
        let (delim, trim) = atRightDelim()
        if !delim {
            fail("comment ends before closing delimiter")
            return false
        }
        if trim { pos += 2 }
        pos += 2
        if trim { while Self.isSpace(byte(at: pos)) { pos += 1 } }
        ignore()
        return true
    }

    private mutating func lexInsideAction() -> Bool {
        while true {
            let (delim, trim) = atRightDelim()
            if delim {
                if parenDepth != 0 {
                    fail("unclosed left paren")
                    return false
                }
                if trim {
                    pos += 2
                    ignore()
                }
                pos += 2
                emit(.rightDelim)
                if trim {
                    while Self.isSpace(byte(at: pos)) { pos += 1 }
                    ignore()
                }
                return true
            }
            guard let b = byte(at: pos) else {
                fail("unclosed action")
                return false
            }
            switch b {
            case _ where Self.isSpace(b):
                var spaces = 0
                while Self.isSpace(byte(at: pos)) {
                    pos += 1
                    spaces += 1
                }
                if hasRightTrimMarker(at: pos - 1) && hasPrefix(Self.rightDelim, at: pos + 1) {
                    pos -= 1
                    if spaces == 1 { continue }
                }
                emit(.space)
            case UInt8(ascii: "="):
                pos += 1
                emit(.assign)
            case UInt8(ascii: ":"):
                pos += 1
                if byte(at: pos) != UInt8(ascii: "=") {
                    fail("expected :=")
                    return false
                }
                pos += 1
                emit(.declare)
            case UInt8(ascii: "|"):
                pos += 1
                emit(.pipe)
            case UInt8(ascii: "\""):
                if !lexQuoted(UInt8(ascii: "\""), .string, "unterminated quoted string") { return false }
            case UInt8(ascii: "'"):
                if !lexQuoted(UInt8(ascii: "'"), .charConstant, "unterminated character constant") { return false }
            case UInt8(ascii: "`"):
                pos += 1
                while let c = byte(at: pos), c != UInt8(ascii: "`") { pos += 1 }
                if byte(at: pos) == nil {
                    fail("unterminated raw quoted string")
                    return false
                }
                pos += 1
                emit(.rawString)
            case UInt8(ascii: "$"):
                if !lexFieldOrVariable(.variable) { return false }
            case UInt8(ascii: "."):
                if let c = byte(at: pos + 1), c < UInt8(ascii: "0") || c > UInt8(ascii: "9") {
                    if !lexFieldOrVariable(.field) { return false }
                } else if !lexNumber() {
                    return false
                }
            case UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
                if !lexNumber() { return false }
            case UInt8(ascii: "("):
                pos += 1
                emit(.leftParen)
                parenDepth += 1
            case UInt8(ascii: ")"):
                pos += 1
                emit(.rightParen)
                parenDepth -= 1
                if parenDepth < 0 {
                    fail("unexpected right paren U+0029 ')'")
                    return false
                }
            case _ where Self.isAlphaNumeric(b):
                if !lexIdentifier() { return false }
            case 0x21...0x7E:
                pos += 1
                emit(.char)
            default:
                fail("unrecognized character in action: \(Self.describe(b))")
                return false
            }
        }
    }

    private static func describe(_ b: UInt8) -> String {
        let hex = String(b, radix: 16, uppercase: true)
        return "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
    }

    private func atTerminator() -> Bool {
        guard let b = byte(at: pos) else { return true }
        if Self.isSpace(b) { return true }
        switch b {
        case UInt8(ascii: "."), UInt8(ascii: ","), UInt8(ascii: "|"), UInt8(ascii: ":"), UInt8(ascii: ")"),
            UInt8(ascii: "("):
            return true
        default:
            return hasPrefix(Self.rightDelim, at: pos)
        }
    }

    private mutating func badCharacter() {
        let b = byte(at: pos) ?? 0
        if b >= 0x20 && b < 0x7F {
            fail("bad character \(Self.describe(b)) '\(Character(Unicode.Scalar(b)))'")
        } else {
            fail("bad character \(Self.describe(b))")
        }
    }

    private mutating func lexFieldOrVariable(_ kind: Token.Kind) -> Bool {
        pos += 1
        if atTerminator() {
            emit(kind == .variable ? .variable : .dot)
            return true
        }
        while Self.isAlphaNumeric(byte(at: pos)) { pos += 1 }
        if !atTerminator() {
            badCharacter()
            return false
        }
        emit(kind)
        return true
    }

    private mutating func lexIdentifier() -> Bool {
        while Self.isAlphaNumeric(byte(at: pos)) { pos += 1 }
        if !atTerminator() {
            badCharacter()
            return false
        }
        let word = String(decoding: input[start..<pos], as: UTF8.self)
        if let keyword = Token.Keyword(rawValue: word) {
            emit(.keyword(keyword))
        } else if word == "nil" {
            emit(.nilKeyword)
        } else if word == "true" || word == "false" {
            emit(.bool)
        } else {
            emit(.identifier)
        }
        return true
    }

    private mutating func lexQuoted(_ quote: UInt8, _ kind: Token.Kind, _ message: String) -> Bool {
        pos += 1
        while true {
            guard let c = byte(at: pos), c != UInt8(ascii: "\n") else {
                fail(message)
                return false
            }
            pos += 1
            if c == UInt8(ascii: "\\") {
                guard let escaped = byte(at: pos), escaped != UInt8(ascii: "\n") else {
                    fail(message)
                    return false
                }
                pos += 1
            } else if c == quote {
                break
            }
        }
        emit(kind)
        return true
    }

    private mutating func lexNumber() -> Bool {
        if byte(at: pos) == UInt8(ascii: "+") || byte(at: pos) == UInt8(ascii: "-") { pos += 1 }
        var digits = "0123456789_"
        if byte(at: pos) == UInt8(ascii: "0"),
            let x = byte(at: pos + 1), x == UInt8(ascii: "x") || x == UInt8(ascii: "X")
        {
            pos += 2
            digits = "0123456789abcdefABCDEF_"
        }
        let set = Set(digits.utf8)
        while let c = byte(at: pos), set.contains(c) { pos += 1 }
        if byte(at: pos) == UInt8(ascii: ".") {
            pos += 1
            while let c = byte(at: pos), set.contains(c) { pos += 1 }
        }
        if let e = byte(at: pos), e == UInt8(ascii: "e") || e == UInt8(ascii: "E") {
            pos += 1
            if byte(at: pos) == UInt8(ascii: "+") || byte(at: pos) == UInt8(ascii: "-") { pos += 1 }
            while let c = byte(at: pos), c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9") { pos += 1 }
        }
        if Self.isAlphaNumeric(byte(at: pos)) {
            pos += 1
            fail("bad number syntax: " + GoPrintf.quote(String(decoding: input[start..<pos], as: UTF8.self)))
            return false
        }
        emit(.number)
        return true
    }
}
