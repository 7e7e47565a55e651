import KlaxonModel
import Testing

@testable import KlaxonYAML

@Suite struct NodeReaderTests {
    @Test func resolvesPlainScalarsLikeGoYAML() {
        #expect(GoYAMLResolve.tag(ofPlain: "yes") == "!!str")
        #expect(GoYAMLResolve.tag(ofPlain: "on") == "!!str")
        #expect(GoYAMLResolve.tag(ofPlain: "true") == "!!bool")
        #expect(GoYAMLResolve.tag(ofPlain: "~") == "!!null")
        #expect(GoYAMLResolve.tag(ofPlain: "5") == "!!int")
        #expect(GoYAMLResolve.tag(ofPlain: "0x1F") == "!!int")
        #expect(GoYAMLResolve.tag(ofPlain: "1_000") == "!!int")
        #expect(GoYAMLResolve.tag(ofPlain: "1.5") == "!!float")
        #expect(GoYAMLResolve.tag(ofPlain: ".5e3") == "!!float")
        #expect(GoYAMLResolve.tag(ofPlain: "5m") == "!!str")
        #expect(GoYAMLResolve.tag(ofPlain: "2001-12-14") == "!!timestamp")
        #expect(GoYAMLResolve.tag(ofPlain: "-") == "!!str")
    }

    @Test func quotedScalarsAreStrings() throws {
        let node = try #require(try YAMLParser.parse("a: \"5\"\nb: 5\nc: 'true'\n"))
        guard case .mapping(let pairs) = node.kind else {
            Issue.record("not a mapping")
            return
        }
        #expect(pairs.map(\.value.shortTag) == ["!!str", "!!int", "!!str"])
        #expect(pairs[1].value.line == 2 && pairs[1].value.column == 4)
    }

    /// go-yaml places an alias node where `*name` is written (Yams gives it the anchor's position); quoted text and
    /// comments that look like aliases are not aliases.
    @Test func aliasesArePlacedWhereTheyAreWritten() throws {
        let text = "a: &x [1]\nb: '*x' # *x\nc: *x\nd: [*x, *x]\n"
        let node = try #require(try YAMLParser.parse(text))
        guard case .mapping(let pairs) = node.kind, case .sequence(let inner) = pairs[3].value.kind else {
            Issue.record("not the expected shape")
            return
        }
        let positions = [pairs[0].value, pairs[2].value, inner[0], inner[1]].map { [$0.line, $0.column] }
        #expect(positions == [[1, 4], [3, 4], [4, 5], [4, 9]])
        #expect(pairs[1].value.scalarValue == "*x")
    }

    @Test func unknownAndDuplicateFieldsAreCollected() throws {
        let node = try #require(try YAMLParser.parse("name: x\nfoo: 1\nlimit: [1]\nbar: 2\n"))
        var reader = NodeReader()
        var seen: [String] = []
        let isMapping = reader.forEachField(of: node, goType: "T", known: ["name", "limit"]) { reader, key, value in
            seen.append(key)
            if key == "limit" { _ = reader.int(value) }
        }
        #expect(isMapping)
        #expect(seen == ["name", "limit"])
        #expect(
            reader.errorMessage
                == "yaml: unmarshal errors:\n  line 2: field foo not found in type T\n"
                + "  line 3: cannot unmarshal !!seq into int\n  line 4: field bar not found in type T"
        )
        var lenient = NodeReader()
        lenient.forEachField(of: node, goType: "T", known: ["name"], strict: false) { _, _, _ in }
        #expect(lenient.errorMessage == nil)
        // Repeated struct fields (Yams rejects repeated keys while parsing, so built by hand).
        let key = YAMLNode(kind: .scalar("name", tag: "!!str"), line: 1, column: 1)
        let repeated = YAMLNode(
            kind: .mapping([
                YAMLPair(key: key, value: key), YAMLPair(key: YAMLNode(kind: key.kind, line: 2, column: 1), value: key),
            ]),
            line: 1,
            column: 1
        )
        var duplicates = NodeReader()
        duplicates.forEachField(of: repeated, goType: "T", known: ["name"]) { _, _, _ in }
        #expect(duplicates.typeErrors == ["line 2: field name already set in type T"])
        var scalar = NodeReader()
        #expect(
            !scalar.forEachField(
                of: YAMLNode(kind: .scalar("x", tag: "!!str"), line: 7, column: 1),
                goType: "T",
                known: []
            ) { _, _, _ in }
        )
        #expect(scalar.typeErrors == ["line 7: cannot unmarshal !!str `x` into T"])
    }

    @Test func typeErrorsUseGoYAMLWording() throws {
        let node = try #require(try YAMLParser.parse("a: many\nb: [1]\nc: averyveryverylongvalue\nd: 5\n"))
        guard case .mapping(let pairs) = node.kind else {
            Issue.record("not a mapping")
            return
        }
        var reader = NodeReader()
        #expect(reader.int(pairs[0].value) == nil)
        #expect(reader.string(pairs[1].value) == nil)
        #expect(reader.int(pairs[2].value) == nil)
        #expect(reader.stringMap(pairs[3].value) == nil)
        #expect(
            reader.typeErrors == [
                "line 1: cannot unmarshal !!str `many` into int",
                "line 2: cannot unmarshal !!seq into string",
                "line 3: cannot unmarshal !!str `averyve...` into int",
                "line 4: cannot unmarshal !!int `5` into map[string]string",
            ]
        )
        #expect(reader.string(pairs[3].value) == "5")
    }

    @Test func invalidDurationAbortsWithPrometheusMessage() throws {
        let node = try #require(try YAMLParser.parse("a: 1.5m\nb: 5m\nc:\n"))
        guard case .mapping(let pairs) = node.kind else {
            Issue.record("not a mapping")
            return
        }
        var reader = NodeReader()
        #expect(reader.duration(pairs[1].value) == PromDuration(seconds: 300))
        #expect(reader.duration(pairs[2].value) == .zero)
        #expect(reader.duration(pairs[0].value) == nil)
        #expect(reader.errorMessage == "not a valid duration string: \"1.5m\"")
    }

    @Test func syntaxErrorsAreWordedLikeGoYAML() {
        #expect(throws: YAMLParseFailure.syntax(.init(message: "yaml: line 3: did not find expected '-' indicator"))) {
            _ = try YAMLParser.parse("groups:\n  - name: example\n    rules:\n      - alert: A\n       expr: up == 0\n")
        }
    }

    @Test func repeatedKeysAreDecodeErrorsOfTheirMapping() throws {
        let text = "groups:\n  - name: g\n    name: h\n    labels:\n      a: b\n      'a': c\n  - limit: x\n"
        let root = try #require(try YAMLParser.parse(text))
        var reader = NodeReader()
        reader.forEachField(of: root, goType: "Top", known: ["groups"]) { reader, _, value in
            for group in reader.sequence(value, goType: "[]G") ?? [] {
                reader.forEachField(of: group, goType: "G", known: ["name", "labels", "limit"]) { reader, key, value in
                    if key == "limit" { _ = reader.int(value) }
                    if key == "labels" { _ = reader.stringMap(value) }
                }
            }
        }
        // The first group is not decoded (so its labels' repeat is not reached); the second still is.
        #expect(
            reader.typeErrors == [
                "line 3: mapping key \"name\" already defined at line 2",
                "line 7: cannot unmarshal !!str `x` into int",
            ]
        )
        var labels = NodeReader()
        let inner = try #require(try YAMLParser.parse("a: b\n'a': c\nb: d\n"))
        #expect(labels.stringMap(inner)?.isEmpty == true)
        #expect(labels.typeErrors == ["line 2: mapping key \"a\" already defined at line 1"])
    }

    @Test func emptyDocumentIsNil() throws {
        #expect(try YAMLParser.parse("") == nil)
        #expect(try YAMLParser.parse("# only a comment\n") == nil)
    }

    @Test func nullItemsOfStructSequencesAreDropped() throws {
        let node = try #require(try YAMLParser.parse("- a: 1\n-\n- ~\n- b: 2\n"))
        var reader = NodeReader()
        #expect(reader.sequence(node, goType: "[]T")?.count == 2)
    }
}
