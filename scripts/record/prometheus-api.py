#!/usr/bin/env python3
"""Record the HTTP API answers of the real Prometheus 2.42 for KlaxonServerTests.

Loads Tests/KlaxonServerTests/Fixtures/data.om into a TSDB block (promtool tsdb create-blocks-from openmetrics),
starts /usr/bin/prometheus on it with a small rule file and two scrape jobs, sends every request listed in
Tests/KlaxonServerTests/Fixtures/cases.txt and writes
Tests/KlaxonServerTests/Fixtures/prometheus-2.42/recorded.txt:

    ### METHOD PATH?QUERY [BODY]
    STATUS CONTENT-TYPE
    BODY (one line)

With --status-config it instead compares /api/v1/status/config: for every folder of
Tests/KlaxonScrapeTests/Fixtures/status-config-cases/ it starts the real Prometheus on that folder's prometheus.yml
and writes what it shows to expected.yml (read by StatusConfigCasesTests); when the klaxon binary is built
(.build/debug/klaxon or $KLAXON) it also starts `klaxon run` on the same file and prints whether its answer is the
same document.

Usage: scripts/record/prometheus-api.py [--port 19191] [--status-config]
"""
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))  # scripts/<job>/ → the repository
FIXTURES = os.path.join(ROOT, "Tests", "KlaxonServerTests", "Fixtures")
PORT = int(sys.argv[sys.argv.index("--port") + 1]) if "--port" in sys.argv else 19191

CONFIG = """global:
  scrape_interval: 1h
  evaluation_interval: 1s
rule_files: [rules.yml]
scrape_configs:
  - job_name: down
    static_configs:
      - targets: ['127.0.0.1:1']
        labels: {env: test}
  - job_name: dropped
    static_configs:
      - targets: ['127.0.0.1:2']
    relabel_configs:
      - action: drop
        source_labels: [__address__]
        regex: '127.0.0.1:2'
"""

RULES = """groups:
  - name: alerts
    rules:
      - record: job:one:sum
        expr: sum(vector(1))
        labels: {team: a}
      - alert: AlwaysFiring
        expr: vector(1)
        labels: {severity: page}
        annotations: {summary: "value {{ $value }}"}
      - alert: Pending
        expr: vector(2)
        for: 1h
  - name: records-only
    interval: 1h
    rules:
      - record: two
        expr: vector(2)
"""


def main():
    if "--status-config" in sys.argv:
        return status_config()
    for tool in ("/usr/bin/prometheus", "/usr/bin/promtool"):
        if not os.path.exists(tool):
            sys.exit(f"{tool} not found: install the Debian prometheus package")
    work = tempfile.mkdtemp(prefix="klaxon-compare-api-")
    try:
        data = os.path.join(work, "data")
        subprocess.run(
            ["/usr/bin/promtool", "tsdb", "create-blocks-from", "openmetrics", os.path.join(FIXTURES, "data.om"), data],
            check=True,
            stdout=subprocess.DEVNULL,
        )
        with open(os.path.join(work, "prometheus.yml"), "w") as f:
            f.write(CONFIG)
        with open(os.path.join(work, "rules.yml"), "w") as f:
            f.write(RULES)
        log = open(os.path.join(work, "prometheus.log"), "w")
        proc = subprocess.Popen(
            [
                "/usr/bin/prometheus",
                "--config.file=prometheus.yml",
                f"--storage.tsdb.path={data}",
                "--storage.tsdb.retention.time=100y",
                f"--web.listen-address=127.0.0.1:{PORT}",
            ],
            cwd=work,
            stdout=log,
            stderr=log,
        )
        try:
            base = f"http://127.0.0.1:{PORT}"
            for _ in range(100):
                try:
                    if urllib.request.urlopen(base + "/-/ready", timeout=1).status == 200:
                        break
                except Exception:
                    time.sleep(0.2)
            time.sleep(8)  # target discovery (5s), a few rule evaluations
            record(base)
        finally:
            proc.terminate()
            proc.wait(timeout=20)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def record(base):
    out = []
    with open(os.path.join(FIXTURES, "cases.txt")) as f:
        cases = [line.rstrip("\n") for line in f if line.strip() and not line.startswith("#")]
    for case in cases:
        parts = case.split(" ", 2)
        method, target = parts[0], parts[1]
        body = parts[2].encode() if len(parts) > 2 else None
        req = urllib.request.Request(base + target, data=body, method=method)
        if body is not None:
            req.add_header("Content-Type", "application/x-www-form-urlencoded")
        try:
            resp = urllib.request.urlopen(req, timeout=10)
            status, ctype, payload = resp.status, resp.headers.get("Content-Type", ""), resp.read()
        except urllib.error.HTTPError as e:
            status, ctype, payload = e.code, e.headers.get("Content-Type", ""), e.read()
        text = payload.decode("utf-8").rstrip("\n")
        if "\n" in text:
            sys.exit(f"multi-line body for {case!r}")
        out.append(f"### {case}\n{status} {ctype}\n{text}\n")
    dest = os.path.join(FIXTURES, "prometheus-2.42", "recorded.txt")
    with open(dest, "w") as f:
        f.write("".join(out))
    print(f"wrote {len(out)} cases to {os.path.relpath(dest, ROOT)}")


STATUS_CASES = os.path.join(ROOT, "Tests", "KlaxonScrapeTests", "Fixtures", "status-config-cases")
KLAXON = os.environ.get("KLAXON", os.path.join(ROOT, ".build", "debug", "klaxon"))


def status_config():
    differ = 0
    for name in sorted(os.listdir(STATUS_CASES)):
        folder = os.path.join(STATUS_CASES, name)
        prom = served_config(["/usr/bin/prometheus", "--storage.tsdb.path=data"], folder)
        with open(os.path.join(folder, "expected.yml"), "w") as f:
            f.write(prom)
        line = f"{name}: recorded expected.yml"
        if os.path.exists(KLAXON):
            klaxon = served_config([KLAXON, "run", "--storage.path=data"], folder)
            same = klaxon == prom
            differ += 0 if same else 1
            line += "; klaxon run serves the same document" if same else "; klaxon run DIFFERS:\n" + klaxon
        print(line)
    sys.exit(1 if differ else 0)


def served_config(argv, folder):
    """Starts argv with --config.file=<folder>/prometheus.yml in a scratch directory; returns data.yaml."""
    work = tempfile.mkdtemp(prefix="klaxon-status-config-")
    try:
        shutil.copy(os.path.join(folder, "prometheus.yml"), work)
        log = open(os.path.join(work, "log"), "w")
        proc = subprocess.Popen(
            argv + ["--config.file=prometheus.yml", f"--web.listen-address=127.0.0.1:{PORT}"],
            cwd=work,
            stdout=log,
            stderr=log,
        )
        try:
            for _ in range(150):
                if proc.poll() is not None:
                    break
                try:
                    with urllib.request.urlopen(f"http://127.0.0.1:{PORT}/api/v1/status/config", timeout=1) as r:
                        return json.load(r)["data"]["yaml"]
                except Exception:
                    time.sleep(0.2)
            with open(os.path.join(work, "log")) as f:
                sys.exit(f"{argv[0]} did not serve the config of {folder}:\n{f.read()[-2000:]}")
        finally:
            if proc.poll() is None:
                proc.terminate()
                proc.wait(timeout=20)
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
