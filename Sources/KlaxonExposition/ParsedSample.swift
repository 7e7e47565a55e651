public import KlaxonModel

/// Where one label of a sample line sits in the body.
public struct LabelSpan: Sendable {
    public var nameStart: Int
    public var nameCount: Int
    public var valueStart: Int
    public var valueCount: Int
    /// The raw value contains backslash escapes that must be decoded.
    public var escaped: Bool
}

/// One sample line, valid only during the consumer callback (it points into the body being parsed).
public struct ParsedSample {
    /// The whole body.
    public let body: UnsafeBufferPointer<UInt8>
    /// The series as written: the metric name and its `{...}` label section, if any. The key of a scrape cache.
    public let series: UnsafeBufferPointer<UInt8>
    public let name: UnsafeBufferPointer<UInt8>
    public let labelSpans: UnsafeBufferPointer<LabelSpan>
    public let value: Double
    /// Milliseconds since the epoch, when the line carries a timestamp.
    public let timestamp: Timestamp?
    public let line: Int

    /// The sample's label set including `__name__`, with escapes decoded. Allocates: call it on cache misses.
    public func labels() -> Labels {
        var labels: [Label] = []
        labels.reserveCapacity(labelSpans.count + 1)
        labels.append(Label(LabelName.metricName, String(decoding: name, as: UTF8.self)))
        for span in labelSpans {
            let name = String(
                decoding: UnsafeBufferPointer(rebasing: body[span.nameStart..<(span.nameStart + span.nameCount)]),
                as: UTF8.self
            )
            let raw = UnsafeBufferPointer(rebasing: body[span.valueStart..<(span.valueStart + span.valueCount)])
            labels.append(Label(name, span.escaped ? Self.unescape(raw) : String(decoding: raw, as: UTF8.self)))
        }
        return Labels(labels)
    }

    public func labelName(_ index: Int) -> String {
        let span = labelSpans[index]
        return String(
            decoding: UnsafeBufferPointer(rebasing: body[span.nameStart..<(span.nameStart + span.nameCount)]),
            as: UTF8.self
        )
    }

    public func labelValue(_ index: Int) -> String {
        let span = labelSpans[index]
        let raw = UnsafeBufferPointer(rebasing: body[span.valueStart..<(span.valueStart + span.valueCount)])
        return span.escaped ? Self.unescape(raw) : String(decoding: raw, as: UTF8.self)
    }

    public var nameString: String { String(decoding: name, as: UTF8.self) }

    /// Decodes `\\`, `\"` and `\n` (the only escapes the parser lets through).
    static func unescape(_ raw: UnsafeBufferPointer<UInt8>) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(raw.count)
        var index = 0
        while index < raw.count {
            let byte = raw[index]
            if byte == UInt8(ascii: "\\"), index + 1 < raw.count {
                index += 1
                bytes.append(raw[index] == UInt8(ascii: "n") ? UInt8(ascii: "\n") : raw[index])
            } else {
                bytes.append(byte)
            }
            index += 1
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}

/// What the parser reports, in body order. Buffers are valid only during the callback.
public enum ExpositionEvent {
    case help(name: UnsafeBufferPointer<UInt8>, text: String, line: Int)
    case type(name: UnsafeBufferPointer<UInt8>, type: MetricType, line: Int)
    case unit(name: UnsafeBufferPointer<UInt8>, unit: UnsafeBufferPointer<UInt8>, line: Int)
    case sample(ParsedSample)
}

/// Receives parse events; may reject the exposition by throwing.
public protocol ExpositionConsumer {
    mutating func consume(_ event: ExpositionEvent) throws(ExpositionError)
}
