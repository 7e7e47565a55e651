import KlaxonModel
import KlaxonStorage
import Testing

@testable import KlaxonServer

/// Hostile parameter values on every endpoint: each answer must be a well-formed success or error, never a trap.
struct APIRobustnessTests {
    static let values = [
        "", "0", "-0", "1e20", "-1e20", "9.2e15", "-9.2e15", "9223372036854775807", "-9223372036854775808",
        "NaN", "Inf", "-Inf", "1e-300", "0x10", "1.7976931348623157e308", "%00", "%zz", "2020-02-30T00:00:00Z",
        "9999-12-31T23:59:59.999999999Z", "0000-01-01T00:00:00Z", "292277025-08-18T07:12:54.999999999Z",
        "-292273086-05-16T16:47:06Z", "1y", "100000000000000y", "5m", String(repeating: "9", count: 400),
        "up", "%7B", "sum(", "up%5B5m%5D", "%22%5Cx%22",
    ]

    static let endpoints = [
        "/api/v1/query?query=up&time=", "/api/v1/query?query=up&timeout=", "/api/v1/query?query=",
        "/api/v1/query_range?query=up&start=1700000000&end=1700000600&step=",
        "/api/v1/query_range?query=up&end=1700000600&step=60&start=",
        "/api/v1/query_range?query=up&start=1700000000&step=60&end=",
        "/api/v1/series?match[]=up&start=", "/api/v1/series?match[]=up&end=", "/api/v1/series?match[]=",
        "/api/v1/labels?start=", "/api/v1/labels?match[]=", "/api/v1/label/job/values?end=",
        "/api/v1/query_exemplars?query=up&start=", "/api/v1/targets?state=", "/api/v1/rules?type=",
    ]

    @Test(arguments: endpoints)
    func neverTraps(_ endpoint: String) async throws {
        let api = makeAPI(head: try fixtureHead()) { $0.queryTimeout = .seconds(5) }
        for value in Self.values {
            let response = await api.handle(request(fromCase: "GET " + endpoint + value))
            #expect([200, 400, 422, 503].contains(response.status), "\(endpoint)\(value) → \(response.status)")
            #expect(response.bodyText.hasPrefix("{\"status\":"), "\(endpoint)\(value)")
        }
    }
}
