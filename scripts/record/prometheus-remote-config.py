#!/usr/bin/env python3
"""Record how the real Prometheus 2.42 (Debian's `prometheus` package) shows remote_write/remote_read configs.

For every folder of Tests/KlaxonConfigTests/Fixtures/remote-status/ it copies the folder to <scratch>/conf/, starts
/usr/bin/prometheus there with --config.file=conf/prometheus.yml (so relative file paths are joined to `conf`, as
the test's `PrometheusConfigLoader.parse(_, file: "conf/prometheus.yml")` does) and writes into the folder:

  expected.yml         what /api/v1/status/config serves (data.yaml)
  expected-names.txt   the `remote_name="…",url="…"` label pairs of the remote queues and read clients on /metrics,
                       sorted: the queue names Prometheus derives (`name`, else 6 hex digits of the config's hash)

The remote write URLs must point nowhere (127.0.0.1:<low port>); Prometheus is killed with SIGKILL afterwards,
because on SIGTERM it waits a minute for the unsendable samples. Files a case references (TLS certificates) must
exist in its folder: Prometheus reads them when it applies the config. RemoteStatusConfigTests compares.

Usage: scripts/record/prometheus-remote-config.py [--port 19193]
"""
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
CASES = os.path.join(ROOT, "Tests", "KlaxonConfigTests", "Fixtures", "remote-status")
PORT = int(sys.argv[sys.argv.index("--port") + 1]) if "--port" in sys.argv else 19193
PAIR = re.compile(r'remote_name="((?:[^"\\]|\\.)*)",url="((?:[^"\\]|\\.)*)"')


def fetch(path):
    with urllib.request.urlopen(f"http://127.0.0.1:{PORT}{path}", timeout=2) as response:
        return response.read().decode()


def record(folder):
    work = tempfile.mkdtemp(prefix="klaxon-remote-config-")
    try:
        shutil.copytree(folder, os.path.join(work, "conf"))
        log = open(os.path.join(work, "log"), "w")
        proc = subprocess.Popen(
            [
                "/usr/bin/prometheus",
                "--config.file=conf/prometheus.yml",
                "--storage.tsdb.path=data",
                f"--web.listen-address=127.0.0.1:{PORT}",
            ],
            cwd=work,
            stdout=log,
            stderr=log,
        )
        try:
            for _ in range(150):
                if proc.poll() is not None:
                    break
                try:
                    if fetch("/-/ready"):
                        config = json.loads(fetch("/api/v1/status/config"))["data"]["yaml"]
                        pairs = sorted({m.group(0) for m in PAIR.finditer(fetch("/metrics"))})
                        return config, pairs
                except Exception:
                    time.sleep(0.2)
            with open(os.path.join(work, "log")) as f:
                sys.exit(f"prometheus did not serve {folder}:\n{f.read()[-2000:]}")
        finally:
            if proc.poll() is None:
                proc.kill()
                proc.wait(timeout=20)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def main():
    if not os.path.exists("/usr/bin/prometheus"):
        sys.exit("record/prometheus-remote-config: install Debian's prometheus (apt-get install prometheus)")
    for name in sorted(os.listdir(CASES)):
        folder = os.path.join(CASES, name)
        for stale in ("expected.yml", "expected-names.txt"):
            if os.path.exists(os.path.join(folder, stale)):
                os.remove(os.path.join(folder, stale))
        config, pairs = record(folder)
        with open(os.path.join(folder, "expected.yml"), "w") as f:
            f.write(config)
        with open(os.path.join(folder, "expected-names.txt"), "w") as f:
            f.write("".join(pair + "\n" for pair in pairs))
        print(f"{name}: {len(pairs)} remote queues and read clients")


if __name__ == "__main__":
    main()
