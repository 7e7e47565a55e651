import KlaxonModel
import Testing

@testable import KlaxonStorage

struct DecimalEncodingTests {
    func roundTrips(_ values: [Double]) -> Bool {
        var chunk = XORChunk()
        for (index, v) in values.enumerated() { chunk.append(t: Int64(index) * 15_000, v: v) }
        let decoded = chunk.samples()
        return decoded.count == values.count
            && zip(decoded, values).allSatisfy { $0.v.bitPattern == $1.bitPattern }
    }

    /// Property: values that are short decimals (mixed scales, signs, sizes near 2^53) interleaved with values
    /// that are not (NaN payloads, -0.0, thirds) round-trip bit-exactly.
    @Test(arguments: 0..<100)
    func mixedDecimalAndBinaryValuesRoundTrip(seed: Int) {
        var random = SplitMix64(seed: UInt64(seed) &+ 77)
        var values: [Double] = []
        var counter = Double(random.next() % 1_000_000)
        for _ in 0..<120 {
            switch random.next() % 9 {
            case 0: counter += Double(random.next() % 5000)
            case 1: counter = Double(Int64(random.next() % (1 << 53)) - (1 << 52))
            case 2: counter = Double(Int64(random.next() % 100_000) - 50_000) / 100
            case 3: counter = Double(Int64(random.next() % 100_000)) / 10_000
            case 4: counter = Double(bitPattern: random.next())
            case 5:
                counter =
                    [-0.0, .nan, StaleNaN.value, 1.0 / 3.0, .infinity, 9_007_199_254_740_992][Int(random.next() % 6)]
            case 6: counter += 0.25
            default: break
            }
            values.append(counter)
        }
        #expect(roundTrips(values))
    }

    @Test func scaleChangesAndNegativeZeroRoundTrip() {
        #expect(roundTrips([1, 1.5, 1.25, 1.125, 1.0625, -0.0, 0, -0.0, 12.34, 12.35, 12.3, 12, 1e15, 1e15 + 1]))
    }

    @Test func decimalStateFindsTheShortestScale() {
        var state = DecimalState()
        state.update(12.34, unchanged: false)
        #expect(state.scale == 2 && state.mantissa == 1234)
        state.update(12.5, unchanged: false)
        #expect(state.scale == 2 && state.mantissa == 1250 && state.delta == 16)
        state.update(1.0 / 3.0, unchanged: false)
        #expect(state.scale == -1)
        #expect(DecimalState.mantissa(of: -0.0, scale: 0) == nil)
        #expect(DecimalState.mantissa(of: .nan, scale: 0) == nil)
    }

    /// A counter at a steady rate costs a few bits per sample; a %.2f gauge far less than its XOR would.
    @Test func countersAndPrintedGaugesCompress() {
        var counter = XORChunk()
        var gauge = XORChunk()
        for index in 0..<120 {
            counter.append(t: Int64(index) * 15_000, v: 1_234_567 + Double(index) * 3000)
            let printed = (4_512 + Double(index % 7) * 3).rounded() / 100
            gauge.append(t: Int64(index) * 15_000, v: printed)
        }
        #expect(counter.byteCount <= 16 + 8 + 119 * 4 / 8 + 1)
        #expect(gauge.byteCount <= 16 + 119 * 12 / 8)
    }
}
