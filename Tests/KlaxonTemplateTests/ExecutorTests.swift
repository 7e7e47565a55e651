import Testing

@testable import KlaxonTemplate

struct ExecutorTests {
    private func run(
        _ text: String,
        _ data: TemplateValue = .null,
        missingKey: Template.MissingKey = .default,
        functions: TemplateFunctions = TemplateFunctions()
    ) throws(TemplateError) -> String {
        try Template(name: "t", text: text, functions: functions, missingKey: missingKey).execute(data)
    }

    private func error(_ text: String, _ data: TemplateValue = .null) -> String? {
        do {
            _ = try run(text, data)
            return nil
        } catch {
            return error.message
        }
    }

    @Test func textAndSimpleActions() throws {
        #expect(try run("a{{1}}b{{\"s\"}}c{{true}}{{print nil}}") == "a1bsctrue<nil>")
        #expect(throws: TemplateError(.execution, "template: t:1:2: executing \"t\" at <nil>: nil is not a command")) {
            try run("{{nil | print}}")
        }
        #expect(try run("{{.}}", "dot") == "dot")
        #expect(try run("{{3.0}} {{1e3}} {{0x10}} {{'a'}} {{-2}}") == "3 1000 16 97 -2")
    }

    @Test func pipelinesPassTheValueAsLastArgument() throws {
        #expect(try run("{{ \"x\" | printf \"%s-%s\" \"a\" }}") == "a-x")
        #expect(try run("{{ 1.5 | printf \"%.2f\" | len }}") == "4")
    }

    @Test func fieldAccessOnMapsAndMissingKeyModes() throws {
        let data = TemplateValue.map(["Labels": .stringMap(["job": "api"]), "N": 3])
        #expect(try run("{{.Labels.job}}|{{.N}}", data) == "api|3")
        #expect(try run("{{.Labels.nope}}|{{.Nope}}", data) == "<no value>|<no value>")
        #expect(try run("{{.Labels.nope}}|", data, missingKey: .zero) == "|")
        #expect(throws: TemplateError.self) { try run("{{.Labels.nope}}", data, missingKey: .error) }
    }

    @Test func missingKeyErrorText() {
        do {
            _ = try Template(name: "t", text: "{{.a}}", missingKey: .error).execute(.stringMap([:]))
            Issue.record("expected an error")
        } catch {
            #expect(error.message == "template: t:1:2: executing \"t\" at <.a>: map has no entry for key \"a\"")
        }
    }

    @Test func ifElseIfElse() throws {
        let text = "{{if eq . 1}}one{{else if eq . 2}}two{{else}}many{{end}}"
        #expect(try run(text, 1) == "one")
        #expect(try run(text, 2) == "two")
        #expect(try run(text, 3) == "many")
    }

    @Test func withRebindsDotAndFallsBackToElse() throws {
        #expect(try run("{{with .a}}[{{.}}]{{else}}none{{end}}", .map(["a": "x"])) == "[x]")
        #expect(try run("{{with .a}}[{{.}}]{{else}}none{{end}}", .map(["a": ""])) == "none")
    }

    @Test func rangeOverListsMapsAndEmpty() throws {
        #expect(try run("{{range .}}<{{.}}>{{end}}", .list([1, "b"])) == "<1><b>")
        #expect(try run("{{range $i, $v := .}}{{$i}}{{$v}} {{end}}", .list(["a", "b"])) == "0a 1b ")
        #expect(try run("{{range $k, $v := .}}{{$k}}={{$v}},{{end}}", .stringMap(["z": "1", "a": "2"])) == "a=2,z=1,")
        #expect(try run("{{range $v := .}}{{$v}}{{end}}", .list(["x", "y"])) == "xy")
        #expect(try run("{{range .}}x{{else}}empty{{end}}", .list([])) == "empty")
    }

    @Test func rangeBreakAndContinue() throws {
        let text = "{{range .}}{{if eq . 2}}{{continue}}{{end}}{{if eq . 4}}{{break}}{{end}}{{.}}{{end}}"
        #expect(try run(text, .list([1, 2, 3, 4, 5])) == "13")
    }

    @Test func rangeOverANumberFails() {
        #expect(error("{{range .}}{{end}}", 3) == "template: t:1:8: executing \"t\" at <.>: range can't iterate over 3")
    }

    @Test func variablesScopeAndAssignment() throws {
        #expect(try run("{{$x := 1}}{{if true}}{{$x = 2}}{{$y := 3}}{{end}}{{$x}}") == "2")
        #expect(try run("{{range $i, $e := .}}{{end}}{{$}}", .list([1])) == "[1]")
        #expect(throws: TemplateError.self) { try run("{{if true}}{{$y := 3}}{{end}}{{$y}}") }
    }

    @Test func defineTemplateAndBlock() throws {
        #expect(try run("{{define \"x\"}}<{{.}}>{{end}}{{template \"x\" 5}}{{template \"x\"}}") == "<5><<nil>>")
        #expect(try run("{{block \"b\" .}}[{{.}}]{{end}}", "d") == "[d]")
        #expect(
            error("{{template \"nope\"}}")
                == "template: t:1:11: executing \"t\" at <{{template \"nope\"}}>: template \"nope\" not defined"
        )
        // The pipeline is part of the node as Go prints it.
        #expect(
            error("{{template \"nope\" .Labels}}")
                == "template: t:1:11: executing \"t\" at <{{template \"nope\" .Labels}}>: template \"nope\" not defined"
        )
    }

    @Test func andOrShortCircuit() throws {
        // The second argument would fail if evaluated.
        #expect(try run("{{and 0 (index . 5)}}", .list([])) == "0")
        #expect(try run("{{or 1 (index . 5)}}", .list([])) == "1")
        #expect(try run("{{and 1 2 3}}|{{or 0 \"\"}}") == "3|")
    }

    @Test func whitespaceTrimming() throws {
        #expect(try run("a  {{- 1 -}}  \n b") == "a1b")
        #expect(try run("{{ 1 }} {{- 2 }}  {{3}}") == "12  3")
    }

    @Test func comparisonFunctions() throws {
        #expect(
            try run("{{eq 1 2 3 1}} {{ne 1 2}} {{lt 1 2}} {{le 2 2}} {{gt \"b\" \"a\"}} {{ge 1.5 2.5}}")
                == "true true true true true false"
        )
        #expect(
            error("{{lt true false}}")
                == "template: t:1:2: executing \"t\" at <lt true false>: error calling lt: invalid type for comparison"
        )
        #expect(
            error("{{eq 1 \"1\"}}")
                == "template: t:1:2: executing \"t\" at <eq 1 \"1\">: error calling eq: incompatible types for comparison"
        )
    }

    @Test func indexLenSlice() throws {
        #expect(try run("{{index . 1}} {{len .}} {{slice . 1}}", .list(["a", "b", "c"])) == "b 3 [b c]")
        #expect(try run("{{index . \"k\"}}|{{index . \"x\"}}|", .stringMap(["k": "v"])) == "v||")
        #expect(
            error("{{index . 9}}", .list([]))
                == "template: t:1:2: executing \"t\" at <index . 9>: error calling index: index out of range: 9"
        )
        #expect(error("{{len 3}}") == "template: t:1:2: executing \"t\" at <len 3>: error calling len: len of type int")
        #expect(try run("{{slice \"hello\" 1 3}}") == "el")
    }

    @Test func escapingFunctions() throws {
        #expect(try run("{{html \"<a href='x'>&\\\"\"}}") == "&lt;a href=&#39;x&#39;&gt;&amp;&#34;")
        #expect(try run("{{js \"a'b\\\"c<d>=&\\n\"}}") == "a\\'b\\\"c\\u003Cd\\u003E\\u003D\\u0026\\u000A")
        #expect(try run("{{urlquery \"a b/c?d=é\"}}") == "a+b%2Fc%3Fd%3D%C3%A9")
    }

    @Test func executionErrorsCarryLineColumnAndNode() {
        #expect(
            error("x\n  {{ len 3 }}")
                == "template: t:2:5: executing \"t\" at <len 3>: error calling len: len of type int"
        )
        #expect(error("{{ 1 2 }}") == "template: t:1:3: executing \"t\" at <1>: can't give argument to non-function 1")
        #expect(
            error("{{ .a.b }}", .map(["a": 1]))
                == "template: t:1:5: executing \"t\" at <.a.b>: can't evaluate field b in type int"
        )
        #expect(
            error("{{ printf }}")
                == "template: t:1:3: executing \"t\" at <printf>: wrong number of args for printf: want at least 1 got 0"
        )
    }

    @Test func customFunctionsAndOverrides() throws {
        var functions = TemplateFunctions()
        functions.register("double", arity: 1) { args throws(TemplateError) in .float(try args[0].asFloat() * 2) }
        let template = try Template(name: "t", text: "{{ double 2.5 }}", functions: functions)
        #expect(try template.execute(.null) == "5")
        var override = TemplateFunctions()
        override.register("double", arity: 1) { _ in "overridden" }
        #expect(try template.execute(.null, overriding: override) == "overridden")
    }

    @Test func parseErrorsForUnknownFunctionsAndLines() {
        #expect(throws: TemplateError(.parse, "template: t:2: function \"nope\" not defined")) {
            try Template(name: "t", text: "a\n{{ nope }}")
        }
        #expect(throws: TemplateError(.parse, "template: t:1: unexpected <define> in command")) {
            try Template(name: "t", text: "{{ if true }}{{ define \"x\" }}{{ end }}{{ end }}")
        }
    }
}

/// Random token soup must parse or fail cleanly, never crash or hang.
struct RobustnessTests {
    @Test func randomTemplatesNeverCrash() {
        let pieces = [
            "{{", "}}", "{{-", " -}}", "if", "else", "end", "range", "with", "define", "template", "block", "$x", ":=",
            "=", "|", "(", ")", ".", ".a", "$", "\"s\"", "`r`", "'c'", "1", "-2.5", "nil", "true", "printf", "len",
            "index", "and", "or", "not", "eq", ",", " ", "\n", "/*", "*/", "x", "break", "continue", "é",
        ]
        var generator = SplitMix(seed: 42)
        var parsed = 0
        for _ in 0..<3000 {
            var text = ""
            for _ in 0..<Int(generator.next() % 12) { text += pieces[Int(generator.next() % UInt64(pieces.count))] }
            guard let template = try? Template(name: "f", text: text) else { continue }
            parsed += 1
            _ = try? template.execute(.map(["a": .list([1, "b"])]))
        }
        #expect(parsed > 100)
    }
}

struct PrintfRobustnessTests {
    @Test func randomFormatsNeverCrash() {
        let pieces = [
            "%", "-", "+", "#", "0", " ", "9", ".", "3", "d", "s", "v", "q", "x", "X", "f", "e", "g", "G", "T", "c",
            "t", "é", "%%", "b", "o", "999",
        ]
        let args: [TemplateValue] = [
            1, -7, 2.5, -1e300, .float(.nan), "s", "é\n", true, .null, .list([1]), .stringMap(["a": "b"]),
        ]
        var generator = SplitMix(seed: 9)
        var produced = 0
        for _ in 0..<5000 {
            var format = ""
            for _ in 0..<Int(generator.next() % 8) { format += pieces[Int(generator.next() % UInt64(pieces.count))] }
            var chosen: [TemplateValue] = []
            for _ in 0..<Int(generator.next() % 4) { chosen.append(args[Int(generator.next() % UInt64(args.count))]) }
            produced += GoPrintf.sprintf(format, chosen).utf8.count
        }
        #expect(produced > 0)
    }
}

struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

struct RecursionTests {
    @Test func infiniteTemplateRecursionFailsCleanly() throws {
        let template = try Template(name: "t", text: "{{define \"a\"}}{{template \"a\"}}{{end}}{{template \"a\"}}")
        #expect(throws: TemplateError.self) { try template.execute(.null) }
    }

    @Test func boundedRecursionWorks() throws {
        let text =
            "{{define \"down\"}}{{if gt (len .) 0}}{{index . 0}}{{template \"down\" (slice . 1)}}{{end}}{{end}}{{template \"down\" .}}"
        #expect(try Template(name: "t", text: text).execute(.list([1, 2, 3])) == "123")
    }
}
