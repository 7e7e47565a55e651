import Testing

@testable import KlaxonTemplate

/// Alertmanager notification templates over `AlertmanagerTemplateData`; expected texts rendered by
/// `amtool template render` (0.25) with its built-in sample data.
struct AlertmanagerTests {
    static let common = ["commonlabelkey1": "commonlabelvalue1", "commonlabelkey2": "commonlabelvalue2"]
    static let commonAnnotations = [
        "commonannotationkey1": "commonannotationvalue1", "commonannotationkey2": "commonannotationvalue2",
    ]

    /// amtool's sample data (`cli/template_render.go`), without the wall-clock times.
    static func amtoolSample(
        status: String = "alertstatus",
        secondStatus: String = "alertstatus"
    ) -> AlertmanagerTemplateData {
        AlertmanagerTemplateData(
            receiver: "receiver",
            status: "alertstatus",
            alerts: [
                AlertmanagerTemplateAlert(
                    status: status,
                    labels: common.merging(["instance": "foo.bar:1234", "label1": "value1", "label2": "value2"]) {
                        a,
                        _ in a
                    },
                    annotations: commonAnnotations.merging(["annotation1": "value1", "annotation2": "value2"]) { a, _ in
                        a
                    },
                    startsAt: 0,
                    endsAt: nil,
                    generatorURL: "https://generatorurl.com",
                    fingerprint: "fingerprint1"
                ),
                AlertmanagerTemplateAlert(
                    status: secondStatus,
                    labels: common.merging(["foo": "bar", "baz": "qux"]) { a, _ in a },
                    annotations: commonAnnotations.merging(["aaa": "bbb", "ccc": "ddd"]) { a, _ in a },
                    startsAt: 0,
                    endsAt: nil,
                    generatorURL: "https://generatorurl.com",
                    fingerprint: "fingerprint2"
                ),
            ],
            groupLabels: ["grouplabelkey1": "grouplabelvalue1", "grouplabelkey2": "grouplabelvalue2"],
            commonLabels: common,
            commonAnnotations: commonAnnotations,
            externalURL: "https://example.com"
        )
    }

    private func render(
        _ text: String,
        _ data: AlertmanagerTemplateData = amtoolSample()
    ) throws(TemplateError) -> String {
        try Template(name: "", text: text, functions: AlertmanagerFunctions.all, missingKey: .zero)
            .execute(data.templateValue)
    }

    @Test func dataModelMatchesAmtool() throws {
        let text =
            "{{ .Status }} {{ .Receiver }} {{ .CommonLabels.SortedPairs }} {{ .CommonLabels.Names }} {{ .CommonLabels.Values }} {{ len .Alerts.Firing }} {{ len .Alerts.Resolved }} {{ .GroupLabels }} {{ .ExternalURL }} {{ join \",\" (.CommonLabels.Remove (stringSlice \"commonlabelkey1\")).Names }}{{ range .Alerts }}|{{ .Status }} {{ .Labels.alertname }} {{ .GeneratorURL }} {{ .Fingerprint }} {{ .Annotations }}{{ end }}"
        let expected =
            "alertstatus receiver [{commonlabelkey1 commonlabelvalue1} {commonlabelkey2 commonlabelvalue2}] [commonlabelkey1 commonlabelkey2] [commonlabelvalue1 commonlabelvalue2] 0 0 map[grouplabelkey1:grouplabelvalue1 grouplabelkey2:grouplabelvalue2] https://example.com commonlabelkey2|alertstatus  https://generatorurl.com fingerprint1 map[annotation1:value1 annotation2:value2 commonannotationkey1:commonannotationvalue1 commonannotationkey2:commonannotationvalue2]|alertstatus  https://generatorurl.com fingerprint2 map[aaa:bbb ccc:ddd commonannotationkey1:commonannotationvalue1 commonannotationkey2:commonannotationvalue2]"
        #expect(try render(text) == expected)
    }

    @Test func functionsAndKVMatchAmtool() throws {
        let text =
            "{{ range .Alerts }}{{ .Labels }} {{ .Labels.SortedPairs }}|{{ end }}{{ .CommonAnnotations }} {{ .Alerts.Firing }} {{ toUpper \"ab\" }} {{ title \"hello world\" }} {{ match \"a+\" \"caab\" }} {{ reReplaceAll \"a(b)\" \"$1$1\" \"xab\" }} {{ safeHtml \"<b>\" }} {{ stringSlice \"a\" \"b\" }} {{ join \"-\" (stringSlice \"a\" \"b\") }} {{ .CommonLabels.commonlabelkey1 }}{{ .CommonLabels.nope }}|{{ printf \"%v\" .GroupLabels.Names }} {{ range .CommonLabels.SortedPairs }}{{ .Name }}={{ .Value }};{{ end }} {{ len .Alerts }}"
        let expected =
            "map[commonlabelkey1:commonlabelvalue1 commonlabelkey2:commonlabelvalue2 instance:foo.bar:1234 label1:value1 label2:value2] [{commonlabelkey1 commonlabelvalue1} {commonlabelkey2 commonlabelvalue2} {instance foo.bar:1234} {label1 value1} {label2 value2}]|map[baz:qux commonlabelkey1:commonlabelvalue1 commonlabelkey2:commonlabelvalue2 foo:bar] [{baz qux} {commonlabelkey1 commonlabelvalue1} {commonlabelkey2 commonlabelvalue2} {foo bar}]|map[commonannotationkey1:commonannotationvalue1 commonannotationkey2:commonannotationvalue2] [] AB Hello World true xbb <b> [a b] a-b commonlabelvalue1|[grouplabelkey1 grouplabelkey2] commonlabelkey1=commonlabelvalue1;commonlabelkey2=commonlabelvalue2; 2"
        #expect(try render(text) == expected)
    }

    @Test func firingAndResolvedSplitAlerts() throws {
        let data = Self.amtoolSample(status: "firing", secondStatus: "resolved")
        #expect(
            try render(
                "{{ range .Alerts.Firing }}F:{{ .Fingerprint }} {{ end }}{{ range .Alerts.Resolved }}R:{{ .Fingerprint }}{{ end }}",
                data
            )
                == "F:fingerprint1 R:fingerprint2"
        )
    }

    @Test func sortedPairsPutsAlertnameFirst() throws {
        var data = Self.amtoolSample()
        data.commonLabels = TemplateKV(["alertname": "Down", "a": "1", "z": "2"])
        #expect(try render("{{ .CommonLabels.Names }}", data) == "[alertname a z]")
        #expect(try render("{{ .CommonLabels.Remove (stringSlice \"alertname\" \"z\") }}", data) == "map[a:1]")
    }

    @Test func timesPrintInGoFormat() throws {
        var data = Self.amtoolSample()
        data.alerts[0].startsAt = 1_700_000_000_000
        #expect(
            try render("{{ (index .Alerts 0).StartsAt }}|{{ (index .Alerts 0).EndsAt }}", data)
                == "2023-11-14 22:13:20 +0000 UTC|0001-01-01 00:00:00 +0000 UTC"
        )
    }

    @Test func humanizeIsNotAnAlertmanagerFunction() {
        #expect(throws: TemplateError(.parse, "template: n:1: function \"humanize\" not defined")) {
            try Template(name: "n", text: "{{ humanize 1 }}", functions: AlertmanagerFunctions.all)
        }
    }

    @Test func unknownFieldAndBadMethodArguments() {
        #expect(throws: TemplateError.self) { try render("{{ .Nope }}") }
        #expect(throws: TemplateError.self) { try render("{{ .CommonLabels.Remove }}") }
        #expect(throws: TemplateError.self) { try render("{{ join \",\" \"notalist\" }}") }
    }
}

/// Whole-output parity with `amtool template render` 0.25 (cases recorded by `scripts/record/templates.py`).
struct AlertmanagerGoldenTests {
    @Test(arguments: GoldenExpansions.alertmanager.indices)
    func renderMatchesAmtool(_ index: Int) {
        let golden = GoldenExpansions.alertmanager[index]
        do {
            let template = try Template(
                name: "",
                text: golden.template,
                functions: AlertmanagerFunctions.all,
                missingKey: .zero
            )
            let output = try template.execute(AlertmanagerTests.amtoolSample().templateValue)
            #expect(!golden.isError, "rendered \(output)")
            #expect(output == golden.expected)
        } catch {
            #expect(golden.isError, "failed: \(error.message)")
            #expect(error.message == golden.expected)
        }
    }
}

/// Error texts verified with `amtool template render --template.glob=...` (0.25).
struct AlertmanagerTemplatesTests {
    @Test func definitionsFromFilesAreVisibleToReceiverFields() throws {
        var templates = AlertmanagerTemplates()
        try templates.add(
            name: "a.tmpl",
            text: "{{ define \"title\" }}[{{ .Status | toUpper }}] {{ .Receiver }}{{ end }}"
        )
        try templates.add(
            name: "b.tmpl",
            text:
                "{{ define \"body\" }}{{ range .Alerts }}{{ template \"line\" . }}{{ end }}{{ end }}{{ define \"line\" }}- {{ .Fingerprint }}\n{{ end }}"
        )
        #expect(templates.definedTemplates == ["body", "line", "title"])
        let data = AlertmanagerTests.amtoolSample()
        #expect(try templates.render("{{ template \"title\" . }}", data: data) == "[ALERTSTATUS] receiver")
        #expect(try templates.render("{{ template \"body\" . }}", data: data) == "- fingerprint1\n- fingerprint2\n")
        #expect(try templates.render("", data: data) == "")
    }

    @Test func laterFilesReplaceDefinitions() throws {
        var templates = AlertmanagerTemplates()
        try templates.add(name: "a.tmpl", text: "{{ define \"x\" }}one{{ end }}")
        try templates.add(name: "b.tmpl", text: "{{ define \"x\" }}two{{ end }}")
        #expect(try templates.render("{{ template \"x\" . }}", data: AlertmanagerTests.amtoolSample()) == "two")
    }

    @Test func errorsNameTheFileAndTheDefinition() throws {
        var templates = AlertmanagerTemplates()
        #expect(throws: TemplateError(.parse, "template: bad.tmpl:2: unexpected EOF")) {
            try templates.add(name: "bad.tmpl", text: "{{ define \"x\" }}\n{{ if 1 }}")
        }
        try templates.add(name: "c.tmpl", text: "\n{{ define \"y\" }}\n  {{ .Nope }}{{ end }}")
        #expect(
            throws: TemplateError(
                .execution,
                "template: c.tmpl:3:5: executing \"y\" at <.Nope>: can't evaluate field Nope in type template.Data"
            )
        ) {
            try templates.render("{{ template \"y\" . }}", data: AlertmanagerTests.amtoolSample())
        }
    }
}
