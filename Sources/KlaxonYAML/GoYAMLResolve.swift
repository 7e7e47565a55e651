/// go-yaml v3's implicit tag resolution for plain scalars (YAML 1.2 core schema plus go-yaml's extras),
/// not Yams's YAML 1.1 rules: `yes`/`no`/`on`/`off` are strings.
enum GoYAMLResolve {
    static func tag(ofPlain value: String) -> String {
        switch value {
        case "", "~", "null", "Null", "NULL": return "!!null"
        case "true", "True", "TRUE", "false", "False", "FALSE": return "!!bool"
        case ".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF", "-.inf", "-.Inf", "-.INF", ".nan", ".NaN", ".NAN":
            return "!!float"
        default: break
        }
        guard let first = value.utf8.first else { return "!!str" }
        let isNumberStart =
            (first >= UInt8(ascii: "0") && first <= UInt8(ascii: "9")) || first == UInt8(ascii: "-")
            || first == UInt8(ascii: "+") || first == UInt8(ascii: ".")
        guard isNumberStart else { return "!!str" }
        if parseInt(value) != nil { return "!!int" }
        if isYAMLFloat(value) { return "!!float" }
        if isTimestamp(value) { return "!!timestamp" }
        return "!!str"
    }

    /// go-yaml: underscores removed, then Go's `strconv.ParseInt(s, 0, 64)` (or ParseUint), plus `0b…` / `0o…`.
    static func parseInt(_ text: String) -> Int64? {
        var bytes = Array(text.utf8.filter { $0 != UInt8(ascii: "_") })
        var negative = false
        if let sign = bytes.first, sign == UInt8(ascii: "-") || sign == UInt8(ascii: "+") {
            negative = sign == UInt8(ascii: "-")
            bytes.removeFirst()
        }
        guard !bytes.isEmpty else { return nil }
        var radix: Int64 = 10
        if bytes.count > 2, bytes[0] == UInt8(ascii: "0") {
            switch bytes[1] {
            case UInt8(ascii: "x"), UInt8(ascii: "X"): radix = 16
            case UInt8(ascii: "b"), UInt8(ascii: "B"): radix = 2
            case UInt8(ascii: "o"), UInt8(ascii: "O"): radix = 8
            default: break
            }
            if radix != 10 { bytes.removeFirst(2) }
        }
        if radix == 10, bytes.count > 1, bytes[0] == UInt8(ascii: "0") {
            radix = 8
            bytes.removeFirst()
        }
        var result: Int64 = 0
        for byte in bytes {
            let digit: Int64
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = Int64(byte - UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = Int64(byte - UInt8(ascii: "a") + 10)
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = Int64(byte - UInt8(ascii: "A") + 10)
            default: return nil
            }
            guard digit < radix else { return nil }
            let (m, o1) = result.multipliedReportingOverflow(by: radix)
            let (s, o2) = m.addingReportingOverflow(digit)
            guard !o1, !o2 else { return nil }
            result = s
        }
        return negative ? -result : result
    }

    /// `^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$`
    static func isYAMLFloat(_ text: String) -> Bool {
        let b = Array(text.utf8)
        var i = 0
        func isDigit(_ c: UInt8) -> Bool { c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9") }
        if i < b.count, b[i] == UInt8(ascii: "-") || b[i] == UInt8(ascii: "+") { i += 1 }
        var intDigits = 0
        while i < b.count, isDigit(b[i]) {
            i += 1
            intDigits += 1
        }
        var fracDigits = 0
        if i < b.count, b[i] == UInt8(ascii: ".") {
            i += 1
            while i < b.count, isDigit(b[i]) {
                i += 1
                fracDigits += 1
            }
            if intDigits == 0 && fracDigits == 0 { return false }
        } else if intDigits == 0 {
            return false
        }
        if i < b.count, b[i] == UInt8(ascii: "e") || b[i] == UInt8(ascii: "E") {
            i += 1
            if i < b.count, b[i] == UInt8(ascii: "-") || b[i] == UInt8(ascii: "+") { i += 1 }
            var expDigits = 0
            while i < b.count, isDigit(b[i]) {
                i += 1
                expDigits += 1
            }
            if expDigits == 0 { return false }
        }
        return i == b.count
    }

    /// `YYYY-MM-DD` optionally followed by a time (go-yaml's allowed timestamp layouts start with the date).
    static func isTimestamp(_ text: String) -> Bool {
        let b = Array(text.utf8)
        guard b.count >= 10 else { return false }
        for (i, c) in b.prefix(10).enumerated() {
            if i == 4 || i == 7 {
                if c != UInt8(ascii: "-") { return false }
            } else if !(c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9")) {
                return false
            }
        }
        return b.count == 10 || b[10] == UInt8(ascii: "T") || b[10] == UInt8(ascii: "t") || b[10] == UInt8(ascii: " ")
    }
}
