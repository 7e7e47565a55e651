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

/// A whole file's bytes (configuration, rule, template, secret and zone files; never a hot path), or the error as
/// Go words it. With `limit`, a larger file fails with `EFBIG` instead of being read whole.
public func readFile(_ path: String, limit: Int? = nil) -> Result<[UInt8], FileAccessError> {
    let descriptor = open(path, O_RDONLY)
    if descriptor < 0 {
        let code = errno
        return .failure(FileAccessError(code: code, description: "open \(path): " + goErrnoText(code)))
    }
    defer { close(descriptor) }
    var bytes: [UInt8] = []
    var buffer = [UInt8](repeating: 0, count: 65_536)
    while true {
        let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
        if count < 0 {
            let code = errno
            if code == EINTR { continue }
            return .failure(FileAccessError(code: code, description: "read \(path): " + goErrnoText(code)))
        }
        if count == 0 { break }
        bytes.append(contentsOf: buffer[0..<count])
        if let limit, bytes.count > limit {
            return .failure(FileAccessError(code: EFBIG, description: "read \(path): " + goErrnoText(EFBIG)))
        }
    }
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
