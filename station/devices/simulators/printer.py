"""A fake ZPL printer on a real TCP socket (127.0.0.1): records jobs, answers `~HS`, misbehaves.

Modes: `ok` (prints), `hangup` (accepts, then closes at once), and `refuse()` stops listening so
connections are refused, as a printer switched off. `status` sets what `~HS` reports (paper out,
head open...); `answer_status=False` plays a printer that ignores `~HS`.
"""

from __future__ import annotations

import contextlib
import select
import socket
import threading

from station.devices.printers import HOST_STATUS, HostStatus, encode_host_status


class FakePrinter:
    def __init__(
        self,
        host: str = "127.0.0.1",
        port: int = 0,
        mode: str = "ok",
        answer_status: bool = True,
    ) -> None:
        self.host, self.mode, self.answer_status = host, mode, answer_status
        self.status = HostStatus()
        self.jobs: list[bytes] = []
        self.status_queries = 0
        self._port = port
        self._cond = threading.Condition()
        self._lock = threading.Lock()
        self._server: socket.socket | None = None
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    @property
    def port(self) -> int:
        return self._port

    def start(self) -> FakePrinter:
        self._listen()
        self._thread = threading.Thread(target=self._run, name="fake printer", daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=2.0)
        self.refuse()

    def refuse(self) -> None:
        """Stop listening: new connections are refused until `accept_again()`."""
        # Under the lock, so the socket is not inside select(): there the kernel would keep it
        # listening a little longer and a refused printer would still accept a connection.
        with self._lock:
            server, self._server = self._server, None
            if server is not None:
                server.close()

    def accept_again(self) -> None:
        self._listen()

    def wait_for_jobs(self, count: int, timeout_s: float = 5.0) -> bool:
        with self._cond:
            return self._cond.wait_for(lambda: len(self.jobs) >= count, timeout_s)

    def _listen(self) -> None:
        server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        server.bind((self.host, self._port))
        server.listen(8)
        self._port = server.getsockname()[1]
        self._server = server

    def _run(self) -> None:
        while not self._stop.is_set():
            server = self._server
            if server is None:
                self._stop.wait(0.05)
                continue
            with self._lock:
                conn = self._accept(server)
            if conn is not None:
                self._serve(conn)

    def _accept(self, server: socket.socket) -> socket.socket | None:
        try:
            ready, _, _ = select.select([server], [], [], 0.05)
            return server.accept()[0] if ready else None
        except (OSError, ValueError):
            return None  # closed by refuse() just before we took the lock

    def _serve(self, conn: socket.socket) -> None:
        with conn:
            if self.mode == "hangup":
                return
            conn.settimeout(5.0)
            data = self._receive(conn)
        if data:
            with self._cond:
                self.jobs.append(data)
                self._cond.notify_all()

    def _receive(self, conn: socket.socket) -> bytes:
        data = b""
        with contextlib.suppress(OSError):
            while chunk := conn.recv(65536):
                data += chunk
                data = self._answer_status(conn, data)
        return data

    def _answer_status(self, conn: socket.socket, data: bytes) -> bytes:
        if not data.startswith(HOST_STATUS):
            return data
        self.status_queries += 1
        if self.answer_status:
            conn.sendall(encode_host_status(self.status))
        return data[len(HOST_STATUS) :]
