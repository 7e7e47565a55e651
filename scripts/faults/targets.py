#!/usr/bin/env python3
"""Target-fault test at full size: one Klaxon run per fault, beside a healthy target, on loopback.

  scripts/faults/targets.py [--binary .build/debug/klaxon] [--seconds 20] [--small]

Faults (Tests/KlaxonEndToEndTests/Fixtures/faults.py): a target that hangs, one that drips a byte every 100 ms,
one that resets the connection, a gzip bomb (1 GiB of newlines, ~1 MiB compressed), a 50 MB body, a body of
1,000,000 series, and the same body against the store's series limit (a cardinality spike). Limits:
scrape_timeout 2s, body_size_limit 10MB, sample_limit 50000, --storage.tsdb.max-series=100000.

For each run it checks that the faulty target is `up 0` with the expected reason in /api/v1/targets (the spike:
up 1, store at its limit), that the healthy target kept being scraped every interval, and reports the daemon's
peak RSS (VmHWM) next to a baseline run with the healthy target alone. --small uses the end-to-end test's
sizes. Prints a Markdown table (for docs/faults.md). Exit status: 0 all bounded, 1 a check failed, 2 usage.
"""
import argparse, json, os, signal, subprocess, sys, tempfile, time, urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))  # scripts/<job>/ → the repository
FAULTS = os.path.join(ROOT, "Tests/KlaxonEndToEndTests/Fixtures/faults.py")
INTERVAL = 3


def get(url, timeout=5):
    with urllib.request.urlopen(url, timeout=timeout) as response:
        return response.read()


def free_port():
    import socket
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def rss_kib(pid, field):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith(field + ":"):
                return int(line.split()[1])
    return 0


def run(binary, fault, target, seconds, workdir):
    """One daemon run: the healthy target plus `fault` (None: baseline). Returns a result row."""
    jobs = [("ok", "/ok", "")]
    extra = {
        "gzipbomb": "    body_size_limit: 10MB\n",
        "big": "    body_size_limit: 10MB\n",
        "million": "    sample_limit: 50000\n",
    }
    if fault:
        path = "/million" if fault == "spike" else "/" + fault
        jobs.append((fault, path, extra.get(fault, "")))
    config = (
        f"global:\n  scrape_interval: {INTERVAL}s\n  scrape_timeout: 2s\n  evaluation_interval: {INTERVAL}s\n"
        "scrape_configs:\n"
    )
    for name, path, more in jobs:
        config += f"  - job_name: {name}\n    metrics_path: {path}\n    static_configs: [{{targets: ['{target}']}}]\n{more}"
    with open(os.path.join(workdir, "prometheus.yml"), "w") as f:
        f.write(config)
    with open(os.path.join(workdir, "alertmanager.yml"), "w") as f:
        f.write("route:\n  receiver: none\nreceivers:\n  - name: none\n")
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    log = open(os.path.join(workdir, f"{fault or 'baseline'}.log"), "w")
    daemon = subprocess.Popen(
        [binary, "run", f"--config.file={workdir}/prometheus.yml", f"--alertmanager.config.file={workdir}/alertmanager.yml",
         f"--web.listen-address=127.0.0.1:{port}", f"--storage.path={workdir}/data-{fault or 'baseline'}",
         "--storage.tsdb.max-series=100000"],
        stdout=log, stderr=log)
    try:
        deadline = time.time() + 60
        while time.time() < deadline:
            try:
                if get(base + "/-/ready", 1):
                    break
            except OSError:
                time.sleep(0.2)
        ok_before = json.loads(get(f"http://{target}/stats")).get("/ok", 0)
        peak_sampled = 0
        end = time.time() + seconds
        while time.time() < end:
            peak_sampled = max(peak_sampled, rss_kib(daemon.pid, "VmRSS"))
            time.sleep(0.1)
        ok_scrapes = json.loads(get(f"http://{target}/stats")).get("/ok", 0) - ok_before
        # A first scrape of a million new series takes seconds of CPU (most of them refused by the series limit);
        # on a loaded machine it may not have reported yet: wait for it (bounded), the healthy target's count is
        # already taken.
        report_deadline = time.time() + 120
        while True:
            targets = json.loads(get(base + "/api/v1/targets"))["data"]["activeTargets"]
            by_job = {t["labels"]["job"]: t for t in targets}
            if not fault or by_job.get(fault, {}).get("health") != "unknown" or time.time() > report_deadline:
                break
            peak_sampled = max(peak_sampled, rss_kib(daemon.pid, "VmRSS"))
            time.sleep(0.5)
        metrics = get(base + "/metrics").decode()
        head_series = next((float(l.split()[1]) for l in metrics.splitlines() if l.startswith("prometheus_tsdb_head_series ")), -1)
        hwm = rss_kib(daemon.pid, "VmHWM")
    finally:
        daemon.send_signal(signal.SIGTERM)
        try:
            daemon.wait(20)
        except subprocess.TimeoutExpired:
            daemon.kill()
        log.close()
    row = {"fault": fault or "baseline (healthy target only)", "peak_rss_mib": hwm / 1024, "ok_scrapes": ok_scrapes,
           "ok_health": by_job.get("ok", {}).get("health"), "head_series": head_series}
    if fault:
        row["health"] = by_job.get(fault, {}).get("health")
        row["error"] = by_job.get(fault, {}).get("lastError", "")
    return row


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--binary", default=os.path.join(ROOT, ".build/debug/klaxon"))
    parser.add_argument("--seconds", type=int, default=20, help="run time per fault (default 20)")
    parser.add_argument("--small", action="store_true", help="the end-to-end test's sizes")
    args = parser.parse_args()
    if not os.access(args.binary, os.X_OK):
        print(f"faults/targets.py: {args.binary} is not built", file=sys.stderr)
        return 2
    sizes = ["64", "8", "200000"] if args.small else ["1024", "50", "1000000"]
    server = subprocess.Popen([sys.executable, FAULTS, str(os.getpid()), *sizes], stdout=subprocess.PIPE,
                              stderr=subprocess.DEVNULL)
    port = int(server.stdout.readline())
    target = f"127.0.0.1:{port}"
    expected = {
        "hang": "context deadline exceeded", "drip": "context deadline exceeded", "reset": "",
        "gzipbomb": "body size limit exceeded", "big": "body size limit exceeded", "million": "sample limit exceeded",
    }
    failures = []
    rows = []
    with tempfile.TemporaryDirectory(prefix="klaxon-faults-") as workdir:
        for fault in [None, "hang", "drip", "reset", "gzipbomb", "big", "million", "spike"]:
            row = run(args.binary, fault, target, args.seconds, workdir)
            rows.append(row)
            print(json.dumps(row), file=sys.stderr, flush=True)
            min_scrapes = args.seconds // INTERVAL - 1
            if row["ok_health"] != "up" or row["ok_scrapes"] < min_scrapes:
                failures.append(f"{row['fault']}: healthy target {row['ok_health']}, {row['ok_scrapes']} scrapes")
            if fault == "spike":
                if row["health"] != "up" or row["head_series"] > 100000:
                    failures.append(f"spike: {row['health']}, {row['head_series']} series in the head")
            elif fault:
                if row["health"] != "down" or expected[fault] not in row["error"] or not row["error"]:
                    failures.append(f"{fault}: {row['health']}, {row['error']!r}")
    server.terminate()
    sizes_text = "1 GiB gzip bomb, 50 MB body, 1,000,000 series" if not args.small else "test sizes"
    print(f"| fault ({sizes_text}) | target health | reason in /api/v1/targets | healthy target scrapes in {args.seconds} s | head series | peak RSS (MiB) |")
    print("|---|---|---|---|---|---|")
    for row in rows:
        print(f"| {row['fault']} | {row.get('health', '-')} | {row.get('error', '') or '-'} | {row['ok_scrapes']} | "
              f"{int(row['head_series'])} | {row['peak_rss_mib']:.0f} |")
    for failure in failures:
        print("FAILED: " + failure, file=sys.stderr)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
