import KlaxonModel
import Logging
import Testing

@testable import KlaxonDaemon

struct LogfmtTests {
    @Test func quotesOnlyWhatNeedsQuoting() {
        #expect(LogfmtLogHandler.quoted("plain") == "plain")
        #expect(LogfmtLogHandler.quoted("") == "\"\"")
        #expect(LogfmtLogHandler.quoted("two words") == "\"two words\"")
        #expect(LogfmtLogHandler.quoted("a=b") == "\"a=b\"")
        #expect(LogfmtLogHandler.quoted("say \"hi\"\n") == "\"say \\\"hi\\\"\\n\"")
        #expect(LogfmtLogHandler.quoted("{alertname=\"X\"}") == "\"{alertname=\\\"X\\\"}\"")
    }

    @Test func writesOneLineWithComponentLevelMessageAndSortedKeys() {
        let sink = LogSink(capturing: true)
        var logger = Logger(label: "t") { _ in LogfmtLogHandler(label: "", level: .debug, sink: sink) }
        logger[metadataKey: "component"] = "rules"
        logger.warning("Evaluating rule failed", metadata: ["group": "g 1", "err": "boom"])
        logger.debug("dropped?")
        let lines = sink.captured
        #expect(lines.count == 2)
        let line = lines[0]
        #expect(line.hasPrefix("ts="))
        #expect(line.hasSuffix(" component=rules level=warn msg=\"Evaluating rule failed\" err=boom group=\"g 1\"\n"))
    }

    @Test func levelNamesFollowPrometheus() {
        #expect(LogfmtLogHandler.levelName(.critical) == "error")
        #expect(LogfmtLogHandler.levelName(.notice) == "info")
        #expect(LogfmtLogHandler.levelName(.trace) == "debug")
    }
}

struct DaemonOptionsTests {
    @Test func listenAddressForms() {
        var options = DaemonOptions()
        options.listenAddress = "127.0.0.1:9100"
        #expect(options.listenHostPort == ("127.0.0.1", 9100))
        options.listenAddress = ":9095"
        #expect(options.listenHostPort == ("0.0.0.0", 9095))
        options.listenAddress = "[::1]:80"
        #expect(options.listenHostPort == ("::1", 80))
    }

    @Test func externalURLDefaultsToTheListenAddressWithoutTrailingSlash() {
        var options = DaemonOptions()
        options.listenAddress = "127.0.0.1:9100"
        #expect(options.resolvedExternalURL == "http://127.0.0.1:9100")
        options.externalURL = "https://alerts.example.com/klaxon/"
        #expect(options.resolvedExternalURL == "https://alerts.example.com/klaxon")
    }
}

struct EmbeddedDefaultTests {
    @Test func ruleFilesSkipUnitTestFilesAndOtherFiles() throws {
        let dir = try makeTemporaryDirectory()
        for name in ["b.yml", "a.yaml", "a.test.yml", "notes.txt", "c.test.yaml"] {
            try writeFile(dir + "/" + name, "groups: []\n")
        }
        #expect(EmbeddedDefault.ruleFiles(in: dir) == [dir + "/a.yaml", dir + "/b.yml"])
        #expect(EmbeddedDefault.ruleFiles(in: dir + "/missing").isEmpty)
    }

    @Test func globsExpandSortedAndPlainPathsPassThrough() throws {
        let dir = try makeTemporaryDirectory()
        for name in ["z.yml", "m.yml", "x.json"] { try writeFile(dir + "/" + name, "") }
        #expect(expandGlob(dir + "/*.yml") == [dir + "/m.yml", dir + "/z.yml"])
        #expect(expandGlob(dir + "/nothing-*.yml").isEmpty)
        #expect(expandGlob(dir + "/missing.yml") == [dir + "/missing.yml"])
        #expect(resolve("r.yml", relativeTo: "/etc/klaxon") == "/etc/klaxon/r.yml")
        #expect(resolve("/abs.yml", relativeTo: "/etc/klaxon") == "/abs.yml")
        #expect(directoryName("/etc/klaxon/prometheus.yml") == "/etc/klaxon")
        #expect(directoryName("prometheus.yml") == ".")
    }

    @Test func readingAMissingFileNamesIt() {
        #expect(throws: DaemonError.self) { try readConfigText("/nonexistent/klaxon.yml") }
        do {
            _ = try readConfigText("/nonexistent/klaxon.yml")
        } catch {
            #expect(error.description.hasPrefix("open /nonexistent/klaxon.yml: "))
        }
    }
}

#if canImport(Glibc)
import Glibc
#endif

func makeTemporaryDirectory() throws -> String {
    var template = Array("/tmp/klaxon-daemon-XXXXXX".utf8CString)
    guard let made = mkdtemp(&template) else { throw DaemonError("mkdtemp failed") }
    return String(cString: made)
}

func writeFile(_ path: String, _ text: String) throws {
    guard let file = fopen(path, "wb") else { throw DaemonError("cannot write \(path)") }
    defer { fclose(file) }
    _ = text.utf8CString.withUnsafeBufferPointer { fwrite($0.baseAddress, 1, $0.count - 1, file) }
}
