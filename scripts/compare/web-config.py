#!/usr/bin/env python3
"""Compare Klaxon's --web.config.file with a real Prometheus 2.42 (exporter-toolkit) on the same files.

Two parts, both on loopback only:

  check  Web config files (valid ones and ones promtool rejects: unknown fields, bad bcrypt hashes, missing or
         mismatched certificate files, bad client_auth_type, forbidden headers, ...) go through
         `promtool check web-config FILE` and `klaxon check web-config FILE`; stdout, stderr and the exit code
         must be identical.
  serve  For a few configs (basic auth only; TLS only; TLS + basic auth + headers; the client-certificate modes)
         a real `prometheus --web.config.file=...` and `klaxon run --web.config.file=...` are started, each on
         its own free loopback port with a minimal prometheus.yml and a temporary storage directory, and curl
         sends both the same requests (`/-/healthy`, `/api/v1/query?query=1`, `/metrics`) with no credentials,
         a wrong password, an unknown user, the right password, plain HTTP to the TLS port, old TLS versions,
         no / a trusted / an untrusted client certificate. Compared: whether the connection and TLS handshake
         succeed, the status code, `WWW-Authenticate` and the headers the config sets. Bodies and the other
         headers are not compared: they come from two different products, and the web config does not control
         them.

A throwaway CA, a server certificate and client certificates (one from the CA, one from an unrelated CA) are
made with `openssl` (installed from Debian when missing). The bcrypt hashes are pre-computed below with their
plain passwords (cost 10, `$2b$`, `$2y$` and `$2a$` forms), as the Prometheus docs do.

Prints a Markdown report (case | Prometheus | Klaxon | same?) and exits 1 on a difference not listed in
KNOWN_DIFFERENCES with its reason (and when Klaxon prints one of the plain passwords). Exits 0 with a
`skipped:` line when /usr/bin/prometheus or /usr/bin/promtool is not installed.

Usage: [KLAXON_BIN=path/to/klaxon] scripts/compare/web-config.py [--write]
       KLAXON_BIN defaults to .build/debug/klaxon; --write also puts the report into docs/compat.md.
Runs in about a minute; every child process is killed on exit, each request is bounded by curl's --max-time.
"""
import atexit
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))  # scripts/<job>/ → the repository
KLAXON = os.path.abspath(os.environ.get("KLAXON_BIN", os.path.join(ROOT, ".build", "debug", "klaxon")))
PROMETHEUS = "/usr/bin/prometheus"
PROMTOOL = "/usr/bin/promtool"

# Pre-computed bcrypt hashes (cost 10) and their plain passwords.
USERS = {
    "alice": ("alice-pass-1", "$2b$10$mIx4oeT8pAkPwiHBZ08wk.DVUcUUup/PPvKqc2TO0zXpB/cnyQeIW"),
    "bob": ("bob-pass-2", "$2y$10$R5yMw7sUnDgHCcuP9Hi7cub1za0i5DTh6.24FQPw9BsT2vYinVp/m"),
    "carol": ("carol pass:3", "$2a$10$e7esqCkuBEFiDsxOn2En3uCHi4jWiEQSePCV2J2qm9XmkmgqjZmra"),
}
# alice's hash after the password change in the "file changed while running" case.
ALICE_NEW = ("alice-pass-NEW", "$2b$10$whuAaBOxO4Sam.mO70i0Iu0vXVibSJ4UW63Ol9vOKs1.EVR081yPa")

USERS_YAML = "basic_auth_users:\n" + "".join(f"  {u}: '{h}'\n" for u, (_, h) in USERS.items())
TLS_YAML = "tls_server_config:\n  cert_file: server.crt\n  key_file: server.key\n"
HEADERS = {
    "Strict-Transport-Security": "max-age=31536000; includeSubDomains",
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "deny",
    "X-XSS-Protection": "1; mode=block",
    "Content-Security-Policy": "default-src 'self'",
}
HEADERS_YAML = "http_server_config:\n  headers:\n" + "".join(f"    {k}: \"{v}\"\n" for k, v in HEADERS.items())


def client_auth(kind, ca=True):
    return TLS_YAML + f"  client_auth_type: {kind}\n" + ("  client_ca_file: ca.crt\n" if ca else "")


# name -> web.yml text (None: the file does not exist). Paths inside are relative to the file's directory.
CHECK_CASES = [
    ("empty file", ""),
    ("basic auth ($2b$, $2y$, $2a$ hashes)", USERS_YAML),
    ("TLS", TLS_YAML),
    ("TLS, absolute paths", "tls_server_config:\n  cert_file: {dir}/server.crt\n  key_file: {dir}/server.key\n"),
    ("TLS + basic auth + headers", TLS_YAML + USERS_YAML + HEADERS_YAML),
    ("RequireAndVerifyClientCert + client_ca_file", client_auth("RequireAndVerifyClientCert")),
    ("VerifyClientCertIfGiven + client_ca_file", client_auth("VerifyClientCertIfGiven")),
    ("RequireAnyClientCert", client_auth("RequireAnyClientCert", ca=False)),
    ("RequestClientCert", client_auth("RequestClientCert", ca=False)),
    ("RequireAndVerifyClientCert without client_ca_file", client_auth("RequireAndVerifyClientCert", ca=False)),
    ("VerifyClientCertIfGiven without client_ca_file", client_auth("VerifyClientCertIfGiven", ca=False)),
    ("min/max version, ciphers, curves",
     TLS_YAML + "  min_version: TLS13\n  max_version: TLS13\n  cipher_suites: [TLS_AES_128_GCM_SHA256]\n"
     "  curve_preferences: [X25519, CurveP256]\n  prefer_server_cipher_suites: true\n"),
    ("http2: false", "http_server_config:\n  http2: false\n"),
    ("unknown top-level field", "basic_auth_user:\n  alice: x\n"),
    ("unknown field in tls_server_config", TLS_YAML + "  ca_file: ca.crt\n"),
    ("unknown field in http_server_config", "http_server_config:\n  header:\n    X-Frame-Options: deny\n"),
    ("YAML syntax error", "basic_auth_users:\n  alice: [\n"),
    ("basic_auth_users is a list", "basic_auth_users:\n  - alice\n"),
    ("bcrypt hash too short", "basic_auth_users:\n  alice: $2b$10$abc\n"),
    ("bcrypt hash without $", "basic_auth_users:\n  alice: " + USERS["alice"][1][1:] + "x\n"),
    ("bcrypt hash plain password", "basic_auth_users:\n  alice: alice-pass-1\n"),
    ("bcrypt cost 3", "basic_auth_users:\n  alice: '" + USERS["alice"][1].replace("$10$", "$03$") + "'\n"),
    ("bcrypt cost 32", "basic_auth_users:\n  alice: '" + USERS["alice"][1].replace("$10$", "$32$") + "'\n"),
    ("bcrypt version 3", "basic_auth_users:\n  alice: '" + USERS["alice"][1].replace("$2b$", "$3b$") + "'\n"),
    ("duplicate user", "basic_auth_users:\n  alice: '" + USERS["alice"][1] + "'\n  alice: '" + USERS["bob"][1]
     + "'\n"),
    ("missing cert file", "tls_server_config:\n  cert_file: nonexistent.crt\n  key_file: server.key\n"),
    ("missing key file", "tls_server_config:\n  cert_file: server.crt\n  key_file: nonexistent.key\n"),
    ("cert without key", "tls_server_config:\n  cert_file: server.crt\n"),
    ("key without cert", "tls_server_config:\n  key_file: server.key\n"),
    ("key file holds a certificate", "tls_server_config:\n  cert_file: server.crt\n  key_file: ca.crt\n"),
    ("cert file is not PEM", "tls_server_config:\n  cert_file: garbage.txt\n  key_file: server.key\n"),
    ("key does not match cert", "tls_server_config:\n  cert_file: server.crt\n  key_file: client.key\n"),
    ("bad client_auth_type", client_auth("Bogus")),
    ("client_auth_type RequireClientCert (old name)", client_auth("RequireClientCert", ca=False)),
    ("client_ca_file without certificate", "tls_server_config:\n  client_ca_file: ca.crt\n"),
    ("client_ca_file without client_auth_type", TLS_YAML + "  client_ca_file: ca.crt\n"),
    ("client_auth_type without certificate", "tls_server_config:\n  client_auth_type: RequireAnyClientCert\n"),
    ("missing client_ca_file", client_auth("RequireAndVerifyClientCert", ca=False)
     + "  client_ca_file: nonexistent-ca.crt\n"),
    ("unknown TLS version", TLS_YAML + "  min_version: TLS14\n"),
    ("unknown cipher", TLS_YAML + "  cipher_suites: [TLS_FAKE_WITH_NOTHING]\n"),
    ("unknown curve", TLS_YAML + "  curve_preferences: [CurveP999]\n"),
    ("forbidden header Content-Type", "http_server_config:\n  headers:\n    Content-Type: text/html\n"),
    ("header name in lower case", "http_server_config:\n  headers:\n    x-frame-options: deny\n"),
    ("X-Frame-Options: allow", "http_server_config:\n  headers:\n    X-Frame-Options: allow\n"),
    ("X-Frame-Options: DENY (case)", "http_server_config:\n  headers:\n    X-Frame-Options: DENY\n"),
    ("X-Frame-Options: sameorigin", "http_server_config:\n  headers:\n    X-Frame-Options: sameorigin\n"),
    ("X-Content-Type-Options: NoSniff (case)", "http_server_config:\n  headers:\n    X-Content-Type-Options: NoSniff\n"),
    ("file does not exist", None),
]

# Differences that are understood, with the reason: case name -> reason.
RELOAD_REASON = (
    "exporter-toolkit reads web.yml again on every request (and the TLS part on every handshake); Klaxon reads it "
    "once at start, so a changed file takes effect when Klaxon restarts (not a small fix: the server would have to "
    "swap its users, headers and TLS context while running)")
NO_CA_REASON = (
    "Prometheus accepts the file and then verifies client certificates against the host's system root CAs (Go's "
    "x509 default when no roots are given), so a certificate from any public CA gets in; Klaxon refuses the file "
    "instead of silently trusting the system roots")
KNOWN_DIFFERENCES = {
    "RequireAndVerifyClientCert without client_ca_file": NO_CA_REASON,
    "VerifyClientCertIfGiven without client_ca_file": NO_CA_REASON,
    "basic auth: file changed while running, old password": RELOAD_REASON,
    "basic auth: file changed while running, new password": RELOAD_REASON,
    "TLS: HTTP version negotiated (`http2` not set) `/-/healthy`":
        "Prometheus offers HTTP/2 over TLS (exporter-toolkit's `http2` defaults to true); Klaxon serves HTTP/1.1 "
        "only and accepts `http2` without effect. Status codes and headers are the same over both",
}

failures = []
children = []


def cleanup():
    for process in children:
        if process.poll() is None:
            try:
                os.killpg(process.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            process.wait()


atexit.register(cleanup)
signal.signal(signal.SIGTERM, lambda *_: sys.exit(1))
signal.signal(signal.SIGINT, lambda *_: sys.exit(1))


def run(argv, cwd, timeout=60):
    result = subprocess.run(argv, cwd=cwd, capture_output=True, text=True, timeout=timeout)
    return result.returncode, result.stdout, result.stderr


def cell(text):
    text = text.strip("\n").replace("|", "\\|").replace("\n", "<br>")
    return f"`{text}`" if text else ""


# MARK: certificates

def ensure_openssl():
    if shutil.which("openssl"):
        return
    print("openssl not found: installing Debian's openssl", file=sys.stderr)
    subprocess.run(["apt-get", "install", "-y", "-q", "openssl"], check=True, capture_output=True, timeout=300)


def make_certificates(d):
    def ssl(*args):
        subprocess.run(["openssl", *args], cwd=d, check=True, capture_output=True, timeout=60)

    ec = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes"]
    for ca in ("ca", "other-ca"):
        ssl("req", "-x509", *ec, "-keyout", f"{ca}.key", "-out", f"{ca}.crt", "-days", "2", "-subj",
            f"/CN=klaxon compare {ca}")
    extensions = {
        "server": "subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth\n",
        "client": "extendedKeyUsage=clientAuth\n",
        "other-client": "extendedKeyUsage=clientAuth\n",
    }
    for name, ext in extensions.items():
        with open(os.path.join(d, f"{name}.ext"), "w") as f:
            f.write(ext)
        ssl("req", "-new", *ec, "-keyout", f"{name}.key", "-out", f"{name}.csr", "-subj", f"/CN={name}")
        ca = "other-ca" if name == "other-client" else "ca"
        ssl("x509", "-req", "-in", f"{name}.csr", "-CA", f"{ca}.crt", "-CAkey", f"{ca}.key", "-CAcreateserial",
            "-days", "2", "-out", f"{name}.crt", "-extfile", f"{name}.ext")
    with open(os.path.join(d, "garbage.txt"), "w") as f:
        f.write("not a certificate\n")


# MARK: check

def compare_check(d, report):
    report.append("### `check web-config`: promtool vs klaxon (stdout, stderr, exit code)\n")
    report.append("| case | Prometheus | Klaxon | same? |")
    report.append("|---|---|---|---|")
    for index, (name, text) in enumerate(CHECK_CASES):
        file = f"web-{index:02d}.yml"
        path = os.path.join(d, file)
        if os.path.exists(path):
            os.remove(path)
        if text is not None:
            with open(path, "w") as f:
                f.write(text.replace("{dir}", d))
        outcomes = []
        for argv in ([PROMTOOL, "check", "web-config", file], [KLAXON, "check", "web-config", file]):
            code, out, err = run(argv, d)
            outcomes.append(f"exit {code}" + (f"\nstdout: {out}" if out else "") + (f"\nstderr: {err}" if err else ""))
        verdict(report, name, outcomes[0], outcomes[1])
    # Several files in one command: each is reported, the exit code says whether any failed.
    names = [name for name, _ in CHECK_CASES]
    files = [f"web-{names.index(name):02d}.yml" for name in ("basic auth ($2b$, $2y$, $2a$ hashes)",
                                                             "bcrypt hash too short", "TLS")]
    outcomes = []
    for argv in ([PROMTOOL, "check", "web-config", *files], [KLAXON, "check", "web-config", *files]):
        code, out, err = run(argv, d)
        outcomes.append(f"exit {code}" + (f"\nstdout: {out}" if out else "") + (f"\nstderr: {err}" if err else ""))
    verdict(report, "three files, the second invalid", outcomes[0], outcomes[1])
    report.append("")


def verdict(report, name, prometheus, klaxon):
    if prometheus == klaxon:
        same = "yes"
        if name in KNOWN_DIFFERENCES:
            same = "yes (listed as a known difference: remove it from the list)"
            failures.append(name + ": listed as a known difference but the same")
    elif name in KNOWN_DIFFERENCES:
        same = "no, known: " + KNOWN_DIFFERENCES[name]
    else:
        same = "**NO**"
        failures.append(name)
    report.append(f"| {name} | {cell(prometheus)} | {cell(klaxon)} | {same} |")


# MARK: serve

def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def curl(url, *args):
    """One request; returns what the web config controls: connection/TLS outcome, status, headers."""
    show_version = "--show-http-version" in args
    show_body = "--show-body" in args
    args = [a for a in args if a not in ("--show-http-version", "--show-body")]
    body_file = tempfile.NamedTemporaryFile(prefix="body-", delete=False).name
    argv = ["curl", "-s", "-S", "-o", body_file, "-D", "-", "--max-time", "15", *args, url]
    result = subprocess.run(argv, capture_output=True, text=True, timeout=30)
    with open(body_file, errors="replace") as f:
        body = f.read()
    os.remove(body_file)
    if result.returncode != 0:
        # curl 35: handshake failed; 56/52: the server ended the connection (TLS 1.3 rejects a client certificate
        # after the client's side of the handshake is done, so it shows as a failed read); 60: untrusted server.
        kinds = {35: "TLS handshake failed", 56: "TLS refused / connection reset", 52: "empty reply (connection closed)",
                 60: "server certificate not trusted", 7: "connection refused", 28: "timeout"}
        kind = kinds.get(result.returncode, f"curl exit {result.returncode}")
        # How a refused handshake shows depends on the TLS version and on when the server's alert arrives: 35
        # during the handshake, 55/56 on the first write/read after it (TLS 1.3 client certificates), 16 when
        # HTTP/2 was already negotiated. All of them are the server refusing the TLS connection.
        if result.returncode in (16, 35, 55, 56):
            kind = "TLS refused"
        return kind
    lines = result.stdout.replace("\r", "").split("\n")
    # With -D - and several responses (none here), the last block counts.
    status = lines[0].split(" ")[1] if lines and lines[0].startswith("HTTP/") else "?"
    headers = {}
    for line in lines[1:]:
        if ":" in line:
            key, value = line.split(":", 1)
            headers.setdefault(key.strip().lower(), value.strip())
    shown = [status]
    if show_version:
        shown[0] += " over " + lines[0].split(" ")[0]
    for name in ["WWW-Authenticate", *HEADERS]:
        if name.lower() in headers:
            value = headers[name.lower()]
            # X-Content-Type-Options is also sent by both on 401 and by handlers; compare it only when configured.
            shown.append(f"{name}: {value}")
    if show_body:
        shown.append("body: " + body)
    return "\n".join(shown)


def start(argv, log):
    process = subprocess.Popen(argv, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    children.append(process)
    return process


def stop(process):
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


def wait_ready(url, args, process):
    """None when the server answers 200 with the right credentials; else why not (the rows then show it)."""
    deadline = time.time() + 90
    while time.time() < deadline:
        if process.poll() is not None:
            return f"did not start (exit {process.returncode})"
        result = subprocess.run(["curl", "-s", "-o", "/dev/null", "-w", "%{http_code}", "--max-time", "5", *args, url],
                                capture_output=True, text=True, timeout=30)
        if result.stdout == "200":
            return None
        time.sleep(0.5)
    return "not ready after 90 s"


ALICE = ["-u", "alice:" + USERS["alice"][0]]
TRUST = ["--cacert", "ca.crt"]
CLIENT = ["--cert", "client.crt", "--key", "client.key"]
OTHER_CLIENT = ["--cert", "other-client.crt", "--key", "other-client.key"]
PATHS = ["/-/healthy", "/api/v1/query?query=1", "/metrics"]

# name -> (web.yml, scheme, curl arguments that get a 200, [(request name, curl arguments, paths)])
SERVE = [
    ("basic auth", USERS_YAML, "http", ALICE, [
        ("no credentials", [], PATHS),
        ("wrong password", ["-u", "alice:wrong"], PATHS),
        ("unknown user", ["-u", "mallory:" + USERS["alice"][0]], PATHS),
        ("user name in another case", ["-u", "Alice:" + USERS["alice"][0]], PATHS[:1]),
        ("right password ($2b$ hash)", ALICE, PATHS),
        ("right password ($2y$ hash)", ["-u", "bob:" + USERS["bob"][0]], PATHS[:1]),
        ("right password with a colon ($2a$ hash)", ["-u", "carol:" + USERS["carol"][0]], PATHS[:1]),
        ("another user's password", ["-u", "bob:" + USERS["alice"][0]], PATHS[:1]),
        ("Bearer token", ["-H", "Authorization: Bearer " + USERS["alice"][0]], PATHS[:1]),
        ("malformed Basic value", ["-H", "Authorization: Basic !!!not-base64"], PATHS[:1]),
        ("https to a plain HTTP port", ["https", "--cacert", "ca.crt"] + ALICE, PATHS[:1]),
    ]),
    ("TLS", TLS_YAML, "https", TRUST, [
        ("trusted CA", TRUST, PATHS),
        ("plain HTTP to the TLS port", ["http", "--show-body"], PATHS[:1]),
        ("TLS 1.1 at most", TRUST + ["--tlsv1.1", "--tls-max", "1.1"], PATHS[:1]),
        ("TLS 1.2 at most", TRUST + ["--tls-max", "1.2"], PATHS[:1]),
        ("TLS 1.3", TRUST + ["--tlsv1.3"], PATHS[:1]),
        ("client certificate offered (not asked for)", TRUST + CLIENT, PATHS[:1]),
        ("HTTP version negotiated (`http2` not set)", TRUST + ["--show-http-version"], PATHS[:1]),
    ]),
    ("TLS + basic auth + headers", TLS_YAML + USERS_YAML + HEADERS_YAML, "https", TRUST + ALICE, [
        ("no credentials", TRUST, PATHS),
        ("wrong password", TRUST + ["-u", "alice:wrong"], PATHS[:1]),
        ("right password", TRUST + ALICE, PATHS),
        ("unknown path, right password", TRUST + ALICE, ["/no/such/path"]),
        ("plain HTTP to the TLS port", ["http", "--show-body"] + ALICE, PATHS[:1]),
    ]),
    ("RequireAndVerifyClientCert", client_auth("RequireAndVerifyClientCert"), "https", TRUST + CLIENT, [
        ("no client certificate", TRUST, PATHS[:1]),
        ("client certificate from client_ca_file", TRUST + CLIENT, PATHS),
        ("client certificate from another CA", TRUST + OTHER_CLIENT, PATHS[:1]),
        ("server certificate as client certificate", TRUST + ["--cert", "server.crt", "--key", "server.key"],
         PATHS[:1]),
    ]),
    ("VerifyClientCertIfGiven", client_auth("VerifyClientCertIfGiven"), "https", TRUST, [
        ("no client certificate", TRUST, PATHS[:1]),
        ("client certificate from client_ca_file", TRUST + CLIENT, PATHS[:1]),
        ("client certificate from another CA", TRUST + OTHER_CLIENT, PATHS[:1]),
    ]),
    ("RequireAnyClientCert", client_auth("RequireAnyClientCert", ca=False), "https", TRUST + CLIENT, [
        ("no client certificate", TRUST, PATHS[:1]),
        ("client certificate from another CA", TRUST + OTHER_CLIENT, PATHS[:1]),
    ]),
    ("RequireClientCert (old name of RequireAnyClientCert)", client_auth("RequireClientCert", ca=False), "https",
     TRUST + CLIENT, [
        ("no client certificate", TRUST, PATHS[:1]),
        ("client certificate from another CA", TRUST + OTHER_CLIENT, PATHS[:1]),
    ]),
    ("TLS 1.3 only, http2: false", TLS_YAML + "  min_version: TLS13\nhttp_server_config:\n  http2: false\n",
     "https", TRUST, [
        ("TLS 1.2 at most", TRUST + ["--tls-max", "1.2"], PATHS[:1]),
        ("TLS 1.3, HTTP version negotiated", TRUST + ["--show-http-version"], PATHS[:1]),
    ]),
]


def compare_serve(d, report):
    report.append("### Serving: the same requests to `prometheus` and `klaxon run` with the same web.yml\n")
    report.append("Each cell: the status code and, when present, `WWW-Authenticate` and the configured headers "
                  "(or why there was no HTTP response). Bodies are not compared (two different products), except "
                  "the answer to plain HTTP on the TLS port, which is the TLS layer's.\n")
    report.append("| case | Prometheus | Klaxon | same? |")
    report.append("|---|---|---|---|")
    with open(os.path.join(d, "prometheus.yml"), "w") as f:
        f.write("global:\n  scrape_interval: 15s\n")
    klaxon_logs = []
    for index, (config, web, scheme, ready_args, requests) in enumerate(SERVE):
        web_file = os.path.join(d, f"serve-{index}.yml")
        with open(web_file, "w") as f:
            f.write(web)
        ports = {"prometheus": free_port(), "klaxon": free_port()}
        storage = {name: tempfile.mkdtemp(prefix=f"{name}-", dir=d) for name in ports}
        logs = {name: open(os.path.join(d, f"{name}-{index}.log"), "w") for name in ports}
        processes = {
            "prometheus": start([PROMETHEUS, "--config.file=prometheus.yml", f"--storage.tsdb.path={storage['prometheus']}",
                                 f"--web.listen-address=127.0.0.1:{ports['prometheus']}", f"--web.config.file={web_file}"],
                                logs["prometheus"]),
            "klaxon": start([KLAXON, "run", "--config.file=prometheus.yml", f"--storage.path={storage['klaxon']}",
                             f"--web.listen-address=127.0.0.1:{ports['klaxon']}", f"--web.config.file={web_file}"],
                            logs["klaxon"]),
        }
        try:
            down = {name: wait_ready(f"{scheme}://127.0.0.1:{ports[name]}/-/ready", ready_args, process)
                    for name, process in processes.items()}
            for request, args, paths in requests:
                args = list(args)
                request_scheme = scheme
                if args and args[0] in ("http", "https") and not args[0].startswith("-"):
                    request_scheme = args.pop(0)
                for path in paths:
                    outcomes = [down[name] or curl(f"{request_scheme}://127.0.0.1:{ports[name]}{path}", *args)
                                for name in ("prometheus", "klaxon")]
                    verdict(report, f"{config}: {request} `{path}`", *outcomes)
            if config == "basic auth":
                # exporter-toolkit reads the web config file again on every request.
                with open(web_file, "w") as f:
                    f.write(USERS_YAML.replace(USERS["alice"][1], ALICE_NEW[1]))
                time.sleep(1)
                for request, password in (("old password", USERS["alice"][0]), ("new password", ALICE_NEW[0])):
                    outcomes = [down[name] or curl(f"http://127.0.0.1:{ports[name]}/-/healthy", "-u", "alice:" + password)
                                for name in ("prometheus", "klaxon")]
                    verdict(report, f"{config}: file changed while running, {request}", *outcomes)
        finally:
            for process in processes.values():
                stop(process)
            for log in logs.values():
                log.close()
        klaxon_logs.append(os.path.join(d, f"klaxon-{index}.log"))
    report.append("")
    # Secrets: no plain password may appear in anything Klaxon printed.
    passwords = [p for p, _ in USERS.values()] + [ALICE_NEW[0]]
    for log in klaxon_logs:
        with open(log, errors="replace") as f:
            text = f.read()
        for password in passwords:
            if password in text:
                failures.append(f"Klaxon printed a password in {os.path.basename(log)}")


def main():
    missing = [p for p in (PROMETHEUS, PROMTOOL) if not os.access(p, os.X_OK)]
    if missing:
        print(f"skipped: {', '.join(missing)} not installed (apt-get install prometheus)")
        return 0
    if not os.access(KLAXON, os.X_OK):
        print(f"error: no klaxon binary at {KLAXON} (build it, or set KLAXON_BIN)", file=sys.stderr)
        return 2
    ensure_openssl()
    d = tempfile.mkdtemp(prefix="compare-web-config-")
    atexit.register(shutil.rmtree, d, True)
    make_certificates(d)
    os.chdir(d)  # the servers, curl and the check commands all use paths relative to the temporary directory
    version = run([PROMETHEUS, "--version"], d)[1].split("\n")[0]
    report = [f"Compared with {version}; Klaxon: `{os.path.relpath(KLAXON, ROOT) if KLAXON.startswith(ROOT) else KLAXON}`.\n"]
    compare_check(d, report)
    compare_serve(d, report)
    if failures:
        report.append("Result: **unexplained differences**: " + "; ".join(failures) + ".")
    else:
        report.append("Result: no unexplained difference.")
    text = "\n".join(report) + "\n"
    print(text)
    if "--write" in sys.argv:
        write_docs(text)
    return 1 if failures else 0


def write_docs(text):
    path = os.path.join(ROOT, "docs", "compat.md")
    with open(path) as f:
        doc = f.read()
    begin, end = "<!-- compare-web-config: begin -->\n", "<!-- compare-web-config: end -->\n"
    if begin not in doc or end not in doc:
        print(f"--write: {path} has no {begin.strip()} / {end.strip()} markers", file=sys.stderr)
        return
    head, rest = doc.split(begin, 1)
    _, tail = rest.split(end, 1)
    with open(path, "w") as f:
        f.write(head + begin + text + end + tail)


if __name__ == "__main__":
    sys.exit(main())
