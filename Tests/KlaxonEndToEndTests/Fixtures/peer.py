#!/usr/bin/env python3
"""Loopback peer for the end-to-end tests: an exporter and a webhook sink in one server.

GET  /metrics            demo_value <v> and a counter, text format 0.0.4
POST /set?value=V        changes demo_value
POST /hook               records the body (JSON); answers 500 while a failure budget remains
POST /fail?count=N       the next N hook requests answer 500
GET  /received           every recorded body, one JSON document per line
Prints its port on stdout, exits when the parent process (argv[1]) dies.
"""
import os, sys, threading, time
from fixture_support import QuietHandler, serve

state = {"value": 1.0, "fail": 0, "received": [], "failed": 0, "scrapes": 0}
lock = threading.Lock()


class Handler(QuietHandler):
    def do_GET(self):
        path = self.path.partition("?")[0]
        if path == "/metrics":
            with lock:
                state["scrapes"] += 1
                v, n = state["value"], state["scrapes"]
            body = (
                "# HELP demo_value A value the test sets.\n# TYPE demo_value gauge\n"
                f"demo_value {v}\n"
                "# TYPE demo_requests_total counter\n"
                f"demo_requests_total{{code=\"200\"}} {n * 10}\n"
            ).encode()
            self.send(200, body, "text/plain; version=0.0.4")
        elif path == "/received":
            with lock:
                body = "".join(r + "\n" for r in state["received"]).encode()
            self.send(200, body, "application/x-ndjson")
        elif path == "/stats":
            with lock:
                body = f'{{"failed": {state["failed"]}, "scrapes": {state["scrapes"]}}}'.encode()
            self.send(200, body, "application/json")
        else:
            self.send(404, b"not found\n")

    def do_POST(self):
        path = self.path.partition("?")[0]
        length = int(self.headers.get("Content-Length", "0"))
        body = self.rfile.read(length) if length else b""
        if path == "/set":
            with lock:
                state["value"] = float(self.query()["value"])
            self.send(200, b"ok\n")
        elif path == "/fail":
            with lock:
                state["fail"] = int(self.query()["count"])
            self.send(200, b"ok\n")
        elif path == "/hook":
            with lock:
                failing = state["fail"] > 0
                if failing:
                    state["fail"] -= 1
                    state["failed"] += 1
                else:
                    state["received"].append(body.decode())
            self.send(500 if failing else 200, b"sink failure\n" if failing else b"ok\n")
        else:
            self.send(404, b"not found\n")


if __name__ == "__main__":
    serve(Handler, int(sys.argv[1]))
