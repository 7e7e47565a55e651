import Foundation
import KlaxonModel
import Testing

@testable import KlaxonNotify

/// Expected offsets computed with Python's zoneinfo on the same tzdata. Debian's `tzdata` is a peer of the suite
/// (scripts/setup installs it): without it these tests are reported as skipped, and under CI=true they fail.
@Suite struct ZoneRulesTests {
    static let tzdata =
        ProcessInfo.processInfo.environment["CI"] == "true"
        || FileManager.default.fileExists(atPath: "/usr/share/zoneinfo/Europe/Berlin")

    static func zone(_ name: String) throws -> ZoneRules {
        try ZoneRules.load(name)
    }

    @Test(
        .enabled(if: tzdata, "needs Debian's tzdata (scripts/setup installs it)"),
        arguments: [
            ("Europe/Berlin", Int64(1_711_846_799), 3600),
            ("Europe/Berlin", 1_711_846_800, 7200),
            ("Europe/Berlin", 1_729_990_799, 7200),
            ("Europe/Berlin", 1_729_990_800, 3600),
            // After the last TZif transition (2037): the POSIX footer rule.
            ("Europe/Berlin", 2_216_249_999, 3600),
            ("Europe/Berlin", 2_216_250_000, 7200),
            ("Europe/Berlin", 2_234_998_800, 3600),
            // Before the first transition: local mean time.
            ("Europe/Berlin", -5_364_662_400, 3208),
            ("America/New_York", 1_710_053_999, -18000),
            ("America/New_York", 1_710_054_000, -14400),
            ("Australia/Sydney", 2_524_608_000, 39600),
            ("Australia/Sydney", 2_540_246_400, 36000),
            ("Asia/Kolkata", 2_540_246_400, 19800),
        ]
    )
    func offsets(name: String, seconds: Int64, expected: Int) throws {
        let zone = try Self.zone(name)
        #expect(zone.offset(at: seconds) == expected)
    }

    @Test func builtInsAndErrors() {
        #expect((try? ZoneRules.load("UTC")) == .utc)
        #expect((try? ZoneRules.load("")) == .utc)
        #expect(throws: ZoneRules.LoadError.self) { try ZoneRules.load("Nowhere/Atlantis") }
        #expect(throws: ZoneRules.LoadError.self) { try ZoneRules.load("../etc/passwd") }
        #expect(ZoneRules(name: "x", tzif: Array("TZif2 but far too short".utf8)) == nil)
        #expect(ZoneRules(name: "x", tzif: []) == nil)
    }

    @Test func posixFooterRules() {
        let cet = PosixTZ("CET-1CEST,M3.5.0,M10.5.0/3")
        #expect(cet?.standardOffset == 3600)
        #expect(cet?.dstOffset == 7200)
        #expect(cet?.offset(at: 2_216_250_000) == 7200)
        #expect(PosixTZ("<+0330>-3:30")?.offset(at: 0) == 12600)
        #expect(PosixTZ("EST5EDT,M3.2.0,M11.1.0")?.offset(at: 1_710_054_000) == -14400)
        #expect(PosixTZ("5") == nil)
    }

    @Test(.enabled(if: tzdata, "needs Debian's tzdata (scripts/setup installs it)"))
    func timeIntervalInBerlin() throws {
        let berlin = try Self.zone("Europe/Berlin")
        // 2024-07-01T07:30:00Z is 09:30 in Berlin (CEST).
        let time: Timestamp = 1_719_819_000_000
        let officeHours = TimeInterval(times: [(9 * 60)...(17 * 60 - 1)], location: berlin)
        #expect(officeHours.contains(time))
        #expect(!TimeInterval(times: [(9 * 60)...(17 * 60 - 1)]).contains(time))
    }
}
