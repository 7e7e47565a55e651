#!/usr/bin/env python3
"""Loopback scrape targets for KlaxonScrape tests. Prints its port, exits when its parent process dies."""
import gzip, os, sys, threading, time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

TEXT = "text/plain; version=0.0.4; charset=utf-8"


def esc(value):
    return value.replace("\\", "\\\\").replace('"', '\\"')


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def send(self, status, body, headers=()):
        if isinstance(body, str):
            body = body.encode()
        try:
            self.send_response(status)
            for name, value in headers:
                self.send_header(name, value)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):
            pass

    def do_GET(self):
        path, _, query = self.path.partition("?")
        if path == "/good":
            self.send(200, '# TYPE a gauge\na 1\nb{x="y"} 2\n', [("Content-Type", TEXT)])
        elif path == "/om":
            body = "# TYPE c counter\nc_total 3\n# EOF\n"
            self.send(200, body, [("Content-Type", "application/openmetrics-text; version=1.0.0; charset=utf-8")])
        elif path == "/garbage":
            self.send(200, "<html>not metrics</html>\n", [("Content-Type", "text/html")])
        elif path == "/error":
            self.send(500, "boom\n")
        elif path == "/hang":
            time.sleep(5)
            self.send(200, "late 1\n")
        elif path == "/big":
            self.send(200, "".join('big{i="%d"} 1\n' % i for i in range(5000)), [("Content-Type", TEXT)])
        elif path == "/gzip":
            body = "".join('g{i="%d"} 1\n' % i for i in range(100)).encode()
            if "gzip" in self.headers.get("Accept-Encoding", ""):
                self.send(200, gzip.compress(body), [("Content-Encoding", "gzip"), ("Content-Type", TEXT)])
            else:
                self.send(200, body, [("Content-Type", TEXT)])
        elif path == "/auth":
            if self.headers.get("Authorization") == "Bearer tok":
                self.send(200, "authed 1\n", [("Content-Type", TEXT)])
            else:
                self.send(401, "no\n")
        elif path == "/headers":
            lines = []
            for name in ("Accept", "Accept-Encoding", "User-Agent", "X-Prometheus-Scrape-Timeout-Seconds"):
                metric = "header_" + name.lower().replace("-", "_")
                lines.append('%s{v="%s"} 1\n' % (metric, esc(self.headers.get(name, ""))))
            lines.append('query{v="%s"} 1\n' % esc(query))
            self.send(200, "".join(lines), [("Content-Type", TEXT)])
        else:
            self.send(404, "not found\n")


def watch_parent(parent):
    while os.getppid() == parent:
        time.sleep(0.2)
    os._exit(0)


class Server(ThreadingHTTPServer):
    request_queue_size = 256
    daemon_threads = True


if __name__ == "__main__":
    server = Server(("127.0.0.1", 0), Handler)
    threading.Thread(target=watch_parent, args=(int(sys.argv[1]),), daemon=True).start()
    print(server.server_address[1], flush=True)
    server.serve_forever()
