#!/usr/bin/env python3
"""Writes benchmark inputs from ../shared/bench/fake_exporter.py (the same synthetic exporter the Prometheus
baseline uses):
  <out>/body100k.prom          one 100,000-series text exposition (parse benchmark)
  <out>/scrapes/NNNN.prom       one target's exposition every 15 s for 3 hours (bytes-per-sample benchmark)
"""
import os
import sys

shared = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "shared", "bench")
sys.path.insert(0, shared)
import fake_exporter as fe  # noqa: E402

out = sys.argv[1] if len(sys.argv) > 1 else "/tmp/klaxon-bench"
os.makedirs(os.path.join(out, "scrapes"), exist_ok=True)

big = fe.Exporter(fe.parse_args(["--targets", "10", "--series-per-target", "100000", "--t0", "1000000"]))
with open(os.path.join(out, "body100k.prom"), "wb") as f:
    f.write(big.targets[3].render(600.0))

small = fe.Exporter(fe.parse_args(["--targets", "10", "--series-per-target", "1000", "--t0", "1000000"]))
steps = 720  # 3 h at 15 s
for step in range(steps):
    with open(os.path.join(out, "scrapes", "%04d.prom" % step), "wb") as f:
        f.write(small.targets[3].render(step * 15.0))
print("wrote %s/body100k.prom and %d scrapes" % (out, steps))
