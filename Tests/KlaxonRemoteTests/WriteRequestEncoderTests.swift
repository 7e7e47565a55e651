import KlaxonModel
import KlaxonWire
import SwiftProtobuf
import Testing

@Suite struct WriteRequestEncoderTests {
    /// The hand-written encoder gives swift-protobuf's bytes for the same message, defaults and odd values included.
    @Test func bytesEqualSwiftProtobufs() throws {
        let series: [TestSeries] = [
            ([("__name__", "up"), ("job", "a")], [(1_700_000_000_000, 1), (1_700_000_015_000, 0)]),
            ([("__name__", "ünïcode.name"), ("le", "+Inf"), ("empty", "")], [(0, 2.5), (-5, -0.0), (7, .nan)]),
            ([("n", String(repeating: "x", count: 300))], [(Int64.max, .infinity), (Int64.min, -.infinity)]),
            ([("stale", "1")], [(42, StaleNaN.value)]),
        ]
        let message = writeRequest(series)
        var encoder = WriteRequestEncoder()
        for entry in series {
            let labels = WriteRequestEncoder.encodeLabels(entry.labels.map { (name: $0.0, value: $0.1) })
            encoder.appendSeries(labels: labels, count: entry.samples.count) { entry.samples[$0] }
        }
        let expected: [UInt8] = try message.serializedBytes()
        #expect(encoder.bytes == expected)
        // And it decodes back, NaN bits and all.
        let decoded = try Prometheus_WriteRequest(serializedBytes: encoder.bytes)
        #expect(decoded.timeseries[3].samples[0].value.bitPattern == StaleNaN.bitPattern)
        encoder.reset()
        #expect(encoder.bytes.isEmpty)
    }
}
