/// Go's `time.Time.Format` for UTC instants: the reference-time layout elements (`2006-01-02 15:04:05`).
extension GoTime {
    private static let months = [
        "January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November",
        "December",
    ]
    private static let days = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"]

    /// Formats `milliseconds` since the epoch (UTC) with a Go layout string.
    static func format(milliseconds: Int64, layout: String) -> String {
        var dayNumber = milliseconds / 86_400_000
        var msOfDay = milliseconds % 86_400_000
        if msOfDay < 0 {
            msOfDay += 86_400_000
            dayNumber -= 1
        }
        let (year, month, day) = civil(fromDays: dayNumber)
        let weekday = Int(((dayNumber % 7) + 11) % 7)  // 1970-01-01 was a Thursday.
        let seconds = msOfDay / 1000
        let hour = Int(seconds / 3600)
        let minute = Int(seconds / 60 % 60)
        let second = Int(seconds % 60)
        let fraction = msOfDay % 1000

        let chars = Array(layout.unicodeScalars)
        var out = ""
        var i = 0
        func has(_ s: String) -> Bool {
            let p = Array(s.unicodeScalars)
            guard i + p.count <= chars.count else { return false }
            for k in 0..<p.count where chars[i + k] != p[k] { return false }
            return true
        }
        func pad(_ v: Int64, _ width: Int, _ fill: Character = "0") -> String {
            let t = String(v)
            return t.count >= width ? t : String(repeating: fill, count: width - t.count) + t
        }
        let hour12 = hour % 12 == 0 ? 12 : hour % 12
        while i < chars.count {
            // Longest layout elements first, as Go's nextStdChunk does.
            let table: [(String, () -> String)] = [
                ("January", { months[Int(month) - 1] }), ("Jan", { String(months[Int(month) - 1].prefix(3)) }),
                ("Monday", { days[weekday] }), ("Mon", { String(days[weekday].prefix(3)) }), ("MST", { "UTC" }),
                ("2006", { pad(year, 4) }), ("Z07:00", { "Z" }), ("Z0700", { "Z" }), ("Z07", { "Z" }),
                ("-07:00", { "+00:00" }), ("-0700", { "+0000" }), ("-07", { "+00" }), ("002", { pad(Int64(0), 3) }),
                ("01", { pad(month, 2) }), ("02", { pad(day, 2) }), ("_2", { pad(day, 2, " ") }),
                ("06", { pad(year % 100, 2) }),
                ("15", { pad(Int64(hour), 2) }), ("03", { pad(Int64(hour12), 2) }), ("04", { pad(Int64(minute), 2) }),
                ("05", { pad(Int64(second), 2) }), ("PM", { hour >= 12 ? "PM" : "AM" }),
                ("pm", { hour >= 12 ? "pm" : "am" }),
                ("1", { String(month) }), ("2", { String(day) }), ("3", { String(hour12) }), ("4", { String(minute) }),
                ("5", { String(second) }),
            ]
            if chars[i] == "." || chars[i] == ",", i + 1 < chars.count, chars[i + 1] == "0" || chars[i + 1] == "9" {
                let digit = chars[i + 1]
                var j = i + 1
                while j < chars.count && chars[j] == digit { j += 1 }
                let count = j - i - 1
                var digits = pad(fraction, 3) + String(repeating: "0", count: max(0, count - 3))
                digits = String(digits.prefix(count))
                if digit == "9" {
                    while digits.hasSuffix("0") { digits.removeLast() }
                    if !digits.isEmpty { out += "." + digits }
                } else {
                    out.unicodeScalars.append(chars[i])
                    out += digits
                }
                i = j
                continue
            }
            var matched = false
            for (element, render) in table where has(element) {
                out += render()
                i += element.unicodeScalars.count
                matched = true
                break
            }
            if !matched {
                out.unicodeScalars.append(chars[i])
                i += 1
            }
        }
        return out
    }
}

extension TemplateValue {
    /// Methods of Go's `time.Time` reachable from templates.
    static func timeMember(
        _ ms: Int64,
        _ name: String,
        _ arguments: [TemplateValue]
    ) throws(TemplateError)
        -> TemplateValue?
    {
        switch name {
        case "Format":
            guard arguments.count == 1 else {
                throw .function("wrong number of args for Format: want 1 got \(arguments.count)")
            }
            return .string(GoTime.format(milliseconds: ms, layout: try arguments[0].asString()))
        case "Unix": return .int(Int(ms / 1000 - (ms % 1000 < 0 ? 1 : 0)))
        case "UnixMilli": return .int(Int(ms))
        case "UTC", "Local": return .time(ms)
        case "String": return .string(GoTime.string(milliseconds: ms))
        case "Year": return .int(Int(GoTime.civil(fromDays: Self.floorDays(ms)).0))
        case "IsZero": return .bool(ms == -62_135_596_800_000)
        default: return nil
        }
    }

    private static func floorDays(_ ms: Int64) -> Int64 {
        ms >= 0 ? ms / 86_400_000 : (ms - 86_399_999) / 86_400_000
    }
}
