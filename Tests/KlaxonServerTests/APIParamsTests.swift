import KlaxonModel
import Testing

@testable import KlaxonServer

struct APIParamsTests {
    @Test(arguments: [
        ("1700000300", Int64(1_700_000_300_000)), ("1.5", 1500), ("-1.5", -1500), ("1.2345", 1234), ("1.05", 1050),
        ("1e9", 1_000_000_000_000), ("2020-01-01T00:00:00Z", 1_577_836_800_000),
        ("2020-01-01T00:00:00.123+01:00", 1_577_833_200_123), ("2020-01-01T00:00:00.5Z", 1_577_836_800_500),
        ("1969-12-31T23:59:59.999Z", -1), ("2024-02-29T12:00:00-00:30", 1_709_209_800_000),
        ("2020-01-01T00:00:00.123456789Z", 1_577_836_800_123),
    ])
    func parsesTimes(_ text: String, _ expected: Int64) throws {
        #expect(try APIParams.parseTime(text).get() == expected)
    }

    @Test(arguments: [
        "", "abc", "2020-01-01", "2020-01-01T00:00:00", "2020-13-01T00:00:00Z", "2023-02-29T00:00:00Z",
        "2020-01-01T24:00:00Z", "2020-01-01T00:00:00.Z", "2020-01-01T00:00:00Zjunk", "1_000", "0x", " 1",
    ])
    func rejectsBadTimes(_ text: String) {
        guard case .failure(let error) = APIParams.parseTime(text) else {
            Issue.record("accepted \(text)")
            return
        }
        #expect(error.message == "cannot parse \(goQuote(text)) to a valid timestamp")
        #expect(error.kind == .badData)
    }

    @Test func acceptsPrometheusBoundaryTimes() throws {
        #expect(try APIParams.parseTime(APIParams.minTimeFormatted).get() == APIParams.minTime)
        #expect(try APIParams.parseTime(APIParams.maxTimeFormatted).get() == APIParams.maxTime)
    }

    @Test(arguments: [
        ("15", Int64(15_000_000_000)), ("0.5", 500_000_000), ("1m30s", 90_000_000_000), ("5m", 300_000_000_000),
        ("0", 0), ("-1", -1_000_000_000), ("1ms", 1_000_000),
    ])
    func parsesDurations(_ text: String, _ expected: Int64) throws {
        #expect(try APIParams.parseDurationNanos(text).get() == expected)
    }

    @Test func rejectsBadDurations() {
        for text in ["", "x", "5x", "1s1m"] {
            guard case .failure(let error) = APIParams.parseDurationNanos(text) else {
                Issue.record("accepted \(text)")
                continue
            }
            #expect(error.message == "cannot parse \(goQuote(text)) to a valid duration")
        }
        guard case .failure(let overflow) = APIParams.parseDurationNanos("1e12") else {
            Issue.record("accepted 1e12 seconds")
            return
        }
        #expect(overflow.message == "cannot parse \"1e12\" to a valid duration. It overflows int64")
    }

    @Test func decodesFormsAsGoDoes() {
        let items = FormDecoder.decode(Array("a=1&b=x+y%2Bz&match%5B%5D=up&&c&bad=%zz&d=%E2%82%AC;e=2".utf8))
        #expect(items.map(\.name) == ["a", "b", "match[]", "c", "d", "e"])
        #expect(items.map(\.value) == ["1", "x y+z", "up", "", "€", "2"])
    }

    @Test func bodyFormValuesComeBeforeQueryValues() {
        let post = APIRequest(
            method: "POST",
            path: "/api/v1/series",
            rawQuery: "match[]=a&time=1",
            body: Array("match[]=b&time=2".utf8),
            isForm: true
        )
        #expect(post.formValue("time") == "2")
        #expect(post.formValues("match[]") == ["b", "a"])
        let notForm = APIRequest(method: "POST", path: "/", rawQuery: "time=1", body: Array("time=2".utf8))
        #expect(notForm.formValue("time") == "1")
        let get = APIRequest(method: "GET", path: "/", rawQuery: "x=1", body: Array("x=2".utf8), isForm: true)
        #expect(get.formValue("x") == "1")
    }
}
