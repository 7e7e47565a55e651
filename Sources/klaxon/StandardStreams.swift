import ArgumentParser
import KlaxonCheck

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

enum StandardStreams {
    static func readAllStandardInput() -> [UInt8] {
        var result: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while true {
            let count = buffer.withUnsafeMutableBytes { read(0, $0.baseAddress, $0.count) }
            if count <= 0 { break }
            result.append(contentsOf: buffer[0..<count])
        }
        return result
    }

    static func write(_ text: String, to descriptor: Int32) {
        var bytes = Array(text.utf8)
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeMutableBytes { buffer in
                Glibc.write(descriptor, buffer.baseAddress.map { $0 + offset }, buffer.count - offset)
            }
            if written <= 0 { break }
            offset += written
        }
        bytes.removeAll()
    }

    /// Prints a check's output and exits with its code (so exit 3 is possible, as promtool's lint failure).
    static func emit(_ output: CheckOutput) {
        write(output.stdout, to: 1)
        write(output.stderr, to: 2)
        if output.exitCode != 0 { exit(output.exitCode) }
    }
}
