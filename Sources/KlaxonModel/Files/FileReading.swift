#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Why a file could not be read: the errno, and Go's wording of it (`open PATH: no such file or directory`, as
/// `os.ReadFile` reports it), which Prometheus and Alertmanager print and so Klaxon prints too.
public struct FileAccessError: Error, Sendable, Hashable, CustomStringConvertible {
    public let code: Int32
    public let description: String

    public init(code: Int32, description: String) {
        self.code = code
        self.description = description
    }
}

/// A whole file's bytes (configuration, rule, template, secret and zone files), or the error as Go words it.
/// With `limit`, a larger file fails with `EFBIG` instead of being read whole.
public func readFile(_ path: String, limit: Int? = nil) -> Result<[UInt8], FileAccessError> {
    readWholeFile(path, limit: limit).mapError { failure in
        FileAccessError(code: failure.errno, description: "\(failure.operation) \(path): " + goErrnoText(failure.errno))
    }
}

/// A system call that failed, and its errno.
struct SystemCallFailure: Error {
    let operation: String
    let errno: Int32
}

/// The one whole-file reader under `readFile` and `FileIO.readAll` (WAL segments, state files): sized by `fstat`
/// when the file says its size, read on until end of file (EINTR retried).
func readWholeFile(_ path: String, limit: Int?) -> Result<[UInt8], SystemCallFailure> {
    let descriptor = open(path, O_RDONLY | O_CLOEXEC)
    if descriptor < 0 { return .failure(SystemCallFailure(operation: "open", errno: errno)) }
    defer { close(descriptor) }
    var info = stat()
    let size = fstat(descriptor, &info) == 0 ? max(0, Int(info.st_size)) : 0
    if let limit, size > limit { return .failure(SystemCallFailure(operation: "read", errno: EFBIG)) }
    var bytes = [UInt8](repeating: 0, count: max(size + 1, 4096))  // one spare byte: end of file needs no growth
    var filled = 0
    while true {
        if filled == bytes.count { bytes.append(contentsOf: repeatElement(0, count: bytes.count)) }
        let count = bytes.withUnsafeMutableBytes { raw in
            read(descriptor, raw.baseAddress.map { $0 + filled }, raw.count - filled)
        }
        if count < 0 {
            let code = errno
            if code == EINTR { continue }
            return .failure(SystemCallFailure(operation: "read", errno: code))
        }
        if count == 0 { break }
        filled += count
        if let limit, filled > limit { return .failure(SystemCallFailure(operation: "read", errno: EFBIG)) }
    }
    bytes.removeSubrange(filled...)
    return .success(bytes)
}

/// A whole file as UTF-8 text (invalid sequences replaced), or the error as Go words it.
public func readTextFile(_ path: String) -> Result<String, FileAccessError> {
    readFile(path).map { String(decoding: $0, as: UTF8.self) }
}

/// The C library's text for `code` as Go words it: the first letter lower case (`no such file or directory`).
public func goErrnoText(_ code: Int32) -> String {
    guard let text = strerror(code) else { return "errno \(code)" }
    let message = String(cString: text)
    guard let first = message.first else { return message }
    return first.lowercased() + message.dropFirst()
}
