import ArgumentParser
import KlaxonCheck

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

struct Test: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Unit testing (promtool test compatible).",
        subcommands: [TestRules.self]
    )
}

struct TestRules: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rules",
        abstract: "Unit tests for rules (as `promtool test rules`).",
        discussion: "Exit codes: 0 all tests pass, 1 a test failed or a file could not be read."
    )

    @Option(name: .customLong("junit"), help: "Also write the results as JUnit XML to this file.")
    var junit: String?

    @Flag(name: .customLong("diff"), help: "For failures, show only the differing alerts and samples (-/+ lines).")
    var diff = false

    @Option(
        name: .customLong("compat"),
        help: "PromQL and rule-file semantics: prometheus3 (default) or prometheus2 (2.x windows, 2.42 fields)."
    )
    var compat: String = "prometheus3"

    @Argument(help: "The unit test files.")
    var testFiles: [String] = []

    func validate() throws {
        guard compat == "prometheus3" || compat == "prometheus2" else {
            throw ValidationError("--compat must be prometheus3 or prometheus2")
        }
    }

    func run() throws {
        let report = RuleUnitTester.run(
            paths: testFiles,
            options: .init(prometheus2: compat == "prometheus2", diff: diff)
        )
        if let junit {
            let xml = RuleUnitTester.junitXML(report.cases)
            guard let file = fopen(junit, "w") else {
                StandardStreams.write("cannot write \(junit): \(String(cString: strerror(errno)))\n", to: 2)
                throw ExitCode(1)
            }
            _ = Array(xml.utf8).withUnsafeBytes { fwrite($0.baseAddress, 1, $0.count, file) }
            fclose(file)
        }
        try StandardStreams.emit(report.output)
    }
}
