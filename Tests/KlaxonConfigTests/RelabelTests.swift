import KlaxonModel
import Testing

@testable import KlaxonConfig

struct RelabelTests {
    let target: Labels = [
        "__address__": "host-1.example.com:9100", "__meta_env": "prod", "__meta_team": "sre", "job": "node",
    ]

    @Test func replaceWithDefaultsCopiesSourceIntoTarget() throws {
        let config = try RelabelConfig(sourceLabels: ["__address__"], targetLabel: "instance")
        #expect(Relabel.process(target, [config])?["instance"] == "host-1.example.com:9100")
    }

    @Test func replaceUsesCaptureGroupsAndSeparator() throws {
        let config = try RelabelConfig(
            sourceLabels: ["__meta_env", "__meta_team"],
            targetLabel: "owner",
            regex: "(.+);(.+)",
            replacement: "${2}-$1"
        )
        #expect(Relabel.process(target, [config])?["owner"] == "sre-prod")
    }

    @Test func replaceWithoutMatchLeavesLabelsAlone() throws {
        let config = try RelabelConfig(sourceLabels: ["job"], targetLabel: "x", regex: "api")
        #expect(Relabel.process(target, [config]) == target)
    }

    @Test func emptyReplacementDeletesTheTarget() throws {
        let config = try RelabelConfig(sourceLabels: ["job"], targetLabel: "job", regex: "node", replacement: "")
        #expect(Relabel.process(target, [config])?.has("job") == false)
    }

    /// Go's Expand reads `$1x` as the group named "1x", which does not exist: it expands to nothing.
    @Test func dollarNameTakesTheLongestRun() throws {
        let config = try RelabelConfig(
            sourceLabels: ["job"],
            targetLabel: "a",
            regex: "(no)de",
            replacement: "$1x|${1}x|$$1"
        )
        #expect(Relabel.process(target, [config])?["a"] == "|nox|$1")
    }

    /// Go reads `$01` as a group *named* "01" (numbers may not have leading zeros), so it expands to nothing.
    /// Prometheus 2.42 agrees: `promtool test rules` on the same pattern through label_replace gives "[][no][node]".
    @Test func leadingZeroReferenceIsAName() throws {
        let config = try RelabelConfig(
            sourceLabels: ["job"],
            targetLabel: "a",
            regex: "(no)de",
            replacement: "[$01][${1}][$0]"
        )
        #expect(Relabel.process(target, [config])?["a"] == "[][no][node]")
    }

    @Test func namedGroupsExpand() throws {
        let config = try RelabelConfig(
            sourceLabels: ["__address__"],
            targetLabel: "host",
            regex: "(?P<host>[^:]+):(?P<port>\\d+)",
            replacement: "$host"
        )
        #expect(Relabel.process(target, [config])?["host"] == "host-1.example.com")
    }

    @Test func keepAndDropAreAnchored() throws {
        let keep = try RelabelConfig(sourceLabels: ["job"], regex: "nod", action: .keep)
        #expect(Relabel.process(target, [keep]) == nil)
        let drop = try RelabelConfig(sourceLabels: ["job"], regex: "no.*", action: .drop)
        #expect(Relabel.process(target, [drop]) == nil)
        let keepAll = try RelabelConfig(sourceLabels: ["job"], regex: "node|api", action: .keep)
        #expect(Relabel.process(target, [keepAll]) == target)
    }

    @Test func keepequalAndDropequalCompareWithTarget() throws {
        let labels: Labels = ["a": "1", "b": "1", "c": "2"]
        let keepEqual = try RelabelConfig(sourceLabels: ["a"], targetLabel: "b", action: .keepequal)
        #expect(Relabel.process(labels, [keepEqual]) == labels)
        let dropEqual = try RelabelConfig(sourceLabels: ["a"], targetLabel: "b", action: .dropequal)
        #expect(Relabel.process(labels, [dropEqual]) == nil)
        let keepOther = try RelabelConfig(sourceLabels: ["a"], targetLabel: "c", action: .keepequal)
        #expect(Relabel.process(labels, [keepOther]) == nil)
    }

    @Test func labelmapLabeldropLabelkeep() throws {
        let map = try RelabelConfig(regex: "__meta_(.+)", replacement: "meta_$1", action: .labelmap)
        let mapped = try #require(Relabel.process(target, [map]))
        #expect(mapped["meta_env"] == "prod")
        #expect(mapped["meta_team"] == "sre")
        #expect(mapped["__meta_env"] == "prod")
        let dropMeta = try RelabelConfig(regex: "__meta_.*", action: .labeldrop)
        #expect(Relabel.process(target, [dropMeta])?.map(\.name) == ["__address__", "job"])
        let keepJob = try RelabelConfig(regex: "job", action: .labelkeep)
        #expect(Relabel.process(target, [keepJob])?.map(\.name) == ["job"])
    }

    @Test func lowercaseAndUppercase() throws {
        let labels: Labels = ["a": "MiXeD"]
        let lower = try RelabelConfig(sourceLabels: ["a"], targetLabel: "lower", action: .lowercase)
        let upper = try RelabelConfig(sourceLabels: ["a"], targetLabel: "upper", action: .uppercase)
        let result = try #require(Relabel.process(labels, [lower, upper]))
        #expect(result["lower"] == "mixed")
        #expect(result["upper"] == "MIXED")
    }

    @Test func md5MatchesRFC1321Vectors() {
        func hex(_ bytes: [UInt8]) -> String {
            bytes.map { String($0, radix: 16).count == 1 ? "0" + String($0, radix: 16) : String($0, radix: 16) }
                .joined()
        }
        #expect(hex(MD5.digest([])) == "d41d8cd98f00b204e9800998ecf8427e")
        #expect(hex(MD5.digest(Array("abc".utf8))) == "900150983cd24fb0d6963f7d28e17f72")
        let long = Array("12345678901234567890123456789012345678901234567890123456789012345678901234567890".utf8)
        #expect(hex(MD5.digest(long)) == "57edf4a22be3c955ac49da2e2107b67a")
        // sum64 is the digest's second half, big-endian: d6963f7d28e17f72 for "abc".
        #expect(MD5.sum64(Array("abc".utf8)) == 0xd696_3f7d_28e1_7f72)
    }

    @Test func hashmodIsStableAndInRange() throws {
        let config = try RelabelConfig(
            sourceLabels: ["__address__"],
            targetLabel: "shard",
            modulus: 4,
            action: .hashmod
        )
        let shard = try #require(Relabel.process(target, [config])?["shard"])
        #expect(shard == String(MD5.sum64(Array("host-1.example.com:9100".utf8)) % 4))
    }

    /// Messages as printed by `promtool check config` 2.42 for the same relabel_configs (checked by hand; the
    /// config-check golden suite will record them with the scrape-config loader).
    @Test func validationMessagesMatchPrometheus() throws {
        let cases: [(RelabelConfig, String)] = [
            (try RelabelConfig(action: .hashmod), "relabel configuration for hashmod requires non-zero modulus"),
            (
                try RelabelConfig(sourceLabels: ["a"]),
                "relabel configuration for replace action requires 'target_label' value"
            ),
            (
                try RelabelConfig(targetLabel: "1bad", action: .lowercase),
                "\"1bad\" is invalid 'target_label' for lowercase action"
            ),
            (
                try RelabelConfig(sourceLabels: ["a"], action: .labeldrop),
                "labeldrop action requires only 'regex', and no other fields"
            ),
        ]
        for (config, message) in cases {
            #expect(throws: RelabelError.self) { try config.validate() }
            do {
                try config.validate()
            } catch {
                #expect(error.message == message)
            }
        }
        try RelabelConfig(sourceLabels: ["a"], targetLabel: "${1}_x").validate()
    }
}
