public import SwiftProtobuf

/// Protobuf's length-delimited framing: each message's length as a base-128 varint, then the message (what Go's
/// `pbutil.WriteDelimited` writes and `pbutil.ReadDelimited` reads; the protobuf exposition format is a stream of
/// `io.prometheus.client.MetricFamily` messages framed so).
public enum Delimited {
    /// A frame was cut short, its length overflows, or a message did not decode.
    public struct DecodeError: Error, Sendable, CustomStringConvertible {
        public var description: String
    }

    /// Appends `message`'s varint length and bytes to `bytes`.
    public static func append(_ message: some Message, to bytes: inout [UInt8]) throws {
        let body: [UInt8] = try message.serializedBytes()
        var length = UInt64(body.count)
        while length >= 0x80 {
            bytes.append(UInt8(truncatingIfNeeded: length) | 0x80)
            length >>= 7
        }
        bytes.append(UInt8(length))
        bytes.append(contentsOf: body)
    }

    /// Every message of a delimited stream, in order.
    public static func decode<M: Message>(_ type: M.Type, from bytes: [UInt8]) throws(DecodeError) -> [M] {
        var messages: [M] = []
        var index = 0
        while index < bytes.count {
            var length: UInt64 = 0
            var shift: UInt64 = 0
            while true {
                guard index < bytes.count else { throw DecodeError(description: "truncated length at byte \(index)") }
                guard shift < 64 else { throw DecodeError(description: "length overflows at byte \(index)") }
                let byte = bytes[index]
                index += 1
                length |= UInt64(byte & 0x7F) << shift
                shift += 7
                if byte < 0x80 { break }
            }
            guard length <= UInt64(bytes.count - index) else {
                throw DecodeError(description: "message of \(length) bytes at byte \(index) runs past the end")
            }
            let end = index + Int(length)
            do {
                messages.append(try M(serializedBytes: Array(bytes[index..<end])))
            } catch {
                throw DecodeError(description: "message at byte \(index): \(error)")
            }
            index = end
        }
        return messages
    }
}
