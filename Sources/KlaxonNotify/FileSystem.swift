import KlaxonModel

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
