import KlaxonModel

extension FormDecoder {
    /// The error Go's `url.ParseQuery` returns for `bytes` (the pairs `decode` drops), or `nil`: `invalid semicolon
    /// separator in query` when any pair holds a `;` (Go 1.19 sets that error even over an earlier one), else the
    /// first malformed escape, `invalid URL escape "%zz"` (the `%` and at most two bytes after it).
    static func firstError(_ bytes: [UInt8]) -> String? {
        var escapeError: String?
        for pair in bytes.split(separator: UInt8(ascii: "&"), omittingEmptySubsequences: true) {
            if pair.contains(UInt8(ascii: ";")) { return "invalid semicolon separator in query" }
            guard escapeError == nil else { continue }
            let equals = pair.firstIndex(of: UInt8(ascii: "=")) ?? pair.endIndex
            escapeError = malformedEscape(pair[..<equals]) ?? malformedEscape(pair[equals...].dropFirst())
        }
        return escapeError
    }

    /// `url.QueryUnescape`'s `EscapeError` for the first bad `%` escape of `component`.
    private static func malformedEscape(_ component: ArraySlice<UInt8>) -> String? {
        var i = component.startIndex
        while i < component.endIndex {
            guard component[i] == UInt8(ascii: "%") else {
                i += 1
                continue
            }
            if i + 2 >= component.endIndex || !isHex(component[i + 1]) || !isHex(component[i + 2]) {
                return "invalid URL escape " + goQuote(component[i..<min(i + 3, component.endIndex)])
            }
            i += 3
        }
        return nil
    }

    private static func isHex(_ b: UInt8) -> Bool {
        switch b {
        case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "a")...UInt8(ascii: "f"),
            UInt8(ascii: "A")...UInt8(ascii: "F"):
            return true
        default:
            return false
        }
    }
}
