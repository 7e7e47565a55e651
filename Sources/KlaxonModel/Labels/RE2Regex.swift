import CRE2

/// A compiled regular expression on RE2 (Debian's `libre2`), the engine Go's `regexp` is a port of: the same
/// syntax, leftmost-first submatches, and matching in time linear in the input, whatever the pattern. Every
/// regex Klaxon runs (label matchers, relabeling, `label_replace`, template functions, Alertmanager matchers,
/// silences and inhibition) goes through this type, so no pattern or label value can make a match backtrack.
///
/// Matching is unanchored, as Go's `MatchString`; callers that need Prometheus's anchoring compile
/// `^(?:pattern)$` (`AnchoredRegex`). Instances are immutable and safe to share between threads (RE2's matching
/// methods are const and thread-safe).
public final class RE2Regex: @unchecked Sendable {
    // `@unchecked`: `handle` is only read after `init` and freed in `deinit`; RE2 allows concurrent matching.
    private let handle: OpaquePointer
    public let pattern: String
    /// Capturing groups, not counting the whole match.
    public let groupCount: Int
    /// Names of the named groups `(?P<name>…)`, to their index.
    public let groupNames: [String: Int]

    /// - Parameter dotMatchesNewline: `.` matches `\n` (Go's `(?s)`).
    public init(_ pattern: String, dotMatchesNewline: Bool = false) throws(RegexError) {
        var code: Int32 = 0
        var argument = [CChar](repeating: 0, count: 512)
        var utf8 = Array(pattern.utf8)
        utf8.append(0)
        let created = utf8.withUnsafeBufferPointer { bytes in
            bytes.withMemoryRebound(to: CChar.self) { chars in
                klx_re2_new(chars.baseAddress, bytes.count - 1, dotMatchesNewline ? 1 : 0, &code, &argument, 512)
            }
        }
        guard let created else {
            let fragment = argument.withUnsafeBufferPointer { buffer in
                String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
            }
            throw RegexError(pattern: pattern, message: Self.goErrorText(code), argument: fragment)
        }
        handle = created
        self.pattern = pattern
        let count = Int(klx_re2_group_count(created))
        groupCount = count
        var names: [String: Int] = [:]
        if count > 0 {
            for index in 1...count {
                var length = 0
                if let name = klx_re2_group_name(created, Int32(index), &length) {
                    let bytes = UnsafeRawBufferPointer(start: name, count: length)
                    names[String(decoding: bytes, as: UTF8.self)] = index
                }
            }
        }
        groupNames = names
    }

    deinit { klx_re2_free(handle) }

    /// Whether `text` contains a match.
    public func matches(_ text: String) -> Bool {
        Self.withUTF8(text) { bytes in
            klx_re2_matches(handle, bytes.baseAddress, bytes.count) != 0
        }
    }

    /// The first match in `text`: index 0 is the matched text, then each group (`nil` when it did not take part).
    public func firstMatch(in text: String) -> RegexMatch? {
        Self.withUTF8(text) { bytes in
            var offsets = [Int64](repeating: -1, count: 2 * (groupCount + 1))
            guard find(bytes, from: 0, into: &offsets) else { return nil }
            return RegexMatch(groups: groups(bytes, offsets), groupNames: groupNames)
        }
    }

    /// Go's `ReplaceAllString`: every non-overlapping match replaced by `template` expanded over its groups
    /// (`$1`, `${name}`, `$$`), with Go's rules for empty matches (never directly after a previous match; the
    /// search always advances by at least one character).
    public func replaceAll(in text: String, with template: String) -> String {
        Self.withUTF8(text) { bytes in
            var out: [UInt8] = []
            var offsets = [Int64](repeating: -1, count: 2 * (groupCount + 1))
            var lastMatchEnd = 0
            var searchPosition = 0
            while searchPosition <= bytes.count, find(bytes, from: searchPosition, into: &offsets) {
                let begin = Int(offsets[0])
                let end = Int(offsets[1])
                out.append(contentsOf: bytes[lastMatchEnd..<begin])
                if end > lastMatchEnd || begin == 0 {
                    let match = RegexMatch(groups: groups(bytes, offsets), groupNames: groupNames)
                    out.append(contentsOf: match.expand(template).utf8)
                }
                lastMatchEnd = end
                let width = searchPosition < bytes.count ? Self.scalarWidth(bytes[searchPosition]) : 1
                if searchPosition + width > end {
                    searchPosition += width
                } else if searchPosition + 1 > end {
                    searchPosition += 1
                } else {
                    searchPosition = end
                }
            }
            out.append(contentsOf: bytes[lastMatchEnd...])
            return String(decoding: out, as: UTF8.self)
        }
    }

    private func find(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, into offsets: inout [Int64]) -> Bool {
        let slots = Int32(groupCount + 1)
        return bytes.withMemoryRebound(to: CChar.self) { chars in
            offsets.withUnsafeMutableBufferPointer { out in
                klx_re2_find(handle, chars.baseAddress, chars.count, start, out.baseAddress, slots) != 0
            }
        }
    }

    private func groups(_ bytes: UnsafeBufferPointer<UInt8>, _ offsets: [Int64]) -> [String?] {
        var groups: [String?] = []
        groups.reserveCapacity(groupCount + 1)
        for index in 0...groupCount {
            let begin = offsets[2 * index]
            let end = offsets[2 * index + 1]
            if begin < 0 || end < begin {
                groups.append(nil)
            } else {
                groups.append(String(decoding: bytes[Int(begin)..<Int(end)], as: UTF8.self))
            }
        }
        return groups
    }

    /// The length in bytes of the UTF-8 sequence a lead byte starts (1 for a stray continuation byte).
    private static func scalarWidth(_ lead: UInt8) -> Int {
        switch lead {
        case 0xF0...: return 4
        case 0xE0...: return 3
        case 0xC0...: return 2
        default: return 1
        }
    }

    /// The UTF-8 bytes of `text` without a copy when the string is native (they always are, once read or built).
    @inline(__always)
    static func withUTF8<R>(_ text: String, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        if let result = text.utf8.withContiguousStorageIfAvailable(body) { return result }
        var copy = text
        return copy.withUTF8(body)
    }

    /// The text of Go's `regexp/syntax.ErrorCode` for RE2's code of the same error (Go's parser is RE2's, ported).
    static func goErrorText(_ code: Int32) -> String {
        switch code {
        case 2: return "invalid escape sequence"
        case 3: return "invalid character class"
        case 4: return "invalid character class range"
        case 5: return "missing closing ]"
        case 6: return "missing closing )"
        case 7: return "unexpected )"
        case 8: return "trailing backslash at end of expression"
        case 9: return "missing argument to repetition operator"
        case 10: return "invalid repeat count"
        case 11: return "invalid nested repetition operator"
        case 12: return "invalid or unsupported Perl syntax"
        case 13: return "invalid UTF-8"
        case 14: return "invalid named capture"
        case 15: return "expression too large"
        default: return "regexp/syntax: internal error"
        }
    }
}
