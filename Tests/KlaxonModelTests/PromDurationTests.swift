import KlaxonModel
import Testing

struct PromDurationTests {
    @Test(arguments: [
        ("0", 0), ("5m", 300_000), ("1h30m", 5_400_000), ("250ms", 250), ("1y", 31_536_000_000),
        ("2w", 1_209_600_000), ("1d12h", 129_600_000), ("1m30s500ms", 90_500),
    ])
    func parses(text: String, ms: Int64) {
        #expect(PromDuration(parsing: text)?.milliseconds == ms)
    }

    @Test(arguments: ["", "5", "m", "1.5h", "30m1h", "1h1h", "-5m", "5M", "1hm"])
    func rejects(text: String) {
        #expect(PromDuration(parsing: text) == nil)
    }

    @Test(arguments: [
        (0, "0s"), (300_000, "5m"), (5_400_000, "1h30m"), (7_776_000_000, "90d"), (31_536_000_000, "1y"),
        (1_209_600_000, "2w"), (90_500, "1m30s500ms"), (694_800_000, "8d1h"),
    ])
    func formatsLikePrometheus(ms: Int64, text: String) {
        #expect(PromDuration(milliseconds: ms).description == text)
    }
}
