#!/usr/bin/env python3
"""Compare Klaxon's PromQL math with the real Prometheus 2.42's, bit for bit (issue 15).

Prometheus calls Go's own math package (Go 1.19.8 in Debian's build: assembly `Exp` and `Log` on amd64, pure Go
for the rest), not the C library, so a function's last bit can differ from Glibc's. This script starts
/usr/bin/prometheus on an empty TSDB and the built `klaxon run` (once with --compat prometheus2, once with
prometheus3), each on a free loopback port, and sends both the same instant queries over thousands of inputs:
random doubles across all magnitudes, subnormals, ±0, ±Inf, NaN, values at the thresholds of each function (exp's
overflow and underflow, the 2**29 trigonometric reduction, the Cephes range limits), integers and half-integers
for `^`, negative bases and huge exponents. One query evaluates a batch of inputs at once: every input is a
`label_replace(vector(X), "i", "<n>", "", "")` leaf of a balanced `or` tree, so `exp(TREE)` answers one sample per
input. Inputs are written as Python's shortest round-trip decimals, so both parse the same double; the answers'
value strings are shortest round-trip decimals too, so comparing them byte for byte compares the bits.

Checked: every one-argument math function (abs ceil floor exp sqrt ln log2 log10 sgn deg rad and the circular and
hyperbolic functions and their inverses), `^`, `%` and `atan2` (vector and scalar operands), round(v, to_nearest),
the stddev, stdvar, avg and quantile aggregations and histogram_quantile.

Prints per function the inputs compared, the matches and the mismatches, with the first few mismatches, and exits
1 on any mismatch. Go's Exp takes an FMA path on CPUs with AVX and FMA; `--godebug cpu.fma=off` starts both with
that GODEBUG (Klaxon reads it as Go does) to check the other path too. `--write-tests` also writes
Tests/KlaxonPromQLTests/GoMathRecorded.swift: for each function the inputs where Prometheus's answer differs from
the C library's (Python's math module calls it) and a set of edge values, with Prometheus's answer, on both Exp
paths when the CPU has FMA.

Usage: [KLAXON_BIN=path/to/klaxon] scripts/compare/go-math.py [--count N] [--seed S] [--godebug cpu.fma=off]
                                                            [--write-tests]
       --count: random inputs per function (default 2000); --seed: the inputs' seed (default 15).
"""
import json
import math
import os
import random
import shutil
import signal
import socket
import struct
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
KLAXON = os.path.abspath(os.environ.get("KLAXON_BIN", os.environ.get("KLAXON", os.path.join(ROOT, ".build", "debug", "klaxon"))))
PROMETHEUS = "/usr/bin/prometheus"
RECORDED = os.path.join(ROOT, "Tests", "KlaxonPromQLTests", "GoMathRecorded.swift")
BATCH = 400
EVAL_TIME = "1000"

# Functions whose algorithm Prometheus 3.x changed (avg: a Kahan sum divided by the count instead of 2.42's running
# mean), so only --compat prometheus2 is held to 2.42's answers.
PROMETHEUS2_ONLY = {"avg"}

CONFIG = "global:\n  scrape_interval: 1h\n  evaluation_interval: 1h\n"

UNARY = ["abs", "ceil", "floor", "exp", "sqrt", "ln", "log2", "log10", "sgn", "deg", "rad", "sin", "cos", "tan",
         "asin", "acos", "atan", "sinh", "cosh", "tanh", "asinh", "acosh", "atanh"]
BINARY = ["^", "%", "atan2"]


def arg(name, default):
    return sys.argv[sys.argv.index(name) + 1] if name in sys.argv else default


def from_bits(u):
    return struct.unpack("<d", struct.pack("<Q", u & 0xFFFFFFFFFFFFFFFF))[0]


def bits(x):
    return struct.unpack("<Q", struct.pack("<d", x))[0]


def literal(x):
    """PromQL for the double x (a literal, or a unary minus on one: both parse to exactly x)."""
    if math.isnan(x):
        return "NaN"
    if math.isinf(x):
        return "Inf" if x > 0 else "-Inf"
    return repr(x)


EDGES = [0.0, -0.0, math.inf, -math.inf, math.nan, 1.0, -1.0, 0.5, -0.5, 2.0, -2.0, 3.0, 10.0, 0.1, 5e-324, -5e-324,
         1e-310, 2.2250738585072014e-308, 1.7976931348623157e308, -1.7976931348623157e308, 1e-300, 1e300, 1e22,
         709.782712893384, 709.7827128933841, 709.78, 710.0, -708.4, -744.44, -745.1332191019411, -745.1332191019412,
         -750.0, 0.7071067811865476, 0.7071067811865475, 1.4142135623730951, 2.0 ** 29, 2.0 ** 29 - 1, 2.0 ** 28,
         2.0 ** -28, 2.0 ** 53, 2.0 ** 63, 2.0 ** 64, 21.0, 0.625, 0.66, 0.7, 2.414213562373095, 44.0, 0.49999999999999994,
         0.5000000000000001, 0.9999999999999999, 1.0000000000000002, math.pi, math.pi / 2, math.pi / 4, -math.pi, 1e-8,
         123456789.0, 1e15, 4503599627370495.5]


def neighbour(rng, x):
    """x, or a double a few ulps away (x finite)."""
    if math.isnan(x) or math.isinf(x):
        return x
    return from_bits(bits(x) + rng.randint(-3, 3)) if x != 0 else rng.choice([5e-324, -5e-324, 0.0, -0.0])


def any_double(rng):
    r = rng.random()
    if r < 0.2:
        return from_bits(rng.getrandbits(64))
    if r < 0.35:
        return neighbour(rng, rng.choice(EDGES))
    if r < 0.5:
        return math.ldexp(rng.random(), rng.randint(-1074, 1024)) * rng.choice([1, -1])
    if r < 0.65:
        return rng.uniform(-10, 10)
    if r < 0.75:
        return rng.uniform(-1e6, 1e6)
    if r < 0.85:
        return float(rng.randint(-100, 100)) + rng.choice([0, 0.5])
    return rng.uniform(-1, 1)


def positive(rng):
    r = rng.random()
    if r < 0.4:
        return math.ldexp(rng.random(), rng.randint(-1074, 1024))
    if r < 0.55:
        return 1 + rng.uniform(-1e-6, 1e-6)
    if r < 0.7:
        return rng.uniform(0, 4)
    if r < 0.8:
        return neighbour(rng, math.ldexp(rng.choice([1.0, 0.7071067811865476, 1.4142135623730951]), rng.randint(-1074, 1023)))
    return abs(any_double(rng))


def generator(name):
    """A function rng -> input for the unary function `name`, mixing general doubles with its own ranges."""
    special = {
        "exp": lambda rng: rng.choice([rng.uniform(-750, 712), rng.uniform(-1, 1), rng.uniform(708, 710),
                                       rng.uniform(-746, -744), rng.uniform(-1e-8, 1e-8)]),
        "ln": positive, "log2": positive, "log10": positive, "sqrt": positive,
        "sin": lambda rng: rng.choice([rng.uniform(-10, 10), rng.uniform(-1e9, 1e9), rng.uniform(2 ** 28, 2 ** 30),
                                       math.ldexp(rng.random(), rng.randint(29, 1024)),
                                       neighbour(rng, rng.randint(-64, 64) * math.pi / 4)]),
        "asin": lambda rng: rng.choice([rng.uniform(-1, 1), neighbour(rng, rng.choice([1.0, -1.0, 0.7, -0.7, 0.5]))]),
        "acosh": lambda rng: rng.choice([rng.uniform(1, 3), 1 + rng.uniform(0, 1e-6), math.ldexp(1 + rng.random(), rng.randint(1, 1023))]),
        "sinh": lambda rng: rng.choice([rng.uniform(-25, 25), rng.uniform(-1, 1), rng.uniform(-712, 712),
                                        neighbour(rng, rng.choice([21.0, 0.5, 0.625, -21.0, 44.01484596555653, 0.3]))]),
        "asinh": lambda rng: rng.choice([rng.uniform(-3, 3), math.ldexp(rng.random(), rng.randint(-40, 40)) * rng.choice([1, -1])]),
    }
    special.update({"cos": special["sin"], "tan": special["sin"], "acos": special["asin"], "atanh": special["asin"],
                    "cosh": special["sinh"], "tanh": special["sinh"], "atan": special["asinh"]})
    own = special.get(name)

    def generate(rng):
        return own(rng) if own is not None and rng.random() < 0.6 else any_double(rng)

    return generate


def exponent(rng):
    r = rng.random()
    if r < 0.3:
        return float(rng.randint(-70, 70))
    if r < 0.4:
        return rng.randint(-70, 70) + 0.5
    if r < 0.5:
        return rng.choice([0.0, -0.0, 0.5, -0.5, 1.0, -1.0, math.inf, -math.inf, math.nan, 2.0 ** 63, 2.0 ** 64,
                           -2.0 ** 63, 1e300, -1e300, 2.0 ** 53 + 2, 1e-300, 1075.0, -1075.0, 1100.5])
    if r < 0.7:
        return rng.uniform(-5, 5)
    return any_double(rng)


def base(rng):
    r = rng.random()
    if r < 0.3:
        return rng.choice([float(rng.randint(-10, 10)), rng.uniform(-3, 3), -1.0, 0.0, -0.0, 1.0000000000000002,
                           0.9999999999999999])
    return any_double(rng)


def inputs(rng, count):
    """{function: [inputs]} (binary operators: pairs); every edge value first, then `count` random ones."""
    cases = {}
    for name in UNARY:
        make = generator(name)
        cases[name] = list(EDGES) + [make(rng) for _ in range(count)]
    pairs = [(x, y) for x in EDGES[:20] for y in EDGES[:20]]
    cases["^"] = pairs + [(base(rng), exponent(rng)) for _ in range(count)]
    cases["%"] = pairs + [(any_double(rng), rng.choice([any_double(rng), rng.uniform(-10, 10), 0.1, 2 * math.pi]))
                          for _ in range(count)]
    cases["atan2"] = pairs + [(any_double(rng), any_double(rng)) for _ in range(count)]
    return cases


def tree(leaves):
    """A balanced `or` of the leaves, so the parsers' recursion stays shallow."""
    if len(leaves) == 1:
        return leaves[0]
    middle = len(leaves) // 2
    return f"({tree(leaves[:middle])} or {tree(leaves[middle:])})"


def leaf(x, labels):
    expr = f"vector({literal(x)})"
    for name, value in labels:
        expr = f'label_replace({expr}, "{name}", "{value}", "", "")'
    return expr


def queries(cases, rng):
    """[(function, query, {key: input})]: the batched instant queries and which input each answer belongs to."""
    out = []
    for name, values in cases.items():
        for start in range(0, len(values), BATCH):
            chunk = values[start:start + BATCH]
            keys = {str(start + n): v for n, v in enumerate(chunk)}
            if name in BINARY:
                lhs = tree([leaf(x, [("i", k)]) for k, (x, _) in keys.items()])
                rhs = tree([leaf(y, [("i", k)]) for k, (_, y) in keys.items()])
                out.append((name, f"{lhs} {name} {rhs}", keys))
            else:
                out.append((name, f"{name}({tree([leaf(x, [('i', k)]) for k, x in keys.items()])})", keys))
    # The scalar forms of the binary operators (Prometheus's scalar-scalar path), one query per pair.
    for name in BINARY:
        for x, y in cases[name][400:460] + cases[name][:: max(1, len(cases[name]) // 40)]:
            out.append((name + " (scalars)", f"{literal(x)} {name} {literal(y)}", {"": (x, y)}))
    # round(v, to_nearest) for a few to_nearest.
    values = [any_double(rng) for _ in range(BATCH)] + [rng.uniform(-1000, 1000) for _ in range(BATCH)]
    for to_nearest in [0.1, 0.3, 1.0, 5.0, 1e-5, 7.7, 0.01, 3e-300]:
        keys = {str(n): v for n, v in enumerate(values)}
        out.append((f"round(_, {to_nearest})", f"round({tree([leaf(x, [('i', k)]) for k, x in keys.items()])}, {to_nearest})", keys))
    # Aggregations over groups of 2 to 12 samples.
    for op, label in [("stddev by (g) (", "stddev"), ("stdvar by (g) (", "stdvar"), ("avg by (g) (", "avg"),
                      ("quantile by (g) (0.3, ", "quantile(0.3)"), ("quantile by (g) (0.95, ", "quantile(0.95)")]:
        leaves, keys = [], {}
        for group in range(60):
            size = rng.randint(2, 12)
            scale = rng.choice([1.0, 1e-3, 1e6, 1e-200, 1e200])
            members = [rng.uniform(-1, 1) * scale + rng.choice([0, 100 * scale]) for _ in range(size)]
            keys[f"g{group}"] = members
            leaves += [leaf(x, [("i", str(n)), ("g", f"g{group}")]) for n, x in enumerate(members)]
        out.append((label, f"{op}{tree(leaves)})", keys))
    # histogram_quantile over cumulative buckets.
    for q in [0.5, 0.9, 0.99, 0.123]:
        leaves, keys = [], {}
        for group in range(80):
            bounds = sorted(rng.uniform(0, rng.choice([1, 10, 1000])) for _ in range(rng.randint(1, 8)))
            counts, total = [], 0.0
            for _ in bounds + [math.inf]:
                total += rng.choice([0.0, float(rng.randint(0, 50)), rng.uniform(0, 20)])
                counts.append(total)
            keys[f"g{group}"] = list(zip(bounds + [math.inf], counts))
            leaves += [leaf(c, [("le", literal(b) if not math.isinf(b) else "+Inf"), ("g", f"g{group}")])
                       for b, c in zip(bounds + [math.inf], counts)]
        out.append((f"histogram_quantile({q})", f"histogram_quantile({q}, {tree(leaves)})", keys))
    return out


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start(argv, cwd, env):
    log = open(os.path.join(cwd, "log"), "w")
    return subprocess.Popen(argv, cwd=cwd, stdout=log, stderr=subprocess.STDOUT, env=env, start_new_session=True)


def stop(process):
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


def wait_ready(base, process, cwd):
    deadline = time.time() + 120
    while time.time() < deadline:
        if process.poll() is not None:
            break
        try:
            if urllib.request.urlopen(base + "/-/ready", timeout=2).status == 200:
                return
        except Exception:
            time.sleep(0.2)
    with open(os.path.join(cwd, "log")) as f:
        sys.exit(f"{base} did not start:\n{f.read()[-3000:]}")


def query(base, expr):
    """{key: value string}: the sample's `i` or `g` label (or "" for a scalar) to its value string."""
    body = urllib.parse.urlencode({"query": expr, "time": EVAL_TIME}).encode()
    try:
        with urllib.request.urlopen(base + "/api/v1/query", data=body, timeout=120) as response:
            answer = json.load(response)
    except urllib.error.HTTPError as error:
        return {"error": error.read().decode(errors="replace")[:300]}
    data = answer["data"]
    if data["resultType"] == "scalar":
        return {"": data["result"][1]}
    return {sample["metric"].get("i", sample["metric"].get("g", "?")): sample["value"][1] for sample in data["result"]}


def c_library(name, x, y=None):
    """The C library's answer for `name` (Python's math module), or None where Python has none to give."""
    functions = {"exp": math.exp, "ln": math.log, "log2": math.log2, "log10": math.log10, "sin": math.sin,
                 "cos": math.cos, "tan": math.tan, "asin": math.asin, "acos": math.acos, "atan": math.atan,
                 "sinh": math.sinh, "cosh": math.cosh, "tanh": math.tanh, "asinh": math.asinh, "acosh": math.acosh,
                 "atanh": math.atanh, "^": math.pow, "atan2": math.atan2, "%": math.fmod}
    try:
        return functions[name](x) if y is None else functions[name](x, y)
    except (ValueError, OverflowError, KeyError):
        return None


def main():
    if not os.path.exists(PROMETHEUS):
        sys.exit(f"{PROMETHEUS} not found: scripts/setup installs Debian's prometheus")
    if not os.access(KLAXON, os.X_OK):
        sys.exit(f"{KLAXON} not built: run `swift build` first")
    count = int(arg("--count", "2000"))
    rng = random.Random(int(arg("--seed", "15")))
    cases = inputs(rng, count)
    batches = queries(cases, rng)
    if "--write-tests" not in sys.argv:
        mismatches, _, _ = run(batches, arg("--godebug", None))
        sys.exit(1 if mismatches else 0)
    # Both Exp paths for the recorded cases: as the CPU runs it, then with GODEBUG=cpu.fma=off.
    mismatches, fused, chosen = run(batches, None)
    more, plain, _ = run(batches, "cpu.fma=off")
    write_tests(chosen, fused, plain)
    sys.exit(1 if mismatches + more else 0)


def run(batches, godebug):
    """Starts Prometheus and both Klaxons with GODEBUG=godebug (when set), compares, stops them."""
    work = tempfile.mkdtemp(prefix="klaxon-compare-go-math-")
    servers = {}
    try:
        env = dict(os.environ)
        env.pop("GODEBUG", None)
        if godebug is not None:
            env["GODEBUG"] = godebug
        runs = [("prometheus", [PROMETHEUS, "--config.file=prometheus.yml", "--storage.tsdb.path=data"]),
                ("klaxon --compat prometheus2", [KLAXON, "run", "--config.file=prometheus.yml", "--storage.path=data",
                                                 "--compat", "prometheus2"]),
                ("klaxon --compat prometheus3", [KLAXON, "run", "--config.file=prometheus.yml", "--storage.path=data",
                                                 "--compat", "prometheus3"])]
        for name, argv in runs:
            folder = os.path.join(work, name.replace(" ", "_"))
            os.makedirs(folder)
            with open(os.path.join(folder, "prometheus.yml"), "w") as f:
                f.write(CONFIG)
            port = free_port()
            process = start(argv + [f"--web.listen-address=127.0.0.1:{port}"], folder, env)
            servers[name] = (f"http://127.0.0.1:{port}", process, folder)
        for base, process, folder in servers.values():
            wait_ready(base, process, folder)
        return compare(batches, servers, godebug)
    finally:
        for _, process, _ in servers.values():
            stop(process)
        shutil.rmtree(work, ignore_errors=True)


def compare(batches, servers, godebug):
    """Sends every query to every server and prints the table.

    Returns the number of mismatches, Prometheus's answer to every math function's input ({(function, args): value})
    and the inputs worth recording as unit-test cases (where the C library differs, and the edge values).
    """
    reference = "prometheus"
    klaxons = [name for name in servers if name != reference]
    stats = {}  # function -> [compared, {klaxon: mismatches}, [examples], differs from the C library]
    answers_by_input, chosen = {}, []
    for function, expr, keys in batches:
        answers = {name: query(servers[name][0], expr) for name in servers}
        row = stats.setdefault(function, [0, {k: 0 for k in klaxons}, [], 0])
        expected = answers[reference]
        if "error" in expected:
            sys.exit(f"prometheus rejected a query for {function}: {expected['error']}")
        for key, value in expected.items():
            row[0] += 1
            x = keys.get(key)
            for name in klaxons:
                if function in PROMETHEUS2_ONLY and "prometheus3" in name:
                    continue
                got = answers[name].get(key, answers[name].get("error", "<missing>"))
                if got != value:
                    row[1][name] += 1
                    if len(row[2]) < 4:
                        row[2].append(f"{name}: {function} {describe(x)}: prometheus {value}, klaxon {got}")
            if function in UNARY or function in BINARY:
                args = (x,) if function in UNARY else x
                c = c_library(function, *args)
                go = float(value)
                differs = c is not None and not (math.isnan(c) and math.isnan(go)) and bits(c) != bits(go)
                row[3] += 1 if differs else 0
                key_bits = (function, tuple(bits(a) for a in args))
                answers_by_input[key_bits] = value
                edge = all(a in EDGES[:20] for a in args) if function in BINARY else x in EDGES
                if differs or edge:
                    chosen.append((key_bits, differs))
    total = 0
    print(f"Prometheus 2.42 ({go_version()}) vs Klaxon, bit for bit, seed {arg('--seed', '15')}"
          + (f", GODEBUG={godebug}" if godebug else ""))
    print("| function | compared | C library differs | " + " | ".join(f"{k} mismatches" for k in klaxons) + " |")
    print("|---|---:|---:|" + "---:|" * len(klaxons))
    for function, (compared, bad, examples, libc) in stats.items():
        total += sum(bad.values())
        print(f"| {function} | {compared} | {libc if function in UNARY or function in BINARY else '-'} | "
              + " | ".join("n/a" if function in PROMETHEUS2_ONLY and "prometheus3" in k else str(bad[k])
                           for k in klaxons) + " |")
    for function, (_, _, examples, _) in stats.items():
        for line in examples:
            print("  " + line)
    print("n/a: Prometheus 3.x computes it differently (a Kahan sum over the count), as --compat prometheus3 does.")
    print(f"Result: {'no mismatch' if total == 0 else f'{total} mismatches'}.")
    return total, answers_by_input, chosen


def describe(x):
    if isinstance(x, tuple):
        return "(" + ", ".join(literal(v) for v in x) + ")"
    if isinstance(x, list):
        return "[" + ", ".join(literal(v) if not isinstance(v, tuple) else describe(v) for v in x[:12]) + "]"
    return literal(x)


def go_version():
    out = subprocess.run([PROMETHEUS, "--version"], capture_output=True, text=True).stdout
    return next((line.split(":", 1)[1].strip() for line in out.splitlines() if "go version" in line), "go ?")


def write_tests(chosen, fused, plain):
    """Writes GoMathRecorded.swift: per function up to 40 inputs where the C library differs, 30 edge values and 30
    inputs where Go's two Exp paths differ."""
    picked, per_function = [], {}

    def pick(key, slot, limit):
        counts = per_function.setdefault(key[0], [0, 0, 0])
        if counts[slot] < limit and key not in picked:
            counts[slot] += 1
            picked.append(key)

    for key, differs in chosen:
        pick(key, 0 if differs else 1, 40 if differs else 30)
    for key in fused:
        if key in plain and fused[key] != plain[key]:
            pick(key, 2, 30)

    def hex_bits(v):
        text = f"{v:016X}"
        return "0x" + "_".join(text[i:i + 4] for i in range(0, 16, 4))

    lines = []
    for function, args in sorted(picked):
        a = ", ".join(hex_bits(v) for v in args)
        fma, no_fma = bits(float(fused[(function, args)])), bits(float(plain[(function, args)]))
        lines.append(f'        .init("{function}", [{a}], {hex_bits(fma)}, {hex_bits(no_fma)}),')
    with open(RECORDED, "w") as f:
        f.write(HEADER.format(go=go_version()))
        f.write("\n".join(lines) + "\n    ]\n}\n")
    print(f"wrote {len(lines)} cases to {os.path.relpath(RECORDED, ROOT)}")


HEADER = """// Generated by scripts/compare/go-math.py --write-tests: do not edit by hand.
// Recorded from the real Prometheus 2.42 ({go}, linux/amd64) over its HTTP API: for each PromQL math function
// the inputs where Prometheus's answer differs from the C library's, edge values and inputs where Go's two Exp
// paths differ. `fma` is the answer on a CPU with AVX and FMA (Go's Exp takes its FMA path), `noFMA` the answer
// with GODEBUG=cpu.fma=off. Each case: function, argument bits, fma answer bits, noFMA answer bits.

struct GoMathRecordedCase: Sendable {{
    let function: String
    let arguments: [UInt64]
    let fma: UInt64
    let noFMA: UInt64

    init(_ function: String, _ arguments: [UInt64], _ fma: UInt64, _ noFMA: UInt64) {{
        self.function = function
        self.arguments = arguments
        self.fma = fma
        self.noFMA = noFMA
    }}
}}

enum GoMathRecorded {{
    static let cases: [GoMathRecordedCase] = [
"""


if __name__ == "__main__":
    main()
