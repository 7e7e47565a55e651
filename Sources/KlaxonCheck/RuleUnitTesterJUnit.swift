extension RuleUnitTester {
    /// JUnit XML for a run: one `<testsuite>` per test file, one `<testcase>` per test group (named by its
    /// `name`, or `#N` when unnamed), a `<failure>` holding the failure text when it failed.
    public static func junitXML(_ cases: [TestCaseResult]) -> String {
        var files: [String] = []
        var byFile: [String: [TestCaseResult]] = [:]
        for result in cases {
            if byFile[result.file] == nil { files.append(result.file) }
            byFile[result.file, default: []].append(result)
        }
        let totalFailures = cases.filter { !$0.failures.isEmpty }.count
        var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        out += "<testsuites name=\"klaxon test rules\" tests=\"\(cases.count)\" failures=\"\(totalFailures)\">\n"
        for file in files {
            let results = byFile[file] ?? []
            let failures = results.filter { !$0.failures.isEmpty }.count
            let time = results.reduce(0) { $0 + $1.durationSeconds }
            out += "  <testsuite name=\"\(xmlEscape(file))\" tests=\"\(results.count)\" failures=\"\(failures)\""
            out += " time=\"\(formatSeconds(time))\">\n"
            for (index, result) in results.enumerated() {
                let name = result.name.isEmpty ? "#\(index + 1)" : result.name
                out += "    <testcase classname=\"\(xmlEscape(file))\" name=\"\(xmlEscape(name))\""
                out += " time=\"\(formatSeconds(result.durationSeconds))\""
                if result.failures.isEmpty {
                    out += "/>\n"
                } else {
                    out += ">\n      <failure message=\"\(xmlEscape(firstLine(result.failures[0])))\">"
                    out += xmlEscape(result.failures.joined(separator: "\n"))
                    out += "</failure>\n    </testcase>\n"
                }
            }
            out += "  </testsuite>\n"
        }
        out += "</testsuites>\n"
        return out
    }

    static func firstLine(_ text: String) -> String {
        let trimmed = text.drop { $0 == " " }
        return String(trimmed.prefix { $0 != "\n" })
    }

    static func formatSeconds(_ seconds: Double) -> String {
        let millis = Int64((seconds * 1000).rounded())
        let fraction = millis % 1000
        let padded = fraction < 10 ? "00\(fraction)" : (fraction < 100 ? "0\(fraction)" : "\(fraction)")
        return "\(millis / 1000).\(padded)"
    }

    static func xmlEscape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            case "\n", "\t", "\r": out.unicodeScalars.append(scalar)
            default:
                // Control characters are not allowed in XML 1.0.
                if scalar.value < 0x20 { out += "\u{FFFD}" } else { out.unicodeScalars.append(scalar) }
            }
        }
        return out
    }
}
