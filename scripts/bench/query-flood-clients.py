#!/usr/bin/env python3
"""Query flood against a running Klaxon (or Prometheus): N concurrent clients send expensive queries for D seconds
while a prober times /-/healthy every 100 ms. Loopback only; bounded in time; stops by itself.

    scripts/bench/query-flood-clients.py --url http://127.0.0.1:39090 --clients 20 --duration 180 --out result.json

Expensive queries, round-robin per client: regex matchers over every series, `count by` over every series, a
range query over the whole retention, a regex that backtracks exponentially in a backtracking engine, and a
subquery that runs until the server's timeout. Each answer's status and time is recorded; the JSON written to
--out holds per-query-kind counts and latencies and the /-/healthy latency percentiles.
"""

import argparse
import json
import multiprocessing
import statistics
import threading
import time
import urllib.error
import urllib.parse
import urllib.request

QUERIES = [
    ("regex_all_series", "count({__name__=~\".+\", handler=~\".*a.*\"})"),
    ("count_by_all_series", "count by (__name__) ({__name__=~\".+\"})"),
    ("regex_not_5xx", "sum(rate(http_requests_total{status!~\"5..\"}[5m]))"),
    ("backtracking_regex", "count({__name__=~\"(a|aa)+\"} or {handler=~\"(a|aa)+\"})"),
    ("range_whole_retention", None),  # query_range, built per call
    ("until_timeout", "count_over_time(vector(1)[1h:1ms])"),
]


def get(url, timeout):
    start = time.monotonic()
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            response.read()
            status = response.status
    except urllib.error.HTTPError as error:
        error.read()
        status = error.code
    except Exception:  # noqa: BLE001 - a timeout or reset is a result too
        status = -1
    return status, time.monotonic() - start


def probe(url, stop, queue):
    """Times GET /-/healthy every 100 ms until `stop` is set; puts the list of (status, seconds) on `queue`."""
    probes = []
    while not stop.is_set():
        probes.append(get(url + "/-/healthy", timeout=10))
        time.sleep(0.1)
    queue.put(probes)


def percentile(values, p):
    if not values:
        return None
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, int(round(p / 100.0 * len(ordered) + 0.5)) - 1))
    return ordered[index]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--url", required=True)
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--duration", type=float, default=180)
    parser.add_argument("--range-start", type=float, default=None, help="unix seconds; default: now - 1h")
    parser.add_argument("--out", required=True)
    args = parser.parse_args()

    deadline = time.monotonic() + args.duration
    results = {name: [] for name, _ in QUERIES}
    lock = threading.Lock()

    def client(index):
        turn = index
        while time.monotonic() < deadline:
            name, query = QUERIES[turn % len(QUERIES)]
            turn += 1
            if query is None:
                end = time.time()
                start = args.range_start or end - 3600
                params = {"query": "sum by (job) (rate(http_requests_total[5m]))", "start": f"{start:.3f}",
                          "end": f"{end:.3f}", "step": "15"}
                url = args.url + "/api/v1/query_range?" + urllib.parse.urlencode(params)
            else:
                url = args.url + "/api/v1/query?" + urllib.parse.urlencode({"query": query})
            status, seconds = get(url, timeout=max(1.0, deadline - time.monotonic() + 30))
            with lock:
                results[name].append((status, seconds))

    # The prober is a process of its own: in this one it would share the interpreter lock with 20 client threads
    # reading large answers, and measure that wait instead of the server's.
    probe_queue = multiprocessing.Queue()
    probe_stop = multiprocessing.Event()
    prober = multiprocessing.Process(target=probe, args=(args.url, probe_stop, probe_queue))
    prober.start()
    threads = [threading.Thread(target=client, args=(i,), daemon=True) for i in range(args.clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    probe_stop.set()
    probes = probe_queue.get(timeout=60)
    prober.join(timeout=30)

    probe_seconds = [s for _, s in probes]
    summary = {
        "clients": args.clients,
        "duration_s": args.duration,
        "healthy": {
            "probes": len(probes),
            "failed": sum(1 for status, _ in probes if status != 200),
            "p50_ms": round(1000 * statistics.median(probe_seconds), 2) if probe_seconds else None,
            "p99_ms": round(1000 * percentile(probe_seconds, 99), 2) if probe_seconds else None,
            "max_ms": round(1000 * max(probe_seconds), 2) if probe_seconds else None,
        },
        "queries": {},
    }
    for name, answers in results.items():
        seconds = [s for _, s in answers]
        statuses = {}
        for status, _ in answers:
            statuses[str(status)] = statuses.get(str(status), 0) + 1
        summary["queries"][name] = {
            "count": len(answers),
            "statuses": statuses,
            "median_s": round(statistics.median(seconds), 3) if seconds else None,
            "max_s": round(max(seconds), 3) if seconds else None,
        }
    with open(args.out, "w") as f:
        json.dump(summary, f, indent=2)
    print(json.dumps(summary, indent=2))


if __name__ == "__main__":
    main()
