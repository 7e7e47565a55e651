import FuzzSupport
import KlaxonExposition

/// Parses the input as both text 0.0.4 and OpenMetrics, reading every accessor the scrape loop uses. Errors are
/// expected; crashes, hangs and sanitizer reports are findings.
@_cdecl("FuzzExposition_main")
func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    runFuzzer(argc, argv) { data, size in
        guard let data else { return 0 }
        let body = Array(UnsafeBufferPointer(start: data, count: size))
        for format in [ExpositionFormat.text, .openMetrics] {
            var parser = TextParser(body, format: format, checksFamilyMetadata: false)
            var entries = 0
            while entries < 100_000, let entry = try? parser.next() {
                entries += 1
                if case .series = entry {
                    _ = parser.metricName
                    _ = parser.value
                    _ = parser.timestamp
                    _ = parser.labels()
                    parser.withSeriesBytes { _ = $0.count }
                }
            }
        }
        return 0
    }
}
