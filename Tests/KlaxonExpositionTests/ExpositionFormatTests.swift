import KlaxonExposition
import Testing

struct ExpositionFormatTests {
    @Test(
        arguments: [
            (nil, ExpositionFormat.text),
            ("", .text),
            ("text/plain; version=0.0.4; charset=utf-8", .text),
            ("application/json", .text),
            ("application/openmetrics-text; version=1.0.0; charset=utf-8", .openMetrics),
            ("application/openmetrics-text;version=0.0.1", .openMetrics),
            ("Application/OpenMetrics-Text", .openMetrics),
            ("application/openmetrics-textual", .text),
        ] as [(String?, ExpositionFormat)]
    )
    func choosesParserByContentType(_ contentType: String?, _ expected: ExpositionFormat) {
        #expect(ExpositionFormat(contentType: contentType) == expected)
    }
}
