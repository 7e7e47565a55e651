public import KlaxonModel

/// What `TextParser.next()` found.
public enum ExpositionEntry: Sendable, Hashable {
    /// A sample line: see `seriesRange`, `value`, `timestamp`, `labels()`.
    case series
    /// `# HELP name text`: see `metricName`, `helpText`.
    case help
    /// `# TYPE name type`: see `metricName`, `metricType`.
    case type
    /// `# UNIT name unit` (OpenMetrics only): see `metricName`, `unit`.
    case unit
    /// Any other comment line, or a HELP/TYPE line without content (ignored upstream too).
    case comment
    /// `# EOF` (OpenMetrics only).
    case eof
}

/// Where a label of the current series sits in the body.
struct LabelSpan {
    var name: Range<Int>
    /// The label value between the quotes, still escaped when `escaped` is set.
    var value: Range<Int>
    var escaped: Bool
}

/// A pull parser over one scrape body in the Prometheus text format 0.0.4 or OpenMetrics 1.0.
///
/// Call `next()` until it returns `nil`; after `.series` read `seriesRange` (the raw `name{…}` bytes, the key
/// for a scrape cache), `value`, `timestamp` and, only when needed, `labels()` or `labels(using:)`.
/// The parser works in one pass over the bytes, keeps label positions in a reused scratch array and allocates
/// nothing per sample; `reset(_:format:)` parses the next body with the same scratch storage.
/// Errors carry the line number and `expfmt`'s wording; any byte sequence yields entries or an error, never a trap.
public struct TextParser {
    public internal(set) var format: ExpositionFormat
    public internal(set) var body: [UInt8]
    var position = 0
    /// 1-based number of the line of the current entry.
    public internal(set) var line = 0
    var finished = false
    var sawEOF = false

    var families = FamilyTable()
    var labelSpans: [LabelSpan] = []

    // Current entry.
    var nameRange: Range<Int> = 0..<0
    var seriesEnd = 0
    var textRange: Range<Int> = 0..<0
    var textEscaped = false
    var currentFamily = 0
    public internal(set) var value: Double = 0
    /// Milliseconds since the epoch if the sample line carries a timestamp (OpenMetrics seconds are converted).
    public internal(set) var timestamp: Int64?
    public internal(set) var metricType: MetricType = .untyped

    // Last sample name and its family, so consecutive samples of one family skip the table lookup.
    var previousSampleName: Range<Int> = 0..<0
    var previousSampleFamily = -1
    var openMetricsFamily = -1

    /// `true` (the default): `expfmt`'s strictness, as `promtool check metrics` applies it. `false`: what Prometheus
    /// 2.42's scrape-time parser (`textparse`) accepts on top, for a scraper: repeated HELP/TYPE lines (or TYPE
    /// after samples), any `\x` escape in label values and HELP text (kept as written), blanks after the value or
    /// timestamp, and a text body whose last line has no newline.
    public var checksFamilyMetadata = true

    public init(_ body: [UInt8], format: ExpositionFormat = .text, checksFamilyMetadata: Bool = true) {
        self.body = body
        self.format = format
        self.checksFamilyMetadata = checksFamilyMetadata
        labelSpans.reserveCapacity(16)
        terminateLastLine()
    }

    /// Scrape mode: a text body whose last line lacks its newline gets one (Prometheus ingests that line).
    private mutating func terminateLastLine() {
        if !checksFamilyMetadata, format == .text, let last = body.last, last != UInt8(ascii: "\n") {
            body.append(UInt8(ascii: "\n"))
        }
    }

    /// Starts over on a new body, keeping the scratch storage (no allocation when the shapes repeat).
    public mutating func reset(_ body: [UInt8], format: ExpositionFormat = .text) {
        self.body = body
        self.format = format
        terminateLastLine()
        position = 0
        line = 0
        finished = false
        sawEOF = false
        families.reset()
        labelSpans.removeAll(keepingCapacity: true)
        previousSampleName = 0..<0
        previousSampleFamily = -1
        openMetricsFamily = -1
        timestamp = nil
    }

    /// The next entry, `nil` at the end of the body.
    public mutating func next() throws(ExpositionError) -> ExpositionEntry? {
        let body = self.body
        let result = body.withUnsafeBufferPointer { buffer -> Result<ExpositionEntry?, ScanError> in
            do throws(ScanError) {
                return .success(try nextEntry(buffer))
            } catch {
                return .failure(error)
            }
        }
        switch result {
        case .success(let entry):
            return entry
        case .failure(let error):
            finished = true
            throw ExpositionError(line: line, message: error.message)
        }
    }

    private mutating func nextEntry(_ buffer: UnsafeBufferPointer<UInt8>) throws(ScanError) -> ExpositionEntry? {
        while !finished {
            if position >= buffer.count {
                finished = true
                if format == .openMetrics, !sawEOF {
                    line += 1
                    throw ScanError("data does not end with # EOF")
                }
                return nil
            }
            line += 1
            let entry: ExpositionEntry?
            switch format {
            case .text: entry = try scanTextLine(buffer)
            case .openMetrics: entry = try scanOpenMetricsLine(buffer)
            }
            if let entry { return entry }
        }
        return nil
    }

    // MARK: Accessors

    /// The raw bytes of the current series as written (`name` or `name{…}`), as a range of `body`.
    public var seriesRange: Range<Int> { nameRange.lowerBound..<seriesEnd }

    /// Calls `body` with the raw series bytes (`name{…}` as written) of the current series.
    public func withSeriesBytes<R>(_ body: (UnsafeRawBufferPointer) -> R) -> R {
        let range = seriesRange
        return self.body.withUnsafeBytes { bytes -> R in
            body(UnsafeRawBufferPointer(rebasing: bytes[range]))
        }
    }

    /// The metric name of the current series, or of the current HELP/TYPE/UNIT line (allocates a `String`).
    public var metricName: String { string(nameRange) }

    /// The name of the family the current entry belongs to (`foo` for `foo_bucket` of histogram `foo`).
    public var familyName: String { string(families[currentFamily].name) }

    /// The type of the family of the current series (`.untyped` when no TYPE line declared one).
    public var familyType: MetricType { families[currentFamily].type ?? .untyped }

    /// Help text of the current `.help` entry, unescaped.
    public var helpText: String { unescaped(textRange, escaped: textEscaped) }

    /// Unit of the current `.unit` entry.
    public var unit: String { string(textRange) }

    /// Number of labels (excluding the metric name) written on the current series line.
    public var labelCount: Int { labelSpans.count }

    /// Name of the `index`th label as written on the current series line.
    public func labelName(at index: Int) -> String { string(labelSpans[index].name) }

    /// Builds the label set of the current series, `__name__` included, with values unescaped (allocates).
    public func labels() -> Labels {
        var result: [Label] = []
        result.reserveCapacity(labelSpans.count + 1)
        result.append(Label(LabelName.metricName, string(nameRange)))
        for span in labelSpans {
            result.append(Label(string(span.name), unescaped(span.value, escaped: span.escaped)))
        }
        return Labels(result)
    }

    /// The label set of the current series through `cache`: no allocation when the raw series bytes were seen.
    public func labels(using cache: inout SeriesCache) -> Labels {
        cache.labels(for: self)
    }

    func string(_ range: Range<Int>) -> String {
        body.withUnsafeBufferPointer { String(decoding: UnsafeBufferPointer(rebasing: $0[range]), as: UTF8.self) }
    }

    func unescaped(_ range: Range<Int>, escaped: Bool) -> String {
        guard escaped else { return string(range) }
        return body.withUnsafeBufferPointer { buffer in
            String(decoding: unescape(buffer, range), as: UTF8.self)
        }
    }
}

/// An error found while scanning a line; `TextParser.next()` adds the line number.
struct ScanError: Error {
    var message: String
    init(_ message: String) { self.message = message }
    static let unexpectedEnd = ScanError("unexpected end of input stream")
}

/// Resolves `\\`, `\"` and `\n` (any other escape is kept as written; the scanner has rejected those already).
func unescape(_ buffer: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> [UInt8] {
    var out: [UInt8] = []
    out.reserveCapacity(range.count)
    var index = range.lowerBound
    while index < range.upperBound {
        let byte = buffer[index]
        if byte == UInt8(ascii: "\\"), index + 1 < range.upperBound {
            let next = buffer[index + 1]
            switch next {
            case UInt8(ascii: "n"): out.append(UInt8(ascii: "\n"))
            case UInt8(ascii: "\\"), UInt8(ascii: "\""): out.append(next)
            default:
                out.append(byte)
                out.append(next)
            }
            index += 2
        } else {
            out.append(byte)
            index += 1
        }
    }
    return out
}
