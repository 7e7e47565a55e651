import KlaxonModel
import Testing

@testable import KlaxonStorage

struct XORChunkEdgeTests {
    func decoded(_ chunk: XORChunk) -> [Sample] { chunk.samples() }

    /// Every delta-of-delta bucket boundary, both signs, and 64-bit escapes, round-trip exactly.
    @Test(arguments: [
        Int64(0), 1, -1, 63, -64, 64, -65, 8191, -8192, 8192, -8193, 65535, -65536, 65536, -65537, 524_287, -524_288,
        524_288,
        -524_289, 1 << 40, -(1 << 40),
    ])
    func deltaOfDeltaBuckets(dod: Int64) {
        var chunk = XORChunk()
        let base: Int64 = 1 << 42
        var expected: [Sample] = []
        var t = base
        var delta: Int64 = 1 << 41
        for index in 0..<6 {
            expected.append(Sample(t: t, v: Double(index)))
            chunk.append(t: t, v: Double(index))
            delta += dod
            t += delta
        }
        #expect(decoded(chunk) == expected)
    }

    @Test func negativeAndExtremeTimestamps() {
        var chunk = XORChunk()
        let times: [Int64] = [Int64.min / 4, -5, 0, 7, Int64.max / 4]
        for t in times { chunk.append(t: t, v: -0.0) }
        let samples = decoded(chunk)
        #expect(samples.map(\.t) == times)
        #expect(samples.allSatisfy { $0.v.bitPattern == (-0.0).bitPattern })
        #expect(chunk.minTime == times[0] && chunk.maxTime == times[4])
    }

    @Test func singleSampleAndStaleMarker() {
        var chunk = XORChunk()
        chunk.append(t: 42, v: StaleNaN.value)
        #expect(chunk.byteCount == 16)
        let samples = decoded(chunk)
        #expect(samples.count == 1)
        #expect(StaleNaN.isStale(samples[0].v))
    }

    @Test func windowBeforeAfterAndInsideTheChunk() {
        var chunk = XORChunk()
        for index in 0..<50 { chunk.append(t: Int64(index) * 15_000, v: Double(index) * 0.1) }
        var timestamps: [Timestamp] = []
        var values: [Double] = []
        chunk.decode(into: &timestamps, &values, mint: 1_000_000, maxt: 2_000_000)
        #expect(timestamps.isEmpty)
        chunk.decode(into: &timestamps, &values, mint: -100, maxt: -1)
        #expect(timestamps.isEmpty)
        chunk.decode(into: &timestamps, &values, mint: 15_000, maxt: 15_000)
        #expect(timestamps == [15_000])
        #expect(values == [0.1])
    }

    @Test func sealingReleasesSpareCapacity() {
        var chunk = XORChunk()
        for index in 0..<120 { chunk.append(t: Int64(index) * 15_000, v: 1) }
        chunk.seal()
        #expect(chunk.capacityBytes < chunk.byteCount + 8)
        #expect(chunk.samples().count == 120)
    }
}
