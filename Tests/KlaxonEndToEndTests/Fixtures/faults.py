#!/usr/bin/env python3
"""Misbehaving scrape targets for the target-fault tests (loopback only).

GET /ok          a healthy exporter (fault_ok_scrapes_total counts its scrapes)
GET /hang        reads the request, never answers
GET /drip        answers 200 and then one byte every 100 ms, forever
GET /reset       reads the request, then resets the connection (RST, no response)
GET /gzipbomb    Content-Encoding: gzip; inflates to BOMB_MB megabytes of newlines
GET /big         a BIG_MB megabyte body (valid exposition: comment lines)
GET /million     SERIES distinct series, one sample each
GET /stats       JSON counts of requests per path

Usage: faults.py PARENT_PID [BOMB_MB BIG_MB SERIES]. Prints its port on stdout, exits when the parent dies.
"""
import gzip, io, json, os, socket, struct, sys, threading, time
from fixture_support import QuietHandler, serve

BOMB_MB, BIG_MB, SERIES = 64, 8, 200_000
counts = {}
lock = threading.Lock()
cache = {}


def bomb():
    if "bomb" not in cache:
        out = io.BytesIO()
        with gzip.GzipFile(fileobj=out, mode="wb", compresslevel=9) as z:
            chunk = b"\n" * (1 << 20)
            for _ in range(BOMB_MB):
                z.write(chunk)
        cache["bomb"] = out.getvalue()
    return cache["bomb"]


def big():
    if "big" not in cache:
        line = b"# " + b"x" * 97 + b"\n"  # 100 bytes
        cache["big"] = line * (BIG_MB * (1 << 20) // len(line)) + b"big_body_metric 1\n"
    return cache["big"]


def million():
    if "million" not in cache:
        cache["million"] = b"".join(b'fault_series{id="%d"} 1\n' % i for i in range(SERIES))
    return cache["million"]


class Handler(QuietHandler):
    def send(self, status, body, headers=()):
        super().send(status, body, "text/plain; version=0.0.4", headers)

    def do_GET(self):
        path = self.path.partition("?")[0]
        with lock:
            counts[path] = counts.get(path, 0) + 1
            n = counts[path]
        if path == "/ok":
            self.send(200, b"# TYPE fault_ok_scrapes_total counter\nfault_ok_scrapes_total %d\n" % n)
        elif path == "/hang":
            # Hold the connection open without a byte of answer until the client gives up.
            try:
                while self.rfile.read(1):
                    pass
            except OSError:
                pass
            self.close_connection = True
        elif path == "/drip":
            self.send_response(200)
            self.send_header("Content-Type", "text/plain; version=0.0.4")
            self.send_header("Content-Length", str(1 << 30))
            self.end_headers()
            try:
                while True:
                    self.wfile.write(b"#")
                    self.wfile.flush()
                    time.sleep(0.1)
            except OSError:
                pass
            self.close_connection = True
        elif path == "/reset":
            self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            self.connection.close()
            self.close_connection = True
        elif path == "/gzipbomb":
            self.send(200, bomb(), [("Content-Encoding", "gzip")])
        elif path == "/big":
            self.send(200, big())
        elif path == "/million":
            self.send(200, million())
        elif path == "/stats":
            with lock:
                body = json.dumps(counts).encode()
            self.send(200, body)
        else:
            self.send(404, b"not found\n")


if __name__ == "__main__":
    if len(sys.argv) >= 5:
        BOMB_MB, BIG_MB, SERIES = int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
    # Build the bodies before announcing the port, so the first scrape is not slowed by it.
    serve(Handler, int(sys.argv[1]), before_announcing=lambda: (bomb(), big(), million()))
