#!/usr/bin/env python3
"""Regenerates Tests/KlaxonPromQLTests/PromtoolCases.swift from the real Prometheus 2.42 binaries (Debian's
`prometheus` package: /usr/bin/promtool, /usr/bin/prometheus).

The inputs are the committed file's own: its header comment, the five arrays (promtoolErrorCases,
prometheusPrintedForms, promtoolPrefixCases, promtoolRegexCases, promtoolMutationCases), their doc comments and
the first element (the input) of every tuple are kept; only the second element (the expected value) is recorded
again:

  - prometheusPrintedForms: what a real `prometheus` (started here on 127.0.0.1 with a temporary data directory,
    stopped on exit) answers on /api/v1/format_query for the input (its `data`; `error: <error>` if it rejects it).
  - the four other arrays: `promtool check rules` on a rule file holding one recording rule whose `expr` is the
    input (as a YAML double-quoted scalar, so the expression is exactly the input): `OK` when it passes (exit 0),
    otherwise the text after `could not parse expression: ` in promtool's stderr (the
    `<file>: <line>:<col>: group "g", rule 1, "r": ` prefix is promtool's, not the parser's).

The file is written back as `swift format` lays it out: one `(#"input"#, #"expected"#),` line per tuple, or, when
that line would be longer than 120 characters (counted in Unicode scalars), the tuple on four lines (`(`, each
string on its own line indented by 8, `),`). With unchanged binaries the output is byte-identical to the committed
file; `--check` verifies exactly that. To add cases, add tuples (any expected value, e.g. `#""#`) and re-run.

Usage: scripts/record/promtool-cases.py [--check] [--port N] [--jobs N] [OUTPUT]
  OUTPUT   where to write (default: the committed Tests/KlaxonPromQLTests/PromtoolCases.swift)
  --check  write to a temporary file (or OUTPUT if given), diff it against the committed file, exit 1 if they differ
  --port   loopback port for prometheus (default: a free one)
  --jobs   promtool processes run at once (default: the number of CPUs)
"""
import argparse
import atexit
import concurrent.futures
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))  # scripts/<job>/ → the repository
SOURCE = os.path.join(ROOT, 'Tests', 'KlaxonPromQLTests', 'PromtoolCases.swift')
PROMTOOL = '/usr/bin/promtool'
PROMETHEUS = '/usr/bin/prometheus'
LINE_LENGTH = 120
PRINTED = {'prometheusPrintedForms'}
VERDICTS = {'promtoolErrorCases', 'promtoolPrefixCases', 'promtoolRegexCases', 'promtoolMutationCases'}
MARKER = 'could not parse expression: '

# ---- Swift raw string literals ------------------------------------------------------------------------------------

ESCAPES = {'n': '\n', 'r': '\r', 't': '\t', '0': '\0', '\\': '\\', '"': '"', "'": "'"}


def decode_raw(hashes, body):
    """The value of the raw string literal hashes"body"hashes (only `\\#…` escapes are escapes)."""
    esc = '\\' + hashes
    out, i = [], 0
    while i < len(body):
        if body.startswith(esc, i):
            j = i + len(esc)
            if body.startswith('u{', j):
                end = body.index('}', j)
                out.append(chr(int(body[j + 2:end], 16)))
                i = end + 1
            else:
                out.append(ESCAPES[body[j]])
                i = j + 1
        else:
            out.append(body[i])
            i += 1
    return ''.join(out)


def encode_raw(value):
    n = 1
    while '"' + '#' * n in value or '\\' + '#' * n in value:
        n += 1
    hashes = '#' * n
    body = value.replace('\n', '\\' + hashes + 'n').replace('\r', '\\' + hashes + 'r')
    return hashes + '"' + body + '"' + hashes


RAW = r'(#+)"(.*?)"\{}'
SINGLE = re.compile(r'    \(' + RAW.format(1) + r', ' + RAW.format(3) + r'\),$')
FIRST = re.compile(r'        ' + RAW.format(1) + r',$')
SECOND = re.compile(r'        ' + RAW.format(1) + r'$')
ARRAY = re.compile(r'let (\w+): \[\(String, String\)\] = \[$')

# ---- reading and writing the Swift file ---------------------------------------------------------------------------


def parse(text):
    """A list of parts: a line of text kept as it is, or (array name, input, expected) for a tuple."""
    lines = text.split('\n')
    parts, array, i = [], None, 0
    while i < len(lines):
        line = lines[i]
        if array is None:
            m = ARRAY.match(line)
            if m:
                array = m.group(1)
                if array not in PRINTED | VERDICTS:
                    sys.exit(f'record/promtool-cases.py: unknown array {array} (line {i + 1})')
            parts.append(line)
            i += 1
        elif line == ']':
            array = None
            parts.append(line)
            i += 1
        elif SINGLE.match(line):
            m = SINGLE.match(line)
            parts.append((array, decode_raw(m.group(1), m.group(2)), decode_raw(m.group(3), m.group(4))))
            i += 1
        elif line == '    (' and i + 3 < len(lines) and lines[i + 3] == '    ),':
            a, b = FIRST.match(lines[i + 1]), SECOND.match(lines[i + 2])
            if not a or not b:
                sys.exit(f'record/promtool-cases.py: cannot read the tuple at line {i + 1}')
            parts.append((array, decode_raw(a.group(1), a.group(2)), decode_raw(b.group(1), b.group(2))))
            i += 4
        else:
            sys.exit(f'record/promtool-cases.py: cannot read line {i + 1} inside {array}: {line!r}')
    if array is not None:
        sys.exit(f'record/promtool-cases.py: {array} is not closed')
    return parts


def render(parts, results):
    out = []
    for part in parts:
        if isinstance(part, str):
            out.append(part)
            continue
        array, source, _ = part
        first, second = encode_raw(source), encode_raw(results[(array in PRINTED, source)])
        line = f'    ({first}, {second}),'
        if len(line) <= LINE_LENGTH:
            out.append(line)
        else:
            out += ['    (', f'        {first},', f'        {second}', '    ),']
    return '\n'.join(out)


# ---- promtool check rules -----------------------------------------------------------------------------------------


def verdict(work, index, expr):
    path = os.path.join(work, f'rule-{index}.yml')
    with open(path, 'w', encoding='utf-8') as f:
        f.write('groups:\n  - name: g\n    rules:\n      - record: r\n        expr: '
                + json.dumps(expr, ensure_ascii=False) + '\n')
    run = subprocess.run([PROMTOOL, 'check', 'rules', path], capture_output=True)
    os.remove(path)
    stderr = run.stderr.decode('utf-8')
    if run.returncode == 0:
        return 'OK'
    if MARKER not in stderr:
        raise RuntimeError(f'promtool check rules: unexpected output for {expr!r} (exit {run.returncode}):\n'
                           + run.stdout.decode(errors='replace') + stderr)
    return stderr.split(MARKER, 1)[1].rstrip('\n')


def record_verdicts(exprs, jobs):
    work = tempfile.mkdtemp(prefix='klaxon-promtool-cases-')
    try:
        pool = concurrent.futures.ThreadPoolExecutor(max_workers=jobs)
        try:
            results = pool.map(lambda item: verdict(work, item[0], item[1]), enumerate(exprs))
            return dict(zip(exprs, results))
        finally:
            pool.shutdown(wait=True, cancel_futures=True)
    finally:
        shutil.rmtree(work, ignore_errors=True)


# ---- prometheus /api/v1/format_query ------------------------------------------------------------------------------

children = []


def stop_children():
    while children:
        proc = children.pop()
        if proc.poll() is None:
            proc.terminate()
            try:
                proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()


def on_signal(signum, _frame):
    stop_children()
    sys.exit(128 + signum)


def free_port():
    with socket.socket() as s:
        s.bind(('127.0.0.1', 0))
        return s.getsockname()[1]


def record_printed(exprs, port):
    work = tempfile.mkdtemp(prefix='klaxon-format-query-')
    try:
        with open(os.path.join(work, 'prometheus.yml'), 'w') as f:
            f.write('global: {}\n')
        log = open(os.path.join(work, 'prometheus.log'), 'w')
        atexit.register(log.close)
        children.append(subprocess.Popen(
            [PROMETHEUS, '--config.file=prometheus.yml', f'--storage.tsdb.path={work}/data',
             f'--web.listen-address=127.0.0.1:{port}'],
            cwd=work, stdout=log, stderr=log))
        base = f'http://127.0.0.1:{port}'
        for _ in range(150):
            if children[-1].poll() is not None or ready(base):
                break
            time.sleep(0.2)
        if children[-1].poll() is not None or not ready(base):
            log.flush()
            sys.exit('record/promtool-cases.py: prometheus did not start:\n'
                     + open(os.path.join(work, 'prometheus.log')).read())
        results = {}
        for expr in exprs:
            url = base + '/api/v1/format_query?' + urllib.parse.urlencode({'query': expr})
            try:
                with urllib.request.urlopen(url, timeout=30) as response:
                    body = json.load(response)
            except urllib.error.HTTPError as error:
                body = json.load(error)
            if body.get('status') == 'success':
                results[expr] = body['data']
            else:
                results[expr] = 'error: ' + body.get('error', '')
                print(f'record/promtool-cases.py: prometheus rejects {expr!r}: {body.get("error")}', file=sys.stderr)
        return results
    finally:
        stop_children()
        shutil.rmtree(work, ignore_errors=True)


def ready(base):
    try:
        return urllib.request.urlopen(base + '/-/ready', timeout=1).status == 200
    except Exception:
        return False


# ---- main ---------------------------------------------------------------------------------------------------------


def main():
    parser = argparse.ArgumentParser(description='Regenerate PromtoolCases.swift from promtool/prometheus 2.42.')
    parser.add_argument('output', nargs='?', help='where to write (default: the committed file)')
    parser.add_argument('--check', action='store_true', help='diff against the committed file; exit 1 if different')
    parser.add_argument('--port', type=int, help='loopback port for prometheus (default: a free one)')
    parser.add_argument('--jobs', type=int, default=os.cpu_count() or 1, help='promtool processes at once')
    args = parser.parse_args()
    for tool in (PROMTOOL, PROMETHEUS):
        if not os.path.exists(tool):
            sys.exit(f'record/promtool-cases.py: {tool} not found; install it with: apt-get install prometheus')
    for signum in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
        signal.signal(signum, on_signal)
    atexit.register(stop_children)

    version = subprocess.run([PROMTOOL, '--version'], capture_output=True, text=True)
    print((version.stdout or version.stderr).splitlines()[0], file=sys.stderr)
    with open(SOURCE, encoding='utf-8') as f:
        parts = parse(f.read())
    tuples = [p for p in parts if not isinstance(p, str)]
    printed = sorted({source for array, source, _ in tuples if array in PRINTED})
    checked = sorted({source for array, source, _ in tuples if array in VERDICTS})
    results = {}
    results.update({(True, k): v for k, v in record_printed(printed, args.port or free_port()).items()})
    results.update({(False, k): v for k, v in record_verdicts(checked, max(1, args.jobs)).items()})
    text = render(parts, results)

    changed = sum(1 for array, source, old in tuples if results[(array in PRINTED, source)] != old)
    if args.check:
        fd, path = tempfile.mkstemp(prefix='PromtoolCases.', suffix='.swift')
        os.close(fd)
        target = args.output or path
        with open(target, 'w', encoding='utf-8') as f:
            f.write(text)
        diff = subprocess.run(['diff', '-u', SOURCE, target])
        if target == path:
            os.remove(path)
        if diff.returncode != 0:
            print(f'record/promtool-cases.py: {changed} of {len(tuples)} recorded values differ from '
                  f'{os.path.relpath(SOURCE, ROOT)}', file=sys.stderr)
            sys.exit(1)
        print(f'record/promtool-cases.py: {len(tuples)} cases, identical to {os.path.relpath(SOURCE, ROOT)}',
              file=sys.stderr)
    else:
        target = args.output or SOURCE
        with open(target, 'w', encoding='utf-8') as f:
            f.write(text)
        print(f'record/promtool-cases.py: wrote {len(tuples)} cases ({changed} changed) to {target}', file=sys.stderr)


if __name__ == '__main__':
    main()
