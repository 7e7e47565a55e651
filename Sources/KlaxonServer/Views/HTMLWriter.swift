import KlaxonModel

/// A small append-only HTML writer over one byte buffer.
///
/// Markup known at compile time goes in verbatim through `raw(_:)`; every dynamic value goes through `text(_:)`,
/// which escapes it as Go's `html.EscapeString` does (`&`, `<`, `>`, `"`, `'`) so it is safe both as element
/// content and inside a double-quoted attribute. NUL bytes become U+FFFD, as an HTML parser would read them.
struct HTMLWriter {
    private(set) var bytes: [UInt8]

    init(capacity: Int = 16 << 10) {
        bytes = []
        bytes.reserveCapacity(capacity)
    }

    /// Appends trusted markup unchanged.
    mutating func raw(_ markup: StaticString) {
        markup.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }

    /// Appends one byte.
    mutating func byte(_ b: UInt8) {
        bytes.append(b)
    }

    /// Appends `value` escaped for element content or a double-quoted attribute value.
    mutating func text(_ value: String) {
        var value = value
        value.withUTF8 { utf8 in
            // Fast path: most values need no escaping at all.
            guard utf8.contains(where: Self.needsEscape) else {
                bytes.append(contentsOf: utf8)
                return
            }
            var start = 0
            for i in 0..<utf8.count {
                let replacement: StaticString
                switch utf8[i] {
                case 0x26: replacement = "&amp;"  // &
                case 0x3C: replacement = "&lt;"  // <
                case 0x3E: replacement = "&gt;"  // >
                case 0x22: replacement = "&#34;"  // "
                case 0x27: replacement = "&#39;"  // '
                case 0x00: replacement = "\u{FFFD}"
                default: continue
                }
                if start < i { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[start..<i])) }
                replacement.withUTF8Buffer { bytes.append(contentsOf: $0) }
                start = i + 1
            }
            if start < utf8.count { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[start...])) }
        }
    }

    private static func needsEscape(_ b: UInt8) -> Bool {
        b == 0x26 || b == 0x3C || b == 0x3E || b == 0x22 || b == 0x27 || b == 0x00
    }

    /// Appends a decimal unsigned integer.
    mutating func uint(_ value: UInt64) {
        GoNumber.appendUInt(value, to: &bytes)
    }

    /// Appends a decimal integer.
    mutating func int(_ value: Int) {
        GoNumber.appendInt(Int64(value), to: &bytes)
    }

    /// `<tag class="cls">escaped text</tag>` for a fixed tag and class.
    mutating func element(_ open: StaticString, _ value: String, _ close: StaticString) {
        raw(open)
        text(value)
        raw(close)
    }

    /// A label set as a run of `<span class="label">name="value"</span>` chips, skipping `except`.
    mutating func labels(_ labels: Labels, except: String = "") {
        var any = false
        for label in labels where label.name != except {
            raw("<span class=\"label\">")
            text(label.name)
            raw("=&#34;")
            text(label.value)
            raw("&#34;</span> ")
            any = true
        }
        if !any { raw("<span class=\"none\">none</span>") }
    }
}
