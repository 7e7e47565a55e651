#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads a whole file as UTF-8 (configuration and rule files; never a hot path).
func readTextFile(_ path: String) throws(DaemonError) -> String {
    guard let file = fopen(path, "rb") else {
        throw DaemonError("open \(path): \(String(cString: strerror(errno)))")
    }
    defer { fclose(file) }
    var bytes: [UInt8] = []
    var buffer = [UInt8](repeating: 0, count: 65536)
    while true {
        let count = buffer.withUnsafeMutableBytes { fread($0.baseAddress, 1, $0.count, file) }
        if count > 0 { bytes.append(contentsOf: buffer[0..<count]) }
        if count < buffer.count {
            if ferror(file) != 0 { throw DaemonError("read \(path): \(String(cString: strerror(errno)))") }
            break
        }
    }
    return String(decoding: bytes, as: UTF8.self)
}

/// Shell-style glob (`rule_files` entries), sorted like Go's `filepath.Glob`. A pattern without magic characters
/// is returned as is even when the file does not exist, so the error names it.
func expandGlob(_ pattern: String) -> [String] {
    if !pattern.contains(where: { "*?[".contains($0) }) { return [pattern] }
    var result = glob_t()
    defer { globfree(&result) }
    guard glob(pattern, 0, nil, &result) == 0 else { return [] }
    var paths: [String] = []
    for index in 0..<Int(result.gl_pathc) {
        if let path = result.gl_pathv[index] { paths.append(String(cString: path)) }
    }
    return paths.sorted()
}

/// `path` resolved against `directory` unless it is absolute.
func resolve(_ path: String, relativeTo directory: String) -> String {
    if path.hasPrefix("/") || directory.isEmpty { return path }
    return directory.hasSuffix("/") ? directory + path : directory + "/" + path
}

func directoryName(_ path: String) -> String {
    guard let slash = path.lastIndex(of: "/") else { return "." }
    if slash == path.startIndex { return "/" }
    return String(path[..<slash])
}

func fileExists(_ path: String) -> Bool { access(path, F_OK) == 0 }

/// Creates `path` and its parents (mode 0755); existing directories are fine.
func makeDirectories(_ path: String) throws(DaemonError) {
    var current = path.hasPrefix("/") ? "" : "."
    for component in path.split(separator: "/") {
        current += "/" + component
        if mkdir(current, 0o755) != 0 && errno != EEXIST {
            throw DaemonError("mkdir \(current): \(String(cString: strerror(errno)))")
        }
    }
}

/// An error the daemon reports as one line.
public struct DaemonError: Error, Sendable, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}
