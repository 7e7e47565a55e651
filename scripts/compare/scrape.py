#!/usr/bin/env python3
"""Scrape the same real targets with Klaxon and a real Prometheus 2.42 and compare what both stored.

Starts /usr/bin/prometheus-node-exporter (Debian package prometheus-node-exporter, installed with apt-get when
missing), a real /usr/bin/prometheus that scrapes the node exporter and its own /metrics, and `klaxon run` (the
debug build, or $KLAXON) with the same prometheus.yml, each with its own storage and loopback port. After
--scrapes scrapes (default 3) it compares, through both HTTP APIs:

  * `up` per target, and the moment of the interval at which each target is scraped;
  * the label sets from /api/v1/series per job, minus series that legitimately differ (listed, with the reason);
  * scrape_samples_scraped, scrape_samples_post_metric_relabeling and scrape_series_added per target;
  * values of stable series, read at the same moment from both.

Prints a Markdown report (docs/compat.md keeps the last one: --write puts it there) and exits 1 on a difference
that is not explained.

Usage: scripts/compare/scrape.py [--scrapes 3] [--interval 5] [--write]
"""
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))  # scripts/<job>/ → the repository


def arg(name, default):
    return type(default)(sys.argv[sys.argv.index(name) + 1]) if name in sys.argv else default


SCRAPES = arg("--scrapes", 3)
INTERVAL = arg("--interval", 5)
KLAXON = os.environ.get("KLAXON", os.path.join(ROOT, ".build", "debug", "klaxon"))

# Series whose presence legitimately differs between the two scrapers: they describe the scraper's own requests
# to the scraped Prometheus (handler/code labels appear when that request first happens), so which of them exist at
# a given moment depends on when each scraper's scrapes and our API calls hit the target.
TIMING_DEPENDENT = [
    (re.compile(r'^prometheus_http_(requests_total|request_duration_seconds_(bucket|sum|count)|response_size_bytes_(bucket|sum|count))$'),
     "per-handler HTTP metrics of the scraped Prometheus: a handler's series appear when the compare script's own "
     "API calls first reach it, between the two scrapers' scrapes"),
]

JOBS = ("node", "prometheus", "node-filtered", "klaxon", "edge-text", "edge-honor", "edge-openmetrics", "edge-limited",
        "relabeled")

# Values known to differ, with the reason: (metric name, job) -> reason.
KNOWN_VALUE_DIFFERENCES = {
    ("scrape_samples_scraped", "bad-duplicate-label"):
        "Prometheus' parser passes the line and its appender rejects it (`label name \"a\" is not unique`), so the "
        "line counts as scraped; Klaxon's parser rejects it (not fixed: needs the duplicate check moved out of the "
        "shared parser)",
}

# Stable series: the same value at the same moment in both stores.
STABLE = [
    'node_memory_MemTotal_bytes',
    'node_boot_time_seconds',
    'count(node_cpu_seconds_total) by (mode)',
    'node_exporter_build_info',
    'node_filesystem_size_bytes{fstype!~"tmpfs|overlay"}',
    'node_os_info',
    'node_uname_info',
    'prometheus_build_info',
    'prometheus_config_last_reload_successful',
    'prometheus_tsdb_lowest_timestamp_seconds',
    'go_info',
    'node_memory_MemTotal_bytes{job="node-filtered"}',
    'count by (cpu_mode) (node_cpu_seconds_total{job="node-filtered"})',
    'count by (job) ({__name__=~".+"})',
    'count by (job, __name__) ({__name__=~"node_.*_info"})',
    '{job=~"edge.*|bad-.*", __name__!="scrape_duration_seconds"}',
    'count by (job) ({job=~"edge.*|bad-.*"})',
]


TEXT_EDGE = r"""# HELP edge_requests_total Requests.
# TYPE edge_requests_total counter
edge_requests_total{method="GET",code="200"} 1027
edge_requests_total{method="POST",code="500"} 3
edge_requests_total{ method="PUT" , code="201" } 4 
# TYPE edge_gauge gauge
edge_gauge NaN
edge_gauge_inf +Inf
edge_gauge_neginf -Inf
edge_escape{path="C:\\dir",quote="say \"hi\"",nl="a\nb"} 1
edge_unicode{name="ünïcödé ✓"} 2
edge_exp 1.5e-3
edge_big 123456789012345678901234567890
edge_no_type 42
edge:colon:metric 7
edge_conflict{job="inner",instance="other",exported_job="x"} 5
edge_empty_label{a="",b="1"} 6
edge_label_order{b="2",a="1"} 8
edge_trailing_comma{a="1",} 9
edge_negative_zero -0
edge_plus_sign +12
edge_dot_value .5
edge_ts_old 11 1600000000000
edge_dup 1
edge_dup 2
# TYPE edge_hist histogram
edge_hist_bucket{le="0.1"} 1
edge_hist_bucket{le="1.0"} 2
edge_hist_bucket{le="+Inf"} 3
edge_hist_sum 1.5
edge_hist_count 3
# TYPE edge_summary summary
# HELP edge_summary A summary.
edge_summary{quantile="0.5"} 0.2
edge_summary{quantile="0.99"} NaN
edge_summary_sum 10
edge_summary_count 4
# TYPE edge_untyped untyped
edge_untyped{x="y"} 13

"""

OPENMETRICS_EDGE = r"""# TYPE om_requests counter
# HELP om_requests Requests.
om_requests_total{code="200"} 17 # {trace_id="abc"} 1.0 1600000000.000
om_requests_created{code="200"} 1600000000.123
# TYPE om_temperature_celsius gauge
# UNIT om_temperature_celsius celsius
om_temperature_celsius{room="a"} 21.5
# TYPE om_info info
om_info{version="1.2"} 1
# TYPE om_state stateset
om_state{om_state="on"} 1
om_state{om_state="off"} 0
# TYPE om_hist histogram
om_hist_bucket{le="0.5"} 1
om_hist_bucket{le="+Inf"} 2
om_hist_count 2
om_hist_sum 0.75
om_hist_created 1600000000
# TYPE om_unknown unknown
om_unknown 3
# EOF
"""

TEXT = "text/plain; version=0.0.4; charset=utf-8"
OM = "application/openmetrics-text; version=1.0.0; charset=utf-8"

# Bodies served at /bad/<name>: each is the target of a job `bad-<name>`; both scrapers must agree on `up`, the
# samples kept and the error text /api/v1/targets shows.
BAD = {
    "label-unclosed": (TEXT, 'ok 1\nm{a="b" 2\n'),
    "value": (TEXT, "m abc\n"),
    "timestamp": (TEXT, "m 1 abc\n"),
    "spurious": (TEXT, "m 1 2 3\n"),
    "escape": (TEXT, 'm{a="\\q"} 1\n'),
    "utf8": (TEXT, b'm{a="\xff"} 1\n'),
    "duplicate-label": (TEXT, 'm{a="1",a="2"} 1\n'),
    "no-final-newline": (TEXT, "m 1"),
    "type-twice": (TEXT, "# TYPE m counter\nm 1\n# TYPE m gauge\nn 2\n"),
    "name-start": (TEXT, "1m 1\n"),
    "empty": (TEXT, ""),
    "blank-lines": (TEXT, "\n\n  \nm 1\n\n"),
    "crlf": (TEXT, "m 1\r\n"),
    "om-no-eof": (OM, "a 1\n"),
    "om-unit": (OM, "# TYPE a_bytes gauge\n# UNIT a_bytes seconds\na_bytes 1\n# EOF\n"),
    "om-nan-timestamp": (OM, "a 1 NaN\n# EOF\n"),
    "om-after-eof": (OM, "a 1\n# EOF\nb 2\n"),
    "om-trailing-space": (OM, "a 1 \n# EOF\n"),
    "om-counter-no-total": (OM, "# TYPE c counter\nc 1\n# EOF\n"),
    "om-created-only": (OM, "# TYPE c counter\nc_total 1\nc_created 1600000000\n# EOF\n"),
}


# Request headers seen at /text, by distinct set: one set when both scrapers send the same headers.
HEADERS_COMPARED = ("Accept", "Accept-Encoding", "User-Agent", "X-Prometheus-Scrape-Timeout-Seconds")
REQUEST_HEADERS = {}


def serve_edge(port):
    """A target whose exposition exercises the parsers: /text (0.0.4), /openmetrics (OpenMetrics when the
    scraper accepts it, else text), /broken (a malformed line: the scrape fails)."""
    import http.server
    import threading

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            if self.path == "/text":
                seen = tuple((k, self.headers.get(k, "")) for k in sorted(HEADERS_COMPARED))
                REQUEST_HEADERS[seen] = REQUEST_HEADERS.get(seen, 0) + 1
            accept = self.headers.get("Accept", "")
            if self.path.startswith("/openmetrics") and "application/openmetrics-text" in accept:
                body, ctype = OPENMETRICS_EDGE, "application/openmetrics-text; version=1.0.0; charset=utf-8"
            elif self.path.startswith("/openmetrics"):
                body, ctype = "om_fallback_text 1\n", "text/plain; version=0.0.4; charset=utf-8"
            elif self.path.startswith("/bad/") and self.path[5:] in BAD:
                ctype, body = BAD[self.path[5:]]
            else:
                body, ctype = TEXT_EDGE, "text/plain; version=0.0.4; charset=utf-8"
            data = body if isinstance(body, bytes) else body.encode()
            self.send_response(200)
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def get_json(base, path, params=None):
    url = base + path + ("?" + urllib.parse.urlencode(params, doseq=True) if params else "")
    with urllib.request.urlopen(url, timeout=10) as resp:
        return json.load(resp)


def wait_ready(base, what, proc, log):
    for _ in range(200):
        if proc.poll() is not None:
            sys.exit(f"{what} exited ({proc.returncode}); see {log}")
        try:
            with urllib.request.urlopen(base, timeout=1):
                return
        except Exception:
            time.sleep(0.2)
    sys.exit(f"{what} did not become ready; see {log}")


def labels_key(metric):
    return tuple(sorted(metric.items()))


def fmt(metric):
    name = metric.get("__name__", "")
    rest = ", ".join(f'{k}="{v}"' for k, v in sorted(metric.items()) if k != "__name__")
    return f"{name}{{{rest}}}"


def instant(base, expr, at):
    body = get_json(base, "/api/v1/query", {"query": expr, "time": f"{at:.3f}"})
    if body.get("status") != "success":
        return {"error": body.get("error")}
    return {labels_key(r["metric"]): r["value"][1] for r in body["data"]["result"]}


def main():
    for tool in ("/usr/bin/prometheus", KLAXON):
        if not os.path.exists(tool):
            sys.exit(f"{tool} not found (Debian package prometheus; `swift build` for klaxon)")
    if not os.path.exists("/usr/bin/prometheus-node-exporter"):
        subprocess.run(["apt-get", "install", "-y", "prometheus-node-exporter"], check=True, stdout=subprocess.DEVNULL)
    work = tempfile.mkdtemp(prefix="klaxon-compare-scrape-")
    node_port, prom_port, klaxon_port, edge_port = free_port(), free_port(), free_port(), free_port()
    edge = serve_edge(edge_port)
    config = f"""global:
  external_labels: {{site: 'lab "1"', replica: a}}
  scrape_interval: {INTERVAL}s
  scrape_timeout: {max(1, INTERVAL - 1)}s
scrape_configs:
  - job_name: node
    static_configs:
      - targets: ['127.0.0.1:{node_port}']
  - job_name: prometheus
    static_configs:
      - targets: ['127.0.0.1:{prom_port}']
  - job_name: node-filtered
    params:
      'collect[]': [cpu, meminfo, loadavg]
    relabel_configs:
      - target_label: env
        replacement: test
    metric_relabel_configs:
      - source_labels: [__name__]
        regex: 'go_.*|promhttp_.*|process_.*'
        action: drop
      - source_labels: [mode]
        regex: '(.+)'
        target_label: cpu_mode
        replacement: 'm_$1'
    static_configs:
      - targets: ['127.0.0.1:{node_port}']
  - job_name: klaxon
    static_configs:
      - targets: ['127.0.0.1:{klaxon_port}']
  - job_name: edge-text
    metrics_path: /text
    static_configs:
      - targets: ['127.0.0.1:{edge_port}']
  - job_name: edge-honor
    metrics_path: /text
    honor_labels: true
    honor_timestamps: false
    static_configs:
      - targets: ['127.0.0.1:{edge_port}']
  - job_name: edge-openmetrics
    metrics_path: /openmetrics
    static_configs:
      - targets: ['127.0.0.1:{edge_port}']
  - job_name: relabeled
    metrics_path: /text
    scheme: http
    params:
      x: [y]
    static_configs:
      - targets: ['127.0.0.1:{edge_port}', 'localhost:{edge_port}']
        labels:
          team: a
    relabel_configs:
      - source_labels: [__address__]
        regex: 'localhost:.*'
        action: drop
      - source_labels: [__address__]
        target_label: __param_target
      - source_labels: [team]
        target_label: __metrics_path__
        replacement: /text
  - job_name: edge-limited
    metrics_path: /text
    sample_limit: 10
    static_configs:
      - targets: ['127.0.0.1:{edge_port}']
"""
    for name in BAD:
        config += f"""  - job_name: bad-{name}
    metrics_path: /bad/{name}
    static_configs:
      - targets: ['127.0.0.1:{edge_port}']
"""
    with open(os.path.join(work, "prometheus.yml"), "w") as f:
        f.write(config)
    procs = []

    def start(name, argv):
        log = os.path.join(work, name + ".log")
        p = subprocess.Popen(argv, cwd=work, stdout=open(log, "w"), stderr=subprocess.STDOUT)
        procs.append(p)
        return p, log

    try:
        node, node_log = start("node-exporter", ["/usr/bin/prometheus-node-exporter",
                                                  f"--web.listen-address=127.0.0.1:{node_port}"])
        wait_ready(f"http://127.0.0.1:{node_port}/metrics", "node exporter", node, node_log)
        prom, prom_log = start("prometheus", ["/usr/bin/prometheus", "--config.file=prometheus.yml",
                                              f"--storage.tsdb.path={work}/prometheus-data",
                                              f"--web.listen-address=127.0.0.1:{prom_port}"])
        klaxon, klaxon_log = start("klaxon", [KLAXON, "run", "--config.file=prometheus.yml",
                                              f"--storage.path={work}/klaxon-data",
                                              f"--web.listen-address=127.0.0.1:{klaxon_port}",
                                              "--compat=prometheus2"])
        P, K = f"http://127.0.0.1:{prom_port}", f"http://127.0.0.1:{klaxon_port}"
        wait_ready(P + "/-/ready", "prometheus", prom, prom_log)
        wait_ready(K + "/-/ready", "klaxon", klaxon, klaxon_log)
        started = time.time()
        # Prometheus spreads a target's first scrape over the interval; wait for SCRAPES in both.
        deadline = started + (SCRAPES + 2) * INTERVAL + 10
        while time.time() < deadline:
            done = True
            for base in (P, K):
                r = instant(base, "min(count_over_time(up[1h]))", time.time())
                v = next(iter(r.values()), "0") if "error" not in r else "0"
                done = done and float(v) >= SCRAPES
            if done:
                break
            time.sleep(1)
        report = compare(P, K, node_port, prom_port)
        # The node exporter goes away: both must write up 0 and stale markers for all its series.
        node.send_signal(signal.SIGTERM)
        node.wait(timeout=20)
        deadline = time.time() + 3 * INTERVAL + 10
        while time.time() < deadline:
            downs = [instant(b, 'count(up{job=~"node.*"} == 0)', time.time()) for b in (P, K)]
            if all(next(iter(d.values()), "0") == "2" for d in downs if "error" not in d):
                break
            time.sleep(1)
        time.sleep(1)
        down = target_down(P, K)
        report = (report[0] + "\n\n" + down[0], report[1] + down[1])
    finally:
        for p in reversed(procs):
            p.send_signal(signal.SIGTERM)
        for p in procs:
            try:
                p.wait(timeout=20)
            except subprocess.TimeoutExpired:
                p.kill()
        if "--keep" not in sys.argv:
            shutil.rmtree(work, ignore_errors=True)
    text, failures = report
    print(text)
    if "--write" in sys.argv:
        with open(os.path.join(ROOT, "docs", "compat.md"), "r+") as f:
            doc = f.read()
            start_mark, end_mark = "<!-- compare-scrape:begin -->", "<!-- compare-scrape:end -->"
            head, _, rest = doc.partition(start_mark)
            _, _, tail = rest.partition(end_mark)
            f.seek(0)
            f.write(head + start_mark + "\n" + text + "\n" + end_mark + tail)
            f.truncate()
    sys.exit(1 if failures else 0)


def compare(P, K, node_port, prom_port):
    out, failures = [], []
    versions = {
        "prometheus": instant(P, "prometheus_build_info", time.time()),
        "node": instant(P, "node_exporter_build_info", time.time()),
    }
    pv = next((dict(k).get("version") for k in versions["prometheus"]), "?")
    nv = next((dict(k).get("version") for k in versions["node"]), "?")
    out.append(f"Run of `scripts/compare/scrape.py --scrapes {SCRAPES} --interval {INTERVAL}` on "
               f"{time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}: Prometheus {pv}, node exporter {nv}, "
               f"both scraped by Prometheus and by `klaxon run --compat=prometheus2` with one prometheus.yml.")
    out.append("")

    # Both stores read at one moment, a little in the past so both have committed the scrape.
    at = time.time() - 1

    # 1. up
    up_p, up_k = instant(P, "up", at), instant(K, "up", at)
    row = "same" if up_p == up_k else "**differs**"
    if up_p != up_k:
        failures.append("up")
    out.append("| check | Prometheus | Klaxon | result |")
    out.append("|---|---|---|---|")
    out.append(f"| `up` | {render_pair(up_p, up_k)} | {row} |")

    # Where in the interval each target is scraped. Prometheus places a target at (hash(labels, URL) ^ jitterSeed)
    # mod interval, the seed made of the host's FQDN and the external labels; Klaxon must pick the same moment.
    period = INTERVAL * 1000

    def circular(a, b):
        d = abs(a - b) % period
        return min(d, period - d)

    def phases(base):
        body = get_json(base, "/api/v1/query", {"query": f"up[{(SCRAPES + 2) * INTERVAL}s]", "time": f"{at:.3f}"})
        result = {}
        for series in body["data"]["result"]:
            ms = [round(float(t) * 1000) % period for t, _ in series["values"]]
            result[labels_key(series["metric"])] = min(ms, key=lambda m: sum(circular(m, o) for o in ms))
        return result
    phase_p, phase_k = phases(P), phases(K)
    off = {key: circular(phase_p[key], phase_k[key]) for key in set(phase_p) & set(phase_k)}
    far = sorted(key for key, d in off.items() if d > 100)
    if far or not off or set(phase_p) != set(phase_k):
        failures.append("scrape phase")
    worst = max(off.values(), default=0)
    out.append(f"| scrape moment in the interval ({len(off)} targets, up to 100 ms apart) | | | "
               + ("same, at most " + str(worst) + " ms apart" if not far and off and set(phase_p) == set(phase_k) else
                  "**differs**: " + cell("; ".join(f"{fmt(dict(k))}: P={phase_p[k]} K={phase_k[k]} ms" for k in far[:5])))
               + " |")

    # Scrape errors, as /api/v1/targets reports them.
    def errors(base):
        targets = get_json(base, "/api/v1/targets")["data"]["activeTargets"]
        return {t["labels"].get("job", ""): t.get("lastError", "") for t in targets}
    errors_p, errors_k = errors(P), errors(K)
    for job in sorted(set(errors_p) | set(errors_k)):
        ep, ek = errors_p.get(job, "?"), errors_k.get(job, "?")
        if ep or ek:
            out.append(f"| `lastError` of job {job} | {cell(ep) or '(none)'} | {cell(ek) or '(none)'} | "
                       f"{'same' if ep == ek else 'differs'} |")

    # /api/v1/targets: the fields that do not depend on timing, per target.
    def targets(base):
        body = get_json(base, "/api/v1/targets")["data"]
        out = {}
        for t in body["activeTargets"]:
            out[(t["scrapePool"], t["scrapeUrl"])] = {
                k: t.get(k) for k in sorted(t) if k not in ("lastScrape", "lastScrapeDuration", "lastError", "health", "globalUrl")
            }
        dropped = sorted(json.dumps(t["discoveredLabels"], sort_keys=True) for t in body["droppedTargets"])
        out[("dropped", "")] = {"discoveredLabels": dropped}
        return out, sorted(body.keys())
    (tp, kp), (tk, kk) = targets(P), targets(K)
    differing = []
    for key in sorted(set(tp) | set(tk)):
        a, b = tp.get(key), tk.get(key)
        if a != b:
            fields = sorted(f for f in set(a or {}) | set(b or {}) if (a or {}).get(f) != (b or {}).get(f))
            differing.append(f"{key[0]}: " + ", ".join(f"{f} P={json.dumps((a or {}).get(f))} K={json.dumps((b or {}).get(f))}"
                                                      for f in fields))
    if kp != kk:
        differing.append(f"data keys P={kp} K={kk}")
    if differing:
        failures.append("/api/v1/targets")
    # globalUrl is left out: Prometheus puts the host of its external URL (os.Hostname() by default) in place of a
    # loopback target host; Klaxon shows the scrape URL (docs/compat.md, known differences).
    out.append(f"| `/api/v1/targets` (all fields but timings, health, lastError, globalUrl; {len(tp)} targets) | | | "
               f"{'same' if not differing else '**differs**: ' + cell('; '.join(differing[:6]))} |")

    # Request headers (edge-text, edge-honor and edge-limited scrape /text with the same timeout).
    sets = sorted(REQUEST_HEADERS)
    # Debian's build says `Prometheus/2.42.0+ds`; Klaxon says what upstream's 2.42.0 says.
    strip = lambda headers: tuple((k, re.sub(r"\+ds$", "", v) if k == "User-Agent" else v) for k, v in headers)
    same = len({strip(h) for h in sets}) == 1
    if not same:
        failures.append("request headers")
    shown = "<br>".join("; ".join(f"`{k}: {cell(v)}`" for k, v in headers) for headers in sets)
    out.append(f"| request headers at `/text` | {len(sets)} distinct | {shown} | "
               f"{'same (but for Debian’s `+ds` in User-Agent)' if same and len(sets) > 1 else 'same' if same else '**differs**'} |")

    # 2. per-target scrape_* series. The /metrics of Prometheus and of Klaxon change between the two scrapers'
    # scrapes (new handler series, new rule series): those two targets are shown, not compared.
    moving = ("prometheus", "klaxon")
    for name in ("scrape_samples_scraped", "scrape_samples_post_metric_relabeling", "scrape_series_added"):
        p, k = instant(P, name, at), instant(K, name, at)
        if name == "scrape_series_added":
            # After the first scrape it counts series new to the scrape cache: compare the first scrape's value.
            p, k = instant(P, f"max_over_time({name}[1h])", at), instant(K, f"max_over_time({name}[1h])", at)
        keys = sorted(set(p) | set(k))
        differing = [key for key in keys if p.get(key) != k.get(key) and dict(key).get("job") not in moving]
        known = {key: KNOWN_VALUE_DIFFERENCES.get((name, dict(key).get("job"))) for key in differing}
        unexplained = [key for key in differing if not known[key]]
        moved = [dict(key).get("job") for key in keys if p.get(key) != k.get(key) and dict(key).get("job") in moving]
        note = "same" if not differing else ("**differs**" if unexplained else "same except known: " + cell(
            "; ".join(f"{fmt(dict(key))} ({known[key]})" for key in differing)))
        if moved:
            note += f" (not compared: {', '.join(moved)}, whose /metrics changed between the scrapes)"
        if name == "scrape_series_added":
            note = "first scrape (max over 1h): " + note
        if unexplained:
            failures.append(name)
        out.append(f"| `{name}` | {render_pair(p, k)} | {note} |")

    # 3. series label sets per job
    out.append("")
    out.append("| job | series (Prometheus) | series (Klaxon) | only in Prometheus | only in Klaxon | explained |")
    out.append("|---|---|---|---|---|---|")
    explained_rows = []
    for job in JOBS:
        params = {"match[]": f'{{job="{job}"}}', "start": f"{at - 3600:.3f}", "end": f"{at:.3f}"}
        sp = {labels_key(m) for m in get_json(P, "/api/v1/series", params)["data"]}
        sk = {labels_key(m) for m in get_json(K, "/api/v1/series", params)["data"]}
        only_p, only_k = sp - sk, sk - sp
        unexplained = []
        explained = 0
        for key in sorted(only_p | only_k):
            metric = dict(key)
            reason = next((r for rx, r in TIMING_DEPENDENT if rx.match(metric.get("__name__", ""))), None)
            side = "Prometheus" if key in only_p else "Klaxon"
            if reason:
                explained += 1
                explained_rows.append(f"- only in {side}: `{fmt(metric)}` ({reason})")
            else:
                unexplained.append(f"- only in {side}: `{fmt(metric)}`")
        out.append(f"| {job} | {len(sp)} | {len(sk)} | {len(only_p)} | {len(only_k)} | {explained} |")
        if unexplained:
            failures.append(f"series of job {job}")
            explained_rows.extend(u + " — **unexplained**" for u in unexplained)
    if explained_rows:
        out.append("")
        out.append("Series present in one store only:")
        out.append("")
        out.extend(explained_rows[:60])
        if len(explained_rows) > 60:
            out.append(f"- … {len(explained_rows) - 60} more")

    # 4. stable values
    out.append("")
    out.append("| stable expression | series | result |")
    out.append("|---|---|---|")
    for expr in STABLE:
        p, k = instant(P, expr, at), instant(K, expr, at)
        known = [(key, KNOWN_VALUE_DIFFERENCES.get((dict(key).get("__name__"), dict(key).get("job"))))
                 for key in sorted(set(p) | set(k)) if p.get(key) != k.get(key)]
        if "error" not in p and known and all(reason for _, reason in known):
            notes = "; ".join(f"{fmt(dict(key))}: P={p.get(key)} K={k.get(key)} ({reason})" for key, reason in known)
            out.append(f"| `{cell(expr)}` | {len(p)} | same except known: {cell(notes)} |")
        elif p == k and "error" not in p:
            out.append(f"| `{cell(expr)}` | {len(p)} | same |")
        else:
            failures.append(expr)
            diff = [f"{fmt(dict(key))}: P={p.get(key)} K={k.get(key)}" for key in sorted(set(p) | set(k))
                    if p.get(key) != k.get(key)]
            out.append(f"| `{cell(expr)}` | {len(p)}/{len(k)} | **differs**: {cell('; '.join(diff[:5]))} |")
    out.append("")
    out.append("Result: " + ("no unexplained difference." if not failures else "differences in " + ", ".join(failures) + "."))
    return "\n".join(out), failures


def cell(text):
    return text.replace("|", "\\|")


def target_down(P, K):
    """After the node exporter stopped: up, the scrape_* series and what an instant query still sees."""
    at = time.time() - 1
    out, failures = ["After stopping the node exporter (both scrapers saw the failed scrape):", ""], []
    out.append("| expression | Prometheus | Klaxon | result |")
    out.append("|---|---|---|---|")
    for expr in (
        'up{job=~"node.*"}',
        'scrape_samples_scraped{job=~"node.*"}',
        'scrape_samples_post_metric_relabeling{job=~"node.*"}',
        'scrape_series_added{job=~"node.*"}',
        'count by (job) ({job=~"node.*", __name__!~"up|scrape_.*"})',
        'count by (job) (last_over_time({job=~"node.*", __name__="node_boot_time_seconds"}[1h]))',
    ):
        p, k = instant(P, expr, at), instant(K, expr, at)
        same = p == k and "error" not in p
        if not same:
            failures.append(expr)
        out.append(f"| `{cell(expr)}` | {render_pair(p, k)} | {'same' if same else '**differs**'} |")
    return "\n".join(out), failures


def render_pair(p, k):
    """Both columns: the series once when they agree, else each side's series that differ."""
    if p == k and "error" not in p:
        if len(p) > 4:
            return f"{len(p)} series, values: " + ", ".join(f"{v} ×{list(p.values()).count(v)}"
                                                             for v in sorted(set(p.values()))) + " | identical"
        return render(p) + " | identical"
    if "error" in p or "error" in k:
        return render(p) + " | " + render(k)
    keys = [key for key in sorted(set(p) | set(k)) if p.get(key) != k.get(key)]
    return (render({key: p[key] for key in keys if key in p}) + " | "
            + render({key: k[key] for key in keys if key in k}))


def render(d):
    if "error" in d:
        return "error: " + str(d["error"])
    return "<br>".join(f"`{cell(fmt(dict(k)))}` {v}" for k, v in sorted(d.items())) or "(none)"


if __name__ == "__main__":
    main()
