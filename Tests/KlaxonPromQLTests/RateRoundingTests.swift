import KlaxonModel
import Testing

@testable import KlaxonPromQL

/// `rate` to the last bit, as a real Prometheus 2.42 returned it through `promtool query instant`
/// (Tests/KlaxonCheckTests/Fixtures/query/recorded.txt): the extrapolation factor is divided by the range and the
/// increase multiplied by it once, so 50 over 300 s is 0.16666666666666669, not 50 / 300 = 0.16666666666666666.
struct RateRoundingTests {
    static func rate(_ step: Double, mode: EngineMode) throws -> Double? {
        var store = MemoryQueryable()
        let labels: Labels = ["__name__": "c"]
        for i in 0...30 { store.append(labels, t: Int64(i) * 60_000, v: Double(i) * step) }
        let options: ParserOptions = mode == .prometheus2 ? .prometheus2 : ParserOptions()
        let value = try Engine(options: EngineOptions(mode: mode))
            .instantQuery(try parseExpr("rate(c[5m])", options: options), at: 1_800_000, on: store)
        guard case .vector(let samples) = value else { return nil }
        return samples.first?.v
    }

    @Test func rateMultipliesByOneFactor() throws {
        #expect(try Self.rate(10, mode: .prometheus2) == 0.16666666666666669)
        #expect(try Self.rate(5, mode: .prometheus2) == 0.08333333333333334)
        #expect(try Self.rate(1, mode: .prometheus2) == 0.016666666666666666)
    }

    @Test func prometheus3ModeUsesTheSameFactor() throws {
        // 3.x: window (1500 s, 1800 s] holds 5 samples, 1560…1800; extrapolated to the 300 s range then per second.
        let sampled = 240.0
        let factor = (sampled + 60 + 0) / sampled / 300
        #expect(try Self.rate(10, mode: .prometheus3) == 40 * factor)
    }
}
