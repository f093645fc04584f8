"""A real S3 API server for the deploy tests: moto's server on 127.0.0.1, behind a small
HTTP proxy that counts requests by method and can answer 503 or drop the connection."""

from __future__ import annotations

import http.client
import threading
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from moto.server import ThreadedMotoServer

HOP_BY_HOP = {"connection", "keep-alive", "transfer-encoding", "content-length"}
Fault = Callable[[str, str], str | None]  # (method, path) -> None, "503" or "drop"


class CountingProxy(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, upstream: tuple[str, int]):
        self.upstream = upstream
        self.requests: list[tuple[str, str]] = []
        self.fault: Fault | None = None
        self.lock = threading.Lock()
        super().__init__(("127.0.0.1", 0), _Handler)

    def count(self, method: str) -> int:
        with self.lock:
            return sum(1 for m, _ in self.requests if m == method)

    def reset(self) -> None:
        with self.lock:
            self.requests.clear()


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server: CountingProxy

    def log_message(self, *args) -> None:
        pass

    def _body(self) -> bytes:
        if self.headers.get("Transfer-Encoding", "").lower() == "chunked":
            raw = b""
            while True:
                line = self.rfile.readline()
                raw += line
                size = int(line.split(b";")[0].strip(), 16)
                if size == 0:
                    while (trailer := self.rfile.readline()) not in (b"\r\n", b"\n", b""):
                        raw += trailer
                    return raw + b"\r\n"
                raw += self.rfile.read(size + 2)
        return self.rfile.read(int(self.headers.get("Content-Length") or 0))

    def _forward(self) -> None:
        body = self._body()
        with self.server.lock:
            self.server.requests.append((self.command, self.path))
        fault = self.server.fault(self.command, self.path) if self.server.fault else None
        if fault == "drop":
            self.close_connection = True
            self.connection.shutdown(2)
            return
        if fault == "503":
            payload = b"<Error><Code>SlowDown</Code><Message>Slow down</Message></Error>"
            self.send_response(503)
            self.send_header("Content-Type", "application/xml")
            self.send_header("Content-Length", str(len(payload)))
            self.end_headers()
            self.wfile.write(payload)
            return
        upstream = http.client.HTTPConnection(*self.server.upstream, timeout=60)
        upstream.putrequest(self.command, self.path, skip_host=True, skip_accept_encoding=True)
        for name, value in self.headers.items():
            if name.lower() not in ("connection", "keep-alive", "content-length"):
                upstream.putheader(name, value)
        if "chunked" not in self.headers.get("Transfer-Encoding", "").lower():
            upstream.putheader("Content-Length", str(len(body)))
        upstream.endheaders(body)
        response = upstream.getresponse()
        payload = response.read()
        self.send_response(response.status)
        for name, value in response.getheaders():
            if name.lower() not in HOP_BY_HOP:
                self.send_header(name, value)
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(payload)
        upstream.close()

    do_GET = do_PUT = do_POST = do_DELETE = do_HEAD = _forward


class S3Server:
    """moto's server and the proxy in front of it; `url` is the endpoint to use."""

    def __init__(self) -> None:
        self.moto = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)

    def start(self) -> S3Server:
        self.moto.start()
        self.proxy = CountingProxy(self.moto.get_host_and_port())
        threading.Thread(target=self.proxy.serve_forever, daemon=True).start()
        self.url = f"http://127.0.0.1:{self.proxy.server_address[1]}"
        return self

    def stop(self) -> None:
        self.proxy.shutdown()
        self.moto.stop()
