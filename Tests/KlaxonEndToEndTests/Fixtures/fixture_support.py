"""What the loopback fixtures of the end-to-end tests share: a quiet HTTP/1.1 handler with small answer helpers,
and a server that prints its port on stdout and exits when the parent process (the test runner) dies."""
import os, threading, time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


class QuietHandler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def send(self, status, body, content_type="text/plain", headers=()):
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        for name, value in headers:
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        try:
            self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):
            pass

    def query(self):
        _, _, q = self.path.partition("?")
        return dict(p.split("=", 1) for p in q.split("&") if "=" in p)


def watch_parent(pid):
    while True:
        try:
            os.kill(pid, 0)
        except OSError:
            os._exit(0)
        time.sleep(0.5)


def serve(handler, parent_pid, port=0, before_announcing=None):
    """Serves `handler` on 127.0.0.1:`port` (0: any free port), prints the port, runs until the parent is gone."""
    ThreadingHTTPServer.daemon_threads = True
    server = ThreadingHTTPServer(("127.0.0.1", port), handler)
    threading.Thread(target=watch_parent, args=(parent_pid,), daemon=True).start()
    if before_announcing:
        before_announcing()
    print(server.server_address[1], flush=True)
    server.serve_forever()
