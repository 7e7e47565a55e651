import KlaxonModel
import Testing

@testable import KlaxonStorage

struct XORChunkTests {
    func roundTrip(_ samples: [(Int64, Double)]) -> [(Int64, UInt64)] {
        var chunk = XORChunk()
        for (t, v) in samples { chunk.append(t: t, v: v) }
        var timestamps: [Int64] = []
        var values: [Double] = []
        chunk.decode(into: &timestamps, &values)
        return zip(timestamps, values.map(\.bitPattern)).map { ($0, $1) }
    }

    /// Property: any increasing timestamps and any 64-bit patterns (NaN payloads, stale markers, infinities,
    /// subnormals, negative zero) decode bit-exactly.
    @Test(arguments: 0..<200)
    func arbitrarySamplesRoundTripBitExactly(seed: Int) {
        var random = SplitMix64(seed: UInt64(seed))
        var t = Int64(bitPattern: random.next()) >> 2
        var samples: [(Int64, Double)] = []
        let specials: [Double] = [
            .nan, StaleNaN.value, .infinity, -.infinity, -0.0, 0, .leastNonzeroMagnitude, .greatestFiniteMagnitude,
            Double(bitPattern: 0x7ff8_dead_beef_0001),
        ]
        for index in 0..<120 {
            let step: Int64
            switch random.next() % 5 {
            case 0: step = 15_000
            case 1: step = Int64(random.next() % 100)
            case 2: step = Int64(random.next() % 2_000_000)
            case 3: step = Int64(random.next() % (1 << 40))
            default: step = 15_000 + Int64(random.next() % 7) - 3
            }
            t = index == 0 ? t : t &+ step + 1
            let value: Double
            switch random.next() % 4 {
            case 0: value = Double(bitPattern: random.next())
            case 1: value = specials[Int(random.next() % UInt64(specials.count))]
            case 2: value = samples.last?.1 ?? 1
            default: value = Double(index) * 1.5
            }
            samples.append((t, value))
        }
        let decoded = roundTrip(samples)
        #expect(decoded.count == samples.count)
        for (expected, actual) in zip(samples, decoded) {
            #expect(actual.0 == expected.0)
            #expect(actual.1 == expected.1.bitPattern)
        }
    }

    /// Gorilla-style compression on a regular counter scraped every 15 s stays far below 16 bytes/sample.
    @Test func regularCounterCompressesWell() {
        var chunk = XORChunk()
        var value = 1000.0
        for index in 0..<120 {
            chunk.append(t: 1_700_000_000_000 + Int64(index) * 15_000, v: value)
            value += Double(index % 5)
        }
        #expect(chunk.byteCount < 120 * 4)
        var constant = XORChunk()
        for index in 0..<120 { constant.append(t: Int64(index) * 15_000, v: 42) }
        // 16 bytes for the first sample, ~2 bits per later sample.
        #expect(constant.byteCount <= 16 + 3 + 120 / 4)
    }

    @Test func decodeHonoursTheWindow() {
        var chunk = XORChunk()
        for index in 0..<10 { chunk.append(t: Int64(index) * 10, v: Double(index)) }
        var timestamps: [Int64] = []
        var values: [Double] = []
        chunk.decode(into: &timestamps, &values, mint: 25, maxt: 60)
        #expect(timestamps == [30, 40, 50, 60])
        #expect(values == [3, 4, 5, 6])
    }
}
