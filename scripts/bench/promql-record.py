#!/usr/bin/env python3
"""Turns one run of scripts/bench/promql-vs-prometheus into JSON lines (stdlib only).

    scripts/bench/promql-record.py OUT.jsonl RUN_ID PROM_OUTPUT KLAXON_OUTPUT LOAD_BEFORE LOAD_AFTER

PROM_OUTPUT: the lines printed by the Prometheus side ("prometheus NAME input_series=... ms ...").
KLAXON_OUTPUT: the ordo-one benchmark text tables of the Klaxon side ("rule NAME (N input series)" blocks).
Appends one line per query with both sides' medians and the ratios Klaxon / Prometheus (process CPU per query,
the figure a loaded machine disturbs least, and wall clock), and prints a markdown table of the run.
"""
import json
import re
import sys
import time

UNIT = {"": 1.0, "K": 1e3, "M": 1e6, "G": 1e9}


def parse_prometheus(text):
    out = {}
    pattern = re.compile(
        r"^prometheus (\S+)\s+input_series=\s*(\d+) result_series=\s*(\d+) evalTotalTime_median=\s*([\d.]+) ms"
        r".*http_median=\s*([\d.]+) ms\s+process_cpu_per_query=\s*([\d.]+) ms"
    )
    for line in text.splitlines():
        m = pattern.match(line.strip())
        if m:
            out[m.group(1)] = {
                "input_series": int(m.group(2)),
                "result_series": int(m.group(3)),
                "eval_ms": float(m.group(4)),
                "http_ms": float(m.group(5)),
                "cpu_ms": float(m.group(6)),
            }
    return out


def parse_klaxon(text):
    """p50 of each metric row of each `rule NAME (N input series)` table."""
    out = {}
    current = None
    for line in text.splitlines():
        m = re.match(r"^rule (\S+) \((\d+) input series\)", line)
        if m:
            current = out.setdefault(m.group(1), {"input_series": int(m.group(2))})
            continue
        if current is None or not line.startswith("│"):
            continue
        cells = [c.strip() for c in line.strip("│").split("│")]
        if len(cells) < 4 or cells[0] == "Metric":
            continue
        label, p50 = cells[0], cells[3]
        try:
            value = float(p50)
        except ValueError:
            continue
        scale = re.search(r"\((K|M|G)\)", label)
        factor = UNIT[scale.group(1)] if scale else 1.0
        if label.startswith("Time (total CPU)"):
            current["cpu_ms"] = value * factor if "(ms)" in label else value * factor / 1e6
        elif label.startswith("Time (wall clock)"):
            current["wall_ms"] = value * factor if "(ms)" in label else value * factor / 1e6
        elif label.startswith("ns/input series"):
            current["wall_ns_per_series"] = value * factor
        elif label.startswith("Malloc (total)"):
            current["mallocs"] = value * factor
    return out


def main():
    out_path, run_id, prom_path, klaxon_path, load_before, load_after = sys.argv[1:7]
    prom = parse_prometheus(open(prom_path).read())
    klaxon = parse_klaxon(open(klaxon_path).read())
    rows = []
    with open(out_path, "a") as out:
        for name in ["sum-rate", "histogram-quantile", "avg-over-time", "error-ratio-alert"]:
            p, k = prom.get(name), klaxon.get(name)
            if not p or not k:
                continue
            n = p["input_series"]
            rec = {
                "run": run_id,
                "recorded_unix": round(time.time(), 1),
                "query": name,
                "input_series": n,
                "klaxon_input_series": k.get("input_series"),
                "load_before": load_before,
                "load_after": load_after,
                "prometheus": p,
                "klaxon": k,
                "prometheus_cpu_ns_per_series": round(p["cpu_ms"] * 1e6 / n),
                "prometheus_eval_ns_per_series": round(p["eval_ms"] * 1e6 / n),
                "klaxon_cpu_ns_per_series": round(k["cpu_ms"] * 1e6 / n) if "cpu_ms" in k else None,
                "klaxon_wall_ns_per_series": round(k["wall_ms"] * 1e6 / n) if "wall_ms" in k else None,
                "ratio_cpu": round(k["cpu_ms"] / p["cpu_ms"], 3) if "cpu_ms" in k else None,
                "ratio_wall_vs_eval": round(k["wall_ms"] / p["eval_ms"], 3) if "wall_ms" in k else None,
            }
            out.write(json.dumps(rec) + "\n")
            rows.append(rec)
    print("| query | input series | Prometheus CPU ns/series | Klaxon CPU ns/series | ratio CPU "
          "| Prometheus evalTotalTime ns/series | Klaxon wall ns/series | ratio wall |")
    print("|---|---|---|---|---|---|---|---|")
    for r in rows:
        print("| %s | %d | %d | %s | **%s** | %d | %s | %s |" % (
            r["query"], r["input_series"], r["prometheus_cpu_ns_per_series"], r["klaxon_cpu_ns_per_series"],
            r["ratio_cpu"], r["prometheus_eval_ns_per_series"], r["klaxon_wall_ns_per_series"],
            r["ratio_wall_vs_eval"]))


if __name__ == "__main__":
    main()
