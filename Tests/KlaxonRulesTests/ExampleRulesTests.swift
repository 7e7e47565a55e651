import KlaxonTestSupport
import Testing

@testable import KlaxonRules

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The example rule files in rules/ (the embedded default) load without errors and hold the classic set.
@Suite struct ExampleRulesTests {
    static let directory: String = {
        let parts = "\(#filePath)".split(separator: "/", omittingEmptySubsequences: false).dropLast(3)
        return parts.joined(separator: "/") + "/rules"
    }()

    static func read(_ name: String) -> String? { TestSupport.readText(directory + "/" + name) }

    @Test(arguments: [
        ("klaxon.yml", ["Watchdog", "TargetDown", "JobMissing", "job:up:avg"]),
        (
            "node.yml",
            [
                "instance:node_cpu_utilisation:rate5m", "instance:node_memory_utilisation:ratio", "InstanceDown",
                "HostHighCpuLoad", "HostHighMemoryUsage", "HostDiskSpaceLow", "HostDiskWillFillIn24Hours",
            ]
        ),
        (
            "http.yml",
            [
                "job:http_requests:rate5m", "job:http_requests_errors:rate5m",
                "job:http_request_duration_seconds:p95_5m", "HighErrorRate", "HighRequestLatency",
            ]
        ),
    ])
    func loads(_ name: String, rules: [String]) throws {
        let text = try #require(Self.read(name), "rules/\(name) missing")
        for options in [RuleLoadOptions(), RuleLoadOptions(allowPrometheus3GroupFields: false)] {
            switch RuleFileLoader.parse(text, options: options) {
            case .failure(let errors):
                Issue.record("rules/\(name): \(errors)")
            case .success(let file):
                #expect(file.groups.flatMap(\.rules).map(\.name) == rules)
                #expect(file.groups.flatMap(\.rules).allSatisfy { $0.parsedExpr != nil })
            }
        }
    }
}
