#!/usr/bin/env python3
"""Loopback HTTP server for KlaxonCurl tests. Prints its port, exits when its parent process dies."""
import gzip, os, sys, threading, time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def send(self, status, body, headers=()):
        self.send_response(status)
        for name, value in headers:
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self):
        path, _, query = self.path.partition("?")
        if path == "/ok":
            self.send(200, b"hello\n", [("Content-Type", "text/plain; version=0.0.4")])
        elif path == "/echo":
            lines = "".join(f"{k}: {v}\n" for k, v in self.headers.items())
            self.send(200, lines.encode())
        elif path == "/gzip":
            body = b"metric 1\n" * 1000
            if "gzip" in self.headers.get("Accept-Encoding", ""):
                self.send(200, gzip.compress(body), [("Content-Encoding", "gzip")])
            else:
                self.send(200, body)
        elif path == "/big":
            n = int(query.split("=")[1]) if "=" in query else 1 << 20
            self.send(200, b"x" * n)
        elif path == "/stream":
            # No Content-Length: the client cannot reject early and must enforce its limit while streaming.
            self.send_response(200)
            self.send_header("Transfer-Encoding", "chunked")
            self.end_headers()
            chunk = b"y" * 65536
            try:
                for _ in range(64):
                    self.wfile.write(b"%x\r\n%s\r\n" % (len(chunk), chunk))
                self.wfile.write(b"0\r\n\r\n")
            except (BrokenPipeError, ConnectionResetError):
                pass
        elif path == "/slow":
            time.sleep(3)
            self.send(200, b"late")
        elif path.startswith("/status/"):
            self.send(int(path.rsplit("/", 1)[1]), b"status body")
        elif path == "/redirect":
            self.send(302, b"", [("Location", "/ok")])
        else:
            self.send(404, b"not found")

    def do_POST(self):
        length = int(self.headers.get("Content-Length", "0"))
        body = self.rfile.read(length)
        ctype = self.headers.get("Content-Type", "")
        self.send(200, f"{self.command} {ctype} ".encode() + body)

    do_PUT = do_POST


def watch_parent(parent):
    # A dead parent may linger as a zombie (kill(pid, 0) still succeeds), but we are re-parented at once.
    while os.getppid() == parent:
        time.sleep(0.2)
    os._exit(0)


class Server(ThreadingHTTPServer):
    request_queue_size = 256  # the default of 5 drops connections when a test opens 50 at once
    daemon_threads = True


if __name__ == "__main__":
    server = Server(("127.0.0.1", 0), Handler)
    threading.Thread(target=watch_parent, args=(int(sys.argv[1]),), daemon=True).start()
    print(server.server_address[1], flush=True)
    server.serve_forever()
