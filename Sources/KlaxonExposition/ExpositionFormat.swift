/// The wire format of a scrape body, chosen from the response `Content-Type`.
public enum ExpositionFormat: Sendable, Hashable {
    /// Prometheus text format 0.0.4 (`text/plain; version=0.0.4`); also the fallback for missing or unknown types.
    case text
    /// OpenMetrics 1.0 (`application/openmetrics-text; version=1.0.0`).
    case openMetrics

    /// Picks the parser the way Prometheus 2.42 does: `application/openmetrics-text` (any parameters, any case)
    /// selects OpenMetrics, anything else (including `nil`) the 0.0.4 text format.
    public init(contentType: String?) {
        guard let contentType else {
            self = .text
            return
        }
        var mediaType = contentType.utf8.prefix { $0 != UInt8(ascii: ";") }[...]
        while let first = mediaType.first, first == UInt8(ascii: " ") || first == UInt8(ascii: "\t") {
            mediaType = mediaType.dropFirst()
        }
        while let last = mediaType.last, last == UInt8(ascii: " ") || last == UInt8(ascii: "\t") {
            mediaType = mediaType.dropLast()
        }
        let openMetrics = "application/openmetrics-text".utf8
        let matches =
            mediaType.count == openMetrics.count
            && zip(mediaType, openMetrics).allSatisfy { lowercased($0) == $1 }
        self = matches ? .openMetrics : .text
    }
}

private func lowercased(_ byte: UInt8) -> UInt8 {
    byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") ? byte + 32 : byte
}
