"""Label printers: raw ZPL over TCP 9100, a CUPS queue through `lp`, a folder (demo mode).

A printer's `send()` either delivers the bytes or raises `PrintError` with a message code; it never
shows anything itself, and declares the formats it `accepts` ("pdf", "zpl"). Queueing, retries
and the failed list live in `station.printing.queue`.
"""

from __future__ import annotations

import base64
import datetime as dt
import re
import socket
import subprocess
import uuid
from collections.abc import Callable, Mapping
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Protocol

from station.devices.health import DeviceHealth, HealthLevel
from station.domain.events import DocumentRef
from station.domain.messages import text
from station.files import write_atomically

STX, ETX = b"\x02", b"\x03"
HOST_STATUS = b"~HS"
_EXTENSIONS = {"zpl": "zpl", "pdf": "pdf", "raw": "bin"}


class PrintError(Exception):
    """A print that did not happen; `code` names the message the operator sees."""

    def __init__(self, code: str, **fields: str) -> None:
        super().__init__(text(code, "en", **fields))
        self.code = code
        self.fields = fields


@dataclass
class PrintJob:
    """Bytes to print and what happened to them. `name` is what the operator recognises;
    `document` is the archived document the bytes are a rendition of, when there is one."""

    name: str
    data: bytes
    kind: str = "zpl"  # zpl, pdf or raw
    job_id: str = field(default_factory=lambda: uuid.uuid4().hex)
    created: dt.datetime = field(default_factory=lambda: dt.datetime.now(dt.UTC))
    status: str = "queued"  # queued, printed, failed
    printer: str = ""
    attempts: int = 0
    error: str = ""  # message code of the last failure
    error_fields: dict[str, str] = field(default_factory=dict)
    printed_at: dt.datetime | None = None
    document: DocumentRef | None = None
    resumed: bool = False  # sent again after a crash cut it off; not sent a third time

    def reason(self, lang: str = "en") -> str:
        return text(self.error, lang, **self.error_fields) if self.error else ""

    def to_json(self) -> dict[str, Any]:
        data = self.__dict__ | {"data": base64.b64encode(self.data).decode("ascii")}
        data["created"] = self.created.isoformat()
        data["printed_at"] = self.printed_at.isoformat() if self.printed_at else None
        data["document"] = asdict(self.document) if self.document else None
        return data

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> PrintJob:
        values = dict(data)
        values["data"] = base64.b64decode(values["data"])
        values["created"] = dt.datetime.fromisoformat(values["created"])
        printed = values.get("printed_at")
        values["printed_at"] = dt.datetime.fromisoformat(printed) if printed else None
        document = values.get("document")
        values["document"] = DocumentRef(**document) if document else None
        return cls(**values)


PDF, ZPL = frozenset({"pdf"}), frozenset({"zpl"})


class Printer(Protocol):
    name: str
    accepts: frozenset[str]  # the document formats it prints: "pdf", "zpl"

    def send(self, job: PrintJob) -> None:
        """Deliver the job's bytes, or raise PrintError."""
        ...

    def health(self) -> DeviceHealth: ...


class FolderPrinter:
    """Writes each job as a file: demo mode, and a safe place for labels when no printer works."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory
        self.name = f"folder:{directory}"
        self.accepts = PDF  # what a person opens from the tray folder

    def send(self, job: PrintJob) -> None:
        try:
            # a hidden temporary file, renamed: whatever watches the tray folder never sees
            # a half-written label
            write_atomically(self.directory / self.file_name(job), job.data)
        except OSError as exc:
            raise PrintError("folder_failed", path=str(self.directory), detail=str(exc)) from exc

    def file_name(self, job: PrintJob) -> str:
        safe = re.sub(r"[^A-Za-z0-9_.-]+", "_", job.name).strip("_") or "job"
        stamp = job.created.strftime("%Y%m%d-%H%M%S")
        return f"{stamp}-{safe}-{job.job_id[:8]}.{_EXTENSIONS.get(job.kind, 'bin')}"

    def health(self) -> DeviceHealth:
        ok = self.directory.is_dir() or not self.directory.exists()
        if ok:
            return DeviceHealth("printer", HealthLevel.OK, name=self.name)
        fields = {"path": str(self.directory), "detail": "not a folder"}
        return DeviceHealth("printer", HealthLevel.FAILED, "folder_failed", self.name, fields)


@dataclass(frozen=True)
class HostStatus:
    """The flags of a Zebra `~HS` answer that stop a label from printing."""

    paper_out: bool = False
    paused: bool = False
    head_open: bool = False
    ribbon_out: bool = False

    def problem(self) -> str | None:
        for flag, code in (
            (self.paper_out, "printer_paper_out"),
            (self.head_open, "printer_head_open"),
            (self.ribbon_out, "printer_ribbon_out"),
            (self.paused, "printer_paused"),
        ):
            if flag:
                return code
        return None


def encode_host_status(status: HostStatus) -> bytes:
    """The three `~HS` strings, as a ZPL printer answers them (used by the fake printer)."""
    line1 = f"030,{int(status.paper_out)},{int(status.paused)},1218,000,0,0,0,000,0,0,0"
    line2 = f"000,0,{int(status.head_open)},{int(status.ribbon_out)},0,2,4,0,00000000,1,000"
    return b"".join(STX + line.encode() + ETX + b"\r\n" for line in (line1, line2, "1234,0"))


def parse_host_status(data: bytes) -> HostStatus | None:
    """The `~HS` answer, or None when it is incomplete or not one."""
    lines = re.findall(rb"\x02([^\x02\x03]*)\x03", data)
    if len(lines) < 2:
        return None
    first, second = lines[0].split(b","), lines[1].split(b",")
    if len(first) < 3 or len(second) < 4:
        return None
    return HostStatus(
        paper_out=first[1] == b"1",
        paused=first[2] == b"1",
        head_open=second[2] == b"1",
        ribbon_out=second[3] == b"1",
    )


class Raw9100Printer:
    """ZPL (or any raw bytes) to a network printer's port 9100.

    With `query_status`, it first asks `~HS`: a printer out of labels or with its head open then
    fails the job at once with the reason, instead of swallowing it. A printer that takes the
    connection but does not answer `~HS` within `status_wait_s`, or does not close its side
    within `timeout_s` once it has the label, fails the job (`printer_silent`): its silence is
    no proof that it printed.
    """

    def __init__(
        self,
        host: str,
        port: int = 9100,
        timeout_s: float = 5.0,
        query_status: bool = True,
        status_wait_s: float = 0.5,
    ) -> None:
        self.host, self.port = host, port
        self.timeout_s, self.query_status, self.status_wait_s = (
            timeout_s,
            query_status,
            status_wait_s,
        )
        self.name = f"zpl:{host}:{port}"
        self.accepts = ZPL

    @property
    def address(self) -> str:
        return f"{self.host}:{self.port}"

    def send(self, job: PrintJob) -> None:
        with self._connect() as sock:
            try:
                if self.query_status:
                    self._check_status(sock)
                sock.settimeout(self.timeout_s)
                sock.sendall(job.data)
                sock.shutdown(socket.SHUT_WR)
                self._drain(sock)
            except TimeoutError as exc:
                raise PrintError("printer_timeout", address=self.address) from exc
            except OSError as exc:  # reset, broken pipe: the printer hung up on us
                raise PrintError("printer_hung_up", address=self.address) from exc

    def status(self) -> HostStatus | None:
        with self._connect() as sock:
            return self._ask_status(sock)

    def health(self) -> DeviceHealth:
        try:
            problem = self.status()
        except PrintError as exc:
            fields = {"address": self.address, **exc.fields}
            return DeviceHealth("printer", HealthLevel.FAILED, exc.code, self.name, fields)
        code = problem.problem() if problem else None
        if code is None:
            return DeviceHealth("printer", HealthLevel.OK, name=self.name)
        return DeviceHealth("printer", HealthLevel.WARNING, code, self.name)

    def _connect(self) -> socket.socket:
        try:
            return socket.create_connection((self.host, self.port), timeout=self.timeout_s)
        except ConnectionRefusedError as exc:
            raise PrintError("printer_refused", address=self.address) from exc
        except TimeoutError as exc:
            raise PrintError("printer_timeout", address=self.address) from exc
        except OSError as exc:
            raise PrintError("printer_unreachable", address=self.address, detail=str(exc)) from exc

    def _check_status(self, sock: socket.socket) -> None:
        status = self._ask_status(sock)
        code = status.problem() if status else None
        if code:
            raise PrintError(code, address=self.address)

    def _ask_status(self, sock: socket.socket) -> HostStatus | None:
        sock.sendall(HOST_STATUS)
        sock.settimeout(self.status_wait_s)
        answer = b""
        try:
            while answer.count(ETX) < 3:
                chunk = sock.recv(1024)
                if not chunk:
                    raise PrintError("printer_hung_up", address=self.address)
                answer += chunk
        except TimeoutError as exc:  # took the connection and says nothing: not a working printer
            raise self._silent(self.status_wait_s) from exc
        except (ConnectionResetError, BrokenPipeError) as exc:
            raise PrintError("printer_hung_up", address=self.address) from exc
        return parse_host_status(answer)

    def _drain(self, sock: socket.socket) -> None:
        # The printer closes its side once it has read the label; closing ours earlier could
        # reset unread label bytes, and a printer that never closes may never have read them.
        try:
            while sock.recv(1024):
                pass
        except TimeoutError as exc:
            raise self._silent(self.timeout_s) from exc

    def _silent(self, seconds: float) -> PrintError:
        return PrintError("printer_silent", address=self.address, seconds=f"{seconds:g}")


class CupsPrinter:
    """A CUPS queue through `lp`: PDF as a document, ZPL/raw with `-o raw` (deprecated in CUPS)."""

    def __init__(self, queue: str, lp: str = "lp", timeout_s: float = 30.0) -> None:
        self.queue, self.lp, self.timeout_s = queue, lp, timeout_s
        self.name = f"cups:{queue}"
        self.accepts = PDF  # CUPS deprecated raw queues; a ZPL job still goes with `-o raw`

    def command(self, job: PrintJob) -> list[str]:
        raw = ["-o", "raw"] if job.kind != "pdf" else []
        return [self.lp, "-d", self.queue, *raw, "-t", job.name, "-"]

    def send(self, job: PrintJob) -> None:
        try:
            done = subprocess.run(
                self.command(job), input=job.data, capture_output=True, timeout=self.timeout_s
            )
        except FileNotFoundError as exc:
            raise PrintError("cups_missing") from exc
        except subprocess.TimeoutExpired as exc:
            raise PrintError("cups_failed", queue=self.queue, detail="timeout") from exc
        if done.returncode != 0:
            detail = (done.stderr.decode(errors="replace").strip().splitlines() or ["?"])[0]
            raise PrintError("cups_failed", queue=self.queue, detail=detail)

    def health(self) -> DeviceHealth:
        return DeviceHealth("printer", HealthLevel.OK, name=self.name)


PrinterFactory = Callable[[str], Printer]  # what follows `KIND:` in the spec -> the printer
WINDOW_KINDS = ("qt",)  # printers only the window can drive: it passes their factories
BENCH_FOLDER = ("print", "out")  # under the home: where the plain `folder` printer puts files


def home_printer(
    spec: str, home: Path, kinds: Mapping[str, PrinterFactory] | None = None
) -> Printer:
    """The printer a bench on `home` prints to for `spec`: a bare `folder` writes into
    `home/print/out`, and a bare name (as the settings dialog allows) is a CUPS queue. The
    bench and `devices list` both open their printer here, so the health shown is the health
    of the printer that prints."""
    kinds = kinds or {}
    if spec and ":" not in spec and spec not in ("folder", "zpl", "cups", *WINDOW_KINDS, *kinds):
        spec = f"cups:{spec}"
    return open_printer(spec, home.joinpath(*BENCH_FOLDER), kinds)


def open_printer(
    spec: str, labels_dir: Path, kinds: Mapping[str, PrinterFactory] | None = None
) -> Printer:
    """`folder`, `folder:DIR`, `zpl:HOST[:PORT]`, `cups:QUEUE`, or a kind of `kinds`
    (the window adds `qt[:NAME]`, a system printer, without this layer knowing Qt)."""
    kind, _, rest = spec.partition(":")
    if kinds and kind in kinds:
        return kinds[kind](rest)
    if kind == "folder":
        return FolderPrinter(Path(rest) if rest else labels_dir)
    if kind == "zpl" and rest:
        host, _, port = rest.rpartition(":") if rest.count(":") == 1 else (rest, "", "")
        return Raw9100Printer(host, int(port)) if port.isdigit() else Raw9100Printer(rest)
    if kind == "cups" and rest:
        return CupsPrinter(rest)
    raise ValueError(
        f"unknown printer {spec!r}: use folder, folder:DIR, zpl:HOST[:PORT], cups:QUEUE, "
        "or qt[:NAME] in the window"
    )
