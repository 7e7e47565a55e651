#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Small files that must survive `kill -9` and power loss whole or not at all (the daemon's alert state, the
/// router's notification log and silences): the one crash-safe file format Klaxon writes. They are
/// written to `path.tmp`, fsynced, renamed over `path`, directory fsynced; framed with a magic, a length and a
/// CRC-32C so that a damaged file is detected on read instead of half-loaded.
///
/// Layout: 8-byte magic, UInt32 little-endian payload length, UInt32 little-endian CRC-32C of the payload,
/// payload. Off the hot path (one call per changed rule group).
package enum DurableFile {
    /// Writes `payload` crash-safely under `magic` (exactly 8 bytes). `sync: false` skips the fsyncs: the file is
    /// still replaced whole (rename) and survives `kill -9`, not a power loss (for a position written many times a
    /// second, where an older one is harmless).
    package static func write(
        _ payload: [UInt8],
        magic: [UInt8],
        to path: String,
        sync: Bool = true
    ) throws(PersistenceError) {
        precondition(magic.count == 8, "DurableFile magic is 8 bytes")
        var bytes = magic
        bytes.reserveCapacity(16 + payload.count)
        appendUInt32(UInt32(truncatingIfNeeded: payload.count), to: &bytes)
        appendUInt32(CRC32C.checksum(payload), to: &bytes)
        bytes += payload
        let temporary = path + ".tmp"
        let fd = FileIO.create(temporary)
        guard fd >= 0 else { throw PersistenceError(.io, "create \(temporary)", errno: -fd) }
        let written = bytes.withUnsafeBytes { FileIO.writeAll(fd, $0) }
        let synced = written == 0 && sync ? FileIO.syncFile(fd) : written
        FileIO.closeFile(fd)
        guard synced == 0 else {
            FileIO.remove(temporary)
            throw PersistenceError(.io, (written == 0 ? "fsync " : "write ") + temporary, errno: synced)
        }
        do throws(PersistenceError) {
            try FileIO.move(temporary, to: path)
        } catch {
            FileIO.remove(temporary)
            throw error
        }
        if sync { FileIO.syncDirectory(directoryName(path)) }
    }

    /// The payload of a file written by `write`; nil if there is no file. Throws when it cannot be read, has
    /// another magic, is truncated or fails its checksum.
    package static func read(_ path: String, magic: [UInt8]) throws(PersistenceError) -> [UInt8]? {
        let bytes: [UInt8]
        do throws(PersistenceError) {
            bytes = try FileIO.readAll(path)
        } catch {
            if error.errno == ENOENT { return nil }
            throw error
        }
        return try unframe(bytes, magic: magic, path: path)
    }

    /// The payload of a file's bytes as `write` framed them. Throws when they have another magic, are truncated or
    /// fail their checksum (`path` names the file in the error).
    package static func unframe(_ bytes: [UInt8], magic: [UInt8], path: String) throws(PersistenceError) -> [UInt8] {
        guard bytes.count >= 16, Array(bytes[0..<8]) == magic else {
            throw PersistenceError(.io, "\(path): not a state file of this kind (bad header)")
        }
        let length = Int(loadUInt32(bytes, at: 8))
        let crc = loadUInt32(bytes, at: 12)
        guard bytes.count - 16 == length else {
            throw PersistenceError(.io, "\(path): torn file (\(bytes.count - 16) payload bytes, header says \(length))")
        }
        let payload = Array(bytes[16...])
        guard CRC32C.checksum(payload) == crc else { throw PersistenceError(.io, "\(path): checksum mismatch") }
        return payload
    }

    /// Names of the entries of `directory` (empty if it does not exist).
    package static func list(_ directory: String) -> [String] {
        (try? FileIO.list(directory)) ?? []
    }

    /// Creates `directory` (one level) unless it exists.
    package static func makeDirectory(_ directory: String) throws(PersistenceError) {
        try FileIO.makeDirectory(directory)
    }

    package static func remove(_ path: String) {
        FileIO.remove(path)
    }

    private static func appendUInt32(_ value: UInt32, to bytes: inout [UInt8]) {
        for shift in stride(from: 0, to: 32, by: 8) { bytes.append(UInt8(truncatingIfNeeded: value >> UInt32(shift))) }
    }

    private static func loadUInt32(_ bytes: [UInt8], at offset: Int) -> UInt32 {
        var value: UInt32 = 0
        for k in 0..<4 { value |= UInt32(bytes[offset + k]) << UInt32(8 * k) }
        return value
    }
}
