#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Thin POSIX helpers for files and the data directory (no Foundation: the WAL writes on the commit path); the WAL,
/// checkpoints and `DurableFile` use them.
package enum FileIO {
    package static var lastErrno: Int32 { errno }

    package static func describe(_ code: Int32) -> String {
        guard let text = strerror(code) else { return "errno \(code)" }
        return String(cString: text)
    }

    /// Creates `path` (one level) unless it exists as a directory.
    package static func makeDirectory(_ path: String) throws(PersistenceError) {
        if mkdir(path, 0o755) == 0 { return }
        let code = errno
        var info = stat()
        if code == EEXIST, stat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR { return }
        throw PersistenceError(.io, "mkdir \(path)", errno: code)
    }

    /// Names in a directory, `.` and `..` excluded.
    package static func list(_ path: String) throws(PersistenceError) -> [String] {
        guard let dir = opendir(path) else { throw PersistenceError(.io, "opendir \(path)", errno: errno) }
        defer { closedir(dir) }
        var names: [String] = []
        while let entry = readdir(dir) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            if name != ".", name != ".." { names.append(name) }
        }
        return names
    }

    /// The whole file, or an error (`readFile`'s reader, with the C library's error text).
    package static func readAll(_ path: String) throws(PersistenceError) -> [UInt8] {
        switch readWholeFile(path, limit: nil) {
        case .success(let bytes): return bytes
        case .failure(let failure): throw PersistenceError(.io, "\(failure.operation) \(path)", errno: failure.errno)
        }
    }

    /// Writes all of `bytes`; returns 0 or the errno of the failure.
    package static func writeAll(_ fd: Int32, _ bytes: UnsafeRawBufferPointer) -> Int32 {
        var done = 0
        while done < bytes.count {
            guard let base = bytes.baseAddress else { return 0 }
            let n = write(fd, base + done, bytes.count - done)
            if n < 0 {
                if errno == EINTR { continue }
                return errno
            }
            if n == 0 { return EIO }
            done += n
        }
        return 0
    }

    /// Opens (creating) a file for appending; returns the fd or the negated errno.
    package static func openForAppend(_ path: String) -> Int32 {
        let fd = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o644)
        return fd >= 0 ? fd : -errno
    }

    /// Creates or truncates a file for writing; returns the fd or the negated errno.
    package static func create(_ path: String) -> Int32 {
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        return fd >= 0 ? fd : -errno
    }

    package static func syncFile(_ fd: Int32) -> Int32 {
        fsync(fd) == 0 ? 0 : errno
    }

    /// fsyncs a directory so that creations, renames and deletions in it are durable.
    package static func syncDirectory(_ path: String) {
        let fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else { return }
        _ = fsync(fd)
        close(fd)
    }

    package static func closeFile(_ fd: Int32) {
        if fd >= 0 { close(fd) }
    }

    package static func remove(_ path: String) {
        _ = unlink(path)
    }

    /// Removes a directory and the plain files in it.
    package static func removeTree(_ path: String) {
        if let names = try? list(path) {
            for name in names { _ = unlink(path + "/" + name) }
        }
        _ = rmdir(path)
    }

    /// Wall-clock ms of a file's last modification, or nil when it cannot be read.
    package static func modificationMillis(_ path: String) -> Int64? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        return Int64(info.st_mtim.tv_sec) * 1000 + Int64(info.st_mtim.tv_nsec) / 1_000_000
    }

    /// The file's size in bytes, or nil when it cannot be read.
    package static func size(_ path: String) -> Int? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        return Int(info.st_size)
    }

    /// Opens a file read-only; returns the fd or the negated errno.
    package static func openForReading(_ path: String) -> Int32 {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        return fd >= 0 ? fd : -errno
    }

    /// Reads up to `count` bytes at `offset` into `buffer` (appended); returns the number read (0 at the end) or
    /// the negated errno.
    package static func read(_ fd: Int32, at offset: Int, count: Int, into buffer: inout [UInt8]) -> Int {
        let start = buffer.count
        buffer.append(contentsOf: repeatElement(0, count: count))
        var n = 0
        while true {
            n = buffer.withUnsafeMutableBytes { raw in
                guard let base = raw.baseAddress else { return 0 }
                return pread(fd, base + start, count, off_t(offset))
            }
            if n < 0, errno == EINTR { continue }
            break
        }
        let code = errno
        buffer.removeLast(count - max(0, n))
        return n >= 0 ? n : -Int(code)
    }

    package static func move(_ from: String, to: String) throws(PersistenceError) {
        guard rename(from, to) == 0 else { throw PersistenceError(.io, "rename \(from) \(to)", errno: errno) }
    }

    /// Monotonic milliseconds, for the fsync cadence and durations.
    package static func monotonicMillis() -> Int64 {
        var spec = timespec()
        clock_gettime(CLOCK_MONOTONIC, &spec)
        return Int64(spec.tv_sec) * 1000 + Int64(spec.tv_nsec) / 1_000_000
    }

    /// Wall-clock milliseconds since the epoch.
    package static func wallMillis() -> Int64 {
        var spec = timespec()
        clock_gettime(CLOCK_REALTIME, &spec)
        return Int64(spec.tv_sec) * 1000 + Int64(spec.tv_nsec) / 1_000_000
    }
}
