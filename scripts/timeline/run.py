#!/usr/bin/env python3
"""Run ../shared/bench/alert_timeline.sh on the reference run's phase, then compare with the reference.

Called by scripts/timeline/run (which builds Klaxon); usable alone:

  scripts/timeline/run.py --klaxon BIN [--compat prometheus2]   # Klaxon routes itself, no Alertmanager
  scripts/timeline/run.py --prometheus                          # control: the real Prometheus 2.42 + Alertmanager 0.25
  scripts/timeline/run.py ... --unaligned                       # the harness as it is (t0 = now, rules where they are)
  scripts/timeline/run.py --find-rules-path [START]             # the search behind RULES_PATH below
  scripts/timeline/run.py --matrix RUN.json...                  # how far runs agree with each other (no run)

Why align. The harness scripts incidents relative to the exporter's t0 (the wall clock when it starts), while a
Prometheus-compatible daemon scrapes and evaluates at fixed moments of the interval: a target at
hash(target) ^ jitterSeed mod interval (the seed from the host's FQDN), a rule group at hash(file, name) mod
interval. Which 5 s evaluation first sees an incident therefore depends on t0 mod 5 s and on the rule file's
path, and an alert that crosses its threshold near a 30 s group tick lands in one notification or the next. The
recorded reference ran with t0 at one phase and a rule file at a path the recording does not give; two runs of
one daemon at different phases differ by whole evaluation cycles. Aligned runs put both daemons on the
reference's phase:

  * t0 is chosen so that t0 mod 5 s equals the reference's (the exporter gets `--t0`; the harness's own clock
    start is a second or two earlier, and every time in the report is re-based on the chosen t0);
  * the rules are copied to RULES_PATH, a path whose group slots equal the reference's alert-group slots (read
    from the startsAt of its webhook bodies) within 3 ms, and whose recording-group slots fall where the
    reference's transitions place them (see find_rules_path);
  * scrape moments need nothing: targets, ports and the host's FQDN are the same, and Klaxon places targets as
    Prometheus does;
  * Klaxon starts when the reference's Prometheus began to scrape (PROMETHEUS_FIRST_SCRAPE_S below), so both
    stores begin with the same samples.

The control run (`--prometheus`) checks the method: the real pair, aligned, must reproduce the reference.
"""
import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))  # scripts/<job>/ → the repository
BENCH = os.path.normpath(os.path.join(ROOT, "..", "shared", "bench"))
REFERENCE_DIR = os.path.normpath(os.path.join(ROOT, "..", "shared", "reference"))
RULES_PATH = "/tmp/klaxon-timeline-42350463/bench_rules.yml"
GROUPS = ("bench_recording_http", "bench_recording_system", "bench_alerts_http", "bench_alerts_system")
DEFAULT_EXPORTER_ARGS = ("--err-start 30 --err-stagger 30 --err-duration 180 --lat-start 60 --lat-duration 150 "
                         "--queue-start 30 --queue-duration 240")
# Prometheus 2.42 applies scrape targets on its scrape manager's first 5 s reload tick: it stores nothing for
# ~5.2 s after it starts (measured here: first sample 5.26 s after launch, the last target's 10.06 s), and in the
# reference it started with the exporter. Klaxon scrapes at once, which gives it one more sample per target at the
# start; every rule whose window still reaches back to the start when it crosses its threshold (rate[2m] ratios,
# deriv[2m]) then crosses one evaluation later, and `for` alerts that are true from the first evaluation (the hot
# sensors) fire one evaluation earlier. That start-up delay is Prometheus's, not behaviour to copy, so aligned runs
# start Klaxon at t0 + this, which gives it the reference's first scrapes.
PROMETHEUS_FIRST_SCRAPE_S = 5.2
MASK = (1 << 64) - 1
P1, P2, P3, P4, P5 = (11400714785074694791, 14029467366897019727, 1609587929392839161, 9650029242287828579,
                      2870177450012600261)


def _rotl(x, r):
    return ((x << r) | (x >> (64 - r))) & MASK


def _round(acc, lane):
    return (_rotl((acc + lane * P2) & MASK, 31) * P1) & MASK


def xxh64(data):
    """XXH64, seed 0 (Prometheus's labels.Hash); pure Python so the script needs nothing installed."""
    n, i = len(data), 0
    if n >= 32:
        v = [(P1 + P2) & MASK, P2, 0, (-P1) & MASK]
        while i + 32 <= n:
            for k in range(4):
                v[k] = _round(v[k], int.from_bytes(data[i + 8 * k:i + 8 * k + 8], "little"))
            i += 32
        h = (_rotl(v[0], 1) + _rotl(v[1], 7) + _rotl(v[2], 12) + _rotl(v[3], 18)) & MASK
        for k in range(4):
            h = ((h ^ _round(0, v[k])) * P1 + P4) & MASK
    else:
        h = P5
    h = (h + n) & MASK
    while i + 8 <= n:
        h = (_rotl(h ^ _round(0, int.from_bytes(data[i:i + 8], "little")), 27) * P1 + P4) & MASK
        i += 8
    if i + 4 <= n:
        h = (_rotl(h ^ (int.from_bytes(data[i:i + 4], "little") * P1 & MASK), 23) * P2 + P3) & MASK
        i += 4
    while i < n:
        h = (_rotl(h ^ (data[i] * P5 & MASK), 11) * P1) & MASK
        i += 1
    h = ((h ^ (h >> 33)) * P2) & MASK
    h = ((h ^ (h >> 29)) * P3) & MASK
    return h ^ (h >> 32)


try:  # the search below tries tens of millions of paths: use the C module when it is installed (pip install xxhash)
    from xxhash import xxh64_intdigest as _fast_xxh64
except ImportError:
    _fast_xxh64 = xxh64


def slot(path, group, interval_s=5):
    """Prometheus's rule-group offset: labels {file, name} hashed, modulo the interval in nanoseconds."""
    data = b"file\xff" + path.encode() + b"\xffname\xff" + group.encode() + b"\xff"
    return (_fast_xxh64(data) % (interval_s * 10**9)) / 1e9


def reference_path():
    names = sorted(f for f in os.listdir(REFERENCE_DIR)
                   if f.startswith("alert_timeline_prometheus-2.42+alertmanager-0.25_") and f.endswith(".json"))
    return os.path.join(REFERENCE_DIR, names[0])


def group_phases(timeline_path, sink_path, interval_s=5):
    """startsAt mod interval of the alerts in a run's webhook bodies, per alert group of the bench rules."""
    from datetime import datetime
    rules = open(os.path.join(BENCH, "rules", "bench_rules.yml")).read().split("- name: ")
    group_of = {}
    for block in rules[1:]:
        name = block.split()[0]
        for line in block.splitlines():
            if line.strip().startswith("- alert:"):
                group_of[line.split(":", 1)[1].strip()] = name
    phases = {}
    with open(sink_path) as f:
        for line in f:
            if not line.strip():
                continue
            for alert in json.loads(line).get("alerts", []):
                starts = datetime.fromisoformat(alert["startsAt"].replace("Z", "+00:00")).timestamp()
                group = group_of.get(alert["labels"].get("alertname"))
                if group:
                    phases.setdefault(group, set()).add(round(starts % interval_s, 3))
    return {g: sorted(v) for g, v in phases.items()}


def find_rules_path(start, ref_http, ref_system):
    """Searches /tmp/klaxon-timeline-N/bench_rules.yml for the first N whose slots fit (see the module text)."""
    def within(x, lo, hi):
        return (x - lo) % 5 < (hi - lo) % 5
    n = start
    while True:
        path = "/tmp/klaxon-timeline-%d/bench_rules.yml" % n
        n += 1
        if abs(slot(path, "bench_alerts_http") - ref_http) > 0.003:
            continue
        if abs(slot(path, "bench_alerts_system") - ref_system) > 0.003:
            continue
        # Where the reference's recording groups ran, from its own transitions (scrape moments as on this host):
        # HighErrorVolume (on recorded http error rates) went pending with Many503 (the same rate written
        # inline), so the http recording group ran after the error targets' scrapes (:39103/13/23, up to 2.90 s)
        # and before the http alert group; HighInflight on :39115 and QueueBacklog on :39127 (on recorded system
        # series) went pending one evaluation later than the inline data allows, while :39105 (scraped at 1.92 s)
        # did not, so the system recording group ran between 1.92 s and 2.94 s (:39115's scrape).
        # The http recording group also ends well before the alert group starts: a slot 45 ms before it made the
        # real Prometheus read the previous cycle's recorded latencies (its group had not finished).
        if within(slot(path, "bench_recording_http"), 2.95, 4.0) and \
                within(slot(path, "bench_recording_system"), 1.95, 2.90):
            return path


def rebase(harness_json, workdir, t0, duration, out_json):
    """Re-reports a harness run on the chosen t0: times relative to it, notifications in [0, duration]."""
    run = json.load(open(harness_json))
    shift = run["t0"] - t0
    sink = os.path.join(workdir, "sink.jsonl")
    kept = os.path.join(workdir, "sink.aligned.jsonl")
    with open(sink) as src, open(kept, "w") as dst:
        for line in src:
            if line.strip() and json.loads(line)["_sink"]["received_unix"] <= t0 + duration:
                dst.write(line)
    transitions = os.path.join(workdir, "transitions.aligned.jsonl")
    with open(transitions, "w") as dst:
        for row in run.get("rule_state_transitions", []):
            row = dict(row, t=round(row["t"] + shift, 2))
            if 0 <= row["t"] <= duration:
                dst.write(json.dumps(row) + "\n")
    meta = dict(run["meta"], harness_t0=run["t0"], aligned_t0=t0, duration_s=str(duration), rules_path=RULES_PATH,
                dut_ready_t=str(round(float(run["meta"]["dut_ready_t"]) + shift, 2)))
    subprocess.run([sys.executable, os.path.join(BENCH, "timeline.py"), "report", "--sink", kept, "--t0", str(t0),
                    "--transitions", transitions, "--scenario", os.path.join(workdir, "scenario.json"),
                    "--meta", json.dumps(meta), "--out", out_json], check=True, stdout=subprocess.DEVNULL)
    shutil.copy(kept, out_json[:-len(".json")] + ".sink.jsonl")


def startup_delayed(ref, tol, wait):
    """Groups whose first reference notification came later than startsAt + group_wait + tol."""
    delayed = []
    by_group = {}
    for n in ref["notifications"]:
        by_group.setdefault(n["group_alertname"], []).append(n)
    for name, notes in by_group.items():
        starts = [a["startsAt_t"] for a in notes[0].get("alert_details", []) if a.get("startsAt_t") is not None]
        if starts and notes[0]["t"] > min(starts) + wait + tol:
            delayed.append(name)
    return sorted(delayed), by_group


def seconds(text):
    for unit, scale in (("ms", 0.001), ("s", 1), ("m", 60), ("h", 3600)):
        if text.endswith(unit) and text[:-len(unit)].replace(".", "").isdigit():
            return float(text[:-len(unit)]) * scale
    raise SystemExit("cannot read duration %r" % text)


def compare(reference, candidate, tol=5.0):
    """compare.py as recorded, then with the reference's start-up-delayed groups judged on their own schedule.

    The reference pair starts late: Prometheus's first alert send finds no Alertmanager discovered yet and the
    next waits for the 1m resend delay, so a group whose first notification came later than its alerts' startsAt
    + group_wait + tolerance is shifted by start-up, not by routing (Klaxon should not have that delay). Those
    groups must have their first notification at startsAt + group_wait, then repeat every repeat_interval with
    the reference's content; every other group goes through compare.py unchanged. Returns (0 when all match,
    whether the start-up-delayed groups kept their own schedule)."""
    compare_py = os.path.join(BENCH, "compare.py")
    print("== compare.py timeline %s %s --tol %g (as recorded)" % (os.path.basename(reference),
                                                                    os.path.basename(candidate), tol), flush=True)
    subprocess.run([sys.executable, compare_py, "timeline", reference, candidate, "--tol", str(tol)])
    ref, new = json.load(open(reference)), json.load(open(candidate))
    wait, repeat = seconds(ref["meta"]["group_wait"]), seconds(ref["meta"]["repeat_interval"])
    delayed, ref_groups = startup_delayed(ref, tol, wait)
    new_groups = {}
    for n in new["notifications"]:
        new_groups.setdefault(n["group_alertname"], []).append(n)
    bad = False
    for name in delayed:
        r, n = ref_groups[name], new_groups.get(name, [])
        late = r[0]["t"] - min(a["startsAt_t"] for a in r[0]["alert_details"]) - wait
        print("== %s: delayed by the reference pair's start-up (first sent %.1fs after startsAt + group_wait)"
              % (name, late))
        if not n:
            print("  MISSING")
            bad = True
            continue
        expect = min(a["startsAt_t"] for a in n[0]["alert_details"] if a.get("startsAt_t") is not None) + wait
        print("  first %.1f (startsAt + group_wait = %.1f)%s" % (n[0]["t"], expect,
              "" if abs(n[0]["t"] - expect) <= tol else "  LATE/EARLY"))
        bad |= abs(n[0]["t"] - expect) > tol
        gaps_r = [round(b["t"] - a["t"], 1) for a, b in zip(r, r[1:])]
        gaps_n = [round(b["t"] - a["t"], 1) for a, b in zip(n, n[1:])]
        content = lambda notes: [(x["status"], x["firing"], x["resolved"]) for x in notes]
        k = min(len(r), len(n))
        print("  gaps ref %s, new %s; content ref %s, new %s" % (gaps_r, gaps_n, content(r), content(n)))
        if content(r)[:k] != content(n)[:k] or any(abs(g - repeat) > tol for g in gaps_n if g > wait):
            print("  DIFFERENT")
            bad = True
    with tempfile.TemporaryDirectory(prefix="klaxon-timeline.") as tmp:
        for tl, path in ((ref, "ref.json"), (new, "new.json")):
            tl = dict(tl, notifications=[x for x in tl["notifications"] if x["group_alertname"] not in delayed])
            json.dump(tl, open(os.path.join(tmp, path), "w"))
        print("== compare.py timeline, the groups delayed by the reference's start-up left out (compared above)",
              flush=True)
        status = subprocess.run([sys.executable, compare_py, "timeline", os.path.join(tmp, "ref.json"),
                                 os.path.join(tmp, "new.json"), "--tol", str(tol)]).returncode
    return (1 if status or bad else 0), not bad


def matching_groups(ref, new, tol, own_schedule=()):
    """compare.py's per-group verdict (same statuses and counts in order, each within tol seconds), as a set of
    matching group names; groups in own_schedule are taken as matching (they are judged apart, above)."""
    def by_group(tl):
        groups = {}
        for n in tl["notifications"]:
            groups.setdefault(n["group_alertname"], []).append((n["t"], n["status"], n["firing"], n["resolved"]))
        return groups
    a, b = by_group(ref), by_group(new)
    same = set(own_schedule) & set(a)
    for name in set(a) - same:
        x, y = a[name], b.get(name, [])
        if len(x) == len(y) and all(p[1:] == q[1:] and abs(p[0] - q[0]) <= tol for p, q in zip(x, y)):
            same.add(name)
    return same, sorted(set(a) | set(b))


def state_changes(tl):
    """First time (s after t0, from the harness's 1 s ALERTS poll) each alert instance became pending, firing or
    inactive, after the first 20 s."""
    first = {}
    for row in tl.get("rule_state_transitions", []):
        key = (row["alertname"], row["instance"], row["to"])
        if key not in first and row["t"] > 20:
            first[key] = row["t"]
    return first


def summary(reference, candidate, own_ok, tol=5.0):
    """One line per comparison: groups matching the reference, and, for Klaxon, the newest aligned control run of
    the real pair with the same rule path (groups and per-rule state changes)."""
    ref, new = json.load(open(reference)), json.load(open(candidate))
    wait = seconds(ref["meta"]["group_wait"])
    delayed, _ = startup_delayed(ref, tol, wait)
    same, names = matching_groups(ref, new, tol, delayed if own_ok else ())
    print("[summary] %s: %d of %d groups match the reference (tol %gs%s)" % (
        os.path.basename(candidate), len(same), len(names), tol,
        "; %s on its own schedule" % ", ".join(delayed) if delayed else ""))
    print("[summary]   differing: %s" % (", ".join(n for n in names if n not in same) or "none"))
    if new["meta"].get("dut", "").startswith("prometheus"):
        return
    controls = sorted(
        (os.path.join(os.path.dirname(candidate), f) for f in os.listdir(os.path.dirname(candidate))
         if f.startswith("alert_timeline_prometheus-2.42+alertmanager-0.25-aligned_") and f.endswith(".json")),
        reverse=True)
    for path in controls:
        control = json.load(open(path))
        if control["meta"].get("rules_path") != new["meta"].get("rules_path") or not new["meta"].get("rules_path"):
            continue
        same, names = matching_groups(control, new, tol)
        print("[summary] against the aligned control run %s: %d of %d groups match (differing: %s)" % (
            os.path.basename(path), len(same), len(names), ", ".join(n for n in names if n not in same) or "none"))
        c, k = state_changes(control), state_changes(new)
        keys = sorted(set(c) | set(k))
        apart = [key for key in keys if key not in c or key not in k or abs(c[key] - k[key]) > 2.5]
        print("[summary]   rule state changes within one evaluation (2.5 s) of Prometheus's: %d of %d%s" % (
            len(keys) - len(apart), len(keys),
            "; apart: " + "; ".join("%s %s %s P=%s K=%s" % (a, i, st, c.get((a, i, st)), k.get((a, i, st)))
                                    for a, i, st in apart) if apart else ""))
        r = state_changes(ref)
        both = [key for key in keys if key in c and key in r and abs(c[key] - r[key]) > 2.5]
        print("[summary]   (the control itself differs from the reference in %d of them)" % len(both))
        break


def matrix(paths, tol=5.0):
    """How often two runs agree with each other: for every pair of the given timelines (the reference first), the
    notification groups that match (compare.py's verdict; the reference's start-up-delayed groups are left out of
    pairs with the reference, as the bar allows) and the rule state changes within one evaluation. Two runs of
    the same daemon on the same alignment differ only by millisecond races, so this measures how far a single
    recorded run can be reproduced at all."""
    reference = reference_path()
    runs = [reference] + [p for p in paths if os.path.abspath(p) != os.path.abspath(reference)]
    loaded = [json.load(open(p)) for p in runs]
    ref = loaded[0]
    delayed, _ = startup_delayed(ref, tol, seconds(ref["meta"]["group_wait"]))
    labels = ["ref"] + ["r%d" % i for i in range(1, len(runs))]
    for label, path, tl in zip(labels, runs, loaded):
        print("%-4s %s" % (label, os.path.basename(path)))
    def groups(i, j):
        own = delayed if 0 in (i, j) else ()
        same, names = matching_groups(loaded[i], loaded[j], tol, own)
        return len(same - set(own)), len([n for n in names if n not in own])

    def changes(i, j):
        x, y = state_changes(loaded[i]), state_changes(loaded[j])
        keys = set(x) | set(y)
        return sum(1 for k in keys if k in x and k in y and abs(x[k] - y[k]) <= 2.5), len(keys)

    for title, cell, width in (("groups matching (of all groups in either run; Watchdog left out of pairs with ref)",
                                groups, 7),
                               ("rule state changes within one evaluation (2.5 s)", changes, 9)):
        print("\n%s:" % title)
        print("     " + " ".join(label.rjust(width) for label in labels))
        for i in range(len(loaded)):
            row = [("-" if i == j else "%d/%d" % cell(i, j)).rjust(width) for j in range(len(loaded))]
            print("%-4s " % labels[i] + " ".join(row))
    return 0


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--klaxon", help="klaxon binary (Klaxon routes itself)")
    ap.add_argument("--compat", help="passed to klaxon run --compat (prometheus2 = the reference's 2.x PromQL)")
    ap.add_argument("--prometheus", action="store_true", help="the real Prometheus + Alertmanager, as control")
    ap.add_argument("--unaligned", action="store_true", help="t0 = now and the rules where they are")
    ap.add_argument("--no-startup-delay", action="store_true",
                    help="aligned runs: start Klaxon at once, not when Prometheus began scraping")
    ap.add_argument("--find-rules-path", nargs="?", const=0, type=int, metavar="START")
    ap.add_argument("--results", default=os.path.join(ROOT, "Benchmarks", "results", "timeline"))
    ap.add_argument("--matrix", nargs="+", metavar="TIMELINE_JSON",
                    help="compare recorded runs with each other and with the reference (no run)")
    args = ap.parse_args()
    if args.matrix:
        return matrix(args.matrix)
    os.makedirs(args.results, exist_ok=True)
    reference = reference_path()
    ref = json.load(open(reference))
    interval = seconds(ref["meta"]["interval"])
    duration = float(ref["meta"]["duration_s"])
    phases = group_phases(reference, reference[:-len(".json")] + ".sink.jsonl", interval)
    ref_http, ref_system = phases["bench_alerts_http"][0], phases["bench_alerts_system"][0]
    if args.find_rules_path is not None:
        print(find_rules_path(args.find_rules_path, ref_http, ref_system))
        return 0
    if not args.prometheus and not args.klaxon:
        ap.error("--klaxon BIN or --prometheus")
    env = dict(os.environ, RESULTS_DIR=tempfile.mkdtemp(prefix="klaxon-timeline-results."))
    suffix = "" if args.unaligned else "-aligned"
    if args.prometheus:
        name = "prometheus-2.42+alertmanager-0.25" + suffix
        env["DUT_NAME"] = name
    else:
        compat = " --compat %s" % args.compat if args.compat else ""
        name = "klaxon" + ("-compat-" + args.compat if args.compat else "") + suffix
        env.update(DUT_NAME=name, ROUTER_CMD="",
                   DUT_CMD="%s run --config.file={config} --alertmanager.config.file={router_config} "
                           "--storage.path={datadir} --web.listen-address=127.0.0.1:{port} --log.level=warn%s"
                           % (args.klaxon, compat))
    print("[timeline] reference %s: t0 mod %gs = %.3f, alert groups at %s" % (
        os.path.basename(reference), interval, ref["t0"] % interval, phases), flush=True)
    if args.unaligned:
        subprocess.run([os.path.join(BENCH, "alert_timeline.sh")], env=env, check=True)
        produced = [f for f in os.listdir(env["RESULTS_DIR"]) if f.endswith(".json")][0]
        for f in os.listdir(env["RESULTS_DIR"]):
            shutil.copy(os.path.join(env["RESULTS_DIR"], f), args.results)
        status, own_ok = compare(reference, os.path.join(args.results, produced))
        summary(reference, os.path.join(args.results, produced), own_ok)
        return status
    os.makedirs(os.path.dirname(RULES_PATH), exist_ok=True)
    shutil.copy(os.path.join(BENCH, "rules", "bench_rules.yml"), RULES_PATH)
    slots = {g: round(slot(RULES_PATH, g, int(interval)), 3) for g in GROUPS}
    print("[timeline] rules at %s: group slots %s" % (RULES_PATH, slots), flush=True)
    # The exporter's t0: the reference's phase, a few seconds from now; the harness starts ~2.5 s before it.
    now = time.time()
    t0 = now + 6 + (ref["t0"] - (now + 6)) % interval
    time.sleep(max(0.0, t0 - 2.5 - time.time()))
    env.update(RULES=RULES_PATH, KEEP_WORKDIR="1", DURATION=str(int(duration + 8)),
               EXPORTER_ARGS=DEFAULT_EXPORTER_ARGS + " --t0 %.3f" % t0)
    if not args.prometheus and not args.no_startup_delay:
        # Klaxon starts when Prometheus 2.42 started scraping in the reference (see PROMETHEUS_FIRST_SCRAPE_S).
        wait = 'python3 -c "import time; time.sleep(max(0.0, %.3f - time.time()))"' % (t0 + PROMETHEUS_FIRST_SCRAPE_S)
        env["DUT_CMD"] = "bash -c '%s && exec %s'" % (wait, env["DUT_CMD"])
    harness = subprocess.run([os.path.join(BENCH, "alert_timeline.sh")], env=env, stderr=subprocess.PIPE, text=True)
    sys.stderr.write(harness.stderr)
    workdir = next((line.split("workdir kept: ", 1)[1].strip() for line in harness.stderr.splitlines()
                    if "workdir kept: " in line), None)
    if harness.returncode != 0 or not workdir:
        print("[timeline] the harness failed (exit %d)" % harness.returncode, file=sys.stderr)
        return 1
    produced = [f for f in os.listdir(env["RESULTS_DIR"]) if f.endswith(".json")][0]
    stamp = produced.rsplit("_", 1)[1][:-len(".json")]
    out = os.path.join(args.results, "alert_timeline_%s_%s.json" % (name, stamp))
    try:
        rebase(os.path.join(env["RESULTS_DIR"], produced), workdir, t0, duration, out)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
        shutil.rmtree(env["RESULTS_DIR"], ignore_errors=True)
    run = json.load(open(out))
    got = group_phases(out, out[:-len(".json")] + ".sink.jsonl", interval)
    print("[timeline] wrote %s: harness clock %.2f s before t0; alert groups at %s (reference %s)" % (
        out, run["meta"]["aligned_t0"] - run["meta"]["harness_t0"], got, phases), flush=True)
    status, own_ok = compare(reference, out)
    summary(reference, out, own_ok)
    return status


if __name__ == "__main__":
    sys.exit(main())
