internal import CSnappy

/// Snappy's block format (not the framed stream format), as remote write and remote read bodies use it, through
/// Debian's libsnappy.
public enum Snappy {
    public struct DecodeError: Error, Sendable, CustomStringConvertible {
        public var description: String
    }

    /// Compresses `input` into one block.
    public static func compress(_ input: [UInt8]) -> [UInt8] {
        input.withUnsafeBufferPointer { compress($0) }
    }

    public static func compress(_ input: UnsafeBufferPointer<UInt8>) -> [UInt8] {
        let bound = snappy_max_compressed_length(input.count)
        var output = [UInt8](repeating: 0, count: bound)
        var length = bound
        let status = output.withUnsafeMutableBufferPointer { out in
            input.withMemoryRebound(to: CChar.self) { source in
                out.withMemoryRebound(to: CChar.self) { target in
                    snappy_compress(source.baseAddress, source.count, target.baseAddress, &length)
                }
            }
        }
        // snappy_compress fails only when the output is smaller than snappy_max_compressed_length.
        precondition(status == SNAPPY_OK, "snappy_compress with a max-length buffer failed")
        output.removeLast(bound - length)
        return output
    }

    /// The uncompressed length a block announces, checked against `limit` before anything is allocated.
    public static func decompress(_ input: [UInt8], limit: Int) throws(DecodeError) -> [UInt8] {
        try input.withUnsafeBufferPointer { buffer throws(DecodeError) in try decompress(buffer, limit: limit) }
    }

    public static func decompress(_ input: UnsafeBufferPointer<UInt8>, limit: Int) throws(DecodeError) -> [UInt8] {
        var length = 0
        let lengthStatus = input.withMemoryRebound(to: CChar.self) { source in
            snappy_uncompressed_length(source.baseAddress, source.count, &length)
        }
        guard lengthStatus == SNAPPY_OK else { throw DecodeError(description: "snappy: corrupt input") }
        guard length <= limit else {
            throw DecodeError(description: "snappy: decoded length \(length) exceeds the limit of \(limit) bytes")
        }
        guard length > 0 else { return [] }
        var output = [UInt8](repeating: 0, count: length)
        var written = length
        let status = output.withUnsafeMutableBufferPointer { out in
            input.withMemoryRebound(to: CChar.self) { source in
                out.withMemoryRebound(to: CChar.self) { target in
                    snappy_uncompress(source.baseAddress, source.count, target.baseAddress, &written)
                }
            }
        }
        guard status == SNAPPY_OK, written == length else { throw DecodeError(description: "snappy: corrupt input") }
        return output
    }
}
