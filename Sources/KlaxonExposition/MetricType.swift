/// The type of a metric family as declared by a `# TYPE` line.
public enum MetricType: String, Sendable, Hashable, CaseIterable {
    case counter
    case gauge
    case histogram
    case gaugeHistogram = "gaugehistogram"
    case summary
    case info
    case stateset
    /// `untyped` in the text format, `unknown` in OpenMetrics; also the type of samples with no `# TYPE` line.
    case untyped

    /// The name `promlint` uses in `metric name should not include type '…'` (the client_model enum name).
    var protoName: String? {
        switch self {
        case .counter: "counter"
        case .gauge: "gauge"
        case .histogram: "histogram"
        case .gaugeHistogram: "gauge_histogram"
        case .summary: "summary"
        case .info, .stateset, .untyped: nil
        }
    }
}
