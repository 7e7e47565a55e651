import KlaxonModel

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Why a state snapshot could not be read.
public struct StateSnapshotError: Error, Sendable, Equatable, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}

/// The payloads of the notification log and silence snapshots (Klaxon's own, not Alertmanager's protobuf):
/// length-prefixed little-endian records. They are framed, written and read by `DurableFile` (magic, length,
/// CRC-32C; temporary file, fsync, rename), the one crash-safe file format Klaxon writes. Files written before
/// that (magic `KLXNFLG1`/`KLXSIL01`, records, FNV-1a-64 of everything before it as the last 8 bytes) are still
/// read once, so an upgrade keeps its silences; they are rewritten in the current format at the next save.
enum StateSnapshot {
    static let nflogMagic = Array("KLXNFLG2".utf8)
    static let silencesMagic = Array("KLXSIL02".utf8)
    static let legacyNflogMagic = Array("KLXNFLG1".utf8)
    static let legacySilencesMagic = Array("KLXSIL01".utf8)

    /// The payload of the snapshot file at `path` (nil when there is none), in either format.
    static func payload(at path: String, magic: [UInt8], legacyMagic: [UInt8]) throws(StateSnapshotError) -> [UInt8]? {
        let bytes: [UInt8]
        switch readFile(path) {
        case .success(let read): bytes = read
        case .failure(let error):
            if error.code == ENOENT { return nil }
            throw StateSnapshotError(error.description)
        }
        if bytes.count >= legacyMagic.count + 8, Array(bytes[0..<legacyMagic.count]) == legacyMagic {
            let end = bytes.count - 8
            var stored: UInt64 = 0
            for (shift, byte) in bytes[end...].enumerated() { stored |= UInt64(byte) << (8 * shift) }
            guard stored == FNV1a64.add(bytes[0..<end], to: FNV1a64.offsetBasis) else {
                throw StateSnapshotError("checksum mismatch (torn or corrupt)")
            }
            return Array(bytes[legacyMagic.count..<end])
        }
        do throws(PersistenceError) {
            return try DurableFile.unframe(bytes, magic: magic, path: path)
        } catch {
            throw StateSnapshotError(error.description)
        }
    }

    /// The decoded snapshot at `path`: nil when there is none, or when it cannot be read or decoded (then the
    /// reason is appended to `problems`, prefixed with the path).
    static func load<Value>(
        _ path: String,
        magic: [UInt8],
        legacyMagic: [UInt8],
        problems: inout [String],
        decode: ([UInt8]) throws(StateSnapshotError) -> Value
    ) -> Value? {
        do throws(StateSnapshotError) {
            guard let payload = try payload(at: path, magic: magic, legacyMagic: legacyMagic) else { return nil }
            return try decode(payload)
        } catch {
            problems.append(path + ": " + error.description)
            return nil
        }
    }

    // MARK: encoding

    struct Writer {
        var bytes: [UInt8] = []
        mutating func int(_ value: Int64) {
            var word = UInt64(bitPattern: value)
            for _ in 0..<8 {
                bytes.append(UInt8(truncatingIfNeeded: word))
                word >>= 8
            }
        }
        mutating func string(_ text: String) {
            let utf8 = Array(text.utf8)
            int(Int64(utf8.count))
            bytes.append(contentsOf: utf8)
        }
    }

    struct Reader {
        let bytes: [UInt8]
        var offset = 0
        var end: Int { bytes.count }

        init(_ payload: [UInt8]) { bytes = payload }

        var atEnd: Bool { offset >= end }

        mutating func int() throws(StateSnapshotError) -> Int64 {
            guard end - offset >= 8 else { throw StateSnapshotError("truncated record") }
            var word: UInt64 = 0
            for shift in 0..<8 { word |= UInt64(bytes[offset + shift]) << (8 * shift) }
            offset += 8
            return Int64(bitPattern: word)
        }

        mutating func string() throws(StateSnapshotError) -> String {
            let count = try int()
            guard count >= 0, count <= end - offset else { throw StateSnapshotError("bad string length") }
            let text = String(decoding: bytes[offset..<(offset + Int(count))], as: UTF8.self)
            offset += Int(count)
            return text
        }

        mutating func count() throws(StateSnapshotError) -> Int {
            let value = try int()
            guard value >= 0, value <= Int64(end - offset) else { throw StateSnapshotError("bad count") }
            return Int(value)
        }
    }

    // MARK: nflog

    static func encode(_ entries: [NotificationLogEntry]) -> [UInt8] {
        var writer = Writer()
        writer.int(Int64(entries.count))
        for entry in entries {
            writer.string(entry.groupKey)
            writer.string(entry.receiver.receiver)
            writer.string(entry.receiver.integration)
            writer.int(Int64(entry.receiver.index))
            writer.int(entry.timestamp)
            writer.int(entry.expiresAt)
            for set in [entry.firingAlerts, entry.resolvedAlerts] {
                writer.int(Int64(set.count))
                for fingerprint in set.sorted() { writer.int(Int64(bitPattern: fingerprint)) }
            }
        }
        return writer.bytes
    }

    static func decodeNotificationLog(_ payload: [UInt8]) throws(StateSnapshotError) -> [NotificationLogEntry] {
        var reader = Reader(payload)
        let count = try reader.count()
        var entries: [NotificationLogEntry] = []
        entries.reserveCapacity(count)
        for _ in 0..<count {
            let groupKey = try reader.string()
            let receiver = ReceiverKey(
                receiver: try reader.string(),
                integration: try reader.string(),
                index: Int(try reader.int())
            )
            let timestamp = try reader.int()
            let expiresAt = try reader.int()
            var sets: [Set<UInt64>] = []
            for _ in 0..<2 {
                let size = try reader.count()
                var set = Set<UInt64>(minimumCapacity: size)
                for _ in 0..<size { set.insert(UInt64(bitPattern: try reader.int())) }
                sets.append(set)
            }
            entries.append(
                NotificationLogEntry(
                    groupKey: groupKey,
                    receiver: receiver,
                    timestamp: timestamp,
                    firingAlerts: sets[0],
                    resolvedAlerts: sets[1],
                    expiresAt: expiresAt
                )
            )
        }
        guard reader.atEnd else { throw StateSnapshotError("nflog: trailing bytes") }
        return entries
    }

    // MARK: silences

    static func encode(_ silences: [Silence]) -> [UInt8] {
        var writer = Writer()
        writer.int(Int64(silences.count))
        for silence in silences {
            writer.string(silence.id)
            writer.int(Int64(silence.matchers.count))
            for matcher in silence.matchers {
                writer.string(matcher.type.rawValue)
                writer.string(matcher.name)
                writer.string(matcher.value)
            }
            writer.int(silence.startsAt)
            writer.int(silence.endsAt)
            writer.int(silence.updatedAt)
            writer.string(silence.createdBy)
            writer.string(silence.comment)
        }
        return writer.bytes
    }

    static func decodeSilences(_ payload: [UInt8]) throws(StateSnapshotError) -> [Silence] {
        var reader = Reader(payload)
        let count = try reader.count()
        var silences: [Silence] = []
        silences.reserveCapacity(count)
        for _ in 0..<count {
            let id = try reader.string()
            let matcherCount = try reader.count()
            var matchers: [LabelMatcher] = []
            for _ in 0..<matcherCount {
                guard let type = LabelMatcher.MatchType(rawValue: try reader.string()) else {
                    throw StateSnapshotError("silences: bad matcher type")
                }
                let name = try reader.string()
                let value = try reader.string()
                do {
                    matchers.append(try LabelMatcher(type, name, value))
                } catch {
                    throw StateSnapshotError("silences: bad matcher regex")
                }
            }
            let startsAt = try reader.int()
            let endsAt = try reader.int()
            let updatedAt = try reader.int()
            silences.append(
                Silence(
                    id: id,
                    matchers: matchers,
                    startsAt: startsAt,
                    endsAt: endsAt,
                    createdBy: try reader.string(),
                    comment: try reader.string(),
                    updatedAt: updatedAt
                )
            )
        }
        guard reader.atEnd else { throw StateSnapshotError("silences: trailing bytes") }
        return silences
    }
}
