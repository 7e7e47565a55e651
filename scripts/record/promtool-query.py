#!/usr/bin/env python3
"""Record what `promtool query instant` (Prometheus 2.42) prints for the cases of `klaxon query`.

Reads Tests/KlaxonCheckTests/Fixtures/query/data.txt (PromQL test-script `load` notation: series notation
`0+10x30`, `_`, `_x3`, `stale`, `3x5`), sends every expanded sample — staleness markers included, with their exact
NaN bits — to a real /usr/bin/prometheus through its remote-write receiver (a pure-Python protobuf + uncompressed
snappy encoder, no extra packages), then runs `promtool query instant --time T URL EXPR` for every line of
cases.txt, once as text and once with `-o json`, and writes recorded.txt and recorded-json.txt beside them:

    ### <time> <expr>
    exit <code>
    > <stdout line>        (one per line; a trailing newline ends the last line)
    ! <stderr line>

QueryGoldenTests runs `klaxon query --prometheus2 --data data.txt --time T EXPR` and compares.

Usage: scripts/record/promtool-query.py [--port 19192]
"""
import math
import os
import shutil
import struct
import subprocess
import sys
import tempfile
import time
import urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))  # scripts/<job>/ → the repository
FIXTURES = os.path.join(ROOT, "Tests", "KlaxonCheckTests", "Fixtures", "query")
PORT = int(sys.argv[sys.argv.index("--port") + 1]) if "--port" in sys.argv else 19192
STALE_NAN_BITS = 0x7FF0000000000002
DURATION_UNITS = {"ms": 1, "s": 1000, "m": 60_000, "h": 3_600_000, "d": 86_400_000, "w": 604_800_000, "y": 31_536_000_000}


# ---- load notation -------------------------------------------------------------------------------------------------

def parse_number(text):
    t = text
    sign = 1.0
    if t.startswith("-"):
        sign, t = -1.0, t[1:]
    elif t.startswith("+"):
        t = t[1:]
    if t.lower() == "inf":
        return sign * math.inf
    if t.lower() == "nan":
        return math.nan
    if not t or not (t[0].isdigit() or t[0] == ".") or any(c in t for c in "xXpP"):
        return None
    try:
        return sign * float(t)
    except ValueError:
        return None


def expand(values):
    """Steps of one series: a float, "stale", or None (no sample)."""
    out = []
    for token in values.split():
        if token == "_":
            out.append(None)
            continue
        if token == "stale":
            out.append("stale")
            continue
        v = parse_number(token)
        if v is not None:
            out.append(v)
            continue
        head, _, count = token.rpartition("x")
        count = int(count)
        if head == "_":
            out.extend([None] * count)
            continue
        if head == "stale":
            out.extend(["stale"] * count)
            continue
        v = parse_number(head)
        if v is not None:
            out.extend([v] * (count + 1))
            continue
        split = max(i for i in range(1, len(head)) if head[i] in "+-" and head[i - 1] not in "eE")
        start, delta = parse_number(head[:split]), parse_number(head[split + 1:])
        sign = -1.0 if head[split] == "-" else 1.0
        value = start
        out.append(value)
        for _ in range(count):
            value += sign * delta
            out.append(value)
    return out


def parse_series(line):
    """`name{a="b", ...} values` -> (sorted [(name, value)], rest)."""
    i, labels = 0, []
    while i < len(line) and (line[i].isalnum() or line[i] in "_:"):
        i += 1
    if i:
        labels.append(("__name__", line[:i]))
    if i < len(line) and line[i] == "{":
        i += 1
        while True:
            while line[i] in " \t,":
                i += 1
            if line[i] == "}":
                i += 1
                break
            j = i
            while line[j].isalnum() or line[j] == "_":
                j += 1
            name = line[i:j]
            assert line[j] == "=" and line[j + 1] == '"', line
            i, value = j + 2, []
            while line[i] != '"':
                if line[i] == "\\":
                    i += 1
                    value.append({"n": "\n", "\\": "\\", '"': '"'}[line[i]])
                else:
                    value.append(line[i])
                i += 1
            labels.append((name, "".join(value)))
            i += 1
    return sorted(labels), line[i:]


def load(path):
    series, interval = [], None
    with open(path) as f:
        for raw in f:
            line = raw.strip()
            if not line or line.startswith("#"):
                continue
            if line.startswith("load "):
                spec = line.split()[1]
                unit = spec.lstrip("0123456789")
                interval = int(spec[: len(spec) - len(unit)]) * DURATION_UNITS[unit]
                continue
            labels, rest = parse_series(line)
            samples = []
            for step, value in enumerate(expand(rest)):
                if value is not None:
                    samples.append((step * interval, value))
            series.append((labels, samples))
    return series


# ---- remote write (protobuf + snappy, by hand) ----------------------------------------------------------------------

def varint(n):
    out = bytearray()
    while True:
        b = n & 0x7F
        n >>= 7
        if n:
            out.append(b | 0x80)
        else:
            out.append(b)
            return bytes(out)


def field(number, wire, payload):
    key = varint(number << 3 | wire)
    if wire == 2:
        return key + varint(len(payload)) + payload
    return key + payload


def encode_write_request(series):
    body = bytearray()
    for labels, samples in series:
        ts = bytearray()
        for name, value in labels:
            ts += field(1, 2, field(1, 2, name.encode()) + field(2, 2, value.encode()))
        for t, v in samples:
            bits = STALE_NAN_BITS if v == "stale" else struct.unpack("<Q", struct.pack("<d", v))[0]
            sample = field(1, 1, struct.pack("<Q", bits)) + field(2, 0, varint(t & 0xFFFFFFFFFFFFFFFF))
            ts += field(2, 2, sample)
        body += field(1, 2, bytes(ts))
    return bytes(body)


def snappy_literal(data):
    """Snappy block format with literals only (valid, uncompressed)."""
    out = bytearray(varint(len(data)))
    for start in range(0, len(data), 65536):
        chunk = data[start : start + 65536]
        n = len(chunk) - 1
        if n < 60:
            out.append(n << 2)
        elif n < 256:
            out += bytes([60 << 2, n])
        else:
            out += bytes([61 << 2]) + struct.pack("<H", n)
        out += chunk
    return bytes(out)


def remote_write(base, series):
    req = urllib.request.Request(base + "/api/v1/write", data=snappy_literal(encode_write_request(series)), method="POST")
    req.add_header("Content-Encoding", "snappy")
    req.add_header("Content-Type", "application/x-protobuf")
    req.add_header("X-Prometheus-Remote-Write-Version", "0.1.0")
    resp = urllib.request.urlopen(req, timeout=10)
    if resp.status // 100 != 2:
        sys.exit(f"remote write failed: {resp.status} {resp.read()!r}")


# ---- recording ------------------------------------------------------------------------------------------------------

def read_cases():
    with open(os.path.join(FIXTURES, "cases.txt")) as f:
        return [line.rstrip("\n") for line in f if line.strip() and not line.startswith("#")]


def record(base):
    for fmt, name in (("promql", "recorded.txt"), ("json", "recorded-json.txt")):
        out = []
        for case in read_cases():
            when, _, expr = case.partition(" ")
            proc = subprocess.run(
                ["/usr/bin/promtool", "query", "instant", "-o", fmt, f"--time={when}", base, expr],
                capture_output=True,
                text=True,
                timeout=30,
            )
            block = [f"### {case}", f"exit {proc.returncode}"]
            block += ["> " + line for line in lines(proc.stdout)]
            block += ["! " + line for line in lines(proc.stderr)]
            out.append("\n".join(block) + "\n")
        dest = os.path.join(FIXTURES, name)
        with open(dest, "w") as f:
            f.write("".join(out))
        print(f"wrote {len(out)} cases to {os.path.relpath(dest, ROOT)}")


def lines(text):
    if text == "":
        return []
    parts = text.split("\n")
    if text.endswith("\n"):
        parts.pop()
    return [p.rstrip() for p in parts]


def main():
    for tool in ("/usr/bin/prometheus", "/usr/bin/promtool"):
        if not os.path.exists(tool):
            sys.exit(f"{tool} not found: install the Debian prometheus package")
    series = load(os.path.join(FIXTURES, "data.txt"))
    work = tempfile.mkdtemp(prefix="klaxon-record-query-")
    try:
        with open(os.path.join(work, "prometheus.yml"), "w") as f:
            f.write("global: {}\n")
        log = open(os.path.join(work, "prometheus.log"), "w")
        proc = subprocess.Popen(
            [
                "/usr/bin/prometheus",
                "--config.file=prometheus.yml",
                f"--storage.tsdb.path={work}/data",
                "--storage.tsdb.retention.time=100y",
                "--web.enable-remote-write-receiver",
                f"--web.listen-address=127.0.0.1:{PORT}",
            ],
            cwd=work,
            stdout=log,
            stderr=log,
        )
        try:
            base = f"http://127.0.0.1:{PORT}"
            for _ in range(150):
                try:
                    if urllib.request.urlopen(base + "/-/ready", timeout=1).status == 200:
                        break
                except Exception:
                    time.sleep(0.2)
            else:
                sys.exit("prometheus did not become ready; see " + log.name)
            remote_write(base, series)
            record(base)
        finally:
            proc.terminate()
            proc.wait(timeout=20)
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
