import KlaxonModel

/// The human status page served at `/`: counts, then firing and pending alerts, rule groups and targets.
///
/// Plain server-rendered HTML with one small inline stylesheet and no script. Every dynamic value is escaped by
/// `HTMLWriter`; every link carries the route prefix, so the page works behind `--web.external-url` paths. Rows are
/// sorted stably (alerts: firing first, then name, labels; groups: file, name; targets: job, endpoint, labels), so
/// two renderings of the same state are byte-identical.
struct StatusPage {
    var alerts: [AlertView]
    var groups: [RuleGroupView]
    var targets: [TargetView]
    /// The time the page is rendered at (epoch ms): "ago" columns are relative to it.
    var now: Timestamp
    /// The route prefix (`/prom`, or empty) every link is written under.
    var prefix: String
    var version: String

    init(
        alerts: [AlertView],
        groups: [RuleGroupView],
        targets: [TargetView],
        now: Timestamp,
        prefix: String = "",
        version: String = ""
    ) {
        self.alerts = alerts.filter { $0.state != .inactive }
        self.alerts.sort(by: Self.alertOrder)
        self.groups = groups.sorted { ($0.file, $0.name) < ($1.file, $1.name) }
        self.targets = targets.sorted(by: Self.targetOrder)
        self.now = now
        self.prefix = prefix
        self.version = version
    }

    static let contentType = "text/html; charset=utf-8"

    func render() -> [UInt8] {
        var html = HTMLWriter(capacity: 8192 + 512 * (alerts.count + targets.count + groups.count * 4))
        html.raw("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
        html.raw("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
        html.raw("<title>Klaxon status</title>\n<style>")
        html.raw(Self.stylesheet)
        html.raw("</style>\n</head>\n<body>\n")
        writeHeader(&html)
        writeAlerts(&html)
        writeGroups(&html)
        writeTargets(&html)
        html.raw("</body>\n</html>\n")
        return html.bytes
    }

    // MARK: Sections

    private func writeHeader(_ html: inout HTMLWriter) {
        html.raw("<header>\n<h1>Klaxon</h1>\n<p class=\"meta\">")
        if !version.isEmpty {
            html.element("version ", version, " · ")
        }
        html.raw("rendered ")
        html.clock(now)
        html.raw(" · <a href=\"")
        html.text(prefix)
        html.raw("/metrics\">metrics</a> · <a href=\"")
        html.text(prefix)
        html.raw("/api/v1/alerts\">alerts JSON</a> · <a href=\"")
        html.text(prefix)
        html.raw("/api/v1/rules\">rules JSON</a> · <a href=\"")
        html.text(prefix)
        html.raw("/api/v1/targets\">targets JSON</a> · <a href=\"")
        html.text(prefix)
        html.raw("/api/v1/status/config\">configuration</a></p>\n")

        let firing = alerts.count { $0.state == .firing }
        let pending = alerts.count { $0.state == .pending }
        let rules = groups.reduce(0) { $0 + $1.rules.count }
        let failing = groups.reduce(0) { $0 + $1.rules.count { $0.health == .err } }
        let up = targets.count { $0.health == .up }
        let down = targets.count { $0.health == .down }
        html.raw("<ul class=\"counts\">\n")
        html.raw("<li class=\"firing\"><a href=\"#alerts\"><b>")
        html.int(firing)
        html.raw("</b> firing</a></li>\n<li class=\"pending\"><a href=\"#alerts\"><b>")
        html.int(pending)
        html.raw("</b> pending</a></li>\n<li><a href=\"#rules\"><b>")
        html.int(groups.count)
        html.raw(groups.count == 1 ? "</b> rule group, <b>" : "</b> rule groups, <b>")
        html.int(rules)
        html.raw(rules == 1 ? "</b> rule" : "</b> rules")
        if failing > 0 {
            html.raw(", <b class=\"err\">")
            html.int(failing)
            html.raw("</b> failing")
        }
        html.raw("</a></li>\n<li><a href=\"#targets\"><b>")
        html.int(targets.count)
        html.raw(targets.count == 1 ? "</b> target: <b>" : "</b> targets: <b>")
        html.int(up)
        html.raw("</b> up, <b")
        if down > 0 { html.raw(" class=\"err\"") }
        html.raw(">")
        html.int(down)
        html.raw("</b> down</a></li>\n</ul>\n</header>\n")
    }

    private func writeAlerts(_ html: inout HTMLWriter) {
        html.raw("<section id=\"alerts\">\n<h2>Firing and pending alerts</h2>\n")
        guard !alerts.isEmpty else {
            html.raw("<p class=\"empty\">No alerts are firing or pending.</p>\n</section>\n")
            return
        }
        html.raw("<table>\n<thead><tr><th>Alert</th><th>State</th><th>Labels</th><th>Annotations</th>")
        html.raw("<th>Active since</th><th>Value</th></tr></thead>\n<tbody>\n")
        for alert in alerts {
            html.raw("<tr><td class=\"name\">")
            html.text(alert.labels["alertname"])
            html.raw("</td><td><span class=\"state ")
            html.text(alert.state.rawValue)
            html.raw("\">")
            html.text(alert.state.rawValue)
            html.raw("</span></td><td>")
            html.labels(alert.labels, except: "alertname")
            html.raw("</td><td>")
            if alert.annotations.isEmpty { html.raw("<span class=\"none\">none</span>") }
            for annotation in alert.annotations {
                html.element("<div class=\"ann\"><b>", annotation.name, "</b> ")
                html.text(annotation.value)
                html.raw("</div>")
            }
            html.raw("</td><td>")
            writeTime(alert.activeAt, &html)
            html.raw("</td><td class=\"num\">")
            html.text(alert.value)
            html.raw("</td></tr>\n")
        }
        html.raw("</tbody>\n</table>\n</section>\n")
    }

    private func writeGroups(_ html: inout HTMLWriter) {
        html.raw("<section id=\"rules\">\n<h2>Rule groups</h2>\n")
        guard !groups.isEmpty else {
            html.raw("<p class=\"empty\">No rule groups are loaded.</p>\n</section>\n")
            return
        }
        for group in groups {
            let health = Self.health(of: group)
            html.raw("<div class=\"group\">\n<h3>")
            html.text(group.name)
            html.element(" <span class=\"file\">", group.file, "</span></h3>\n")
            html.raw("<p class=\"meta\">interval ")
            html.text(Self.seconds(group.interval))
            html.raw(" · last evaluation ")
            writeTime(group.lastEvaluation, &html)
            if group.lastEvaluation != nil {
                html.raw(" · took ")
                html.text(Self.evaluationDuration(group.evaluationTime))
            }
            html.raw(" · <span class=\"health ")
            html.text(health.rawValue)
            html.raw("\">")
            html.text(health.rawValue)
            html.raw("</span></p>\n")
            guard !group.rules.isEmpty else {
                html.raw("<p class=\"empty\">No rules.</p>\n</div>\n")
                continue
            }
            html.raw("<table class=\"rules\">\n<colgroup><col class=\"rule\"><col class=\"tag\"><col class=\"tag\">")
            html.raw("<col class=\"when\"><col class=\"took\"><col></colgroup>\n")
            html.raw("<thead><tr><th>Rule</th><th>Health</th><th>State</th><th>Last evaluation</th>")
            html.raw("<th>Duration</th><th>Error</th></tr></thead>\n<tbody>\n")
            for rule in group.rules {
                html.raw("<tr><td><span class=\"kind\">")
                html.raw(rule.kind == .alerting ? "alert" : "record")
                html.element("</span> <span class=\"name\">", rule.name, "</span><br><code>")
                html.text(rule.query)
                html.raw("</code></td><td><span class=\"health ")
                html.text(rule.health.rawValue)
                html.raw("\">")
                html.text(rule.health.rawValue)
                html.raw("</span></td><td>")
                if rule.kind == .alerting {
                    html.raw("<span class=\"state ")
                    html.text(rule.state.rawValue)
                    html.raw("\">")
                    html.text(rule.state.rawValue)
                    html.raw("</span>")
                }
                html.raw("</td><td>")
                writeTime(rule.lastEvaluation, &html)
                html.raw("</td><td class=\"num\">")
                html.text(rule.lastEvaluation == nil ? "" : Self.evaluationDuration(rule.evaluationTime))
                html.raw("</td><td class=\"error\">")
                html.text(rule.lastError)
                html.raw("</td></tr>\n")
            }
            html.raw("</tbody>\n</table>\n</div>\n")
        }
        html.raw("</section>\n")
    }

    private func writeTargets(_ html: inout HTMLWriter) {
        html.raw("<section id=\"targets\">\n<h2>Targets</h2>\n")
        guard !targets.isEmpty else {
            html.raw("<p class=\"empty\">No targets are being scraped.</p>\n</section>\n")
            return
        }
        html.raw("<table>\n<thead><tr><th>Job</th><th>Endpoint</th><th>Health</th><th>Labels</th>")
        html.raw("<th>Last scrape</th><th>Duration</th><th>Last error</th></tr></thead>\n<tbody>\n")
        for target in targets {
            html.element("<tr><td class=\"name\">", target.scrapePool, "</td><td>")
            if target.scrapeURL.hasPrefix("http://") || target.scrapeURL.hasPrefix("https://") {
                html.element("<a href=\"", target.scrapeURL, "\">")
                html.text(target.scrapeURL)
                html.raw("</a>")
            } else {
                html.text(target.scrapeURL)
            }
            html.raw("</td><td><span class=\"health ")
            html.text(target.health.rawValue)
            html.raw("\">")
            html.text(target.health.rawValue)
            html.raw("</span></td><td>")
            html.labels(target.labels, except: "job")
            html.raw("</td><td>")
            writeTime(target.lastScrape, &html)
            html.raw("</td><td class=\"num\">")
            html.text(target.lastScrape == nil ? "" : Self.evaluationDuration(target.lastScrapeDuration))
            html.raw("</td><td class=\"error\">")
            html.text(target.lastError)
            html.raw("</td></tr>\n")
        }
        html.raw("</tbody>\n</table>\n</section>\n")
    }

    /// `<time datetime="RFC 3339">2026-11-25 10:48:30 UTC</time> (12s ago)` (kept on one line), or `never`.
    private func writeTime(_ t: Timestamp?, _ html: inout HTMLWriter) {
        guard let t else {
            html.raw("<span class=\"none\">never</span>")
            return
        }
        html.raw("<span class=\"ts\"><time datetime=\"")
        html.clock(t, iso: true)
        html.raw("\">")
        html.clock(t)
        html.raw("</time> <span class=\"ago\">(")
        html.age(now - t)
        html.raw(")</span></span>")
    }
}

extension StatusPage {
    // MARK: Ordering

    static func alertOrder(_ a: AlertView, _ b: AlertView) -> Bool {
        if a.state != b.state { return a.state == .firing }
        let (nameA, nameB) = (a.labels["alertname"], b.labels["alertname"])
        if nameA != nameB { return nameA < nameB }
        if a.labels != b.labels { return a.labels.lexicographicallyPrecedes(b.labels) }
        return (a.activeAt ?? .min) < (b.activeAt ?? .min)
    }

    static func targetOrder(_ a: TargetView, _ b: TargetView) -> Bool {
        if a.scrapePool != b.scrapePool { return a.scrapePool < b.scrapePool }
        if a.scrapeURL != b.scrapeURL { return a.scrapeURL < b.scrapeURL }
        return a.labels.lexicographicallyPrecedes(b.labels)
    }

    /// A group is `err` when one of its rules is, `ok` when all are, else `unknown` (not evaluated yet).
    static func health(of group: RuleGroupView) -> RuleHealthView {
        if group.rules.contains(where: { $0.health == .err }) { return .err }
        if !group.rules.isEmpty, group.rules.allSatisfy({ $0.health == .ok }) { return .ok }
        return .unknown
    }

    // MARK: Formatting

    /// `2026-11-25 10:48:30 UTC` (whole seconds, UTC): `HTMLWriter.clock(_:)` as a string.
    static func clock(_ t: Timestamp) -> String {
        var html = HTMLWriter(capacity: 32)
        html.clock(t)
        return String(decoding: html.bytes, as: UTF8.self)
    }

    /// `12s ago`, `3m 5s ago`, `in 5s`: `HTMLWriter.age(_:)` as a string.
    static func age(_ ms: Int64) -> String {
        var html = HTMLWriter(capacity: 32)
        html.age(ms)
        return String(decoding: html.bytes, as: UTF8.self)
    }

    /// A duration in seconds as `850µs`, `12.345ms` or `1.5s`.
    static func evaluationDuration(_ seconds: Double) -> String {
        guard seconds.isFinite, seconds >= 0 else { return "" }
        let micros = (seconds * 1_000_000).rounded()
        guard micros < 1e15 else { return "" }
        let us = Int64(micros)
        if us < 1000 { return "\(us)µs" }
        if us < 1_000_000 { return decimal(us, scale: 1000) + "ms" }
        return decimal(us / 1000, scale: 1000) + "s"
    }

    /// An interval in seconds as a Prometheus duration (`10s`, `1m30s`).
    static func seconds(_ seconds: Double) -> String {
        guard seconds.isFinite, seconds >= 0, seconds < 1e12 else { return "" }
        return PromDuration(milliseconds: Int64((seconds * 1000).rounded())).description
    }

    /// `value / scale` with up to three decimals, trailing zeros trimmed (`12345, 1000` → `12.345`).
    private static func decimal(_ value: Int64, scale: Int64) -> String {
        let whole = value / scale
        var fraction = value % scale
        guard fraction != 0 else { return "\(whole)" }
        var digits = 3
        while fraction % 10 == 0 {
            fraction /= 10
            digits -= 1
        }
        var fractionText = "\(fraction)"
        while fractionText.utf8.count < digits { fractionText = "0" + fractionText }
        return "\(whole).\(fractionText)"
    }

    // MARK: Style

    static let stylesheet: StaticString = """
        body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0 auto;max-width:1200px;\
        padding:0 16px 32px;color:#1d2433;background:#fff}
        h1{font-size:22px;margin:16px 0 2px}h2{font-size:18px;margin:28px 0 8px;border-bottom:2px solid #e3e7ee;\
        padding-bottom:4px}h3{font-size:15px;margin:16px 0 2px}
        a{color:#1a5fb4}.meta{color:#5e6a7d;margin:2px 0 8px}.file,.ago,.none{color:#7a8599;font-weight:normal}
        .counts{display:flex;flex-wrap:wrap;gap:8px;list-style:none;padding:0;margin:12px 0}
        .counts li{border:1px solid #d5dbe5;border-radius:6px;padding:6px 12px;background:#f6f8fb}
        .counts a{color:inherit;text-decoration:none}.counts .firing b{color:#c01c28}.counts .pending b{color:#b36b00}
        table{border-collapse:collapse;width:100%;margin:4px 0 8px}
        th,td{text-align:left;vertical-align:top;padding:5px 8px;border-bottom:1px solid #e3e7ee}
        th{background:#f6f8fb;font-weight:600;font-size:13px}td.num{font-variant-numeric:tabular-nums;\
        white-space:nowrap}
        .name{font-weight:600}.kind{font-size:11px;color:#5e6a7d;text-transform:uppercase}
        code{font:12px/1.4 ui-monospace,Menlo,Consolas,monospace;color:#3d4657;word-break:break-word}
        .label{display:inline-block;background:#eef1f6;border-radius:4px;padding:0 5px;margin:1px 0;\
        font:12px/1.6 ui-monospace,Menlo,Consolas,monospace;overflow-wrap:break-word}
        .ann{margin:1px 0}.ann b{font-weight:600;color:#5e6a7d}
        .state,.health{display:inline-block;border-radius:4px;padding:0 6px;font-size:12px;font-weight:600}
        .state.firing,.health.err,.health.down{color:#c01c28;background:#fde8ea}
        .state.pending{color:#b36b00;background:#fff3dc}.counts .err{color:#c01c28}
        .health.ok,.health.up{color:#1d7a3a;background:#e4f6e9}.health.unknown,.state.inactive{color:#5e6a7d;\
        background:#eef1f6}
        td.error{color:#c01c28;font-size:13px;word-break:break-word}.empty{color:#5e6a7d;font-style:italic}
        .group{margin-bottom:12px}.ts{white-space:nowrap}
        table.rules{table-layout:fixed}col.rule{width:40%}col.tag{width:80px}col.when{width:290px}col.took{width:90px}
        """
}
