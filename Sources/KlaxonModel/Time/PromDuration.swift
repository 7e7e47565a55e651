/// Prometheus's `model.Duration`: `1h30m`, `5m`, `90d`, `1y`, `250ms`, stored in milliseconds.
///
/// Parsing accepts units in descending order (`y w d h m s ms`), each at most once, and the bare `0`.
/// Formatting prints years and weeks only when they divide exactly, as Prometheus does (`90d`, not `12w6d`).
public struct PromDuration: Hashable, Sendable, Comparable, CustomStringConvertible {
    public var milliseconds: Int64

    public init(milliseconds: Int64) { self.milliseconds = milliseconds }
    public init(seconds: Int64) { self.milliseconds = seconds * 1000 }

    public static let zero = PromDuration(milliseconds: 0)

    public static func < (lhs: PromDuration, rhs: PromDuration) -> Bool { lhs.milliseconds < rhs.milliseconds }

    private static let units: [(suffix: String, ms: Int64)] = [
        ("y", 365 * Time.day), ("w", 7 * Time.day), ("d", Time.day), ("h", Time.hour),
        ("m", Time.minute), ("s", Time.second), ("ms", 1),
    ]

    /// Parses `text`; returns `nil` when it is not a valid duration.
    public init?(parsing text: String) {
        if text == "0" {
            self.milliseconds = 0
            return
        }
        let bytes = Array(text.utf8)
        if bytes.isEmpty { return nil }
        var index = 0
        var total: Int64 = 0
        var nextUnit = 0  // units must appear in order, each once
        while index < bytes.count {
            var number: Int64 = 0
            let start = index
            while index < bytes.count, bytes[index] >= 48, bytes[index] <= 57 {
                let (m, o1) = number.multipliedReportingOverflow(by: 10)
                let (a, o2) = m.addingReportingOverflow(Int64(bytes[index] - 48))
                if o1 || o2 { return nil }
                number = a
                index += 1
            }
            if index == start || index == bytes.count { return nil }
            var unitIndex: Int?
            if bytes[index] == UInt8(ascii: "m"), index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "s") {
                unitIndex = 6
                index += 2
            } else {
                switch bytes[index] {
                case UInt8(ascii: "y"): unitIndex = 0
                case UInt8(ascii: "w"): unitIndex = 1
                case UInt8(ascii: "d"): unitIndex = 2
                case UInt8(ascii: "h"): unitIndex = 3
                case UInt8(ascii: "m"): unitIndex = 4
                case UInt8(ascii: "s"): unitIndex = 5
                default: unitIndex = nil
                }
                index += 1
            }
            guard let unit = unitIndex, unit >= nextUnit else { return nil }
            nextUnit = unit + 1
            let (m, o1) = number.multipliedReportingOverflow(by: Self.units[unit].ms)
            let (a, o2) = total.addingReportingOverflow(m)
            if o1 || o2 { return nil }
            total = a
        }
        self.milliseconds = total
    }

    public var description: String {
        var ms = milliseconds
        if ms == 0 { return "0s" }
        var out = ""
        if ms < 0 {
            out = "-"
            ms = -ms
        }
        for (index, unit) in Self.units.enumerated() {
            let exactOnly = index < 2
            if exactOnly && ms % unit.ms != 0 { continue }
            let count = ms / unit.ms
            if count > 0 {
                out += "\(count)\(unit.suffix)"
                ms -= count * unit.ms
            }
        }
        return out
    }
}
