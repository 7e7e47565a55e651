/// The exposition formats Klaxon reads, chosen from a scrape response's `Content-Type`.
public enum ExpositionFormat: Sendable, Hashable {
    /// Prometheus text format 0.0.4: timestamps in milliseconds, optional; no terminator.
    case text
    /// OpenMetrics 1.0: timestamps in float seconds, `# EOF` terminator, `# UNIT`, exemplars.
    case openMetrics

    /// `application/openmetrics-text` selects OpenMetrics; anything else (missing, unknown, `text/plain`)
    /// falls back to the text format, as Prometheus does.
    public init(contentType: String?) {
        guard let contentType else {
            self = .text
            return
        }
        let mediaType = contentType.split(separator: ";", maxSplits: 1).first.map {
            $0.filter { $0 != " " && $0 != "\t" }.lowercased()
        }
        self = mediaType == "application/openmetrics-text" ? .openMetrics : .text
    }
}

/// Metric family types of both formats.
public enum MetricType: String, Sendable, Hashable, CaseIterable {
    case counter, gauge, histogram, summary, untyped
    case gaugeHistogram = "gaugehistogram"
    case info, stateset, unknown

    /// The types a text-format `# TYPE` line may name (matched case-insensitively, as client_golang does).
    static func textFormat(_ token: String) -> MetricType? {
        switch token.uppercased() {
        case "COUNTER": return .counter
        case "GAUGE": return .gauge
        case "HISTOGRAM": return .histogram
        case "SUMMARY": return .summary
        case "UNTYPED": return .untyped
        // client_golang's MetricType enum also names these.
        case "GAUGE_HISTOGRAM": return .gaugeHistogram
        default: return nil
        }
    }

    static func openMetrics(_ token: String) -> MetricType? {
        switch token {
        case "counter": return .counter
        case "gauge": return .gauge
        case "histogram": return .histogram
        case "gaugehistogram": return .gaugeHistogram
        case "summary": return .summary
        case "info": return .info
        case "stateset": return .stateset
        case "unknown": return .unknown
        default: return nil
        }
    }
}
