/// A one-pass parser for the Prometheus text format 0.0.4 and OpenMetrics 1.0 over raw bytes.
///
/// It reports each HELP/TYPE/UNIT line and each sample to a consumer, without building a `String` per line or
/// allocating per sample (label positions go to a reused scratch array). Error texts follow client_golang's
/// text parser, which `promtool check metrics` uses: `text format parsing error in line 1: invalid metric name`.
/// Malformed input of any kind yields an `ExpositionError`, never a crash.
public struct TextParser {
    public let format: ExpositionFormat
    private var spans: [LabelSpan] = []

    public init(format: ExpositionFormat = .text) {
        self.format = format
        spans.reserveCapacity(16)
    }

    /// Parses `body`, calling `consumer` for every event. Returns the number of samples.
    @discardableResult
    public mutating func parse<C: ExpositionConsumer>(
        _ body: [UInt8],
        into consumer: inout C
    ) throws(ExpositionError) -> Int {
        var result: Result<Int, ExpositionError> = .success(0)
        body.withUnsafeBufferPointer { buffer in
            result = Result { () throws(ExpositionError) -> Int in try parse(buffer, into: &consumer) }
        }
        return try result.get()
    }

    @discardableResult
    public mutating func parse<C: ExpositionConsumer>(
        _ body: UnsafeBufferPointer<UInt8>,
        into consumer: inout C
    ) throws(ExpositionError) -> Int {
        var cursor = Cursor(body: body)
        var samples = 0
        var sawEOF = false
        while true {
            cursor.skipBlanks()
            guard let byte = cursor.peek() else { break }
            if sawEOF {
                throw ExpositionError(line: cursor.line, reason: "unexpected data after # EOF")
            }
            if byte == Byte.newline {
                cursor.advance()
                cursor.line += 1
                continue
            }
            if byte == Byte.hash {
                if try parseComment(&cursor, into: &consumer) { sawEOF = true }
            } else {
                try parseSample(&cursor, into: &consumer)
                samples += 1
            }
        }
        if format == .openMetrics && !sawEOF {
            throw ExpositionError(line: cursor.line, reason: "data does not end with # EOF")
        }
        return samples
    }

    // MARK: - Comments

    /// Returns true for OpenMetrics' `# EOF`.
    private func parseComment<C: ExpositionConsumer>(
        _ cursor: inout Cursor,
        into consumer: inout C
    ) throws(ExpositionError) -> Bool {
        let line = cursor.line
        if format == .text && !cursor.hasNewlineAhead() {
            // client_golang reads comment lines to their newline; end of input inside one is an error.
            throw ExpositionError(line: line, reason: "unexpected end of input stream")
        }
        cursor.advance()  // '#'
        cursor.skipBlanks()
        guard let next = cursor.peek() else { return false }
        if next == Byte.newline {
            cursor.advance()
            cursor.line += 1
            return false
        }
        let keyword = cursor.readToken()
        let isHelp = keyword.equals("HELP")
        let isType = keyword.equals("TYPE")
        let isUnit = format == .openMetrics && keyword.equals("UNIT")
        if format == .openMetrics && keyword.equals("EOF") {
            cursor.skipBlanks()
            if let byte = cursor.peek(), byte != Byte.newline {
                throw ExpositionError(line: line, reason: "unexpected text after # EOF")
            }
            if cursor.peek() == Byte.newline {
                cursor.advance()
                cursor.line += 1
            }
            return true
        }
        if !isHelp && !isType && !isUnit {
            cursor.skipLine()
            return false
        }
        cursor.skipBlanks()
        guard let start = cursor.peek(), start != Byte.newline else {
            cursor.skipLine()
            return false
        }
        guard Byte.isMetricNameStart(start) else {
            throw ExpositionError(line: line, reason: "invalid metric name in comment")
        }
        let name = cursor.readMetricName()
        cursor.skipBlanks()
        if cursor.peek() == nil || cursor.peek() == Byte.newline {
            if isHelp { try consumer.consume(.help(name: name, text: "", line: line)) }
            cursor.skipLine()
            return false
        }
        if isHelp {
            let text = try readHelpText(&cursor, line: line)
            try consumer.consume(.help(name: name, text: text, line: line))
        } else {
            let token = cursor.readUntilNewline()
            if isUnit {
                try consumer.consume(.unit(name: name, unit: token, line: line))
            } else {
                let typeName = String(decoding: token, as: UTF8.self)
                let parsed = format == .text ? MetricType.textFormat(typeName) : MetricType.openMetrics(typeName)
                guard let type = parsed else {
                    throw ExpositionError(line: line, reason: "unknown metric type \(goQuotedString(typeName))")
                }
                try consumer.consume(.type(name: name, type: type, line: line))
            }
        }
        cursor.skipLine()
        return false
    }

    private func readHelpText(_ cursor: inout Cursor, line: Int) throws(ExpositionError) -> String {
        let start = cursor.index
        var escaped = false
        while let byte = cursor.peek(), byte != Byte.newline {
            if byte == Byte.backslash {
                cursor.advance()
                guard let escape = cursor.peek(), escape != Byte.newline else { break }
                let allowed =
                    escape == Byte.backslash || escape == UInt8(ascii: "n")
                    || (format == .openMetrics && escape == Byte.quote)
                if !allowed {
                    throw ExpositionError(
                        line: line,
                        reason: "invalid escape sequence '\\\(Character(UnicodeScalar(escape)))'"
                    )
                }
                escaped = true
            }
            cursor.advance()
        }
        let raw = UnsafeBufferPointer(rebasing: cursor.body[start..<cursor.index])
        return escaped ? ParsedSample.unescape(raw) : String(decoding: raw, as: UTF8.self)
    }

    // MARK: - Samples

    private mutating func parseSample<C: ExpositionConsumer>(
        _ cursor: inout Cursor,
        into consumer: inout C
    ) throws(ExpositionError) {
        let line = cursor.line
        let seriesStart = cursor.index
        guard let first = cursor.peek(), Byte.isMetricNameStart(first) else {
            throw ExpositionError(line: line, reason: "invalid metric name")
        }
        let name = cursor.readMetricName()
        var seriesEnd = cursor.index
        cursor.skipBlanks()
        spans.removeAll(keepingCapacity: true)
        if cursor.peek() == Byte.openBrace {
            cursor.advance()
            try parseLabels(&cursor, metricName: name, line: line)
            seriesEnd = cursor.index
            cursor.skipBlanks()
        }
        let series = UnsafeBufferPointer(rebasing: cursor.body[seriesStart..<seriesEnd])

        let valueToken = cursor.readToken()
        guard cursor.peek() != nil else {
            throw ExpositionError(line: line, reason: "unexpected end of input stream")
        }
        guard let value = parseValue(valueToken) else {
            throw ExpositionError(line: line, reason: "expected float as value, got \(goQuoted(valueToken))")
        }
        var timestamp: Int64?
        if cursor.peek() != Byte.newline {
            cursor.skipBlanks()
            if format == .openMetrics && cursor.peek() == Byte.hash {
                try skipExemplar(&cursor, line: line)
            } else {
                let token = cursor.readToken()
                guard cursor.peek() != nil else {
                    throw ExpositionError(line: line, reason: "unexpected end of input stream")
                }
                timestamp = try parseTimestamp(token, line: line)
                if format == .openMetrics {
                    cursor.skipBlanks()
                    if cursor.peek() == Byte.hash { try skipExemplar(&cursor, line: line) }
                }
                let rest = cursor.readUntilNewline()
                if !rest.isEmpty {
                    throw ExpositionError(line: line, reason: "spurious string after timestamp: \(goQuoted(rest))")
                }
            }
        }
        guard cursor.peek() == Byte.newline else {
            throw ExpositionError(line: line, reason: "unexpected end of input stream")
        }
        cursor.advance()
        cursor.line += 1
        let sample = spans.withUnsafeBufferPointer { labelSpans in
            ParsedSample(
                body: cursor.body,
                series: series,
                name: name,
                labelSpans: labelSpans,
                value: value,
                timestamp: timestamp,
                line: line
            )
        }
        // The spans buffer stays alive (and unchanged) until the next sample.
        try consumer.consume(.sample(sample))
    }

    private mutating func parseLabels(
        _ cursor: inout Cursor,
        metricName: UnsafeBufferPointer<UInt8>,
        line: Int
    ) throws(ExpositionError) {
        while true {
            cursor.skipBlanks()
            guard let byte = cursor.peek() else {
                throw ExpositionError(line: line, reason: "unexpected end of input stream")
            }
            if byte == Byte.closeBrace {
                cursor.advance()
                return
            }
            guard Byte.isLabelNameStart(byte) else {
                throw ExpositionError(line: line, reason: "invalid label name for metric \(goQuoted(metricName))")
            }
            let nameStart = cursor.index
            while let next = cursor.peek(), Byte.isLabelNameContinuation(next) { cursor.advance() }
            let labelName = UnsafeBufferPointer(rebasing: cursor.body[nameStart..<cursor.index])
            if labelName.equals("__name__") {
                throw ExpositionError(line: line, reason: "label name \"__name__\" is reserved")
            }
            cursor.skipBlanks()
            guard let equals = cursor.peek() else {
                throw ExpositionError(line: line, reason: "unexpected end of input stream")
            }
            guard equals == Byte.equals else {
                throw ExpositionError(
                    line: line,
                    reason: "expected '=' after label name, found \(goQuotedByte(equals))"
                )
            }
            cursor.advance()
            cursor.skipBlanks()
            guard let quote = cursor.peek() else {
                throw ExpositionError(line: line, reason: "unexpected end of input stream")
            }
            guard quote == Byte.quote else {
                throw ExpositionError(
                    line: line,
                    reason: "expected '\"' at start of label value, found \(goQuotedByte(quote))"
                )
            }
            cursor.advance()
            let valueStart = cursor.index
            var escaped = false
            while true {
                guard let byte = cursor.peek() else {
                    let partial = UnsafeBufferPointer(rebasing: cursor.body[valueStart..<cursor.index])
                    throw ExpositionError(line: line, reason: "unexpected end of label value \(goQuoted(partial))")
                }
                if byte == Byte.quote { break }
                if byte == Byte.newline {
                    let partial = UnsafeBufferPointer(rebasing: cursor.body[valueStart..<cursor.index])
                    throw ExpositionError(
                        line: line,
                        reason:
                            "label value \(goQuotedString(ParsedSample.unescape(partial))) contains unescaped new-line"
                    )
                }
                if byte == Byte.backslash {
                    cursor.advance()
                    guard let escape = cursor.peek() else { continue }
                    guard escape == Byte.backslash || escape == Byte.quote || escape == UInt8(ascii: "n") else {
                        throw ExpositionError(
                            line: line,
                            reason: "invalid escape sequence '\\\(Character(UnicodeScalar(escape)))'"
                        )
                    }
                    escaped = true
                }
                cursor.advance()
            }
            let valueEnd = cursor.index
            cursor.advance()  // closing quote
            for span in spans where span.nameCount == labelName.count {
                let other = UnsafeBufferPointer(
                    rebasing: cursor.body[span.nameStart..<(span.nameStart + span.nameCount)]
                )
                if other.elementsEqual(labelName) {
                    throw ExpositionError(
                        line: line,
                        reason: "duplicate label names for metric \(goQuoted(metricName))"
                    )
                }
            }
            spans.append(
                LabelSpan(
                    nameStart: nameStart,
                    nameCount: labelName.count,
                    valueStart: valueStart,
                    valueCount: valueEnd - valueStart,
                    escaped: escaped
                )
            )
            cursor.skipBlanks()
            guard let separator = cursor.peek() else {
                throw ExpositionError(line: line, reason: "unexpected end of input stream")
            }
            if separator == Byte.comma {
                cursor.advance()
                continue
            }
            if separator == Byte.closeBrace {
                cursor.advance()
                return
            }
            let value = UnsafeBufferPointer(rebasing: cursor.body[valueStart..<valueEnd])
            throw ExpositionError(
                line: line,
                reason:
                    "unexpected end of label value \(goQuotedString(escaped ? ParsedSample.unescape(value) : String(decoding: value, as: UTF8.self)))"
            )
        }
    }

    private func parseValue(_ token: UnsafeBufferPointer<UInt8>) -> Double? {
        NumberParsing.parseFloat(token)
    }

    private func parseTimestamp(_ token: UnsafeBufferPointer<UInt8>, line: Int) throws(ExpositionError) -> Int64 {
        switch format {
        case .text:
            guard let milliseconds = NumberParsing.parseInt(token) else {
                throw ExpositionError(line: line, reason: "expected integer as timestamp, got \(goQuoted(token))")
            }
            return milliseconds
        case .openMetrics:
            guard let seconds = NumberParsing.parseFloat(token), seconds.isFinite else {
                throw ExpositionError(line: line, reason: "expected float as timestamp, got \(goQuoted(token))")
            }
            return Int64((seconds * 1000).rounded(.toNearestOrAwayFromZero))
        }
    }

    /// OpenMetrics exemplar: `# {labels} value [timestamp]` up to the end of the line. Checked for shape, then
    /// dropped (Klaxon does not store exemplars).
    private func skipExemplar(_ cursor: inout Cursor, line: Int) throws(ExpositionError) {
        cursor.advance()  // '#'
        cursor.skipBlanks()
        guard cursor.peek() == Byte.openBrace else {
            throw ExpositionError(line: line, reason: "invalid exemplar: expected '{'")
        }
        var inQuotes = false
        while let byte = cursor.peek(), byte != Byte.newline {
            if byte == Byte.backslash && inQuotes {
                cursor.advance()
            } else if byte == Byte.quote {
                inQuotes.toggle()
            } else if byte == Byte.closeBrace && !inQuotes {
                cursor.advance()
                break
            }
            cursor.advance()
        }
        cursor.skipBlanks()
        let value = cursor.readToken()
        guard NumberParsing.parseFloat(value) != nil else {
            throw ExpositionError(line: line, reason: "invalid exemplar value \(goQuoted(value))")
        }
        cursor.skipBlanks()
        if let byte = cursor.peek(), byte != Byte.newline {
            let timestamp = cursor.readToken()
            guard NumberParsing.parseFloat(timestamp) != nil else {
                throw ExpositionError(line: line, reason: "invalid exemplar timestamp \(goQuoted(timestamp))")
            }
        }
    }
}

/// Byte constants and classes.
enum Byte {
    static let newline = UInt8(ascii: "\n")
    static let hash = UInt8(ascii: "#")
    static let space = UInt8(ascii: " ")
    static let tab = UInt8(ascii: "\t")
    static let openBrace = UInt8(ascii: "{")
    static let closeBrace = UInt8(ascii: "}")
    static let equals = UInt8(ascii: "=")
    static let quote = UInt8(ascii: "\"")
    static let comma = UInt8(ascii: ",")
    static let backslash = UInt8(ascii: "\\")

    @inline(__always) static func isLetter(_ b: UInt8) -> Bool { (b | 0x20) &- 97 < 26 }
    @inline(__always) static func isDigit(_ b: UInt8) -> Bool { b &- 48 < 10 }
    @inline(__always) static func isMetricNameStart(_ b: UInt8) -> Bool {
        isLetter(b) || b == UInt8(ascii: "_") || b == UInt8(ascii: ":")
    }
    @inline(__always) static func isMetricNameContinuation(_ b: UInt8) -> Bool { isMetricNameStart(b) || isDigit(b) }
    @inline(__always) static func isLabelNameStart(_ b: UInt8) -> Bool { isLetter(b) || b == UInt8(ascii: "_") }
    @inline(__always) static func isLabelNameContinuation(_ b: UInt8) -> Bool { isLabelNameStart(b) || isDigit(b) }
}

/// A position in the body with the current line number.
struct Cursor {
    let body: UnsafeBufferPointer<UInt8>
    var index = 0
    var line = 1

    init(body: UnsafeBufferPointer<UInt8>) { self.body = body }

    @inline(__always) func peek() -> UInt8? { index < body.count ? body[index] : nil }
    @inline(__always) mutating func advance() { index += 1 }

    @inline(__always) mutating func skipBlanks() {
        while index < body.count, body[index] == Byte.space || body[index] == Byte.tab { index += 1 }
    }

    /// Reads up to a blank, a newline or the end.
    @inline(__always) mutating func readToken() -> UnsafeBufferPointer<UInt8> {
        let start = index
        while index < body.count {
            let byte = body[index]
            if byte == Byte.space || byte == Byte.tab || byte == Byte.newline { break }
            index += 1
        }
        return UnsafeBufferPointer(rebasing: body[start..<index])
    }

    @inline(__always) mutating func readMetricName() -> UnsafeBufferPointer<UInt8> {
        let start = index
        while index < body.count, Byte.isMetricNameContinuation(body[index]) { index += 1 }
        return UnsafeBufferPointer(rebasing: body[start..<index])
    }

    /// Reads up to (not including) the newline or the end.
    mutating func readUntilNewline() -> UnsafeBufferPointer<UInt8> {
        let start = index
        while index < body.count, body[index] != Byte.newline { index += 1 }
        return UnsafeBufferPointer(rebasing: body[start..<index])
    }

    func hasNewlineAhead() -> Bool {
        var position = index
        while position < body.count {
            if body[position] == Byte.newline { return true }
            position += 1
        }
        return false
    }

    /// Skips the rest of the line including its newline.
    mutating func skipLine() {
        while index < body.count, body[index] != Byte.newline { index += 1 }
        if index < body.count {
            index += 1
            line += 1
        }
    }
}

extension UnsafeBufferPointer where Element == UInt8 {
    func equals(_ literal: StaticString) -> Bool {
        guard count == literal.utf8CodeUnitCount else { return false }
        let pointer = literal.utf8Start
        for i in 0..<count where self[i] != pointer[i] { return false }
        return true
    }
}
