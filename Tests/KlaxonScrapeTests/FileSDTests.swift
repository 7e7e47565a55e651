import KlaxonConfig
import KlaxonDiscovery
import KlaxonModel
import Testing

/// file_sd target groups (Prometheus's discovery/file).
struct FileSDTests {
    @Test func fileSDGroupsFromJSONAndYAML() throws {
        let json = try FileSD.parse(#"[{"targets": ["a:1", "b:2"], "labels": {"env": "dev"}}]"#, file: "x.json")
        #expect(json.count == 1)
        #expect(json[0].targets == ["a:1", "b:2"])
        #expect(json[0].labels == ["env": "dev", "__meta_filepath": "x.json"])
        let yaml = try FileSD.parse("- targets: [c:3]\n- targets: [d:4]\n  labels: {z: y}\n", file: "y.yml")
        #expect(yaml.map(\.targets) == [["c:3"], ["d:4"]])
        #expect(yaml.map(\.source) == ["y.yml:0", "y.yml:1"])
        #expect(throws: ConfigError.self) { try FileSD.parse("{targets: 1}", file: "bad.yml") }
        #expect(throws: ConfigError.self) { try FileSD.parse("[{targets: [a], labels: {'1x': y}}]", file: "bad.yml") }
    }
}
