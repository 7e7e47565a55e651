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
