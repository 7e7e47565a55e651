/// A syntax error in a scrape body: the 1-based line and the reason, worded like Prometheus' `expfmt` parser.
public struct ExpositionError: Error, Hashable, Sendable, CustomStringConvertible {
    /// 1-based line number of the offending line.
    public var line: Int
    /// The reason, without the `text format parsing error in line N:` prefix.
    public var message: String

    public init(line: Int, message: String) {
        self.line = line
        self.message = message
    }

    /// `text format parsing error in line 2: <message>`, exactly as `promtool check metrics` prints it.
    public var description: String { "text format parsing error in line \(line): \(message)" }
}
