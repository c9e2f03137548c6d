"""`station orders hold|release|assign|priority` as a lead types them."""

from __future__ import annotations

import json
import os
import pty
import select
import subprocess
import time
from pathlib import Path

import pytest

from station.app import open_home
from tests.console_process import env, run_station, station_cmd

pytestmark = pytest.mark.slow


@pytest.fixture
def home(tmp_path: Path) -> Path:
    with open_home(tmp_path / "bench", demo_mode=True):
        return tmp_path / "bench"


def station(
    home: Path, *args: str, pin: str = "9999", lang: str = "en"
) -> subprocess.CompletedProcess[str]:
    """Run as a script does: the PIN is the first line on stdin."""
    return run_station(home, *args, stdin=f"{pin}\n", lang=lang)


def shown(home: Path, number: str) -> dict:  # type: ignore[type-arg]
    run = station(home, "orders", "show", number, "--json")
    assert run.returncode == 0, run.stderr
    return json.loads(run.stdout)  # type: ignore[no-any-return]


def one_line(run: subprocess.CompletedProcess[str], code: int) -> str:
    assert run.returncode == code, (run.stdout, run.stderr)
    assert run.stderr.strip().count("\n") == 0, run.stderr
    return run.stderr.strip()


def test_hold_and_release_with_the_leads_pin(home: Path) -> None:
    held = station(home, "orders", "hold", "1003", "--reason", "box damaged", "--lead", "giulia")
    assert held.returncode == 0, held.stderr
    assert held.stdout.strip() == "order 1003 held: box damaged"
    assert shown(home, "1003")["status"] == "held"

    released = station(home, "orders", "release", "1003", "--lead", "giulia")
    assert released.returncode == 0, released.stderr
    assert released.stdout.strip() == "order 1003 released: back in the queue"
    assert shown(home, "1003")["status"] == "queued"


def test_assign_and_priority(home: Path) -> None:
    assigned = station(home, "orders", "assign", "1010", "--operator", "marco", "--lead", "giulia")
    assert assigned.stdout.strip() == "order 1010 assigned to marco", assigned.stderr
    queued = station(home, "orders", "assign", "1010", "--queue", "--lead", "giulia")
    assert queued.stdout.strip() == "order 1010 back in the queue for every bench", queued.stderr
    raised = station(home, "orders", "priority", "1010", "7", "--lead", "giulia")
    assert raised.returncode == 0, raised.stderr
    assert shown(home, "1010")["priority"] == 7


def test_refusals_are_one_line_and_usage_errors_exit_2(home: Path) -> None:
    wrong_pin = station(
        home, "orders", "hold", "1003", "--reason", "x", "--lead", "giulia", pin="1"
    )
    assert "wrong name or PIN for giulia" in one_line(wrong_pin, 1)
    not_lead = station(home, "orders", "release", "1007", "--lead", "anna", pin="1111")
    assert "anna is not an active shift lead" in one_line(not_lead, 1)
    assert "no bench" in one_line(
        station(home, "orders", "assign", "1003", "--bench", "bench-9", "--lead", "giulia"), 1
    )
    assert "is not held" in one_line(
        station(home, "orders", "release", "1003", "--lead", "giulia"), 1
    )
    both = station(home, "orders", "assign", "1003", "--queue", "--bench", "b", "--lead", "giulia")
    assert "--queue alone" in one_line(both, 2)
    assert station(home, "orders", "hold", "1003", "--reason", "x").returncode == 2  # no --lead
    pin_in_argv = station(home, "orders", "release", "1007", "--lead", "giulia", "--pin", "9999")
    assert pin_in_argv.returncode == 2
    assert shown(home, "1003")["status"] == "queued"
    assert shown(home, "1007")["status"] == "held"


def test_italian_settings_answer_in_italian(home: Path) -> None:
    held = station(
        home, "orders", "hold", "1003", "--reason", "rotto", "--lead", "giulia", lang="it"
    )
    assert held.stdout.strip() == "ordine 1003 sospeso: rotto", held.stderr
    again = station(home, "orders", "hold", "1003", "--reason", "x", "--lead", "giulia", lang="it")
    assert "è già sospeso" in one_line(again, 1)


def test_hold_on_postgresql(tmp_path: Path, pg_schema_url: str) -> None:
    with open_home(tmp_path, pg_schema_url, demo_mode=True):
        pass
    args = ("--db", pg_schema_url, "orders")
    held = station(tmp_path, *args, "hold", "1003", "--reason", "dented", "--lead", "giulia")
    assert held.returncode == 0, held.stderr
    listed = json.loads(station(tmp_path, *args, "list", "--status", "held", "--json").stdout)
    assert sorted(row["number"] for row in listed) == ["1003", "1007"]


def read_until(fd: int, seen: bytes, text: bytes, timeout_s: float = 60) -> bytes:
    """What the terminal showed, read until `text` appears, the child exits or time runs out."""
    deadline = time.monotonic() + timeout_s
    while text not in seen and time.monotonic() < deadline:
        ready, _, _ = select.select([fd], [], [], 0.5)
        if not ready:
            continue
        try:
            chunk = os.read(fd, 1024)
        except OSError:  # the child closed the terminal
            break
        if not chunk:
            break
        seen += chunk
    return seen


def test_at_a_terminal_the_pin_is_asked_for_and_not_echoed(home: Path) -> None:
    # GIVEN a lead at a terminal (a pty)
    args = station_cmd(home, "orders", "release", "1007", "--lead", "giulia")
    pid, fd = pty.fork()
    if pid == 0:  # the child: the command, with the pty as its terminal
        os.execvpe(args[0], args, env())

    # WHEN the lead types the PIN at the prompt
    seen = read_until(fd, b"", b"PIN for giulia: ")
    assert seen.endswith(b"PIN for giulia: "), seen
    os.write(fd, b"9999\n")
    seen = read_until(fd, seen, b"queue")
    _, status = os.waitpid(pid, 0)
    os.close(fd)

    # THEN the order is released and the PIN never appeared on the screen
    assert os.waitstatus_to_exitcode(status) == 0, seen
    assert b"order 1007 released" in seen
    assert b"9999" not in seen
