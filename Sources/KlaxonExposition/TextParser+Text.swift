// Scanning of the Prometheus text format 0.0.4, following the state machine of `expfmt.TextParser`
// (Prometheus 2.42) so that every malformed input fails with the same message on the same line.

import KlaxonModel

@inline(__always) func isBlank(_ byte: UInt8) -> Bool { byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") }

@inline(__always) func isLabelNameStart(_ byte: UInt8) -> Bool {
    let lower = byte | 0x20
    return (lower >= UInt8(ascii: "a") && lower <= UInt8(ascii: "z")) || byte == UInt8(ascii: "_")
}

@inline(__always) func isLabelNameContinuation(_ byte: UInt8) -> Bool {
    isLabelNameStart(byte) || (byte &- UInt8(ascii: "0") < 10)
}

@inline(__always) func isMetricNameStart(_ byte: UInt8) -> Bool {
    isLabelNameStart(byte) || byte == UInt8(ascii: ":")
}

@inline(__always) func isMetricNameContinuation(_ byte: UInt8) -> Bool {
    isLabelNameContinuation(byte) || byte == UInt8(ascii: ":")
}

extension TextParser {
    /// Skips blanks and tabs from `index` (inclusive); throws at the end of the body.
    @inline(__always)
    static func skipBlanks(_ buffer: UnsafeBufferPointer<UInt8>, _ index: Int) throws(ScanError) -> Int {
        var index = index
        while index < buffer.count, isBlank(buffer[index]) { index += 1 }
        guard index < buffer.count else { throw .unexpectedEnd }
        return index
    }

    /// Scans one line of the text format starting at `position`; `nil` for a blank line.
    mutating func scanTextLine(_ buffer: UnsafeBufferPointer<UInt8>) throws(ScanError) -> ExpositionEntry? {
        var index = position
        while index < buffer.count, isBlank(buffer[index]) { index += 1 }
        if index == buffer.count {
            position = index
            finished = true
            return nil
        }
        switch buffer[index] {
        case UInt8(ascii: "\n"):
            position = index + 1
            return nil
        case UInt8(ascii: "#"):
            return try scanTextComment(buffer, index + 1)
        default:
            return try scanTextSeries(buffer, index)
        }
    }

    private mutating func commentEntry(_ buffer: UnsafeBufferPointer<UInt8>, endingAt newline: Int) -> ExpositionEntry {
        textRange = newline..<newline
        position = newline + 1
        return .comment
    }

    private mutating func scanTextComment(
        _ buffer: UnsafeBufferPointer<UInt8>,
        _ start: Int
    ) throws(ScanError) -> ExpositionEntry {
        var index = try Self.skipBlanks(buffer, start)
        if buffer[index] == UInt8(ascii: "\n") { return commentEntry(buffer, endingAt: index) }
        let keywordStart = index
        while index < buffer.count, !isBlank(buffer[index]), buffer[index] != UInt8(ascii: "\n") { index += 1 }
        guard index < buffer.count else { throw .unexpectedEnd }
        if buffer[index] == UInt8(ascii: "\n") { return commentEntry(buffer, endingAt: index) }
        let keyword = keywordStart..<index
        let isHelp = matches(buffer, keyword, "HELP")
        guard isHelp || matches(buffer, keyword, "TYPE") else {
            while buffer[index] != UInt8(ascii: "\n") {
                index += 1
                guard index < buffer.count else { throw .unexpectedEnd }
            }
            return commentEntry(buffer, endingAt: index)
        }
        index = try Self.skipBlanks(buffer, index)
        let nameStart = index
        if isMetricNameStart(buffer[index]) {
            index += 1
            while index < buffer.count, isMetricNameContinuation(buffer[index]) { index += 1 }
            guard index < buffer.count else { throw .unexpectedEnd }
        }
        if buffer[index] == UInt8(ascii: "\n") { return commentEntry(buffer, endingAt: index) }
        guard isBlank(buffer[index]) else { throw ScanError("invalid metric name in comment") }
        nameRange = nameStart..<index
        let family = resolveTextFamily(buffer, nameRange)
        currentFamily = family
        previousSampleFamily = -1
        index = try Self.skipBlanks(buffer, index)
        if buffer[index] == UInt8(ascii: "\n") { return commentEntry(buffer, endingAt: index) }
        let textStart = index
        if isHelp {
            guard !checksFamilyMetadata || !families[family].hasHelp else {
                throw ScanError("second HELP line for metric name \(goQuote(familyBytes(buffer, family)))")
            }
            var escaped = false
            var sawEscape = false
            while true {
                let byte = buffer[index]
                if escaped {
                    guard byte == UInt8(ascii: "\\") || byte == UInt8(ascii: "n") || !checksFamilyMetadata else {
                        throw ScanError("invalid escape sequence '\\\(goChar(byte))'")
                    }
                    escaped = false
                } else if byte == UInt8(ascii: "\n") {
                    break
                } else if byte == UInt8(ascii: "\\") {
                    escaped = true
                    sawEscape = true
                }
                index += 1
                guard index < buffer.count else { throw .unexpectedEnd }
            }
            families[family].hasHelp = true
            textRange = textStart..<index
            textEscaped = sawEscape
            position = index + 1
            return .help
        }
        guard !checksFamilyMetadata || families[family].type == nil else {
            throw ScanError(
                "second TYPE line for metric name \(goQuote(familyBytes(buffer, family))), or TYPE reported after samples"
            )
        }
        while buffer[index] != UInt8(ascii: "\n") {
            index += 1
            guard index < buffer.count else { throw .unexpectedEnd }
        }
        let typeRange = textStart..<index
        // expfmt drops every backslash from the type token (its reader treats `\` as an escape it then ignores).
        let typeToken = buffer[typeRange].filter { $0 != UInt8(ascii: "\\") }
        let type = typeToken.withUnsafeBufferPointer { textMetricType($0, 0..<$0.count) }
        guard let type else {
            throw ScanError("unknown metric type \(goQuote(typeToken))")
        }
        families[family].type = type
        metricType = type
        textRange = typeRange
        position = index + 1
        return .type
    }

    private mutating func scanTextSeries(
        _ buffer: UnsafeBufferPointer<UInt8>,
        _ start: Int
    ) throws(ScanError) -> ExpositionEntry {
        var index = start
        guard isMetricNameStart(buffer[index]) else { throw ScanError("invalid metric name") }
        index += 1
        while index < buffer.count, isMetricNameContinuation(buffer[index]) { index += 1 }
        guard index < buffer.count else { throw .unexpectedEnd }
        nameRange = start..<index
        seriesEnd = index
        let family = sampleFamily(buffer, nameRange)
        currentFamily = family
        let type = families[family].type ?? .untyped
        if isBlank(buffer[index]) { index = try Self.skipBlanks(buffer, index) }
        labelSpans.removeAll(keepingCapacity: true)
        if buffer[index] == UInt8(ascii: "{") {
            index = try scanLabels(buffer, index, family: family, type: type)
        }
        // Value.
        let valueStart = index
        while index < buffer.count, !isBlank(buffer[index]), buffer[index] != UInt8(ascii: "\n") { index += 1 }
        guard index < buffer.count else { throw .unexpectedEnd }
        guard let parsed = NumberParsing.parseFloat(buffer, valueStart..<index) else {
            throw ScanError(
                "expected float as value, got \(goQuote(UnsafeBufferPointer(rebasing: buffer[valueStart..<index])))"
            )
        }
        value = parsed
        families[family].sampleCount += 1
        if buffer[index] == UInt8(ascii: "\n") {
            timestamp = nil
            position = index + 1
            return .series
        }
        // Timestamp.
        index = try Self.skipBlanks(buffer, index)
        if buffer[index] == UInt8(ascii: "\n"), !checksFamilyMetadata {
            timestamp = nil
            position = index + 1
            return .series
        }
        let timestampStart = index
        while index < buffer.count, !isBlank(buffer[index]), buffer[index] != UInt8(ascii: "\n") { index += 1 }
        guard index < buffer.count else { throw .unexpectedEnd }
        guard let parsedTimestamp = NumberParsing.parseInt64(buffer, timestampStart..<index) else {
            let token = UnsafeBufferPointer(rebasing: buffer[timestampStart..<index])
            throw ScanError("expected integer as timestamp, got \(goQuote(token))")
        }
        timestamp = parsedTimestamp
        if !checksFamilyMetadata { index = try Self.skipBlanks(buffer, index) }
        let restStart = index
        while buffer[index] != UInt8(ascii: "\n") {
            index += 1
            guard index < buffer.count else { throw .unexpectedEnd }
        }
        guard index == restStart else {
            let rest = buffer[restStart..<index].filter { $0 != UInt8(ascii: "\\") }
            throw ScanError("spurious string after timestamp: \(goQuote(rest))")
        }
        position = index + 1
        return .series
    }

    /// Scans `{…}` starting at the opening brace; returns the index of the first byte of the value.
    static func scanLabelsCommon(
        _ buffer: UnsafeBufferPointer<UInt8>,
        _ open: Int,
        familyName: Range<Int>,
        type: MetricType,
        spans: inout [LabelSpan],
        seriesEnd: inout Int,
        anyEscape: Bool = false
    ) throws(ScanError) -> Int {
        var index = open
        while true {
            index = try Self.skipBlanks(buffer, index + 1)
            if buffer[index] == UInt8(ascii: "}") {
                seriesEnd = index + 1
                return try Self.skipBlanks(buffer, index + 1)
            }
            let nameStart = index
            guard isLabelNameStart(buffer[index]) else {
                let family = UnsafeBufferPointer(rebasing: buffer[familyName])
                throw ScanError("invalid label name for metric \(goQuote(family))")
            }
            index += 1
            while index < buffer.count, isLabelNameContinuation(buffer[index]) { index += 1 }
            guard index < buffer.count else { throw .unexpectedEnd }
            let name = nameStart..<index
            if matches(buffer, name, "__name__") { throw ScanError("label name \"__name__\" is reserved") }
            let special =
                (type == .summary && matches(buffer, name, "quantile"))
                || (type == .histogram && matches(buffer, name, "le"))
            if !special {
                let candidate = UnsafeRawBufferPointer(UnsafeBufferPointer(rebasing: buffer[name]))
                for span in spans
                where bytesEqual(UnsafeRawBufferPointer(UnsafeBufferPointer(rebasing: buffer[span.name])), candidate)
                    && !Self.isSpecial(buffer, span.name, type)
                {
                    let family = UnsafeBufferPointer(rebasing: buffer[familyName])
                    throw ScanError("duplicate label names for metric \(goQuote(family))")
                }
            }
            // expfmt 2.42 checks the reserved name and duplicates before it looks for '='.
            if isBlank(buffer[index]) { index = try Self.skipBlanks(buffer, index) }
            guard buffer[index] == UInt8(ascii: "=") else {
                throw ScanError("expected '=' after label name, found \(goQuoteByte(buffer[index]))")
            }
            index = try Self.skipBlanks(buffer, index + 1)
            guard buffer[index] == UInt8(ascii: "\"") else {
                throw ScanError("expected '\"' at start of label value, found \(goQuoteByte(buffer[index]))")
            }
            let valueStart = index + 1
            var escaped = false
            var sawEscape = false
            var sawHighBit = false
            while true {
                index += 1
                guard index < buffer.count else { throw .unexpectedEnd }
                let byte = buffer[index]
                if escaped {
                    guard
                        byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") || byte == UInt8(ascii: "n")
                            || anyEscape
                    else {
                        throw ScanError("invalid escape sequence '\\\(goChar(byte))'")
                    }
                    escaped = false
                    continue
                }
                if byte == UInt8(ascii: "\"") { break }
                if byte == UInt8(ascii: "\n") {
                    let soFar = unescape(buffer, valueStart..<index)
                    throw ScanError("label value \(goQuote(soFar)) contains unescaped new-line")
                }
                if byte == UInt8(ascii: "\\") {
                    escaped = true
                    sawEscape = true
                }
                if byte >= 0x80 { sawHighBit = true }
            }
            let valueRange = valueStart..<index
            if sawHighBit, !isValidUTF8(buffer, valueRange) {
                throw ScanError("invalid label value \(goQuote(unescape(buffer, valueRange)))")
            }
            if special {
                let parsed: Double?
                if sawEscape {
                    let plain = unescape(buffer, valueRange)
                    parsed = plain.withUnsafeBufferPointer { NumberParsing.parseFloat($0, 0..<$0.count) }
                } else {
                    parsed = NumberParsing.parseFloat(buffer, valueRange)
                }
                if parsed == nil {
                    let label = type == .summary ? "quantile" : "le"
                    let got = goQuote(unescape(buffer, valueRange))
                    throw ScanError("expected float as value for '\(label)' label, got \(got)")
                }
            }
            spans.append(LabelSpan(name: name, value: valueRange, escaped: sawEscape))
            index = try Self.skipBlanks(buffer, index + 1)
            switch buffer[index] {
            case UInt8(ascii: ","):
                continue
            case UInt8(ascii: "}"):
                seriesEnd = index + 1
                return try Self.skipBlanks(buffer, index + 1)
            default:
                throw ScanError("unexpected end of label value \(goQuote(unescape(buffer, valueRange)))")
            }
        }
    }

    private mutating func scanLabels(
        _ buffer: UnsafeBufferPointer<UInt8>,
        _ open: Int,
        family: Int,
        type: MetricType
    ) throws(ScanError) -> Int {
        var spans = labelSpans
        labelSpans = []
        defer { labelSpans = spans }
        return try Self.scanLabelsCommon(
            buffer,
            open,
            familyName: families[family].name,
            type: type,
            spans: &spans,
            seriesEnd: &seriesEnd,
            anyEscape: !checksFamilyMetadata
        )
    }

    private static func isSpecial(_ buffer: UnsafeBufferPointer<UInt8>, _ name: Range<Int>, _ type: MetricType) -> Bool
    {
        (type == .summary && matches(buffer, name, "quantile")) || (type == .histogram && matches(buffer, name, "le"))
    }

    /// The family of a sample name: the cached one when the name repeats, else `expfmt`'s lookup.
    private mutating func sampleFamily(_ buffer: UnsafeBufferPointer<UInt8>, _ name: Range<Int>) -> Int {
        if previousSampleFamily >= 0,
            bytesEqual(
                UnsafeRawBufferPointer(UnsafeBufferPointer(rebasing: buffer[previousSampleName])),
                UnsafeRawBufferPointer(UnsafeBufferPointer(rebasing: buffer[name]))
            )
        {
            return previousSampleFamily
        }
        let family = resolveTextFamily(buffer, name)
        if families[family].type == nil { families[family].type = .untyped }
        previousSampleName = name
        previousSampleFamily = family
        return family
    }

    /// `expfmt`'s `setOrCreateCurrentMF`: the exact name, else the summary or histogram it is a `_sum`, `_count`
    /// (or `_bucket`) of, else a new family.
    mutating func resolveTextFamily(_ buffer: UnsafeBufferPointer<UInt8>, _ name: Range<Int>) -> Int {
        let raw = UnsafeRawBufferPointer(buffer)
        let hash = byteHash(UnsafeRawBufferPointer(rebasing: raw[name]))
        if let found = families.find(raw, name, hash: hash) { return found }
        let count = name.count
        var base: Range<Int>?
        var isBucket = false
        if count > 6, matches(buffer, (name.upperBound - 6)..<name.upperBound, "_count") {
            base = name.lowerBound..<(name.upperBound - 6)
        } else if count > 4, matches(buffer, (name.upperBound - 4)..<name.upperBound, "_sum") {
            base = name.lowerBound..<(name.upperBound - 4)
        } else if count > 7, matches(buffer, (name.upperBound - 7)..<name.upperBound, "_bucket") {
            base = name.lowerBound..<(name.upperBound - 7)
            isBucket = true
        }
        if let base {
            let baseHash = byteHash(UnsafeRawBufferPointer(rebasing: raw[base]))
            if let found = families.find(raw, base, hash: baseHash) {
                let type = families[found].type
                if type == .histogram || (type == .summary && !isBucket) { return found }
            }
        }
        return families.insert(name, hash: hash)
    }

    func familyBytes(_ buffer: UnsafeBufferPointer<UInt8>, _ family: Int) -> UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(rebasing: buffer[families[family].name])
    }

    private func textMetricType(_ buffer: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> MetricType? {
        if matchesUppercased(buffer, range, "COUNTER") { return .counter }
        if matchesUppercased(buffer, range, "GAUGE") { return .gauge }
        if matchesUppercased(buffer, range, "SUMMARY") { return .summary }
        if matchesUppercased(buffer, range, "UNTYPED") { return .untyped }
        if matchesUppercased(buffer, range, "HISTOGRAM") { return .histogram }
        if matchesUppercased(buffer, range, "GAUGE_HISTOGRAM") { return .gaugeHistogram }
        return nil
    }
}

/// Whether `buffer[range]` equals the ASCII `word`.
@inline(__always)
func matches(_ buffer: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, _ word: StaticString) -> Bool {
    guard range.count == word.utf8CodeUnitCount else { return false }
    let pointer = word.utf8Start
    for offset in 0..<range.count where buffer[range.lowerBound + offset] != pointer[offset] { return false }
    return true
}

/// Whether `buffer[range]`, upper-cased (ASCII), equals `word`.
func matchesUppercased(_ buffer: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, _ word: StaticString) -> Bool {
    guard range.count == word.utf8CodeUnitCount else { return false }
    let pointer = word.utf8Start
    for offset in 0..<range.count {
        var byte = buffer[range.lowerBound + offset]
        if byte >= UInt8(ascii: "a"), byte <= UInt8(ascii: "z") { byte -= 32 }
        if byte != pointer[offset] { return false }
    }
    return true
}

/// Go's `%c` of a byte (a rune in U+0000…U+00FF).
func goChar(_ byte: UInt8) -> String {
    String(Character(Unicode.Scalar(byte)))
}

func isValidUTF8(_ buffer: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Bool {
    let bytes = Array(buffer[range])
    var index = 0
    while index < bytes.count {
        if bytes[index] < 0x80 {
            index += 1
        } else if let (_, length) = decodeScalar(bytes, at: index) {
            index += length
        } else {
            return false
        }
    }
    return true
}
