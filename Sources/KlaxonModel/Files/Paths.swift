#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Go's `filepath.Glob`: the paths matching a shell pattern, sorted byte-wise; empty when nothing matches or the
/// pattern is malformed. A pattern without magic characters matches itself when the file exists.
public func globFiles(_ pattern: String) -> [String] {
    var result = glob_t()
    defer { globfree(&result) }
    guard glob(pattern, 0, nil, &result) == 0 else { return [] }
    var paths: [String] = []
    for index in 0..<Int(result.gl_pathc) {
        if let path = result.gl_pathv[index] { paths.append(String(cString: path)) }
    }
    return paths.sorted()
}

/// Go's `filepath.Dir` without the cleaning: the part before the last slash (`.` when none, `/` for the root).
public func directoryName(_ path: String) -> String {
    guard let slash = path.lastIndex(of: "/") else { return "." }
    if slash == path.startIndex { return "/" }
    return String(path[..<slash])
}

/// A path named in a config file, resolved against the file's directory as Prometheus does
/// (`filepath.Join(dir, path)`); absolute and empty paths stay as they are.
public func joinPath(_ directory: String, _ path: String) -> String {
    if path.isEmpty || path.hasPrefix("/") { return path }
    if directory.isEmpty || directory == "." { return cleanPath(path) }
    return cleanPath(directory + "/" + path)
}

/// Go's `filepath.Clean` (`./a` → `a`, `a//b` → `a/b`, `a/../b` → `b`, `/..` → `/`, `` → `.`).
public func cleanPath(_ path: String) -> String {
    let absolute = path.hasPrefix("/")
    var parts: [Substring] = []
    for part in path.split(separator: "/", omittingEmptySubsequences: true) {
        if part == "." { continue }
        if part == "..", let last = parts.last, last != ".." {
            parts.removeLast()
            continue
        }
        if part == "..", absolute { continue }
        parts.append(part)
    }
    let joined = parts.joined(separator: "/")
    if absolute { return "/" + joined }
    return joined.isEmpty ? "." : joined
}
