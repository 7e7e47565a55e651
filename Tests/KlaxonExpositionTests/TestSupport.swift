import KlaxonExposition

/// Everything a parser produced for one body, for table-driven assertions.
struct ParsedEntry: Equatable, CustomStringConvertible {
    var entry: ExpositionEntry
    var text: String

    var description: String { "\(entry): \(text)" }
}

/// Parses `body` to the end, rendering each entry as a short string; returns the entries and the error, if any.
func parseAll(_ body: String, format: ExpositionFormat = .text) -> ([ParsedEntry], ExpositionError?) {
    var parser = TextParser(Array(body.utf8), format: format)
    var entries: [ParsedEntry] = []
    do {
        while let entry = try parser.next() {
            let text: String
            switch entry {
            case .series:
                let raw = parser.withSeriesBytes { String(decoding: $0, as: UTF8.self) }
                let timestamp = parser.timestamp.map { " @\($0)" } ?? ""
                text = "\(raw) \(parser.value)\(timestamp) \(parser.labels())"
            case .help: text = "\(parser.metricName) \(parser.helpText)"
            case .type: text = "\(parser.metricName) \(parser.metricType)"
            case .unit: text = "\(parser.metricName) \(parser.unit)"
            case .comment, .eof: text = ""
            }
            entries.append(ParsedEntry(entry: entry, text: text))
        }
        return (entries, nil)
    } catch {
        return (entries, error)
    }
}

/// A small deterministic PRNG (SplitMix64) so that the robustness tests are reproducible.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
