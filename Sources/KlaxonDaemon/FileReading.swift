import KlaxonModel

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads a whole file as UTF-8 (configuration and rule files; never a hot path).
func readConfigText(_ path: String) throws(DaemonError) -> String {
    switch readTextFile(path) {
    case .success(let text): return text
    case .failure(let error): throw DaemonError(error.description)
    }
}

/// Shell-style glob (`rule_files` entries), sorted like Go's `filepath.Glob`. A pattern without magic characters
/// is returned as is even when the file does not exist, so the error names it.
func expandGlob(_ pattern: String) -> [String] {
    if !pattern.contains(where: { "*?[".contains($0) }) { return [pattern] }
    return globFiles(pattern)
}

/// `path` resolved against `directory` unless it is absolute.
func resolve(_ path: String, relativeTo directory: String) -> String {
    if path.hasPrefix("/") || directory.isEmpty { return path }
    return directory.hasSuffix("/") ? directory + path : directory + "/" + path
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
