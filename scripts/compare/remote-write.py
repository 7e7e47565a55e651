#!/usr/bin/env python3
"""Klaxon's remote_write against two real receivers at once: every sample Klaxon stored must reach both.

Starts a synthetic exporter (in this process: --series series whose values change on every scrape), a real
Prometheus 2.42 with --web.enable-remote-write-receiver, a real VictoriaMetrics single node, and `klaxon run` (the
debug build, or $KLAXON) that scrapes the exporter every second, evaluates a recording rule and an alerting rule
(`ALERTS`, `ALERTS_FOR_STATE`) every second, and remote-writes to both receivers with external label replica="a".

With --outage S, both receivers are stopped for S seconds after the first phase; halfway through, Klaxon is killed
with SIGKILL and started again on the same data directory; then the receivers come back.

At the end, every sample Klaxon holds up to a cut time (raw samples, from its query API) is looked up in both
receivers (Prometheus: the same range selector; VictoriaMetrics: /api/v1/export), series by series. Prints a
Markdown report with the counts and exits 1 when a sample is missing or differs.

Usage: scripts/compare/remote-write.py [--seconds 20] [--series 50] [--outage 0]
"""
import decimal
import http.server
import json
import math
import os
import shutil
import signal
import sys
import tempfile
import threading
import time
import urllib.parse

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lib"))
import peers  # noqa: E402


def arg(name, default):
    return type(default)(sys.argv[sys.argv.index(name) + 1]) if name in sys.argv else default


SECONDS = arg("--seconds", 20)
SERIES = arg("--series", 50)
OUTAGE = arg("--outage", 0)
RULES = """groups:
  - name: rw
    interval: 1s
    rules:
      - record: job:rw_load:sum
        expr: sum by (job) (rw_load)
      - alert: RwLoadHigh
        expr: rw_load{i="0"} >= 0
        for: 2s
        labels: {severity: ticket}
"""

scrapes = [0]


class Exporter(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        scrapes[0] += 1
        n = scrapes[0]
        body = "".join(f'rw_load{{i="{i}"}} {n * 1000 + i}\nrw_gauge{{i="{i}"}} {math.sin(n + i):.6f}\n'
                       for i in range(SERIES)).encode()
        self.send_response(200)
        self.send_header("Content-Type", "text/plain; version=0.0.4")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


def key(metric):
    return tuple(sorted(metric.items()))


def raw_samples(base, selector, start, cut, add=None):
    """Raw samples of every series matching selector in (start, cut], read in 30-second range selectors (they tile
    the window exactly: a range is open on the left), so that no single answer grows with the run."""
    out = {}
    at = cut
    while at > start:
        data = peers.query(base, f"{selector}[30s]", at=at)
        for series in data["result"]:
            metric = dict(series["metric"])
            for name, value in (add or {}).items():
                metric.setdefault(name, value)
            samples = out.setdefault(key(metric), set())
            samples.update((int(round(float(t) * 1000)), v) for t, v in series["values"] if float(t) > start)
        at -= 30
    return out


def klaxon_samples(base, start, cut):
    """Every series Klaxon holds, with replica="a" added (its external label, which the receivers store)."""
    return raw_samples(base, '{__name__=~".+"}', start, cut, add={"replica": "a"})


def prometheus_samples(base, start, cut):
    return raw_samples(base, '{replica="a"}', start, cut)


def vm_samples(base, start, cut):
    peers.http(base + "/internal/force_flush")
    params = urllib.parse.urlencode({"match[]": '{replica="a"}', "start": f"{start:.3f}", "end": f"{cut:.3f}"})
    status, body = peers.http(base + "/api/v1/export?" + params, timeout=300)
    if status != 200:
        raise RuntimeError(f"VictoriaMetrics export: {status} {body[:200]!r}")
    out = {}
    for line in body.decode().splitlines():
        if not line.strip():
            continue
        row = json.loads(line)
        samples = out.setdefault(key(row["metric"]), set())
        for t, v in zip(row["timestamps"], row["values"]):
            if v is None or (isinstance(v, float) and math.isnan(v)):
                continue  # staleness markers: range selectors on the other two leave them out too
            samples.add((int(t), format_vm(v)))
    return out


def format_vm(value):
    """VictoriaMetrics exports JSON numbers; the Prometheus API writes Go's strconv.FormatFloat(v, 'f', -1): the
    shortest digits that round-trip, never an exponent."""
    text = format(decimal.Decimal(repr(float(value))), "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text


def compare(name, reference, other, report, failures):
    missing_series = [k for k in reference if k not in other]
    missing = sum(len(reference[k] - other.get(k, set())) for k in reference)
    differing = [k for k in reference if k in other and reference[k] - other[k]]
    total = sum(len(v) for v in reference.values())
    report.append(f"| {name} | {len(other)} | {sum(len(v) for v in other.values())} | {missing} of {total} | "
                  f"{len(missing_series)} |")
    if missing:
        example = (missing_series or differing)[0]
        sample = sorted(reference[example] - other.get(example, set()))[:3]
        failures.append(f"{name}: {missing} samples missing, e.g. {dict(example)} {sample}")


def start_receivers(work, prom_port, vm_port):
    prometheus = peers.start(
        ["prometheus", f"--config.file={work}/empty.yml", f"--storage.tsdb.path={work}/prometheus-data",
         f"--web.listen-address=127.0.0.1:{prom_port}", "--web.enable-remote-write-receiver"],
        f"{work}/prometheus.log")
    vm = peers.start(
        ["victoria-metrics", f"-httpListenAddr=127.0.0.1:{vm_port}", f"-storageDataPath={work}/vm-data",
         "-retentionPeriod=1d", "-search.latencyOffset=0s", "-dedup.minScrapeInterval=1ms", "-search.disableCache"],
        f"{work}/vm.log")
    peers.wait_http(f"http://127.0.0.1:{prom_port}/-/ready", prometheus)
    peers.wait_http(f"http://127.0.0.1:{vm_port}/health", vm)
    return prometheus, vm


def main():
    for binary in ("prometheus", "victoria-metrics"):
        if not shutil.which(binary):
            print(f"SKIP: {binary} is not installed (scripts/setup installs it)")
            return 2
    work = tempfile.mkdtemp(prefix="klaxon-rw-")
    exporter = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Exporter)
    threading.Thread(target=exporter.serve_forever, daemon=True).start()
    target = f"127.0.0.1:{exporter.server_address[1]}"
    klaxon_port, prom_port, vm_port = peers.free_port(), peers.free_port(), peers.free_port()
    with open(f"{work}/empty.yml", "w") as f:
        f.write("global: {scrape_interval: 1m}\n")
    with open(f"{work}/rules.yml", "w") as f:
        f.write(RULES)
    with open(f"{work}/klaxon.yml", "w") as f:
        f.write(f"""global:
  scrape_interval: 1s
  evaluation_interval: 1s
  external_labels: {{replica: a}}
rule_files: [rules.yml]
scrape_configs:
  - job_name: load
    static_configs: [{{targets: ["{target}"]}}]
remote_write:
  - name: prometheus
    url: http://127.0.0.1:{prom_port}/api/v1/write
    queue_config: {{batch_send_deadline: 1s, max_backoff: 1s}}
  - name: victoria-metrics
    url: http://127.0.0.1:{vm_port}/api/v1/write
    queue_config: {{batch_send_deadline: 1s, max_backoff: 1s}}
""")
    klaxon_args = [peers.KLAXON, "run", f"--config.file={work}/klaxon.yml", f"--storage.path={work}/klaxon-data",
                   f"--web.listen-address=127.0.0.1:{klaxon_port}"]
    base = f"http://127.0.0.1:{klaxon_port}"
    report = [f"# remote_write to Prometheus 2.42 and VictoriaMetrics at once ({SERIES} series at 1 s, "
              f"{SECONDS} s" + (f", receivers down {OUTAGE} s with a SIGKILL and restart of Klaxon" if OUTAGE else "")
              + ")", ""]
    failures = []
    try:
        prometheus, vm = start_receivers(work, prom_port, vm_port)
        klaxon = peers.start(klaxon_args, f"{work}/klaxon.log")
        peers.wait_http(base + "/-/ready", klaxon)
        start = time.time()
        time.sleep(SECONDS)
        if OUTAGE:
            peers.stop(prometheus)
            peers.stop(vm)
            time.sleep(OUTAGE / 2)
            peers.stop(klaxon, sig=signal.SIGKILL)
            klaxon = peers.start(klaxon_args, f"{work}/klaxon.log")
            peers.wait_http(base + "/-/ready", klaxon)
            time.sleep(OUTAGE / 2)
            prometheus, vm = start_receivers(work, prom_port, vm_port)
        cut = time.time() - 2
        # Every queue past the cut: all it read before then was sent.
        deadline = time.time() + 120 + OUTAGE
        while time.time() < deadline:
            sent = [peers.metric(base, "prometheus_remote_storage_queue_highest_sent_timestamp_seconds",
                                 {"remote_name": name}) or 0 for name in ("prometheus", "victoria-metrics")]
            if min(sent) >= cut + 3:
                break
            time.sleep(0.5)
        reference = klaxon_samples(base, start - 5, cut)
        total = sum(len(v) for v in reference.values())
        names = {dict(k).get("__name__") for k in reference}
        report += [f"Klaxon holds {len(reference)} series and {total} samples up to the cut; metric names include "
                   + ", ".join(sorted(n for n in names if n.startswith(("ALERTS", "job:", "rw_", "up")))) + ".", "",
                   "| receiver | series | samples | Klaxon's samples missing | Klaxon's series missing |",
                   "|---|---|---|---|---|"]
        for required in ("ALERTS", "ALERTS_FOR_STATE", "job:rw_load:sum", "rw_load", "up"):
            if required not in names:
                failures.append(f"Klaxon holds no {required} series: the comparison would not cover it")
        compare("Prometheus 2.42", reference, prometheus_samples(f"http://127.0.0.1:{prom_port}", start - 5, cut),
                report, failures)
        compare("VictoriaMetrics", reference, vm_samples(f"http://127.0.0.1:{vm_port}", start - 5, cut),
                report, failures)
        for name in ("prometheus", "victoria-metrics"):
            labels = {"remote_name": name}
            figures = {m: peers.metric(base, f"prometheus_remote_storage_{m}", labels) for m in
                       ("samples_total", "samples_failed_total", "samples_retried_total", "samples_dropped_total")}
            report.append("")
            report.append(f"Queue `{name}` after the run: " + ", ".join(f"{m} {v:.0f}" for m, v in figures.items()
                                                                      if v is not None) + ".")
            if figures.get("samples_failed_total"):
                failures.append(f"queue {name}: {figures['samples_failed_total']:.0f} samples failed")
    except Exception as error:
        failures.append(f"{type(error).__name__}: {error}")
    finally:
        peers.stop_all()
        exporter.shutdown()
    return peers.conclude(report, failures, "every sample Klaxon stored reached both receivers.", work, ("klaxon.log", "prometheus.log", "vm.log"), tail=20)


if __name__ == "__main__":
    sys.exit(main())
