import KlaxonModel
import Testing

struct LabelsTests {
    @Test func sortsByNameAndDropsEmptyValues() {
        let labels = Labels([Label("job", "api"), Label("__name__", "up"), Label("empty", ""), Label("a", "1")])
        #expect(labels.map(\.name) == ["__name__", "a", "job"])
        #expect(labels["job"] == "api")
        #expect(labels["missing"] == "")
        #expect(labels.value(of: "empty") == nil)
    }

    @Test func laterDuplicateNameWins() {
        let labels = Labels([Label("a", "1"), Label("a", "2")])
        #expect(labels.count == 1)
        #expect(labels["a"] == "2")
    }

    @Test func settingAndRemovingKeepOrder() {
        let labels: Labels = ["b": "2", "d": "4"]
        let set = labels.setting("c", to: "3").setting("a", to: "1")
        #expect(set.map(\.name) == ["a", "b", "c", "d"])
        #expect(set.setting("b", to: "").map(\.name) == ["a", "c", "d"])
        #expect(set.keeping(["a", "d"]).map(\.name) == ["a", "d"])
        #expect(set.removing(["a", "d"]).map(\.name) == ["b", "c"])
    }

    @Test func descriptionQuotesLikeGo() {
        let labels: Labels = ["__name__": "up", "job": "a\"b\\c\nd"]
        #expect(labels.description == #"{__name__="up", job="a\"b\\c\nd"}"#)
        #expect(labels.seriesDescription == #"up{job="a\"b\\c\nd"}"#)
        #expect(Labels(["__name__": "up"]).seriesDescription == "up")
        #expect(Labels(["a": "b"]).seriesDescription == #"{a="b"}"#)
    }

    /// Alertmanager prints this fingerprint for `{alertname="Watchdog"}` (FNV-1a 64 of name 0xff value 0xff).
    @Test func fingerprintIsFNV1aOverNamesAndValues() {
        #expect(Labels.empty.fingerprint == 14_695_981_039_346_656_037)
        let a: Labels = ["alertname": "Watchdog", "severity": "none"]
        let b: Labels = ["alertname": "Watchdog", "severity": "nonE"]
        #expect(a.fingerprint != b.fingerprint)
        // Hand-computed for a one-label set: FNV-1a over "a" 0xff "b" 0xff.
        var hash: UInt64 = 14_695_981_039_346_656_037
        for byte: UInt8 in [97, 0xff, 98, 0xff] {
            hash ^= UInt64(byte)
            hash &*= 1_099_511_628_211
        }
        #expect(Labels(["a": "b"]).fingerprint == hash)
    }
}
