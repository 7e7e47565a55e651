#!/usr/bin/env python3
"""Loopback notification sink for RouterEndToEndTests and scripts/faults/receiver-outage.

POST /hook, /slack, ...   a notification: recorded (answer 200) unless a fault is active
POST /outage?fail=S&hang=H  from now on: S seconds of 500 answers, then H seconds in which every request is
                           held without an answer and then dropped (the connection closes), then normal again
POST /status?code=C&count=N the next N notifications are answered with status C (not recorded)
GET  /received             every recorded notification, one JSON object per line:
                           {"path", "t" (unix s), "user_agent", "content_type", "body"}
GET  /stats                {"recorded", "failed", "hung", "status_answers"}
Prints its port on stdout, exits when the parent process (argv[1]) dies.
Optional argv[2]: a port to listen on (default: any free port).
"""
import json, os, sys, threading, time
from fixture_support import QuietHandler, serve

lock = threading.Lock()
state = {"received": [], "failed": 0, "hung": 0, "status_answers": 0,
         "fail_until": 0.0, "hang_until": 0.0, "status": 0, "status_count": 0}


class Handler(QuietHandler):
    def do_GET(self):
        path = self.path.partition("?")[0]
        with lock:
            if path == "/received":
                body = "".join(json.dumps(r) + "\n" for r in state["received"]).encode()
                ctype = "application/x-ndjson"
            elif path == "/stats":
                body = json.dumps({"recorded": len(state["received"]), "failed": state["failed"],
                                   "hung": state["hung"], "status_answers": state["status_answers"]}).encode()
                ctype = "application/json"
            else:
                body, ctype = None, None
        if body is None:
            self.send(404, b"not found\n")
        else:
            self.send(200, body, ctype)

    def do_POST(self):
        path = self.path.partition("?")[0]
        length = int(self.headers.get("Content-Length", "0"))
        body = self.rfile.read(length) if length else b""
        now = time.time()
        if path == "/outage":
            q = self.query()
            with lock:
                state["fail_until"] = now + float(q.get("fail", "0"))
                state["hang_until"] = state["fail_until"] + float(q.get("hang", "0"))
            return self.send(200, b"ok\n")
        if path == "/status":
            q = self.query()
            with lock:
                state["status"], state["status_count"] = int(q["code"]), int(q.get("count", "1"))
            return self.send(200, b"ok\n")
        with lock:
            if now < state["fail_until"]:
                state["failed"] += 1
                action = "fail"
            elif now < state["hang_until"]:
                state["hung"] += 1
                action, hang_until = "hang", state["hang_until"]
            elif state["status_count"] > 0:
                state["status_count"] -= 1
                state["status_answers"] += 1
                action, code = "status", state["status"]
            else:
                state["received"].append({"path": path, "t": now, "user_agent": self.headers.get("User-Agent"),
                                          "content_type": self.headers.get("Content-Type"),
                                          "body": body.decode("utf-8")})
                action = "ok"
        if action == "fail":
            self.send(500, b"sink failure\n")
        elif action == "hang":
            # Hold the request unanswered until the hang ends (or the client gives up), then drop it.
            time.sleep(max(0.0, hang_until - time.time()))
            self.close_connection = True
        elif action == "status":
            self.send(code, b"sink answer\n")
        else:
            self.send(200, b"ok\n")


if __name__ == "__main__":
    serve(Handler, int(sys.argv[1]), int(sys.argv[2]) if len(sys.argv) > 2 else 0)
