#!/usr/bin/env python3
"""Writes the PromQL benchmark data set: the series of ../shared/bench/fake_exporter.py (100 targets x 1000 series
by default), one sample every 15 s for 1 h, as two files with the same samples:

  <out>.series      one line per series: `name{labels}` TAB value value ... (read by Benchmarks/PromQLBenchmarks)
  <out>.om          OpenMetrics with timestamps (for `promtool tsdb create-blocks-from openmetrics`)

Each target gets job="bench", instance="127.0.0.1:<39100+i>" as a scrape by ../shared/bench/gen_config.py would.
Sample k is the exporter's exposition at scenario time k*15 s, stored at BASE + k*15 s (BASE = 1764000000 s, a 2 h
block boundary), so the incidents of the scenario (error ratio, latency, queue ramp) are inside the hour.

usage: scripts/bench/promql-data.py OUT_PREFIX [--targets 100] [--series 100000] [--minutes 60] [--step 15]
"""
import argparse
import os
import sys

BASE = 1764000000  # seconds; a multiple of 7200


def main():
    p = argparse.ArgumentParser()
    p.add_argument("out")
    p.add_argument("--targets", type=int, default=100)
    p.add_argument("--series", type=int, default=100000)
    p.add_argument("--minutes", type=int, default=60)
    p.add_argument("--step", type=int, default=15)
    p.add_argument("--shared", default=os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "..", "shared"))
    a = p.parse_args()
    bench = os.path.join(a.shared, "bench")
    if not os.path.exists(os.path.join(bench, "fake_exporter.py")):
        print("skipped: ../shared not found (%s)" % bench, file=sys.stderr)
        sys.exit(3)
    sys.path.insert(0, bench)
    import fake_exporter  # noqa: E402

    args = fake_exporter.parse_args(["--targets", str(a.targets), "--series", str(a.series)])
    ex = fake_exporter.Exporter(args)
    steps = a.minutes * 60 // a.step + 1
    keys = []  # series key per (target, line index), in family order per target
    values = []  # list of lists of value strings, parallel to keys
    for ti, tg in enumerate(ex.targets):
        extra = 'job="bench",instance="127.0.0.1:%d"' % (39100 + ti)
        first = len(keys)
        for k in range(steps):
            body = tg.render(float(k * a.step)).decode()
            n = first
            for line in body.split("\n"):
                if not line or line[0] == "#":
                    continue
                sp = line.rindex(" ")
                if k == 0:
                    key = line[:sp]
                    if key.endswith("}"):
                        key = key[:-1] + "," + extra + "}"
                    else:
                        key = key + "{" + extra + "}"
                    keys.append(key)
                    values.append([])
                values[n].append(line[sp + 1:])
                n += 1
    with open(a.out + ".series", "w") as f:
        for key, vs in zip(keys, values):
            f.write(key)
            f.write("\t")
            f.write(" ".join(vs))
            f.write("\n")
    # OpenMetrics: the samples of a metric name must be contiguous; series in time order.
    by_name = {}
    for i, key in enumerate(keys):
        name = key[: key.index("{")]
        by_name.setdefault(name, []).append(i)
    stamps = ["%d" % (BASE + k * a.step) for k in range(steps)]
    with open(a.out + ".om", "w") as f:
        for name, idx in by_name.items():
            for i in idx:
                key = keys[i]
                f.write("".join("%s %s %s\n" % (key, v, s) for v, s in zip(values[i], stamps)))
        f.write("# EOF\n")
    print("%d series x %d samples -> %s.series, %s.om" % (len(keys), steps, a.out, a.out), file=sys.stderr)


if __name__ == "__main__":
    main()
