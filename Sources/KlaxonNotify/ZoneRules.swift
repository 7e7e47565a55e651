import KlaxonModel

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// UTC offsets of an IANA time zone read from a TZif file (v2+ 64-bit data), with the POSIX-TZ footer
/// rule applied after the last transition. Used for `time_intervals[].location`.
public struct ZoneRules: Sendable, Hashable {
    public let name: String
    private var transitions: [Int64] = []
    private var offsets: [Int32] = []
    private var initialOffset: Int32 = 0
    private var footer: PosixTZ?

    public static let utc = ZoneRules(name: "UTC", fixedOffsetSeconds: 0)

    public init(name: String, fixedOffsetSeconds: Int32) {
        self.name = name
        self.initialOffset = fixedOffsetSeconds
    }

    public struct LoadError: Error, Sendable, Equatable, CustomStringConvertible {
        public let description: String
    }

    /// Loads `name` (e.g. `Europe/Berlin`) from the zoneinfo directory; `UTC` and `` are built in,
    /// `Local` reads /etc/localtime (Go's `time.LoadLocation`).
    public static func load(_ name: String, zoneinfo: String = "/usr/share/zoneinfo") throws(LoadError) -> ZoneRules {
        if name.isEmpty || name == "UTC" { return .utc }
        if name.hasPrefix("/") || name.contains("..") { throw LoadError(description: "invalid location name") }
        let path = name == "Local" ? "/etc/localtime" : zoneinfo + "/" + name
        guard let bytes = try? readFile(path, limit: 1 << 20).get() else {
            throw LoadError(description: "unknown time zone \(name)")
        }
        guard let rules = ZoneRules(name: name, tzif: bytes) else {
            throw LoadError(description: "malformed time zone file for \(name)")
        }
        return rules
    }

    /// Parses TZif bytes; nil when malformed.
    public init?(name: String, tzif bytes: [UInt8]) {
        self.name = name
        var reader = ByteReader(bytes: bytes)
        guard let v1 = reader.header() else { return nil }
        if v1.version == 0 {
            guard parseData(&reader, counts: v1.counts, timeSize: 4) else { return nil }
            return
        }
        let c = v1.counts
        let skip = c.timecnt * 5 + c.typecnt * 6 + c.charcnt + c.leapcnt * 8 + c.isstdcnt + c.isutcnt
        guard reader.skip(skip), let v2 = reader.header(), parseData(&reader, counts: v2.counts, timeSize: 8) else {
            return nil
        }
        // Footer: "\n<POSIX TZ>\n".
        if reader.byte() == UInt8(ascii: "\n") {
            var text: [UInt8] = []
            while let byte = reader.byte(), byte != UInt8(ascii: "\n") { text.append(byte) }
            footer = PosixTZ(String(decoding: text, as: UTF8.self))
        }
    }

    private mutating func parseData(_ reader: inout ByteReader, counts c: ByteReader.Counts, timeSize: Int) -> Bool {
        var times: [Int64] = []
        times.reserveCapacity(c.timecnt)
        for _ in 0..<c.timecnt {
            guard let time = timeSize == 8 ? reader.int64() : reader.int32().map(Int64.init) else { return false }
            times.append(time)
        }
        var indices: [Int] = []
        for _ in 0..<c.timecnt {
            guard let index = reader.byte() else { return false }
            indices.append(Int(index))
        }
        var typeOffsets: [Int32] = []
        var typeIsDST: [Bool] = []
        for _ in 0..<c.typecnt {
            guard let offset = reader.int32(), let dst = reader.byte(), reader.byte() != nil else { return false }
            typeOffsets.append(offset)
            typeIsDST.append(dst != 0)
        }
        guard !typeOffsets.isEmpty, indices.allSatisfy({ $0 < typeOffsets.count }) else { return false }
        let leapSize = timeSize + 4
        guard reader.skip(c.charcnt + c.leapcnt * leapSize + c.isstdcnt + c.isutcnt) else { return false }
        transitions = times
        offsets = indices.map { typeOffsets[$0] }
        // Before the first transition: the first standard-time type (RFC 8536 §3.2).
        initialOffset = typeOffsets[typeIsDST.firstIndex(of: false) ?? 0]
        return true
    }

    /// UTC offset in seconds at Unix time `seconds`.
    public func offset(at seconds: Int64) -> Int {
        guard let first = transitions.first, seconds >= first else { return Int(initialOffset) }
        if let last = transitions.last, seconds >= last, let footer {
            return footer.offset(at: seconds)
        }
        var low = 0
        var high = transitions.count
        while low < high {
            let mid = (low + high) / 2
            if transitions[mid] <= seconds { low = mid + 1 } else { high = mid }
        }
        return Int(offsets[low - 1])
    }
}

private struct ByteReader {
    struct Counts {
        var isutcnt = 0, isstdcnt = 0, leapcnt = 0, timecnt = 0, typecnt = 0, charcnt = 0
    }

    let bytes: [UInt8]
    var position = 0

    mutating func byte() -> UInt8? {
        guard position < bytes.count else { return nil }
        defer { position += 1 }
        return bytes[position]
    }

    mutating func skip(_ count: Int) -> Bool {
        guard count >= 0, position + count <= bytes.count else { return false }
        position += count
        return true
    }

    mutating func int32() -> Int32? {
        guard position + 4 <= bytes.count else { return nil }
        var value: UInt32 = 0
        for _ in 0..<4 {
            value = value << 8 | UInt32(bytes[position])
            position += 1
        }
        return Int32(bitPattern: value)
    }

    mutating func int64() -> Int64? {
        guard position + 8 <= bytes.count else { return nil }
        var value: UInt64 = 0
        for _ in 0..<8 {
            value = value << 8 | UInt64(bytes[position])
            position += 1
        }
        return Int64(bitPattern: value)
    }

    mutating func header() -> (version: Int, counts: Counts)? {
        guard position + 44 <= bytes.count, Array(bytes[position..<position + 4]) == Array("TZif".utf8) else {
            return nil
        }
        let versionByte = bytes[position + 4]
        position += 20
        var counts = Counts()
        guard let a = int32(), let b = int32(), let c = int32(), let d = int32(), let e = int32(), let f = int32(),
            [a, b, c, d, e, f].allSatisfy({ $0 >= 0 && $0 < 1 << 20 })
        else { return nil }
        counts.isutcnt = Int(a)
        counts.isstdcnt = Int(b)
        counts.leapcnt = Int(c)
        counts.timecnt = Int(d)
        counts.typecnt = Int(e)
        counts.charcnt = Int(f)
        return (versionByte == 0 ? 0 : Int(versionByte) - 0x30, counts)
    }
}

/// A POSIX TZ rule such as `CET-1CEST,M3.5.0,M10.5.0/3` (only the `Mm.w.d` date form; other forms
/// fall back to standard time).
struct PosixTZ: Sendable, Hashable {
    struct Rule: Sendable, Hashable {
        var month: Int
        var week: Int
        var weekday: Int
        var time: Int
    }

    var standardOffset: Int
    var dstOffset: Int?
    var start: Rule?
    var end: Rule?

    init?(_ text: String) {
        var scanner = Array(text.utf8)[...]
        guard PosixTZ.name(&scanner), let std = PosixTZ.offset(&scanner) else { return nil }
        standardOffset = -std
        if scanner.isEmpty { return }
        guard PosixTZ.name(&scanner) else { return nil }
        if let first = scanner.first, first != UInt8(ascii: ",") {
            guard let dst = PosixTZ.offset(&scanner) else { return nil }
            dstOffset = -dst
        } else {
            dstOffset = standardOffset + 3600
        }
        guard let start = PosixTZ.rule(afterComma: &scanner), let end = PosixTZ.rule(afterComma: &scanner) else {
            dstOffset = nil
            return
        }
        self.start = start
        self.end = end
    }

    func offset(at seconds: Int64) -> Int {
        guard let dstOffset, let start, let end else { return standardOffset }
        let year = Time.civilDate(fromDays: floorDiv(seconds + Int64(standardOffset), 86400)).0
        let startUTC = PosixTZ.instant(start, year: year) - Int64(standardOffset)
        let endUTC = PosixTZ.instant(end, year: year) - Int64(dstOffset)
        let inDST =
            startUTC < endUTC ? (seconds >= startUTC && seconds < endUTC) : !(seconds >= endUTC && seconds < startUTC)
        return inDST ? dstOffset : standardOffset
    }

    /// Local seconds (since the epoch, as if UTC) of the rule's transition in `year`.
    static func instant(_ rule: Rule, year: Int64) -> Int64 {
        let firstOfMonth = Time.daysFromCivil(year: year, month: Int64(rule.month), day: 1)
        let firstWeekday = Int(((firstOfMonth % 7) + 11) % 7)
        var day = 1 + (rule.weekday - firstWeekday + 7) % 7 + (rule.week - 1) * 7
        let length = Int(Time.daysIn(month: Int64(rule.month), year: year))
        while day > length { day -= 7 }
        return (firstOfMonth + Int64(day - 1)) * 86400 + Int64(rule.time)
    }

    private static func name(_ scanner: inout ArraySlice<UInt8>) -> Bool {
        if scanner.first == UInt8(ascii: "<") {
            guard let close = scanner.firstIndex(of: UInt8(ascii: ">")) else { return false }
            scanner = scanner[(close + 1)...]
            return true
        }
        var count = 0
        while let byte = scanner.first, (byte >= 65 && byte <= 90) || (byte >= 97 && byte <= 122) {
            scanner.removeFirst()
            count += 1
        }
        return count >= 3
    }

    /// A run of decimal digits, or nil when there is none.
    private static func number(_ scanner: inout ArraySlice<UInt8>) -> Int? {
        var value = 0
        var digits = 0
        while let byte = scanner.first, byte >= 48 && byte <= 57 {
            value = value * 10 + Int(byte - 48)
            digits += 1
            scanner.removeFirst()
        }
        return digits > 0 ? value : nil
    }

    /// `[+-]hh[:mm[:ss]]` in seconds (POSIX sign: positive = west of Greenwich).
    private static func offset(_ scanner: inout ArraySlice<UInt8>) -> Int? {
        var sign = 1
        if scanner.first == UInt8(ascii: "+") {
            scanner.removeFirst()
        } else if scanner.first == UInt8(ascii: "-") {
            sign = -1
            scanner.removeFirst()
        }
        var parts: [Int] = []
        repeat {
            if !parts.isEmpty { scanner.removeFirst() }
            guard let value = number(&scanner) else { return nil }
            parts.append(value)
        } while scanner.first == UInt8(ascii: ":") && parts.count < 3
        let seconds = parts[0] * 3600 + (parts.count > 1 ? parts[1] * 60 : 0) + (parts.count > 2 ? parts[2] : 0)
        return sign * seconds
    }

    private static func rule(afterComma scanner: inout ArraySlice<UInt8>) -> Rule? {
        guard scanner.first == UInt8(ascii: ",") else { return nil }
        scanner.removeFirst()
        guard scanner.first == UInt8(ascii: "M") else { return nil }
        scanner.removeFirst()
        var numbers: [Int] = []
        for index in 0..<3 {
            if index > 0 {
                guard scanner.first == UInt8(ascii: ".") else { return nil }
                scanner.removeFirst()
            }
            guard let value = number(&scanner) else { return nil }
            numbers.append(value)
        }
        guard (1...12).contains(numbers[0]), (1...5).contains(numbers[1]), (0...6).contains(numbers[2]) else {
            return nil
        }
        var time = 7200
        if scanner.first == UInt8(ascii: "/") {
            scanner.removeFirst()
            guard let parsed = offset(&scanner) else { return nil }
            time = parsed
        }
        return Rule(month: numbers[0], week: numbers[1], weekday: numbers[2], time: time)
    }
}

func floorDiv(_ value: Int64, _ divisor: Int64) -> Int64 {
    value >= 0 ? value / divisor : (value - divisor + 1) / divisor
}
