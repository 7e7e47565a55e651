/// A log line from a library target (the scraper, remote write): the daemon turns these into log lines, so the
/// libraries need no logging framework.
public struct LogEvent: Sendable {
    public enum Level: String, Sendable { case debug, info, warn, error }
    public var level: Level
    public var message: String
    public var fields: [(key: String, value: String)]

    public init(level: Level, message: String, fields: [(key: String, value: String)] = []) {
        self.level = level
        self.message = message
        self.fields = fields
    }
}
