/// A PromQL parse or type-check error, rendered like Prometheus's `ParseErr`: `1:17: parse error: <message>`.
public struct ParseError: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Kind: Sendable, Hashable {
        /// Lexical or syntactic error (including errors raised while building the tree).
        case syntax
        /// Type check after a successful parse.
        case type
    }

    public var kind: Kind
    public var message: String
    /// Byte offsets into the query.
    public var position: PositionRange
    /// 1-based line of `position.start`.
    public var line: Int
    /// 1-based column of `position.start`, in bytes from the last line break.
    public var column: Int

    public init(kind: Kind, message: String, position: PositionRange, line: Int, column: Int) {
        self.kind = kind
        self.message = message
        self.position = position
        self.line = line
        self.column = column
    }

    init(kind: Kind, message: String, position: PositionRange, in input: [UInt8]) {
        var line = 1
        var lastBreak = -1
        let limit = min(max(position.start, 0), input.count)
        var i = 0
        while i < limit {
            if input[i] == UInt8(ascii: "\n") {
                line += 1
                lastBreak = i
            }
            i += 1
        }
        self.init(kind: kind, message: message, position: position, line: line, column: limit - lastBreak)
    }

    public var description: String { "\(line):\(column): parse error: \(message)" }
}
