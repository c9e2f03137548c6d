"""Damaged settings or secrets, a locked or full disk at start: one sentence saying what to do,
never a traceback; a damaged side file is set aside where that is safe."""

from __future__ import annotations

import sqlite3
import stat
from pathlib import Path

import pytest
from sqlalchemy.exc import OperationalError

from station.app import open_home
from station.config import Settings
from station.db.safety import explain
from station.files import write_atomically
from sync.shops.config import add_shop
from tests.console_process import run_station

pytestmark = pytest.mark.slow

run = run_station


def test_a_damaged_settings_file_is_set_aside_and_the_bench_opens_on_defaults(
    tmp_path: Path,
) -> None:
    # GIVEN a home whose station.toml was cut in the middle of a write
    home = tmp_path / "bench"
    home.mkdir()
    (home / "station.toml").write_bytes(b'language = "it"\nscale = "mt-sics:/dev/tty')
    # WHEN a command starts
    result = run(home, "db", "upgrade")
    # THEN it runs, with one warning line naming where the damaged file went
    assert result.returncode == 0, result.stderr
    kept = sorted(home.glob("station.toml.corrupt-*"))
    assert len(kept) == 1
    assert kept[0].read_bytes().endswith(b"/dev/tty")
    assert result.stderr.splitlines() == [
        f"station: warning: the settings file {home / 'station.toml'} was damaged and set aside "
        f"as {kept[0].name}; the bench runs on default settings: set them again (or repair "
        "that file and put it back)"
    ]
    assert Settings.load(home).scale == "none"


def test_damaged_secrets_say_which_shop_to_add_again(tmp_path: Path) -> None:
    # GIVEN a home with a shop whose secrets file was garbled
    home = tmp_path / "bench"
    with open_home(home) as ctx:
        add_shop(
            ctx,
            "woocommerce",
            "woo",
            url="http://127.0.0.1:9",
            secrets={"key": "ck_test", "secret": "cs_test"},
        )
    (home / "secrets.json").write_bytes(b'{"woo": {"key": "ck_te')
    # WHEN sync runs
    result = run(home, "sync", "--once")
    # THEN that shop's line says to add it again, and the file is set aside
    kept = sorted(home.glob("secrets.json.corrupt-*"))
    assert len(kept) == 1
    assert not (home / "secrets.json").exists()
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert result.stdout.splitlines()[0] == (
        "woo: 0 imported, 0 updated, 0 flagged; 0 sent, 0 to retry, 0 parked; woo: no stored "
        f"credentials (secrets.json was damaged and set aside as {kept[0].name}); add the shop "
        "again with `station shop add woocommerce woo ...`"
    )


def test_a_database_locked_by_another_program_at_start_is_one_line(tmp_path: Path) -> None:
    # GIVEN a home whose database another program holds exclusively
    home = tmp_path / "bench"
    assert run(home, "db", "upgrade").returncode == 0
    holder = sqlite3.connect(home / "station.db")
    try:
        holder.execute("PRAGMA locking_mode=EXCLUSIVE")
        holder.execute("BEGIN EXCLUSIVE")
        holder.execute("CREATE TABLE other_program (x)")
        # WHEN Station starts
        result = run(home, "orders", "list")
    finally:
        holder.close()
    # THEN it says which program to close
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        f"station: the database {home / 'station.db'} is locked by another program: close it "
        "(another Station, a backup or a database browser) and start again"
    ]


def test_a_full_disk_at_start_names_the_folder_to_free() -> None:
    full = OperationalError("PRAGMA", {}, sqlite3.OperationalError("database or disk is full"))
    path = Path("/srv/station/station.db")
    assert str(explain(full, "sqlite:///srv/station/station.db", path)) == (
        "the disk holding /srv/station is full: free some space there and start again"
    )


def test_a_side_file_is_replaced_whole_and_private(tmp_path: Path) -> None:
    target = tmp_path / "station.toml"
    target.write_bytes(b"old")
    write_atomically(target, b"new", mode=0o600)
    assert target.read_bytes() == b"new"
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert [p.name for p in tmp_path.iterdir()] == ["station.toml"]


def test_a_full_disk_when_the_home_is_opened_is_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import errno

    from station import homelock
    from station.cli import main

    lock_file = tmp_path / "station.lock"

    def full(self: object, command: str) -> None:
        raise OSError(errno.ENOSPC, "No space left on device", str(lock_file))

    monkeypatch.setattr(homelock.HomeLock, "acquire", full)
    assert main(["--home", str(tmp_path), "db", "upgrade"]) == 1
    assert capsys.readouterr().err.splitlines() == [
        f"station: the disk holding {lock_file} is full: free some space there and start again"
    ]
