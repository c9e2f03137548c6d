"""Running `station bench --console` as a real process, the way a scanner feeds it."""

from __future__ import annotations

import os
import queue
import subprocess
import sys
import threading
import time
from pathlib import Path

from station import demo


def ean_of(sku: str) -> str:
    for index, product in enumerate(demo.demo_products()):
        if product.sku == sku:
            return demo.product_ean(index)
    raise KeyError(sku)


def station_cmd(home: Path, *args: str) -> list[str]:
    return [sys.executable, "-m", "station", "--home", str(home), *args]


def env() -> dict[str, str]:
    return {**os.environ, "STATION_LANG": "en", "PYTHONUNBUFFERED": "1"}


def run_station(
    home: Path, *args: str, stdin: str = "", lang: str = "en"
) -> subprocess.CompletedProcess[str]:
    """One `station` command as a user runs it, in its own process; never raises on failure."""
    return subprocess.run(
        station_cmd(home, *args),
        input=stdin,
        capture_output=True,
        text=True,
        env={**env(), "STATION_LANG": lang},
        timeout=120,
        check=False,
    )


def run_console(home: Path, lines: list[str], *extra: str, lang: str = "en") -> list[str]:
    """Feed all lines at once and return the output lines (the process exits at end of input)."""
    result = subprocess.run(
        station_cmd(home, "bench", "--console", "--demo", *extra),
        input="\n".join(lines) + "\n",
        capture_output=True,
        text=True,
        env={**env(), "STATION_LANG": lang},
        timeout=120,
        check=True,
    )
    return result.stdout.splitlines()


class ConsoleProcess:
    """A console bench kept running, answering line by line."""

    def __init__(self, home: Path, *extra: str, command: tuple[str, ...] | None = None) -> None:
        words = command if command is not None else ("bench", "--console", "--demo")
        self.proc = subprocess.Popen(
            station_cmd(home, *words, *extra),
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=env(),
        )
        self.lines: queue.Queue[str] = queue.Queue()
        self.seen: list[str] = []
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        assert self.proc.stdout is not None
        for line in self.proc.stdout:
            self.lines.put(line.rstrip("\n"))

    def wait_for(self, prefix: str, timeout_s: float = 60) -> str:
        deadline = time.monotonic() + timeout_s
        while True:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise AssertionError(f"no line starting {prefix!r}; saw {self.seen[-10:]}")
            try:
                line = self.lines.get(timeout=remaining)
            except queue.Empty:
                continue
            self.seen.append(line)
            if line.startswith(prefix):
                return line

    def send(self, line: str, expect: str) -> str:
        assert self.proc.stdin is not None
        self.proc.stdin.write(line + "\n")
        self.proc.stdin.flush()
        return self.wait_for(expect)

    def kill(self) -> None:
        self.proc.kill()
        self.proc.wait(timeout=10)

    def close(self) -> int:
        assert self.proc.stdin is not None
        self.proc.stdin.close()
        return self.proc.wait(timeout=60)
