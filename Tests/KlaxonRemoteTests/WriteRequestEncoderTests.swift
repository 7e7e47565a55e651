import KlaxonModel
import KlaxonWire
import SwiftProtobuf
import Testing

@Suite struct WriteRequestEncoderTests {
    /// The hand-written encoder gives swift-protobuf's bytes for the same message, defaults and odd values included.
    @Test func bytesEqualSwiftProtobufs() throws {
        let series: [(labels: [(String, String)], samples: [(Int64, Double)])] = [
            ([("__name__", "up"), ("job", "a")], [(1_700_000_000_000, 1), (1_700_000_015_000, 0)]),
            ([("__name__", "ünïcode.name"), ("le", "+Inf"), ("empty", "")], [(0, 2.5), (-5, -0.0), (7, .nan)]),
            ([("n", String(repeating: "x", count: 300))], [(Int64.max, .infinity), (Int64.min, -.infinity)]),
            ([("stale", "1")], [(42, StaleNaN.value)]),
        ]
        var message = Prometheus_WriteRequest()
        var encoder = WriteRequestEncoder()
        for entry in series {
            var ts = Prometheus_TimeSeries()
            ts.labels = entry.labels.map { name, value in
                var label = Prometheus_Label()
                label.name = name
                label.value = value
                return label
            }
            ts.samples = entry.samples.map { t, v in
                var sample = Prometheus_Sample()
                sample.timestamp = t
                sample.value = v
                return sample
            }
            message.timeseries.append(ts)
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
