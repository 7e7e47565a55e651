import KlaxonModel
public import Logging
import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes log lines to standard error in logfmt, the way Prometheus 2.42 does:
/// `ts=2026-11-25T09:40:00.123Z level=info component=scrape msg="..." key=value`.
/// Values are quoted when they contain spaces, quotes, `=` or are empty.
public struct LogfmtLogHandler: LogHandler {
    public var logLevel: Logger.Level
    public var metadata: Logger.Metadata = [:]
    public var metadataProvider: Logger.MetadataProvider?
    private let component: String
    private let sink: LogSink

    /// `label` is printed as `component=` unless the logger's metadata names a component itself; pass "" for none.
    public init(label: String, level: Logger.Level = .info, sink: LogSink = .standardError) {
        self.component = label
        self.logLevel = level
        self.sink = sink
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: Logging.LogEvent) {
        var line = "ts=" + Time.rfc3339(milliseconds: SystemClock().now())
        var merged = metadata
        if let provided = metadataProvider?.get() { merged.merge(provided) { _, new in new } }
        if let extra = event.metadata { merged.merge(extra) { _, new in new } }
        if let named = merged.removeValue(forKey: "component") {
            line += " component=" + Self.quoted(named.description)
        } else if !component.isEmpty {
            line += " component=" + Self.quoted(component)
        }
        line += " level=" + Self.levelName(event.level)
        line += " msg=" + Self.quoted(event.message.description)
        for key in merged.keys.sorted() {
            guard let value = merged[key] else { continue }
            line += " " + key + "=" + Self.quoted(value.description)
        }
        if let error = event.error { line += " err=" + Self.quoted(String(describing: error)) }
        line += "\n"
        sink.write(line)
    }

    static func levelName(_ level: Logger.Level) -> String {
        switch level {
        case .trace, .debug: "debug"
        case .info, .notice: "info"
        case .warning: "warn"
        case .error, .critical: "error"
        }
    }

    /// logfmt quoting: bare when the value is a plain token, else a double-quoted string with `\` escapes.
    static func quoted(_ value: String) -> String {
        if !value.isEmpty
            && !value.utf8.contains(where: {
                $0 <= 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "=") || $0 == 0x7F
            })
        {
            return value
        }
        var out = "\""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case "\r": out += "\\r"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}

/// Where log lines go: standard error (serialised so concurrent lines do not interleave) or memory (tests).
public final class LogSink: Sendable {
    private let capturing: Bool
    private let lines = Mutex<[String]>([])
    private let lock = Mutex(())

    public static let standardError = LogSink(capturing: false)

    public init(capturing: Bool) {
        self.capturing = capturing
    }

    public var captured: [String] { lines.withLock { $0 } }

    func write(_ line: String) {
        if capturing {
            lines.withLock { $0.append(line) }
            return
        }
        lock.withLock { _ in
            var bytes = Array(line.utf8)
            bytes.withUnsafeMutableBytes { buffer in
                var offset = 0
                while offset < buffer.count {
                    let written = Glibc.write(2, buffer.baseAddress.map { $0 + offset }, buffer.count - offset)
                    if written <= 0 { break }
                    offset += written
                }
            }
        }
    }
}
