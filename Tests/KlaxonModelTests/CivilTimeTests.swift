import KlaxonModel
import Testing

struct CivilTimeTests {
    /// Expected values from Python's datetime (proleptic Gregorian, UTC), formatted as Go's RFC3339Nano.
    @Test(arguments: [
        (Int64(0), "1970-01-01T00:00:00Z"),
        (1_700_000_000_123, "2023-11-14T22:13:20.123Z"),
        (1_700_000_000_120, "2023-11-14T22:13:20.12Z"),
        (-1, "1969-12-31T23:59:59.999Z"),
        (951_782_400_000, "2000-02-29T00:00:00Z"),
        (253_402_300_799_999, "9999-12-31T23:59:59.999Z"),
    ])
    func rfc3339MatchesGo(milliseconds: Int64, expected: String) {
        #expect(Time.rfc3339(milliseconds: milliseconds) == expected)
    }

    @Test func civilDateHandlesLeapYearsAndNegativeDays() {
        #expect(Time.civilDate(fromDays: 0) == (1970, 1, 1))
        #expect(Time.civilDate(fromDays: -1) == (1969, 12, 31))
        #expect(Time.civilDate(fromDays: 11_016) == (2000, 2, 29))
        #expect(Time.civilDate(fromDays: 11_017) == (2000, 3, 1))
    }
}
