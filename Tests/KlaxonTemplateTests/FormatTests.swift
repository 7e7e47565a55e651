import Testing

@testable import KlaxonTemplate

/// Go's `fmt` number and value printing.
struct FormatTests {
    @Test(arguments: [
        (1234567.0, "1.234567e+06"), (0.30000000000000004, "0.30000000000000004"), (90061.5, "90061.5"),
        (100000.0, "100000"), (1e6, "1e+06"), (0.0001, "0.0001"), (0.00001, "1e-05"), (-2.5, "-2.5"), (0.0, "0"),
        (1e21, "1e+21"), (123456789012.0, "1.23456789012e+11"), (Double.infinity, "+Inf"), (-Double.infinity, "-Inf"),
        (Double.nan, "NaN"), (5e-324, "5e-324"),
    ])
    func percentVOfFloat(_ value: Double, _ expected: String) {
        #expect(TemplateValue.float(value).goString == expected)
    }

    @Test(arguments: [
        (1234567.0, "%.4g", "1.235e+06"), (0.3, "%.4g", "0.3"), (100000.0, "%.4g", "1e+05"), (999.95, "%.4g", "1000"),
        (123.456, "%.2f", "123.46"), (2.5, "%.0f", "2"), (123456.789, "%e", "1.234568e+05"), (2.5e10, "%G", "2.5E+10"),
        (3.14159, "%8.3f", "   3.142"), (3.14159, "%-8.2f|", "3.14    |"), (-1.5, "%08.2f", "-0001.50"),
        (0.000012345, "%g", "1.2345e-05"), (42.0, "%+.1f", "+42.0"), (Double.nan, "%.2f", "NaN"),
    ])
    func printfFloat(_ value: Double, _ format: String, _ expected: String) {
        #expect(GoPrintf.sprintf(format, [.float(value)]) == expected)
    }

    @Test func printfIntegersStringsAndBooleans() {
        #expect(
            GoPrintf.sprintf("%d|%5d|%-5d|%05d|%x|%X|%o|%b|%c", [42, 42, 42, -42, 255, 255, 8, 5, 65])
                == "42|   42|42   |-0042|ff|FF|10|101|A"
        )
        #expect(
            GoPrintf.sprintf("%s|%q|%10s|%-4s|%.2s|%x", ["ab", "a\"b\n", "r", "l", "xyz", "hi"])
                == "ab|\"a\\\"b\\n\"|         r|l   |xy|6869"
        )
        #expect(GoPrintf.sprintf("%t %v", [true, false]) == "true false")
        #expect(GoPrintf.sprintf("100%%", []) == "100%")
    }

    @Test func printfBadVerbsMissingAndExtraArguments() {
        #expect(GoPrintf.sprintf("%d", [.string("x")]) == "%!d(string=x)")
        #expect(GoPrintf.sprintf("%s", [.int(3)]) == "%!s(int=3)")
        #expect(GoPrintf.sprintf("%f", [.int(3)]) == "%!f(int=3)")
        #expect(GoPrintf.sprintf("%d %d", [.int(1)]) == "1 %!d(MISSING)")
        #expect(GoPrintf.sprintf("x", [.int(1), .string("a")]) == "x%!(EXTRA int=1, string=a)")
        #expect(GoPrintf.sprintf("%", []) == "%!(NOVERB)")
        #expect(GoPrintf.sprintf("%d", [.null]) == "%!d(<nil>)")
    }

    @Test func sprintSpacesOnlyBetweenNonStrings() {
        #expect(GoPrintf.sprint([1, 2, "a", "b", 3.5, 4]) == "1 2ab3.5 4")
        #expect(GoPrintf.sprintln(["a", 1]) == "a 1\n")
    }

    @Test func valuesPrintLikeGo() {
        #expect(TemplateValue.stringMap(["b": "2", "a": "1"]).goString == "map[a:1 b:2]")
        #expect(TemplateValue.map(["k": .float(1.5), "j": .list([1, "x"])]).goString == "map[j:[1 x] k:1.5]")
        #expect(TemplateValue.list([]).goString == "[]")
        #expect(TemplateValue.null.goString == "<nil>")
        #expect(TemplateValue.noValue.goString == "<no value>")
        #expect(TemplateValue.sample(QuerySample(labels: ["a": "b"], value: 2)).goString == "&{map[a:b] 2}")
    }

    @Test(arguments: [
        (Int64(0), "1970-01-01 00:00:00 +0000 UTC"), (Int64(90_061_500), "1970-01-02 01:01:01.5 +0000 UTC"),
        (Int64(1_700_000_000_123), "2023-11-14 22:13:20.123 +0000 UTC"),
        (Int64(951_782_400_000), "2000-02-29 00:00:00 +0000 UTC"),
        (Int64(-1000), "1969-12-31 23:59:59 +0000 UTC"), (Int64(-62_135_596_800_000), "0001-01-01 00:00:00 +0000 UTC"),
    ])
    func timesPrintLikeGoTimeString(_ ms: Int64, _ expected: String) {
        #expect(TemplateValue.time(ms).goString == expected)
    }

    @Test func truthiness() {
        let falsy: [TemplateValue] = [.null, .noValue, "", 0, 0.0, false, .list([]), .stringMap([:]), .map([:])]
        let truthy: [TemplateValue] = ["x", 1, -0.5, true, .list([0]), .stringMap(["a": ""]), .time(0)]
        #expect(falsy.allSatisfy { !$0.isTruthy })
        #expect(truthy.allSatisfy { $0.isTruthy })
    }
}
