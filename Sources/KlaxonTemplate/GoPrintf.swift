import KlaxonModel

/// Go's `fmt.Sprintf`, `fmt.Sprint` and `fmt.Sprintln` over `TemplateValue`s.
enum GoPrintf {
    private struct Spec {
        var minus = false
        var plus = false
        var sharp = false
        var space = false
        var zero = false
        var width: Int?
        var precision: Int?
    }

    static func sprint(_ args: [TemplateValue]) -> String {
        var out = ""
        for (i, arg) in args.enumerated() {
            if i > 0 && !arg.isString && !args[i - 1].isString { out += " " }
            out += arg.goString
        }
        return out
    }

    static func sprintln(_ args: [TemplateValue]) -> String {
        args.map { $0.goString }.joined(separator: " ") + "\n"
    }

    static func sprintf(_ format: String, _ args: [TemplateValue]) -> String {
        let bytes = Array(format.utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + 16)
        var argIndex = 0
        var i = 0
        while i < bytes.count {
            let b = bytes[i]
            if b != UInt8(ascii: "%") {
                out.append(b)
                i += 1
                continue
            }
            i += 1
            var spec = Spec()
            flags: while i < bytes.count {
                switch bytes[i] {
                case UInt8(ascii: "-"): spec.minus = true
                case UInt8(ascii: "+"): spec.plus = true
                case UInt8(ascii: "#"): spec.sharp = true
                case UInt8(ascii: " "): spec.space = true
                case UInt8(ascii: "0"): spec.zero = true
                default: break flags
                }
                i += 1
            }
            spec.width = parseNumber(bytes, &i)
            if i < bytes.count && bytes[i] == UInt8(ascii: ".") {
                i += 1
                spec.precision = parseNumber(bytes, &i) ?? 0
            }
            if i >= bytes.count {
                out.append(contentsOf: "%!(NOVERB)".utf8)
                break
            }
            // Decode one (possibly multi-byte) verb.
            var end = i + 1
            while end < bytes.count && bytes[end] & 0xC0 == 0x80 { end += 1 }
            let verb = String(decoding: bytes[i..<end], as: UTF8.self)
            i = end
            if verb == "%" {
                out.append(UInt8(ascii: "%"))
                continue
            }
            guard argIndex < args.count else {
                out.append(contentsOf: "%!\(verb)(MISSING)".utf8)
                continue
            }
            let arg = args[argIndex]
            argIndex += 1
            out.append(contentsOf: formatOne(arg, verb: verb, spec: spec).utf8)
        }
        if argIndex < args.count {
            out.append(contentsOf: "%!(EXTRA ".utf8)
            let extra = args[argIndex...].map { "\($0.goTypeName)=\($0.goString)" }.joined(separator: ", ")
            out.append(contentsOf: extra.utf8)
            out.append(UInt8(ascii: ")"))
        }
        return String(decoding: out, as: UTF8.self)
    }

    private static func parseNumber(_ bytes: [UInt8], _ i: inout Int) -> Int? {
        var value: Int?
        while i < bytes.count, bytes[i] >= UInt8(ascii: "0"), bytes[i] <= UInt8(ascii: "9") {
            value = (value ?? 0) * 10 + Int(bytes[i] - UInt8(ascii: "0"))
            if value ?? 0 > 1_000_000 { value = 1_000_000 }
            i += 1
        }
        return value
    }

    private static func bad(_ verb: String, _ arg: TemplateValue) -> String {
        if case .null = arg { return "%!\(verb)(<nil>)" }
        return "%!\(verb)(\(arg.goTypeName)=\(arg.goString))"
    }

    private static func formatOne(_ arg: TemplateValue, verb: String, spec: Spec) -> String {
        if verb == "T" { return pad(arg.goTypeName, spec) }
        switch arg {
        case .float(let f):
            switch verb {
            case "v", "g", "G", "e", "E", "f", "F":
                let v: Character = verb == "v" ? "g" : Character(verb)
                var text = GoFloat.format(f, verb: v, precision: spec.precision ?? -1)
                if !text.hasPrefix("-") && !text.hasPrefix("+") {
                    if spec.plus { text = "+" + text } else if spec.space { text = " " + text }
                } else if text == "+Inf" && !spec.plus {
                    text = spec.space ? " Inf" : (verb == "v" ? "+Inf" : "+Inf")
                }
                return padNumber(text, spec, finite: f.isFinite)
            default: return bad(verb, arg)
            }
        case .int(let n):
            switch verb {
            case "d", "v": return padNumber(signed(String(n.magnitude), n < 0, spec), spec, finite: true)
            case "x":
                return padNumber(
                    signed((spec.sharp ? "0x" : "") + String(n.magnitude, radix: 16), n < 0, spec),
                    spec,
                    finite: true
                )
            case "X":
                return padNumber(
                    signed((spec.sharp ? "0X" : "") + String(n.magnitude, radix: 16, uppercase: true), n < 0, spec),
                    spec,
                    finite: true
                )
            case "o": return padNumber(signed(String(n.magnitude, radix: 8), n < 0, spec), spec, finite: true)
            case "b": return padNumber(signed(String(n.magnitude, radix: 2), n < 0, spec), spec, finite: true)
            case "c":
                return pad(
                    Unicode.Scalar(UInt32(truncatingIfNeeded: n)).map { String(Character($0)) } ?? "\u{FFFD}",
                    spec
                )
            case "q":
                let scalar = Unicode.Scalar(UInt32(truncatingIfNeeded: n)).map { String(Character($0)) } ?? "\u{FFFD}"
                return pad("'" + scalar + "'", spec)
            case "e", "E", "f", "F", "g", "G":
                return bad(verb, arg)
            default: return bad(verb, arg)
            }
        case .string(let s), .html(let s):
            switch verb {
            case "s", "v": return pad(truncate(s, spec.precision), spec)
            case "q": return pad(quote(truncate(s, spec.precision)), spec)
            case "x", "X":
                let hex = s.utf8.map { byte -> String in
                    let h = String(byte, radix: 16, uppercase: verb == "X")
                    return h.count == 1 ? "0" + h : h
                }
                return pad(hex.joined(), spec)
            default: return bad(verb, arg)
            }
        case .bool(let b):
            switch verb {
            case "t", "v": return pad(b ? "true" : "false", spec)
            default: return bad(verb, arg)
            }
        case .stringMap(let m) where verb == "s" || verb == "q":
            let parts = m.keys.sorted().map { k in
                formatOne(.string(k), verb: verb, spec: Spec()) + ":"
                    + formatOne(.string(m[k] ?? ""), verb: verb, spec: Spec())
            }
            return pad("map[" + parts.joined(separator: " ") + "]", spec)
        default:
            switch verb {
            case "v", "s": return pad(arg.goString, spec)
            default: return bad(verb, arg)
            }
        }
    }

    private static func signed(_ digits: String, _ negative: Bool, _ spec: Spec) -> String {
        if negative { return "-" + digits }
        if spec.plus { return "+" + digits }
        if spec.space { return " " + digits }
        return digits
    }

    private static func truncate(_ s: String, _ precision: Int?) -> String {
        guard let precision, s.unicodeScalars.count > precision else { return s }
        var view = String.UnicodeScalarView()
        view.append(contentsOf: s.unicodeScalars.prefix(precision))
        return String(view)
    }

    private static func pad(_ text: String, _ spec: Spec) -> String {
        guard let width = spec.width else { return text }
        let count = text.unicodeScalars.count
        if count >= width { return text }
        let fill = String(repeating: " ", count: width - count)
        return spec.minus ? text + fill : fill + text
    }

    private static func padNumber(_ text: String, _ spec: Spec, finite: Bool) -> String {
        guard let width = spec.width, text.count < width else { return text }
        if spec.zero && !spec.minus && finite {
            var body = Substring(text)
            var sign = ""
            if let first = body.first, first == "-" || first == "+" || first == " " {
                sign = String(first)
                body = body.dropFirst()
            }
            return sign + String(repeating: "0", count: width - text.count) + body
        }
        return pad(text, spec)
    }

    /// Go's `strconv.Quote` (KlaxonModel's `goQuote`).
    static func quote(_ s: String) -> String { goQuote(s) }
}
