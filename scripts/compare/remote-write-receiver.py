#!/usr/bin/env python3
"""Real remote-write senders push into Klaxon's receiver, and Klaxon's rules fire on that data as on scraped data.

Starts a small exporter (in this process), `klaxon run --web.enable-remote-write-receiver` (the debug build, or
$KLAXON) scraping that exporter itself (job "scraped"), a real Prometheus 2.42 in agent mode (job "agent") and a
real vmagent (job "vmagent") scraping the same exporter and remote-writing into Klaxon. Klaxon evaluates one
recording rule and one alerting rule every second. The check: for each of the three jobs, the same series, the same
recorded value and the same firing alert; and the receiver's counters show the pushed samples.

Prints a Markdown report and exits 1 on a difference. Usage: scripts/compare/remote-write-receiver.py [--seconds 20]
"""
import http.server
import json
import os
import shutil
import sys
import tempfile
import threading
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lib"))
import peers  # noqa: E402

SECONDS = int(sys.argv[sys.argv.index("--seconds") + 1]) if "--seconds" in sys.argv else 20
EXPOSITION = "".join(
    f'rw_demo_value{{n="{n}"}} {n}\nrw_demo_up{{n="{n}"}} {0 if n == 3 else 1}\n' for n in range(1, 6)
).encode()
RULES = """groups:
  - name: demo
    interval: 1s
    rules:
      - record: job:rw_demo_value:sum
        expr: sum by (job) (rw_demo_value)
      - alert: DemoDown
        expr: rw_demo_up == 0
        labels: {severity: page}
"""


class Exporter(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        self.send_response(200)
        self.send_header("Content-Type", "text/plain; version=0.0.4")
        self.send_header("Content-Length", str(len(EXPOSITION)))
        self.end_headers()
        self.wfile.write(EXPOSITION)

    def log_message(self, *args):
        pass


def main():
    for binary in ("prometheus", "vmagent"):
        if not shutil.which(binary):
            print(f"SKIP: {binary} is not installed (scripts/setup installs it)")
            return 2
    work = tempfile.mkdtemp(prefix="klaxon-rw-receiver-")
    exporter = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Exporter)
    threading.Thread(target=exporter.serve_forever, daemon=True).start()
    target = f"127.0.0.1:{exporter.server_address[1]}"
    klaxon_port, agent_port, vmagent_port = peers.free_port(), peers.free_port(), peers.free_port()
    write_url = f"http://127.0.0.1:{klaxon_port}/api/v1/write"
    with open(f"{work}/rules.yml", "w") as f:
        f.write(RULES)
    with open(f"{work}/klaxon.yml", "w") as f:
        f.write(f"""global: {{scrape_interval: 1s, evaluation_interval: 1s}}
rule_files: [rules.yml]
scrape_configs:
  - job_name: scraped
    static_configs: [{{targets: ["{target}"]}}]
""")
    with open(f"{work}/agent.yml", "w") as f:
        f.write(f"""global: {{scrape_interval: 1s}}
scrape_configs:
  - job_name: agent
    static_configs: [{{targets: ["{target}"]}}]
remote_write:
  - url: {write_url}
    queue_config: {{batch_send_deadline: 1s}}
""")
    with open(f"{work}/vmagent.yml", "w") as f:
        f.write(f"""global: {{scrape_interval: 1s}}
scrape_configs:
  - job_name: vmagent
    static_configs: [{{targets: ["{target}"]}}]
""")
    report = ["# Remote-write senders into Klaxon's receiver", ""]
    failures = []
    try:
        klaxon = peers.start(
            [peers.KLAXON, "run", f"--config.file={work}/klaxon.yml", f"--storage.path={work}/klaxon-data",
             f"--web.listen-address=127.0.0.1:{klaxon_port}", "--web.enable-remote-write-receiver"],
            f"{work}/klaxon.log")
        base = f"http://127.0.0.1:{klaxon_port}"
        peers.wait_http(base + "/-/ready", klaxon)
        agent = peers.start(
            ["prometheus", "--enable-feature=agent", f"--config.file={work}/agent.yml",
             f"--storage.agent.path={work}/agent-data", f"--web.listen-address=127.0.0.1:{agent_port}"],
            f"{work}/agent.log")
        vmagent = peers.start(
            ["vmagent", f"-promscrape.config={work}/vmagent.yml", f"-remoteWrite.url={write_url}",
             f"-remoteWrite.tmpDataPath={work}/vmagent-data", f"-httpListenAddr=127.0.0.1:{vmagent_port}",
             "-remoteWrite.flushInterval=1s"],
            f"{work}/vmagent.log")
        peers.wait_http(f"http://127.0.0.1:{agent_port}/-/ready", agent)
        peers.wait_http(f"http://127.0.0.1:{vmagent_port}/health", vmagent)
        deadline = time.time() + SECONDS + 60
        jobs = ("scraped", "agent", "vmagent")
        firing = {}
        while time.time() < deadline:
            alerts = peers.query(base, 'ALERTS{alertname="DemoDown",alertstate="firing"}')["result"]
            firing = {a["metric"].get("job"): a["metric"] for a in alerts}
            if all(job in firing for job in jobs) and time.time() > deadline - 60:
                break
            time.sleep(1)
        report += ["| job | series `rw_demo_value` | `job:rw_demo_value:sum` | `DemoDown` firing on |", "|---|---|---|---|"]
        for job in jobs:
            series = peers.query(base, f'count(rw_demo_value{{job="{job}"}})')["result"]
            recorded = peers.query(base, f'job:rw_demo_value:sum{{job="{job}"}}')["result"]
            count = int(float(series[0]["value"][1])) if series else 0
            value = float(recorded[0]["value"][1]) if recorded else None
            alert = firing.get(job, {})
            report.append(f"| {job} | {count} | {value} | {alert.get('n', '—')} |")
            if count != 5:
                failures.append(f"job {job}: {count} rw_demo_value series, want 5")
            if value != 15.0:
                failures.append(f"job {job}: recorded {value}, want 15")
            if alert.get("n") != "3" or alert.get("severity") != "page":
                failures.append(f"job {job}: DemoDown not firing for n=3 ({alert})")
        received = peers.metric(base, "klaxon_remote_write_samples_total") or 0
        rejected = peers.metric(base, "klaxon_remote_write_requests_rejected_total") or 0
        report += ["", f"Receiver: {received:.0f} samples appended, {rejected:.0f} requests rejected."]
        if received <= 0:
            failures.append("the receiver appended no samples")
        # Nothing the senders pushed was refused.
        agent_failed = peers.metric(f"http://127.0.0.1:{agent_port}", "prometheus_remote_storage_samples_failed_total")
        report.append(f"Prometheus agent: samples failed {agent_failed}.")
        if agent_failed:
            failures.append(f"the Prometheus agent had {agent_failed} samples fail")
    except Exception as error:  # report what the peers said
        failures.append(f"{type(error).__name__}: {error}")
    finally:
        peers.stop_all()
        exporter.shutdown()
    return peers.conclude(report, failures, "no difference.", work, ("klaxon.log", "agent.log", "vmagent.log"), tail=15)


if __name__ == "__main__":
    sys.exit(main())
