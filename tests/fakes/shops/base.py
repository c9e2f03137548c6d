"""A real HTTP server on 127.0.0.1 (ephemeral port) that a fake shop plugs its routes into,
with scripted faults: 5xx, 429, slow answers, connections dropped mid-response, malformed JSON,
and "the write happened but the answer was lost"."""

from __future__ import annotations

import json
import ssl
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Self
from urllib.parse import parse_qsl, urlsplit


class Clock:
    """The fake's time. Tests and benches may advance it instead of sleeping."""

    def __init__(self, start: float | None = None) -> None:
        self._offset = 0.0 if start is None else start - time.time()
        self._lock = threading.Lock()

    def now(self) -> float:
        with self._lock:
            return time.time() + self._offset

    def advance(self, seconds: float) -> None:
        with self._lock:
            self._offset += max(0.0, seconds)


@dataclass
class Request:
    method: str
    path: str
    query: list[tuple[str, str]]
    headers: dict[str, str]
    body: bytes
    url: str  # scheme://host:port/path as the client sent it

    def arg(self, name: str, default: str | None = None) -> str | None:
        for key, value in self.query:
            if key == name:
                return value
        return default

    def json(self) -> Any:
        return json.loads(self.body or b"null")


@dataclass
class Response:
    status: int
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)

    @classmethod
    def json(cls, status: int, data: Any, headers: dict[str, str] | None = None) -> Response:
        return cls(
            status,
            json.dumps(data).encode(),
            {"Content-Type": "application/json; charset=UTF-8", **(headers or {})},
        )


@dataclass
class Fault:
    """What goes wrong with the next matching request(s).

    kind: "status" (answer `status`, body `body`), "drop" (cut the answer mid-body),
    "slow" (wait `delay_s` first), "malformed" (broken JSON body), "lost" (do the work, then
    drop the connection before answering: the client cannot know it succeeded).
    """

    kind: str
    path: str = ""  # substring of the path; "" matches all
    method: str = ""
    times: int = 1
    status: int = 503
    body: bytes = b'{"code":"unavailable","message":"Service Unavailable","data":{"status":503}}'
    headers: dict[str, str] = field(default_factory=dict)
    delay_s: float = 0.0

    def matches(self, request: Request) -> bool:
        return (
            self.times > 0
            and self.path in request.path
            and (not self.method or self.method == request.method)
        )


class FakeServer:
    """Subclasses implement `handle(request) -> Response`."""

    def __init__(self, clock: Clock | None = None, tls: ssl.SSLContext | None = None) -> None:
        """`tls`: a server context (certificate loaded) to serve HTTPS instead of HTTP."""
        self.clock = clock or Clock()
        self.tls = tls
        self.faults: list[Fault] = []
        self.log: list[tuple[str, str, int]] = []
        self.lock = threading.RLock()
        fake = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"
            # Headers and body leave in separate writes; with Nagle on, each answer waits for
            # the client's delayed ACK (~40 ms), which would dominate every test.
            disable_nagle_algorithm = True

            def do_GET(self) -> None:
                fake._serve(self)

            do_POST = do_PUT = do_DELETE = do_PATCH = do_GET  # noqa: N815

            def log_message(self, *args: Any) -> None:
                pass

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        if tls is not None:
            self._server.socket = tls.wrap_socket(self._server.socket, server_side=True)
        # A short poll so stop() (which waits for the loop to notice) costs ms, not 0.5 s a test.
        self._thread = threading.Thread(
            target=self._server.serve_forever, args=(0.02,), daemon=True
        )

    @property
    def url(self) -> str:
        scheme = "https" if self.tls else "http"
        return f"{scheme}://127.0.0.1:{self._server.server_address[1]}"

    def start(self) -> Self:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()

    def __enter__(self) -> Self:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def inject(self, *faults: Fault) -> None:
        with self.lock:
            self.faults.extend(faults)

    def count(self, method: str, path_part: str) -> int:
        return sum(1 for m, p, _ in self.log if m == method and path_part in p)

    def handle(self, request: Request) -> Response:
        raise NotImplementedError

    def _take_fault(self, request: Request) -> Fault | None:
        with self.lock:
            for fault in self.faults:
                if fault.matches(request):
                    fault.times -= 1
                    return fault
        return None

    def _serve(self, h: BaseHTTPRequestHandler) -> None:
        split = urlsplit(h.path)
        length = int(h.headers.get("Content-Length") or 0)
        body = h.rfile.read(length) if length else b""
        host = h.headers.get("Host", "")
        request = Request(
            h.command,
            split.path,
            parse_qsl(split.query, keep_blank_values=True),
            {k.lower(): v for k, v in h.headers.items()},
            body,
            f"{'https' if self.tls else 'http'}://{host}{split.path}",
        )
        if request.path == "/_fake/advance":  # benches move the fake's clock instead of sleeping
            self.clock.advance(float(request.arg("s", "0") or 0))
            self._write(h, Response(204), cut=False)
            return
        fault = self._take_fault(request)
        if fault and fault.kind == "slow":
            time.sleep(fault.delay_s)
        if fault and fault.kind == "status":
            response = Response(
                fault.status, fault.body, {"Content-Type": "application/json", **fault.headers}
            )
        else:
            with self.lock:
                response = self.handle(request)
        self.log.append((request.method, request.path, response.status))
        if fault and fault.kind == "lost":
            h.close_connection = True
            return
        if fault and fault.kind == "malformed":
            response = Response(200, b'{"broken": [1, 2', response.headers)
        self._write(h, response, cut=bool(fault and fault.kind == "drop"))

    def _write(self, h: BaseHTTPRequestHandler, response: Response, *, cut: bool) -> None:
        h.send_response(response.status)
        for key, value in response.headers.items():
            h.send_header(key, value)
        h.send_header("Content-Length", str(len(response.body)))
        if cut:
            h.send_header("Connection", "close")
        h.end_headers()
        if cut:
            h.wfile.write(response.body[: len(response.body) // 2])
            h.wfile.flush()
            h.close_connection = True
            return
        h.wfile.write(response.body)
