#!/usr/bin/env python3
"""HA: two Klaxon replicas behind a real Alertmanager 0.25 cluster of two peers; each notification group reaches
the webhook once, and killing one Klaxon and one Alertmanager mid-run loses none.

Topology (README, "High availability"): both replicas scrape the same exporter and evaluate the same rules, with
external_labels {replica: a|b}; `alert_relabel_configs` drops `replica`, so both send identical alerts to both
Alertmanagers, which gossip on loopback and deduplicate through their shared notification log. Klaxon's built-in
router serves a single instance; it is not part of this path.

Run: the exporter (in this process) makes alert groups g1..g3 fire at the start; after --phase seconds, replica a
and the first Alertmanager are killed with SIGKILL, and groups g4..g6 start firing; after another phase the run
ends. The webhook sink (in this process) must have received exactly one firing notification per group, g1..g6.

Prints a Markdown report and exits 1 on a missing or repeated notification. Usage: scripts/compare/ha.py [--phase 20]
"""
import http.server
import json
import os
import shutil
import signal
import sys
import tempfile
import threading
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lib"))
import peers  # noqa: E402

PHASE = int(sys.argv[sys.argv.index("--phase") + 1]) if "--phase" in sys.argv else 20
ALERTMANAGER = shutil.which("prometheus-alertmanager") or shutil.which("alertmanager")
firing_groups = {"g1", "g2", "g3"}
received = []
lock = threading.Lock()


class Exporter(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        body = "".join(f'ha_demo_failing{{group="g{n}"}} {1 if f"g{n}" in firing_groups else 0}\n'
                       for n in range(1, 7)).encode()
        self.send_response(200)
        self.send_header("Content-Type", "text/plain; version=0.0.4")
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


class Sink(http.server.BaseHTTPRequestHandler):
    def do_POST(self):
        payload = json.loads(self.rfile.read(int(self.headers.get("Content-Length", 0))))
        with lock:
            received.append((time.time(), payload))
        self.send_response(200)
        self.end_headers()

    def log_message(self, *args):
        pass


def serve(handler):
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def main():
    if not ALERTMANAGER or not shutil.which("prometheus"):
        print("SKIP: prometheus-alertmanager is not installed (scripts/setup installs it)")
        return 2
    work = tempfile.mkdtemp(prefix="klaxon-ha-")
    exporter, sink = serve(Exporter), serve(Sink)
    am_ports = [peers.free_port(), peers.free_port()]
    cluster_ports = [peers.free_port(), peers.free_port()]
    klaxon_ports = [peers.free_port(), peers.free_port()]
    with open(f"{work}/alertmanager.yml", "w") as f:
        f.write(f"""route:
  receiver: sink
  group_by: [alertname, group]
  group_wait: 1s
  group_interval: 1h
  repeat_interval: 1h
receivers:
  - name: sink
    webhook_configs: [{{url: "http://127.0.0.1:{sink.server_address[1]}/", send_resolved: false}}]
""")
    with open(f"{work}/rules.yml", "w") as f:
        f.write("""groups:
  - name: ha
    interval: 1s
    rules:
      - alert: HADemoFailing
        expr: ha_demo_failing == 1
""")
    for replica in ("a", "b"):
        with open(f"{work}/klaxon-{replica}.yml", "w") as f:
            f.write(f"""global:
  scrape_interval: 1s
  evaluation_interval: 1s
  external_labels: {{replica: {replica}}}
rule_files: [rules.yml]
scrape_configs:
  - job_name: ha
    static_configs: [{{targets: ["127.0.0.1:{exporter.server_address[1]}"]}}]
alerting:
  alert_relabel_configs:
    - {{action: labeldrop, regex: replica}}
  alertmanagers:
    - static_configs: [{{targets: ["127.0.0.1:{am_ports[0]}", "127.0.0.1:{am_ports[1]}"]}}]
""")
    report = ["# HA: two Klaxon replicas, an Alertmanager 0.25 cluster of two", ""]
    failures = []
    try:
        alertmanagers = []
        for i in range(2):
            other = cluster_ports[1 - i]
            alertmanagers.append(peers.start(
                [ALERTMANAGER, f"--config.file={work}/alertmanager.yml", f"--storage.path={work}/am{i}",
                 f"--web.listen-address=127.0.0.1:{am_ports[i]}",
                 f"--cluster.listen-address=127.0.0.1:{cluster_ports[i]}", f"--cluster.peer=127.0.0.1:{other}",
                 "--cluster.settle-timeout=5s", "--cluster.peer-timeout=3s"],
                f"{work}/am{i}.log"))
        for i, process in enumerate(alertmanagers):
            peers.wait_http(f"http://127.0.0.1:{am_ports[i]}/-/ready", process)
        klaxons = []
        for i, replica in enumerate(("a", "b")):
            klaxons.append(peers.start(
                [peers.KLAXON, "run", f"--config.file={work}/klaxon-{replica}.yml",
                 f"--storage.path={work}/klaxon-{replica}-data", f"--web.listen-address=127.0.0.1:{klaxon_ports[i]}"],
                f"{work}/klaxon-{replica}.log"))
        for i, process in enumerate(klaxons):
            peers.wait_http(f"http://127.0.0.1:{klaxon_ports[i]}/-/ready", process)
        time.sleep(PHASE)
        peers.stop(klaxons[0], sig=signal.SIGKILL)
        peers.stop(alertmanagers[0], sig=signal.SIGKILL)
        report.append(f"After {PHASE} s: replica a and Alertmanager 1 killed (SIGKILL); groups g4..g6 start firing.")
        firing_groups.update({"g4", "g5", "g6"})
        time.sleep(PHASE)
        with lock:
            notifications = list(received)
        per_group = {}
        for _, payload in notifications:
            for alert in payload.get("alerts", []):
                if alert.get("status") == "firing":
                    per_group.setdefault(alert["labels"].get("group"), []).append(alert["labels"])
        report += ["", "| group | firing notifications | labels |", "|---|---|---|"]
        for n in range(1, 7):
            group = f"g{n}"
            got = per_group.get(group, [])
            report.append(f"| {group} | {len(got)} | {', '.join(sorted(got[0])) if got else '—'} |")
            if len(got) != 1:
                failures.append(f"{group}: {len(got)} firing notifications, want exactly 1")
            elif "replica" in got[0]:
                failures.append(f"{group}: the replica label reached the receiver")
    except Exception as error:
        failures.append(f"{type(error).__name__}: {error}")
    finally:
        peers.stop_all()
        exporter.shutdown()
        sink.shutdown()
    return peers.conclude(report, failures, "every group notified exactly once.", work, ("klaxon-a.log", "klaxon-b.log", "am0.log", "am1.log"), tail=12)


if __name__ == "__main__":
    sys.exit(main())
