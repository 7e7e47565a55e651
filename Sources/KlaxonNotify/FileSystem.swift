import KlaxonModel

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A file's bytes; nil when it cannot be opened or read.
package func readWholeFile(_ path: String) -> [UInt8]? {
    try? readFile(path).get()
}

/// A file's bytes, or the C error text as Go words `open F: no such file or directory`.
func readFileResult(_ path: String) -> Result<[UInt8], FileError> {
    readFile(path).mapError { FileError($0.description) }
}

struct FileError: Error, Sendable, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// Go's lower-case errno text (`no such file or directory`).
func errnoText(_ code: Int32) -> String { goErrnoText(code) }

/// Writes `bytes` to `path` crash-safely: a temporary file in the same directory, fsync, rename, fsync of the
/// directory. A crash leaves either the old or the new file, never a torn one.
func writeFileAtomically(_ path: String, _ bytes: [UInt8]) throws(FileError) {
    let temporary = path + ".tmp"
    let descriptor = open(temporary, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
    if descriptor < 0 { throw FileError("open \(temporary): " + errnoText(errno)) }
    var offset = 0
    while offset < bytes.count {
        let written = bytes.withUnsafeBytes { raw in
            write(descriptor, raw.baseAddress.map { $0 + offset }, bytes.count - offset)
        }
        if written < 0 {
            if errno == EINTR { continue }
            let code = errno
            close(descriptor)
            unlink(temporary)
            throw FileError("write \(temporary): " + errnoText(code))
        }
        offset += written
    }
    if fsync(descriptor) != 0 {
        let code = errno
        close(descriptor)
        unlink(temporary)
        throw FileError("fsync \(temporary): " + errnoText(code))
    }
    close(descriptor)
    if rename(temporary, path) != 0 {
        let code = errno
        unlink(temporary)
        throw FileError("rename \(temporary): " + errnoText(code))
    }
    let directory = open(directoryName(path), O_RDONLY)
    if directory >= 0 {
        _ = fsync(directory)
        close(directory)
    }
}

/// Creates `path` (one level) when missing.
func makeDirectory(_ path: String) throws(FileError) {
    if mkdir(path, 0o755) != 0 && errno != EEXIST { throw FileError("mkdir \(path): " + errnoText(errno)) }
}

/// `filepath.Dir`: the part before the last slash (`.` when none).
func directoryName(_ path: String) -> String {
    guard let slash = path.lastIndex(of: "/") else { return "." }
    if slash == path.startIndex { return "/" }
    return String(path[..<slash])
}

/// `filepath.Glob`: sorted matches; a pattern without magic characters is returned as is when the file exists.
package func globFiles(_ pattern: String) -> [String] {
    var result = glob_t()
    defer { globfree(&result) }
    guard glob(pattern, 0, nil, &result) == 0 else { return [] }
    var paths: [String] = []
    for index in 0..<Int(result.gl_pathc) {
        if let path = result.gl_pathv[index] { paths.append(String(cString: path)) }
    }
    return paths.sorted()
}
