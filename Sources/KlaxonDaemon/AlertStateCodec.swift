import KlaxonModel
import KlaxonRules

/// The binary form of a `SavedGroupState` (the payload of `<storage.path>/alerts/group-*`, framed and checksummed
/// by `DurableFile`).
///
/// Version 1: `version` byte, then file, name (strings: uvarint length + UTF-8), evaluatedAt (zigzag varint),
/// rule count, and per rule: name, query, labels (count + name/value pairs), alert count; per alert: labels,
/// annotations (sorted by key), state byte (0 inactive, 1 pending, 2 firing), value (IEEE bits, 8 bytes LE),
/// activeAt, then five optional timestamps (presence byte + zigzag varint): firedAt, resolvedAt, lastSentAt,
/// validUntil, keepFiringSince.
enum AlertStateCodec {
    static let magic = Array("KLXALRT1".utf8)
    static let version: UInt8 = 1

    struct DecodeError: Error, CustomStringConvertible {
        var description: String
    }

    static func encode(_ state: SavedGroupState) -> [UInt8] {
        var out: [UInt8] = [version]
        out.reserveCapacity(256)
        putString(state.file, &out)
        putString(state.name, &out)
        putInt(state.evaluatedAt, &out)
        putUInt(UInt64(state.rules.count), &out)
        for rule in state.rules {
            putString(rule.name, &out)
            putString(rule.query, &out)
            putLabels(rule.labels, &out)
            putUInt(UInt64(rule.alerts.count), &out)
            for alert in rule.alerts {
                putLabels(alert.labels, &out)
                let annotations = alert.annotations.sorted { $0.key < $1.key }
                putUInt(UInt64(annotations.count), &out)
                for (key, value) in annotations {
                    putString(key, &out)
                    putString(value, &out)
                }
                let stateByte: UInt8 =
                    switch alert.state {
                    case .inactive: 0
                    case .pending: 1
                    case .firing: 2
                    }
                out.append(stateByte)
                let bits = alert.value.bitPattern
                for shift in stride(from: 0, to: 64, by: 8) {
                    out.append(UInt8(truncatingIfNeeded: bits >> UInt64(shift)))
                }
                putInt(alert.activeAt, &out)
                for optional in [
                    alert.firedAt, alert.resolvedAt, alert.lastSentAt, alert.validUntil, alert.keepFiringSince,
                ] {
                    if let value = optional {
                        out.append(1)
                        putInt(value, &out)
                    } else {
                        out.append(0)
                    }
                }
            }
        }
        return out
    }

    static func decode(_ bytes: [UInt8]) throws(DecodeError) -> SavedGroupState {
        var reader = Reader(bytes: bytes)
        let found = try reader.byte()
        guard found == version else { throw DecodeError(description: "unknown alert state version \(found)") }
        let file = try reader.string()
        let name = try reader.string()
        let evaluatedAt = try reader.int()
        var rules: [SavedRule] = []
        for _ in 0..<(try reader.count()) {
            let ruleName = try reader.string()
            let query = try reader.string()
            let labels = try reader.labels()
            var alerts: [SavedAlert] = []
            for _ in 0..<(try reader.count()) {
                let alertLabels = try reader.labels()
                var annotations: [String: String] = [:]
                for _ in 0..<(try reader.count()) {
                    let key = try reader.string()
                    annotations[key] = try reader.string()
                }
                let state: AlertState
                switch try reader.byte() {
                case 0: state = .inactive
                case 1: state = .pending
                case 2: state = .firing
                case let other: throw DecodeError(description: "bad alert state \(other)")
                }
                var bits: UInt64 = 0
                for shift in stride(from: 0, to: 64, by: 8) { bits |= UInt64(try reader.byte()) << UInt64(shift) }
                let activeAt = try reader.int()
                var optionals: [Timestamp?] = []
                for _ in 0..<5 {
                    switch try reader.byte() {
                    case 0: optionals.append(nil)
                    case 1: optionals.append(try reader.int())
                    case let other: throw DecodeError(description: "bad presence byte \(other)")
                    }
                }
                alerts.append(
                    SavedAlert(
                        labels: alertLabels,
                        annotations: annotations,
                        state: state,
                        value: Double(bitPattern: bits),
                        activeAt: activeAt,
                        firedAt: optionals[0],
                        resolvedAt: optionals[1],
                        lastSentAt: optionals[2],
                        validUntil: optionals[3],
                        keepFiringSince: optionals[4]
                    )
                )
            }
            rules.append(SavedRule(name: ruleName, query: query, labels: labels, alerts: alerts))
        }
        guard reader.atEnd else { throw DecodeError(description: "\(reader.remaining) trailing bytes") }
        return SavedGroupState(file: file, name: name, evaluatedAt: evaluatedAt, rules: rules)
    }

    private static func putUInt(_ value: UInt64, _ out: inout [UInt8]) {
        var v = value
        while v >= 0x80 {
            out.append(UInt8(truncatingIfNeeded: v) | 0x80)
            v >>= 7
        }
        out.append(UInt8(v))
    }

    private static func putInt(_ value: Int64, _ out: inout [UInt8]) {
        putUInt(UInt64(bitPattern: (value << 1) ^ (value >> 63)), &out)
    }

    private static func putString(_ value: String, _ out: inout [UInt8]) {
        let utf8 = Array(value.utf8)
        putUInt(UInt64(utf8.count), &out)
        out += utf8
    }

    private static func putLabels(_ labels: Labels, _ out: inout [UInt8]) {
        putUInt(UInt64(labels.count), &out)
        for label in labels {
            putString(label.name, &out)
            putString(label.value, &out)
        }
    }

    private struct Reader {
        let bytes: [UInt8]
        var position = 0

        var atEnd: Bool { position == bytes.count }
        var remaining: Int { bytes.count - position }

        mutating func byte() throws(DecodeError) -> UInt8 {
            guard position < bytes.count else { throw DecodeError(description: "truncated at byte \(position)") }
            defer { position += 1 }
            return bytes[position]
        }

        mutating func uint() throws(DecodeError) -> UInt64 {
            var value: UInt64 = 0
            var shift: UInt64 = 0
            while true {
                let b = try byte()
                guard shift < 64 else { throw DecodeError(description: "varint too long at byte \(position)") }
                value |= UInt64(b & 0x7f) << shift
                if b < 0x80 { return value }
                shift += 7
            }
        }

        mutating func int() throws(DecodeError) -> Int64 {
            let raw = try uint()
            return Int64(bitPattern: raw >> 1) ^ -Int64(bitPattern: raw & 1)
        }

        /// A count, bounded by the bytes left (every counted element takes at least one byte).
        mutating func count() throws(DecodeError) -> Int {
            let value = try uint()
            guard value <= UInt64(remaining) else { throw DecodeError(description: "implausible count \(value)") }
            return Int(value)
        }

        mutating func string() throws(DecodeError) -> String {
            let length = try count()
            defer { position += length }
            return String(decoding: bytes[position..<(position + length)], as: UTF8.self)
        }

        mutating func labels() throws(DecodeError) -> Labels {
            var list: [Label] = []
            for _ in 0..<(try count()) {
                let name = try string()
                list.append(Label(name, try string()))
            }
            return Labels(list)
        }
    }
}
