// Scanning of OpenMetrics 1.0 (as Prometheus 2.42 ingests it): `# EOF` terminator, `# UNIT`, float-second
// timestamps, exemplars skipped, no blank lines.

import KlaxonModel

extension TextParser {
    /// Scans one OpenMetrics line starting at `position`.
    mutating func scanOpenMetricsLine(_ buffer: UnsafeBufferPointer<UInt8>) throws(ScanError) -> ExpositionEntry? {
        let start = position
        if sawEOF { throw ScanError("unexpected data after # EOF") }
        switch buffer[start] {
        case UInt8(ascii: "\n"):
            throw ScanError("\"INVALID\" \"\\n\" is not a valid start token")
        case UInt8(ascii: "#"):
            return try scanOpenMetricsComment(buffer, start)
        default:
            return try scanOpenMetricsSeries(buffer, start)
        }
    }

    private func lineEnd(_ buffer: UnsafeBufferPointer<UInt8>, from index: Int) throws(ScanError) -> Int {
        var index = index
        while index < buffer.count, buffer[index] != UInt8(ascii: "\n") { index += 1 }
        guard index < buffer.count else { throw .unexpectedEnd }
        return index
    }

    private mutating func scanOpenMetricsComment(
        _ buffer: UnsafeBufferPointer<UInt8>,
        _ start: Int
    ) throws(ScanError) -> ExpositionEntry {
        // "# EOF" ends the exposition; a final newline is optional.
        let eofEnd = start + 5
        if eofEnd <= buffer.count, matches(buffer, start..<eofEnd, "# EOF"),
            eofEnd == buffer.count || buffer[eofEnd] == UInt8(ascii: "\n")
        {
            sawEOF = true
            position = min(eofEnd + 1, buffer.count)
            if position < buffer.count {
                line += 1
                throw ScanError("unexpected data after # EOF")
            }
            return .eof
        }
        let end = try lineEnd(buffer, from: start)
        var index = start + 1
        guard index < end, buffer[index] == UInt8(ascii: " ") else {
            position = end + 1
            textRange = end..<end
            return .comment
        }
        index += 1
        let keywordStart = index
        while index < end, buffer[index] != UInt8(ascii: " ") { index += 1 }
        let keyword = keywordStart..<index
        let entry: ExpositionEntry
        if matches(buffer, keyword, "HELP") {
            entry = .help
        } else if matches(buffer, keyword, "TYPE") {
            entry = .type
        } else if matches(buffer, keyword, "UNIT") {
            entry = .unit
        } else {
            position = end + 1
            textRange = end..<end
            return .comment
        }
        guard index < end else { throw ScanError("expected metric name after \(string(keyword))") }
        index += 1
        let nameStart = index
        guard index < end, isMetricNameStart(buffer[index]) else {
            throw ScanError("invalid metric name in comment")
        }
        while index < end, isMetricNameContinuation(buffer[index]) { index += 1 }
        nameRange = nameStart..<index
        let textStart: Int
        if index == end {
            textStart = end
        } else {
            guard buffer[index] == UInt8(ascii: " ") else { throw ScanError("invalid metric name in comment") }
            textStart = index + 1
        }
        textRange = textStart..<end
        let raw = UnsafeRawBufferPointer(buffer)
        let hash = byteHash(UnsafeRawBufferPointer(rebasing: raw[nameRange]))
        let family = families.find(raw, nameRange, hash: hash) ?? families.insert(nameRange, hash: hash)
        currentFamily = family
        openMetricsFamily = family
        previousSampleFamily = -1
        switch entry {
        case .help:
            textEscaped = false
            var scan = textStart
            while scan < end {
                if buffer[scan] == UInt8(ascii: "\\") {
                    guard scan + 1 < end else { throw ScanError("invalid escape sequence at end of help text") }
                    let next = buffer[scan + 1]
                    guard next == UInt8(ascii: "\\") || next == UInt8(ascii: "n") || next == UInt8(ascii: "\"") else {
                        throw ScanError("invalid escape sequence '\\\(goChar(next))'")
                    }
                    textEscaped = true
                    scan += 2
                } else {
                    scan += 1
                }
            }
            families[family].hasHelp = true
        case .type:
            guard let type = openMetricsType(buffer, textRange) else {
                throw ScanError("invalid metric type \(goQuote(UnsafeBufferPointer(rebasing: buffer[textRange])))")
            }
            families[family].type = type
            metricType = type
        default:
            // UNIT: must be a suffix of the metric family name.
            let unitCount = textRange.count
            let nameCount = nameRange.count
            let isSuffix =
                unitCount == 0
                || (nameCount > unitCount + 1
                    && buffer[nameRange.upperBound - unitCount - 1] == UInt8(ascii: "_")
                    && bytesEqual(
                        UnsafeRawBufferPointer(rebasing: raw[textRange]),
                        UnsafeRawBufferPointer(rebasing: raw[(nameRange.upperBound - unitCount)..<nameRange.upperBound])
                    ))
            guard isSuffix else {
                // 2.42's wording (the unit itself is named only by later versions).
                throw ScanError(
                    "unit not a suffix of metric \(goQuote(UnsafeBufferPointer(rebasing: buffer[nameRange])))"
                )
            }
        }
        position = end + 1
        return entry
    }

    private mutating func scanOpenMetricsSeries(
        _ buffer: UnsafeBufferPointer<UInt8>,
        _ start: Int
    ) throws(ScanError) -> ExpositionEntry {
        var index = start
        guard isMetricNameStart(buffer[index]) else {
            throw ScanError("\"INVALID\" \(goQuote(CollectionOfOne(buffer[index]))) is not a valid start token")
        }
        index += 1
        while index < buffer.count, isMetricNameContinuation(buffer[index]) { index += 1 }
        guard index < buffer.count else { throw .unexpectedEnd }
        nameRange = start..<index
        seriesEnd = index
        let family = openMetricsSampleFamily(buffer, nameRange)
        currentFamily = family
        let type = families[family].type ?? .untyped
        labelSpans.removeAll(keepingCapacity: true)
        if buffer[index] == UInt8(ascii: "{") {
            var spans = labelSpans
            labelSpans = []
            defer { labelSpans = spans }
            index = try Self.scanLabelsCommon(
                buffer,
                index,
                familyName: nameRange,
                type: type == .histogram || type == .gaugeHistogram ? .histogram : type,
                spans: &spans,
                seriesEnd: &seriesEnd,
                anyEscape: !checksFamilyMetadata
            )
        } else {
            guard buffer[index] == UInt8(ascii: " ") else {
                throw ScanError("expected value after metric, got \(goQuoteByte(buffer[index]))")
            }
            index += 1
        }
        let end = try lineEnd(buffer, from: index)
        // Value.
        let valueStart = index
        while index < end, buffer[index] != UInt8(ascii: " ") { index += 1 }
        guard let parsed = NumberParsing.parseFloat(buffer, valueStart..<index) else {
            throw ScanError(
                "expected float as value, got \(goQuote(UnsafeBufferPointer(rebasing: buffer[valueStart..<index])))"
            )
        }
        value = parsed
        timestamp = nil
        families[family].sampleCount += 1
        if index < end {
            index += 1
            // A blank after the value must lead to a timestamp or an exemplar.
            guard index < end, buffer[index] != UInt8(ascii: " ") else {
                throw ScanError("expected timestamp or # symbol, got \"INVALID\"")
            }
            if buffer[index] != UInt8(ascii: "#") {
                let timestampStart = index
                while index < end, buffer[index] != UInt8(ascii: " ") { index += 1 }
                guard let seconds = NumberParsing.parseFloat(buffer, timestampStart..<index) else {
                    let token = UnsafeBufferPointer(rebasing: buffer[timestampStart..<index])
                    throw ScanError("invalid timestamp \(goQuote(token))")
                }
                // Prometheus 2.42 rejects NaN and ±Inf (`invalid timestamp`) and converts seconds to milliseconds.
                guard seconds.isFinite, abs(seconds) < 9.2e15 else { throw ScanError("invalid timestamp") }
                timestamp = Int64(seconds * 1000)
                if index < end { index += 1 }
            }
            // Anything left must be an exemplar (`# {…} value [ts]`), which is skipped.
            if index < end {
                guard buffer[index] == UInt8(ascii: "#"), index + 2 < end, buffer[index + 1] == UInt8(ascii: " "),
                    buffer[index + 2] == UInt8(ascii: "{")
                else {
                    let rest = UnsafeBufferPointer(rebasing: buffer[index..<end])
                    throw ScanError("spurious string after timestamp: \(goQuote(rest))")
                }
            }
        }
        position = end + 1
        return .series
    }

    private mutating func openMetricsSampleFamily(_ buffer: UnsafeBufferPointer<UInt8>, _ name: Range<Int>) -> Int {
        if openMetricsFamily >= 0 {
            let familyName = families[openMetricsFamily].name
            if name.count >= familyName.count,
                bytesEqual(
                    UnsafeRawBufferPointer(rebasing: UnsafeRawBufferPointer(buffer)[familyName]),
                    UnsafeRawBufferPointer(
                        rebasing: UnsafeRawBufferPointer(buffer)[name.lowerBound..<(name.lowerBound + familyName.count)]
                    )
                ),
                isOpenMetricsSuffix(buffer, (name.lowerBound + familyName.count)..<name.upperBound)
            {
                return openMetricsFamily
            }
        }
        let raw = UnsafeRawBufferPointer(buffer)
        let hash = byteHash(UnsafeRawBufferPointer(rebasing: raw[name]))
        let family = families.find(raw, name, hash: hash) ?? families.insert(name, hash: hash)
        if families[family].type == nil { families[family].type = .untyped }
        openMetricsFamily = family
        return family
    }

    private func isOpenMetricsSuffix(_ buffer: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Bool {
        range.isEmpty || matches(buffer, range, "_total") || matches(buffer, range, "_created")
            || matches(buffer, range, "_bucket") || matches(buffer, range, "_count") || matches(buffer, range, "_sum")
            || matches(buffer, range, "_gcount") || matches(buffer, range, "_gsum") || matches(buffer, range, "_info")
    }

    private func openMetricsType(_ buffer: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> MetricType? {
        if matches(buffer, range, "counter") { return .counter }
        if matches(buffer, range, "gauge") { return .gauge }
        if matches(buffer, range, "histogram") { return .histogram }
        if matches(buffer, range, "gaugehistogram") { return .gaugeHistogram }
        if matches(buffer, range, "summary") { return .summary }
        if matches(buffer, range, "info") { return .info }
        if matches(buffer, range, "stateset") { return .stateset }
        if matches(buffer, range, "unknown") { return .untyped }
        return nil
    }
}
