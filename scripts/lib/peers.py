"""Shared helpers of the compare/record/fault scripts: free loopback ports, starting and stopping the real
programs (Prometheus, Alertmanager, VictoriaMetrics, Klaxon) with their output in a log file, waiting for an HTTP
endpoint, and reading the Prometheus HTTP API.

Import from a script in scripts/<job>/ with:
    sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lib")); import peers
"""
import json
import os
import shutil
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.parse
import urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
KLAXON = os.environ.get("KLAXON", os.path.join(ROOT, ".build", "debug", "klaxon"))

_started = []


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start(argv, log_path, env=None):
    """Starts argv with stdout and stderr appended to log_path; stopped by stop_all() at the latest."""
    log = open(log_path, "ab")
    process = subprocess.Popen(argv, stdout=log, stderr=subprocess.STDOUT, env=env, start_new_session=True)
    process.log_path = log_path
    _started.append(process)
    return process


def stop(process, sig=signal.SIGTERM, timeout=30):
    """Stops a process (SIGTERM, then SIGKILL after timeout); SIGKILL at once with sig=signal.SIGKILL."""
    if process.poll() is None:
        try:
            process.send_signal(sig)
            process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
    if process in _started:
        _started.remove(process)


def stop_all():
    for process in list(_started):
        stop(process, timeout=10)


def log_tail(process, lines=30):
    try:
        with open(process.log_path, errors="replace") as f:
            return "".join(f.readlines()[-lines:])
    except OSError:
        return ""


def http(url, data=None, headers=None, timeout=30):
    """(status, body bytes) of one request; a connection error is status 0."""
    request = urllib.request.Request(url, data=data, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()
    except (urllib.error.URLError, ConnectionError, socket.timeout, TimeoutError):
        return 0, b""


def wait_http(url, process=None, seconds=120, ok=(200,)):
    """Waits until url answers with a status in ok; raises with the process's log when it exits or times out."""
    deadline = time.time() + seconds
    while time.time() < deadline:
        if process is not None and process.poll() is not None:
            raise RuntimeError(f"{process.args[0]} exited ({process.returncode}):\n{log_tail(process)}")
        status, _ = http(url, timeout=5)
        if status in ok:
            return
        time.sleep(0.2)
    raise RuntimeError(f"{url} not ready after {seconds} s" + (f":\n{log_tail(process)}" if process else ""))


def query(base, expr, at=None):
    """The data of an instant query on a Prometheus-compatible API (raises on an error answer)."""
    params = {"query": expr}
    if at is not None:
        params["time"] = f"{at:.3f}"
    status, body = http(base + "/api/v1/query?" + urllib.parse.urlencode(params), timeout=120)
    answer = json.loads(body or b"{}")
    if status != 200 or answer.get("status") != "success":
        raise RuntimeError(f"{base} query {expr!r}: {status} {body[:300]!r}")
    return answer["data"]


def metric(base, name, labels=None):
    """The value of one series on a /metrics page (None when absent)."""
    _, body = http(base + "/metrics")
    for line in body.decode(errors="replace").splitlines():
        if line.startswith(name + " ") or line.startswith(name + "{"):
            if labels and not all(f'{k}="{v}"' in line for k, v in labels.items()):
                continue
            return float(line.rsplit(" ", 1)[1])
    return None


def conclude(report, failures, success, work, logs, tail=15):
    """Prints the report with its verdict line ("Result: <success>" or the differences); on a difference also the
    tail of each log in work (kept for a look), else removes work. Returns the exit status."""
    report += ["", "Result: " + (success if not failures else "DIFFERENCES:\n- " + "\n- ".join(failures))]
    print("\n".join(report))
    if not failures:
        shutil.rmtree(work, ignore_errors=True)
        return 0
    for name in logs:
        print(f"\n--- {name} (tail)")
        try:
            with open(os.path.join(work, name), errors="replace") as f:
                print("".join(f.readlines()[-tail:]))
        except OSError:
            pass
    print(f"\n(work folder kept: {work})")
    return 1
