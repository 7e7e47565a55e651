#!/usr/bin/env python3
"""Federate Klaxon from real Prometheus 2.42 servers, and compare Klaxon's /federate with Prometheus's own.

Starts, all on loopback with their own storage:
  * an edge exporter (served by this script: escapes, unicode, NaN/±Inf/-0, histogram and summary series,
    `job`/`instance`/external-label clashes, an explicit timestamp, a series that goes away);
  * `klaxon run` (the debug build, or $KLAXON) and a "local" /usr/bin/prometheus, both scraping the exporter with
    one prometheus.yml (external labels included);
  * two "global" Prometheus servers scraping Klaxon's /federate as users configure it (`metrics_path: /federate`,
    `honor_labels: true`, `params: {'match[]': ['{job="edge"}']}`): one as shipped (its scraper asks for text),
    one with `--enable-feature=native-histograms` (its scraper asks for the protobuf delimited format first).
    Both reach Klaxon through a recording proxy in this script, which shows the formats actually served.

Then it compares:
  1. each global's stored series (/api/v1/series) with Klaxon's series of job "edge" plus the external labels;
  2. each global's stored samples over the run with Klaxon's raw samples (same timestamps, same values), and each
     global's latest sample of every series with Klaxon's latest one at the global's last scrape;
  3. a series that went away: Klaxon's staleness marker keeps it out of /federate; the globals keep its last
     sample (Prometheus writes no staleness markers for samples that carry timestamps, as federated ones do),
     which must be Klaxon's last one before the marker;
  4. Klaxon's /federate answers with the local Prometheus's for the same requests: errors (status, content type,
     body), methods, `match[]` variants, and the body in every format `expfmt.Negotiate` picks (text 0.0.4,
     protobuf delimited, protobuf text and compact text), with timestamps and the values of the series whose
     values differ between two scrapers (scrape durations, the explicit timestamp) masked, and the series of each
     family sorted (Prometheus does not order them).

Prints a Markdown report and exits 1 on a difference that is not explained. Exits 0 with `skipped:` when
/usr/bin/prometheus is not installed.

Usage: scripts/compare/federate.py [--interval 1] [--scrapes 3] [--keep]
"""
import json
import os
import re
import shutil
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lib"))
import peers  # noqa: E402

PROMETHEUS = "/usr/bin/prometheus"


def arg(name, default):
    return type(default)(sys.argv[sys.argv.index(name) + 1]) if name in sys.argv else default


INTERVAL = arg("--interval", 1)
SCRAPES = arg("--scrapes", 3)
KLAXON = peers.KLAXON

EXTERNAL_LABELS = {"zone": "eu", "replica": "a", "site": 'lab "1"'}

EDGE = r"""# HELP fed_gauge A gauge.
# TYPE fed_gauge gauge
fed_gauge{kind="one"} 1
fed_gauge{kind="negzero"} -0
fed_gauge{kind="million"} 1e6
fed_gauge{kind="tiny"} 1.5e-7
fed_gauge{kind="big"} 123456789012345678901234567890
fed_gauge{kind="nan"} NaN
fed_gauge{kind="inf"} +Inf
fed_gauge{kind="neginf"} -Inf
fed_gauge{kind="frac"} 0.1
# TYPE fed_requests_total counter
fed_requests_total{code="200",method="GET"} 1027
fed_escape{path="C:\\dir",quote="say \"hi\"",nl="a\nb",tab="a	b"} 1
fed_unicode{name="ünïcödé ✓"} 2
Upper_metric{A="x",z="y"} 3
a:colon:metric 4
fed_conflict{job="inner",instance="other",zone="exported"} 5
fed_own_replica{replica="own"} 6
# TYPE fed_hist histogram
fed_hist_bucket{le="0.1"} 1
fed_hist_bucket{le="+Inf"} 3
fed_hist_sum 1.5
fed_hist_count 3
# TYPE fed_summary summary
fed_summary{quantile="0.5"} 0.2
fed_summary_sum 10
fed_summary_count 4
"""
# Served with a timestamp 30 s before each scrape (honored by both scrapers, passed on by /federate).
EXPLICIT = "fed_explicit_ts 12 {ms}\n"
# Served until the script removes it: the scrapers write staleness markers, /federate then leaves it out.
VANISHING = "fed_vanishing 7\n"

# Series whose values differ between Klaxon's and the local Prometheus's scrapes of the same exporter.
MOVING = {"scrape_duration_seconds", "fed_explicit_ts"}

STATE = {"vanish": False, "records": [], "klaxon": None}
LOCK = threading.Lock()

ACCEPT = {
    "text (no Accept)": None,
    "Prometheus 2.42's scrape Accept": "application/openmetrics-text;version=1.0.0,application/openmetrics-text;"
                                       "version=0.0.1;q=0.75,text/plain;version=0.0.4;q=0.5,*/*;q=0.1",
    "protobuf delimited (native-histograms scrape Accept)":
        "application/vnd.google.protobuf;proto=io.prometheus.client.MetricFamily;encoding=delimited,"
        "application/openmetrics-text;version=1.0.0;q=0.8,application/openmetrics-text;version=0.0.1;q=0.75,"
        "text/plain;version=0.0.4;q=0.5,*/*;q=0.1",
    "protobuf text": "application/vnd.google.protobuf;proto=io.prometheus.client.MetricFamily;encoding=text",
    "protobuf compact text": "application/vnd.google.protobuf; proto=io.prometheus.client.MetricFamily; "
                             "encoding=compact-text",
    "q orders clauses": "application/vnd.google.protobuf;proto=io.prometheus.client.MetricFamily;"
                        "encoding=delimited;q=0.4,text/plain;q=0.5",
    "wildcard before protobuf": "*/*;q=1,application/vnd.google.protobuf;"
                                "proto=io.prometheus.client.MetricFamily;encoding=delimited;q=0.9",
    "OpenMetrics only": "application/openmetrics-text;version=1.0.0",
}

# (case, method, query string, Accept name); the body is compared normalised when the status is 200.
REQUESTS = [
    ("no match[]", "GET", "", None),
    ("empty match[]", "GET", "match[]=", None),
    ("{} matches nothing", "GET", "match[]=%7B%7D", None),
    ("matches nothing", "GET", "match[]=does_not_exist", None),
    ("bad selector start", "GET", "match[]=-x", None),
    ("bad selector middle", "GET", "match[]=not-a-name", None),
    ("unclosed braces", "GET", "match[]=up%7B", None),
    ("function", "GET", "match[]=rate(up%5B1m%5D)", None),
    ("range", "GET", "match[]=up%5B5m%5D", None),
    ("offset", "GET", "match[]=up%20offset%201m", None),
    ("bad regex", "GET", "match[]=%7Bjob%3D~%22(%22%7D", None),
    ("second selector bad", "GET", "match[]=up&match[]=%7B", None),
    ("bad escape", "GET", "match[]=%zz", None),
    ("semicolon", "GET", "match[]=up;x=1", None),
    ("POST", "POST", "match[]=up", None),
    ("PUT", "PUT", "match[]=up", None),
    ("DELETE", "DELETE", "match[]=up", None),
    ("HEAD", "HEAD", "match[]=up", None),
    ("OPTIONS", "OPTIONS", "match[]=up", None),
    ("empty-value matcher", "GET", "match[]=%7Bjob%3D%22edge%22%2Ckind%3D%22%22%2C__name__%3D~%22fed_g.*%22%7D", None),
    ("two overlapping selectors", "GET", "match[]=%7Bjob%3D%22edge%22%7D&match[]=fed_gauge", None),
    ("up and scrape series", "GET", "match[]=%7B__name__%3D~%22up%7Cscrape_.*%22%2Cjob%3D%22edge%22%7D", None),
] + [(f"job edge, {name}", "GET", "match[]=%7Bjob%3D%22edge%22%7D", name) for name in ACCEPT]


def serve(port):
    """The edge exporter (/metrics) and the recording proxy to Klaxon's /federate (/g1/federate, /g2/federate)."""
    import http.server

    class Handler(http.server.BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_GET(self):
            path, _, query = self.path.partition("?")
            if path == "/metrics":
                with LOCK:
                    vanish = STATE["vanish"]
                body = EDGE + EXPLICIT.format(ms=int(time.time() * 1000) - 30_000) + ("" if vanish else VANISHING)
                self.reply(200, {"Content-Type": "text/plain; version=0.0.4"}, body.encode())
            elif path in ("/g1/federate", "/g2/federate"):
                headers = {k: self.headers[k] for k in ("Accept", "Accept-Encoding") if self.headers[k] is not None}
                started = time.time()
                req = urllib.request.Request(STATE["klaxon"] + "/federate?" + query, headers=headers)
                try:
                    with urllib.request.urlopen(req, timeout=10) as resp:
                        status, body, rh = resp.status, resp.read(), resp.headers
                except urllib.error.HTTPError as e:
                    status, body, rh = e.code, e.read(), e.headers
                with LOCK:
                    STATE["records"].append({"who": path[1:3], "accept": headers.get("Accept", ""),
                                             "status": status, "type": rh.get("Content-Type", ""),
                                             "start": started, "end": time.time(), "body": body})
                out = {"Content-Type": rh.get("Content-Type", "")}
                if rh.get("Content-Encoding"):
                    out["Content-Encoding"] = rh["Content-Encoding"]
                self.reply(status, out, body)
            else:
                self.reply(404, {"Content-Type": "text/plain"}, b"not found\n")

        def reply(self, status, headers, body):
            self.send_response(status)
            for k, v in headers.items():
                self.send_header(k, v)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def request(base, method, query, accept=None):
    """(status, content type, selected headers, body bytes) of one /federate request."""
    headers = {"Accept": accept} if accept is not None else {}
    req = urllib.request.Request(base + "/federate" + ("?" + query if query else ""), method=method, headers=headers)
    try:
        with urllib.request.urlopen(req, timeout=20) as resp:
            return resp.status, resp.headers.get("Content-Type", ""), pick(resp.headers), resp.read()
    except urllib.error.HTTPError as e:
        return e.code, e.headers.get("Content-Type", ""), pick(e.headers), e.read()


def pick(headers):
    return "; ".join(f"{k}: {headers[k]}" for k in ("Allow", "X-Content-Type-Options", "Content-Encoding")
                     if headers[k])


def get_json(base, path, params=None):
    url = base + path + ("?" + urllib.parse.urlencode(params, doseq=True) if params else "")
    with urllib.request.urlopen(url, timeout=20) as resp:
        return json.load(resp)


def query(base, expr, at):
    return peers.query(base, expr, at)["result"]


def key(metric):
    return tuple(sorted(metric.items()))


def fmt(k):
    d = dict(k)
    return d.get("__name__", "") + "{" + ", ".join(f'{n}="{v}"' for n, v in k if n != "__name__") + "}"


def cell(text):
    return str(text).replace("|", "\\|").replace("\n", "\\n")


def wait(what, condition, seconds):
    deadline = time.time() + seconds
    while time.time() < deadline:
        try:
            if condition():
                return True
        except (urllib.error.URLError, OSError, RuntimeError):
            pass
        time.sleep(0.3)
    raise SystemExit(f"timed out after {seconds} s waiting until {what}")


# --- body normalisation --------------------------------------------------------------------------------------

def varint(data, i):
    shift = value = 0
    while True:
        b = data[i]
        i += 1
        value |= (b & 0x7F) << shift
        shift += 7
        if b < 0x80:
            return value, i


def fields(data):
    """(field number, wire type, value) of one protobuf message; nested messages stay bytes."""
    i, out = 0, []
    while i < len(data):
        tag, i = varint(data, i)
        number, wire = tag >> 3, tag & 7
        if wire == 0:
            value, i = varint(data, i)
        elif wire == 1:
            value, i = data[i:i + 8], i + 8
        elif wire == 2:
            length, i = varint(data, i)
            value, i = data[i:i + length], i + length
        elif wire == 5:
            value, i = data[i:i + 4], i + 4
        else:
            raise ValueError(f"wire type {wire}")
        out.append((number, wire, value))
    return out


def decode_delimited(body):
    """Families as text lines: `name type`, then per metric `labels value timestamp` in wire order."""
    import struct
    families, i = [], 0
    while i < len(body):
        length, i = varint(body, i)
        message, i = body[i:i + length], i + length
        name, kind, metrics, other = "", None, [], []
        for number, wire, value in fields(message):
            if number == 1:
                name = value.decode()
            elif number == 3:
                kind = value
            elif number == 4:
                labels, sample, ts, extra = [], None, None, []
                for n, w, v in fields(value):
                    if n == 1:
                        pair = dict((a, b.decode()) for a, _, b in fields(v))
                        labels.append(f'{pair.get(1, "")}="{pair.get(2, "")}"')
                    elif n == 5:
                        sample = [struct.unpack("<d", b)[0] for a, _, b in fields(v) if a == 1]
                    elif n == 6:
                        ts = v
                    else:
                        extra.append(n)
                metrics.append(f"{{{','.join(labels)}}} {sample} {ts} {extra or ''}".rstrip())
            else:
                other.append(number)
        families.append([f"{name} type={kind} {other or ''}".rstrip()] + metrics)
    return families


def split_families(body, kind):
    """A body as families, each a list of lines (first: the family's header); `kind` is the content type's
    `encoding` (`delimited`, `text`, `compact-text`), or "" for text 0.0.4."""
    if kind == "delimited":
        return decode_delimited(body)
    text = body.decode("utf-8", "replace")
    families = []
    if kind == "text":
        for block in [b for b in text.split("\n\n") if b.strip()]:
            lines = block.split("\n")
            header = [l for l in lines if l.startswith("name:") or l.startswith("type:")]
            metrics = "\n".join(l for l in lines if l not in header).split("\nmetric: <")
            metrics = [m if m.startswith("metric: <") else "metric: <" + m for m in metrics if m.strip()]
            families.append(["\n".join(header)] + metrics)
        return families
    if kind == "compact-text":
        for line in [l for l in text.split("\n") if l]:
            head, *metrics = line.split(" metric:<")
            families.append([head] + ["metric:<" + m for m in metrics])
        return families
    for line in text.split("\n"):
        if not line:
            continue
        if line.startswith("#"):
            families.append([line])
        elif families:
            families[-1].append(line)
        else:
            families.append(["(no TYPE line)", line])
    return families


def family_name(header):
    m = re.search(r'(?:# TYPE |name: ?")([^" ]+)', header)
    return m.group(1) if m else header.split(" ")[0]


def normalise(body, content_type):
    """Timestamps masked; values masked in MOVING families; series sorted inside each family."""
    m = re.search(r"encoding=([a-z-]+)", content_type)
    kind = m.group(1) if m else ""
    out = []
    for family in split_families(body, kind):
        header, metrics = family[0], family[1:]
        moving = family_name(header) in MOVING
        masked = []
        for m in metrics:
            m = re.sub(r"timestamp_ms: ?\d+", "timestamp_ms:T", m)
            if kind == "delimited":
                m = re.sub(r" \d+( |$)", r" T\1", m)
                if moving:
                    m = re.sub(r"\} \[[^\]]*\]", "} [V]", m)
            elif kind in ("text", "compact-text"):
                if moving:
                    m = re.sub(r"value: ?[-+0-9.e]+(\s*>)", r"value:V\1", m)
            else:
                m = re.sub(r" -?\d+$", " T", m)
                if moving:
                    m = re.sub(r" \S+ T$", " V T", m)
            masked.append(m)
        out.append([header] + sorted(masked))
    return out


# --- the run -------------------------------------------------------------------------------------------------

def main():
    if not os.path.exists(PROMETHEUS):
        print("skipped: /usr/bin/prometheus is not installed (Debian package prometheus)")
        return 0
    if not os.path.exists(KLAXON):
        sys.exit(f"{KLAXON} not found (`swift build` first, or set KLAXON)")
    work = tempfile.mkdtemp(prefix="klaxon-compare-federate-")
    edge_port, klaxon_port, local_port, g1_port, g2_port = (peers.free_port() for _ in range(5))
    server = serve(edge_port)
    K, P = f"http://127.0.0.1:{klaxon_port}", f"http://127.0.0.1:{local_port}"
    G = {"g1": f"http://127.0.0.1:{g1_port}", "g2": f"http://127.0.0.1:{g2_port}"}
    STATE["klaxon"] = K
    labels = ", ".join(f"{k}: '{v}'" for k, v in EXTERNAL_LABELS.items())
    with open(os.path.join(work, "prometheus.yml"), "w") as f:
        f.write(f"""global:
  scrape_interval: {INTERVAL}s
  scrape_timeout: {INTERVAL}s
  external_labels: {{{labels}}}
scrape_configs:
  - job_name: edge
    static_configs:
      - targets: ['127.0.0.1:{edge_port}']
""")
    for g in G:
        with open(os.path.join(work, f"{g}.yml"), "w") as f:
            f.write(f"""global:
  scrape_interval: {INTERVAL}s
  scrape_timeout: {INTERVAL}s
scrape_configs:
  - job_name: federate
    honor_labels: true
    metrics_path: /{g}/federate
    params:
      'match[]': ['{{job="edge"}}']
    static_configs:
      - targets: ['127.0.0.1:{edge_port}']
""")
    def start(name, argv):
        return peers.start(argv, os.path.join(work, name + ".log"))

    try:
        config = os.path.join(work, "prometheus.yml")
        klaxon = start("klaxon", [KLAXON, "run", f"--config.file={config}", f"--storage.path={work}/klaxon-data",
                                  f"--web.listen-address=127.0.0.1:{klaxon_port}", "--compat=prometheus2"])
        local = start("local", [PROMETHEUS, f"--config.file={config}", f"--storage.tsdb.path={work}/local-data",
                                f"--web.listen-address=127.0.0.1:{local_port}"])
        globals_ = {g: start(g, [PROMETHEUS, f"--config.file={work}/{g}.yml", f"--storage.tsdb.path={work}/{g}-data",
                                 f"--web.listen-address=127.0.0.1:{port}"]
                             + (["--enable-feature=native-histograms"] if g == "g2" else []))
                    for g, port in (("g1", g1_port), ("g2", g2_port))}
        peers.wait_http(K + "/-/ready", klaxon)
        peers.wait_http(P + "/-/ready", local)
        for g, process in globals_.items():
            peers.wait_http(G[g] + "/-/ready", process)
        limit = 60 + 10 * SCRAPES * INTERVAL

        def scrapes(base, job):
            r = query(base, f'count_over_time(up{{job="{job}"}}[1h])', time.time())
            return int(float(r[0]["value"][1])) if r else 0

        def up(base, job):
            r = query(base, f'up{{job="{job}"}}', time.time())
            return bool(r) and r[0]["value"][1] == "1"

        wait(f"Klaxon and the local Prometheus scraped the exporter {SCRAPES} times",
             lambda: scrapes(K, "edge") >= SCRAPES and scrapes(P, "edge") >= SCRAPES, limit)
        wait(f"both globals federated Klaxon {SCRAPES} times, successfully",
             lambda: all(scrapes(G[g], "federate") >= SCRAPES and up(G[g], "federate") for g in G), limit)
        report, failures = [], []
        compare_bodies(K, P, report, failures)
        compare_globals(K, G, report, failures, phase="while the exporter serves every series")
        # The vanishing series goes: Klaxon's next scrape writes its staleness marker, /federate leaves it out.
        with LOCK:
            STATE["vanish"] = True
        wait("Klaxon's /federate no longer has fed_vanishing",
             lambda: b"fed_vanishing" not in request(K, "GET", "match[]=%7Bjob%3D%22edge%22%7D")[3], limit)
        dropped = time.time()

        def last_scrape(base):
            r = query(base, 'timestamp(up{job="federate"})', time.time())
            return float(r[0]["value"][1]) if r else 0

        wait("both globals scraped twice more", lambda: all(last_scrape(G[g]) > dropped + INTERVAL for g in G), limit)
        # Prometheus writes no staleness markers for samples with timestamps (all federated ones): the globals keep
        # the series' last sample, which must be Klaxon's last one before its staleness marker.
        last_real = [v for v in query(K, 'fed_vanishing[1h]', time.time())[0]["values"]][-1]
        report.append("")
        for g in G:
            got = query(G[g], 'fed_vanishing[1h]', time.time())
            newest = got[0]["values"][-1] if got else None
            same = newest == last_real
            if not same:
                failures.append(f"{g}: fed_vanishing")
            report.append(f"After the exporter dropped `fed_vanishing`, Klaxon's /federate left it out; {g}'s newest "
                          f"sample of it: {newest}, Klaxon's last before its staleness marker: {last_real}: "
                          + ("same (no staleness marker on the global: Prometheus writes none for samples with "
                             "timestamps, as federated ones are)." if same else "**differs**."))
        compare_globals(K, G, report, failures, phase="after a series went away", vanished={"fed_vanishing"})
    finally:
        peers.stop_all()
        server.shutdown()
        if "--keep" in sys.argv:
            print(f"kept {work}", file=sys.stderr)
        else:
            shutil.rmtree(work, ignore_errors=True)
    version = "2.42"
    print(f"Run of `scripts/compare/federate.py --interval {INTERVAL} --scrapes {SCRAPES}` on "
          f"{time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}: Prometheus {version} (Debian) federating "
          f"`klaxon run --compat=prometheus2`, and Klaxon's /federate against a Prometheus scraping the same "
          f"exporter.\n")
    print("\n".join(report))
    print("")
    print("Result: " + ("no unexplained difference." if not failures else "differences in " + ", ".join(failures) + "."))
    return 1 if failures else 0


def compare_bodies(K, P, report, failures):
    report.append("| request | Prometheus | Klaxon | result |")
    report.append("|---|---|---|---|")
    for name, method, query_string, accept_name in REQUESTS:
        accept = ACCEPT.get(accept_name) if accept_name else None
        p = request(P, method, query_string, accept)
        k = request(K, method, query_string, accept)
        label = f"{name} (`{method} ?{cell(query_string)}`)" + (f", Accept: {accept_name}" if accept_name else "")
        if p[0] == 200 and k[0] == 200 and method == "GET":
            np, nk = normalise(p[3], p[1]), normalise(k[3], k[1])
            same = p[:3] == k[:3] and np == nk
            series = sum(len(f) - 1 for f in np)
            summary = f"200 `{cell(p[1])}`, {len(np)} families, {series} series"
            if same:
                report.append(f"| {label} | {summary} | | same |")
            else:
                failures.append(name)
                diff = first_difference(np, nk)
                report.append(f"| {label} | {summary} | {render(k)[:200]} | **differs**: {cell(diff)} |")
        else:
            same = p == k
            shown = render(p)
            if same:
                report.append(f"| {label} | {shown} | | same |")
            else:
                failures.append(name)
                report.append(f"| {label} | {shown} | {render(k)} | **differs** |")
    # Known, explained: Prometheus compresses /federate when asked (its CompressionHandler); Klaxon does not.
    p = request(P, "GET", "match[]=up", None)
    req = urllib.request.Request(P + "/federate?match[]=up", headers={"Accept-Encoding": "gzip"})
    with urllib.request.urlopen(req, timeout=20) as resp:
        pe = resp.headers.get("Content-Encoding", "")
    req = urllib.request.Request(K + "/federate?match[]=up", headers={"Accept-Encoding": "gzip"})
    with urllib.request.urlopen(req, timeout=20) as resp:
        ke = resp.headers.get("Content-Encoding", "")
    report.append(f"| `Accept-Encoding: gzip` | Content-Encoding `{pe or '(none)'}` | `{ke or '(none)'}` | "
                  + ("same" if pe == ke else "known: Klaxon does not compress (no zlib in the build yet); a scraper "
                     "takes either") + " |")


def render(answer):
    status, content_type, headers, body = answer
    return (f"{status}, `{cell(content_type) or '(no Content-Type)'}`" + (f", `{cell(headers)}`" if headers else "")
            + f", body `{cell(body.decode('utf-8', 'replace'))}`")


def first_difference(a, b):
    for fa, fb in zip(a, b):
        if fa != fb:
            for la, lb in zip(fa, fb):
                if la != lb:
                    return f"P: {la} / K: {lb}"
            return f"P: {len(fa) - 1} series / K: {len(fb) - 1} series in {fa[0]}"
    return f"P: {len(a)} families / K: {len(b)} families"


def parse_text(body):
    """{labels key: (value, timestamp)} of a text 0.0.4 body (what a scraper stores from it)."""
    out = {}
    for line in body.decode("utf-8").split("\n"):
        if not line or line.startswith("#"):
            continue
        m = re.match(r'([^{ ]+)(?:\{(.*)\})? (\S+) (-?\d+)$', line)
        if not m:
            raise ValueError(f"unparsed line {line!r}")
        labels = {"__name__": m.group(1)}
        rest = m.group(2) or ""
        for name, value in re.findall(r'([^=,]+)="((?:[^"\\]|\\.)*)",?', rest):
            value = re.sub(r"\\(.)", lambda e: {"n": "\n"}.get(e.group(1), e.group(1)), value)
            if value:
                labels[name] = value
        out[key(labels)] = (float(m.group(3)), int(m.group(4)))
    return out


def parse_delimited(body):
    """{labels key: (value, timestamp)} of a protobuf delimited body."""
    import struct
    out, i = {}, 0
    while i < len(body):
        length, i = varint(body, i)
        message, i = body[i:i + length], i + length
        fs = fields(message)
        name = next(v.decode() for n, _, v in fs if n == 1)
        for n, _, metric in fs:
            if n != 4:
                continue
            labels, value, ts = {"__name__": name}, None, None
            for a, _, v in fields(metric):
                if a == 1:
                    pair = {x: y.decode() for x, _, y in fields(v)}
                    if pair.get(2):
                        labels[pair.get(1, "")] = pair[2]
                elif a == 5:
                    value = next(struct.unpack("<d", y)[0] for x, _, y in fields(v) if x == 1)
                elif a == 6:
                    ts = v
            out[key(labels)] = (value, ts)
    return out


def same_value(a, b):
    return a == b or (a != a and b != b)


def compare_globals(K, G, report, failures, phase, vanished=()):
    """Each global's stored series and samples against Klaxon's store and the bodies Klaxon served it."""
    report.append("")
    report.append(f"Globals against Klaxon, {phase}:")
    report.append("")
    report.append("| global | scraper asked for | Klaxon served | series (global / Klaxon) | stored samples, "
                  "all found in Klaxon | last answer: series, all Klaxon's samples, at most one scrape behind | "
                  "global's latest = last answer | result |")
    report.append("|---|---|---|---|---|---|---|---|")
    series_params = lambda at: {"match[]": '{job="edge"}', "start": f"{at - 3600:.3f}", "end": f"{at:.3f}"}

    def lifted(k):
        d = dict(k)
        for n, v in EXTERNAL_LABELS.items():
            d.setdefault(n, v)
        return key(d)

    for g, base in G.items():
        # A consistent view of the global: its last scrape's `up` before and after reading its samples.
        for _ in range(20):
            at = time.time()
            before = query(base, 'timestamp(up{job="federate"})', at)
            stored = {key(s["metric"]): s["values"] for s in query(base, '{job="edge"}[1h]', at)}
            after = query(base, 'timestamp(up{job="federate"})', at)
            if before == after and before:
                break
        last_scrape = float(before[0]["value"][1])
        klaxon_at = time.time()
        klaxon = {lifted(key(s["metric"])): [(float(t), float(v)) for t, v in s["values"]]
                  for s in query(K, '{job="edge"}[1h]', klaxon_at)}
        klaxon_series = {lifted(key(m)) for m in get_json(K, "/api/v1/series", series_params(klaxon_at))["data"]}
        global_series = {key(m) for m in get_json(base, "/api/v1/series", series_params(at))["data"]}
        with LOCK:
            records = [r for r in STATE["records"] if r["who"] == g]
        asked = sorted({r["accept"].split(",")[0] for r in records})
        served = sorted({r["type"] for r in records if r["status"] == 200})
        expected = ("application/vnd.google.protobuf; proto=io.prometheus.client.MetricFamily; encoding=delimited"
                    if g == "g2" else "text/plain; version=0.0.4; charset=utf-8")
        problems = []
        if served != [expected]:
            problems.append(f"served {served}, expected {expected}")
        problems += [f"only in {g}: {fmt(k)}" for k in sorted(global_series - klaxon_series)]
        problems += [f"only in Klaxon: {fmt(k)}" for k in sorted(klaxon_series - global_series)]
        # Every sample the global stored is one of Klaxon's.
        compared = 0
        for k, values in stored.items():
            have = klaxon.get(k, [])
            for t, v in values:
                compared += 1
                if not any(abs(kt - float(t)) < 1e-6 and same_value(kv, float(v)) for kt, kv in have):
                    problems.append(f"{fmt(k)} @{t} {v} not in Klaxon")
        # The answer to the global's last scrape: the first recorded after the scrape started.
        answer = min((r for r in records if r["start"] >= last_scrape - 0.05 and r["status"] == 200),
                     key=lambda r: r["start"], default=None)
        latest_same = answered = 0
        if answer is None:
            problems.append(f"no recorded answer for the scrape at {last_scrape}")
        else:
            body = (parse_delimited if g == "g2" else parse_text)(answer["body"])
            body = {k: (v, t / 1000) for k, (v, t) in body.items()}
            answered = len(body)
            expected_series = {k for k in klaxon_series if dict(k).get("__name__") not in vanished}
            if set(body) != expected_series:
                problems.append(f"last answer: {len(body)} series; Klaxon has {len(expected_series)} not gone; "
                                + "; ".join(f"differs: {fmt(k)}" for k in sorted(set(body) ^ expected_series)[:3]))
            for k, (v, t) in body.items():
                samples = klaxon.get(k, [])
                index = next((i for i, (kt, kv) in enumerate(samples) if abs(kt - t) < 1e-6 and same_value(kv, v)),
                             None)
                if index is None:
                    problems.append(f"answered {fmt(k)} {v} @{t}: not a sample of Klaxon's")
                    continue
                # Klaxon's samples are one per scrape; its newest scraped before the request began (the explicit
                # timestamp series is 30 s behind its scrape) may still have been being committed: one behind is fine.
                shift = 30 if dict(k).get("__name__") == "fed_explicit_ts" else 0
                newest = max((i for i, (kt, _) in enumerate(samples) if kt + shift <= answer["start"]), default=-1)
                if index < newest - 1:
                    problems.append(f"answered {fmt(k)} @{t}, Klaxon had {samples[newest]} before the request")
            for k, values in stored.items():
                if k in body:
                    t, v = values[-1]
                    if abs(float(t) - body[k][1]) < 1e-6 and same_value(float(v), body[k][0]):
                        latest_same += 1
                    else:
                        problems.append(f"{g}'s latest {fmt(k)} {values[-1]}, last answer {body[k]}")
                elif dict(k).get("__name__") not in vanished:
                    problems.append(f"{fmt(k)} stored by {g} but not in the last answer")
        if len(records) < SCRAPES or compared == 0:
            problems.append(f"{len(records)} answers recorded, {compared} samples compared")
        if problems:
            failures.append(f"{g} ({phase})")
        report.append(f"| {g} | `{cell(', '.join(asked))}` | `{cell(', '.join(served))}` | {len(global_series)} / "
                      f"{len(klaxon_series)} | {compared} | {answered} | {latest_same} | "
                      + ("same" if not problems else "**differs**: " + cell("; ".join(problems[:6]))) + " |")
    with LOCK:
        records = list(STATE["records"])
    report.append("")
    report.append(f"Federation answers recorded by the proxy so far: {len(records)}, statuses "
                  f"{sorted({r['status'] for r in records})}.")


if __name__ == "__main__":
    sys.exit(main())
