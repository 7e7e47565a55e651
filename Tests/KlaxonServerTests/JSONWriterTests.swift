import KlaxonModel
import Testing

@testable import KlaxonServer

struct JSONWriterTests {
    func sampleValue(_ v: Double) -> String {
        var out: [UInt8] = []
        GoNumber.appendSampleValue(v, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    func fixed(_ v: Double) -> String {
        var out: [UInt8] = []
        GoNumber.appendFixed(v, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    func jsonFloat(_ v: Double) -> String {
        var out: [UInt8] = []
        GoNumber.appendJSONFloat(v, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    func pointTimestamp(_ t: Int64) -> String {
        var out: [UInt8] = []
        GoNumber.appendPointTimestamp(t, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// Expected texts are Go's (strconv.AppendFloat in Prometheus's marshalFloat), checked against 2.42's answers.
    @Test(arguments: [
        (1.0, "1"), (0.0, "0"), (-0.0, "-0"), (0.1, "0.1"), (1e-7, "1e-07"), (1.5e-7, "1.5e-07"), (1e-6, "0.000001"),
        (1e21, "1e+21"), (1e20, "100000000000000000000"), (123456789.25, "123456789.25"),
        (13.733333333333333, "13.733333333333333"), (.infinity, "+Inf"), (-.infinity, "-Inf"), (.nan, "NaN"),
        (-2.5, "-2.5"), (9007199254740993.0, "9007199254740992"), (1.2345678901234567e19, "12345678901234567000"),
        (0.19999999999999998, "0.19999999999999998"), (-1.7976931348623157e308, "-1.7976931348623157e+308"),
        (.leastNonzeroMagnitude, "5e-324"),
    ])
    func sampleValuesAsPrometheusWritesThem(_ value: Double, _ expected: String) {
        #expect(sampleValue(value) == expected)
    }

    @Test(arguments: [
        (1e-7, "0.0000001"), (1e21, "1000000000000000000000"), (123456789012345678901.0, "123456789012345680000"),
        (-0.0, "-0"), (1.5, "1.5"), (.nan, "NaN"), (-.infinity, "-Inf"),
    ])
    func scalarValuesNeverUseAnExponent(_ value: Double, _ expected: String) {
        #expect(fixed(value) == expected)
    }

    @Test(arguments: [
        (0.000098507, "0.000098507"), (1e-7, "1e-7"), (2.5e-9, "2.5e-9"), (3600.0, "3600"), (1e21, "1e+21"),
        (1700000300.25, "1700000300.25"), (-1.05, "-1.05"), (0.0, "0"),
    ])
    func goEncodingJSONFloats(_ value: Double, _ expected: String) {
        #expect(jsonFloat(value) == expected)
    }

    @Test(arguments: [
        (Int64(1_700_000_300_000), "1700000300"), (1500, "1.500"), (-1050, "-1.050"), (1005, "1.005"),
        (1_000_010, "1000.010"), (0, "0"), (-1, "-0.001"),
    ])
    func pointTimestampsKeepThreeDigits(_ t: Int64, _ expected: String) {
        #expect(pointTimestamp(t) == expected)
    }

    @Test(arguments: [
        (1.0, "1e+00"), (2.0, "2e+00"), (0.0, "0e+00"), (-0.0, "-0e+00"), (1234567.0, "1.234567e+06"),
        (0.5, "5e-01"), (1e-7, "1e-07"), (1e100, "1e+100"), (.nan, "NaN"), (.infinity, "+Inf"), (-2.5, "-2.5e+00"),
    ])
    func alertValuesUseGoExponentForm(_ value: Double, _ expected: String) {
        #expect(AlertView.formatValue(value) == expected)
    }

    @Test func escapesStringsAsGoDoes() {
        var w = JSONWriter()
        w.beginObject()
        w.key("a\"b")
        w.string("x\"y\\z\n\r\t\u{1}<>&\u{2028}\u{2029}é€😀\u{7F}")
        w.endObject()
        #expect(
            String(decoding: w.bytes, as: UTF8.self)
                == #"{"a\"b":"x\"y\\z\n\r\t\u0001\u003c\u003e\u0026\u2028\u2029é€😀"# + "\u{7F}\"}"
        )
    }

    @Test func separatesNestedContainers() {
        var w = JSONWriter()
        w.beginObject()
        w.key("a")
        w.beginArray()
        w.int(1)
        w.beginArray()
        w.endArray()
        w.labels(["x": "1", "a": "2"])
        w.null()
        w.bool(false)
        w.endArray()
        w.key("b")
        w.beginObject()
        w.endObject()
        w.key("t")
        w.time(nil)
        w.key("u")
        w.time(1_700_000_300_120)
        w.endObject()
        #expect(
            String(decoding: w.bytes, as: UTF8.self)
                == #"{"a":[1,[],{"a":"2","x":"1"},null,false],"b":{},"t":"0001-01-01T00:00:00Z","u":"2023-11-14T22:18:20.12Z"}"#
        )
    }
}
