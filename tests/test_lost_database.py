"""A home that has worked keeps its history: a database file that is gone, empty or garbled is
refused with the backup to restore, never turned into a new bench."""

from __future__ import annotations

from pathlib import Path

import pytest

from station.db.engine import Database, sqlite_url
from tests.console_process import ean_of, run_console, run_station

pytestmark = pytest.mark.slow

run = run_station


@pytest.fixture
def worked_home(tmp_path: Path) -> Path:
    """A home that packed order 1001 (labels written) and has a backup of its database."""
    home = tmp_path / "bench"
    out = run_console(home, ["1001", ean_of("TSH-01"), "WEIGH"])
    assert any(line.startswith("DONE 1001") for line in out), out
    db = Database(sqlite_url(home / "station.db"))
    db.backup("before-9999")
    db.dispose()
    return home


def wipe(path: Path, content: bytes) -> None:
    for side in (path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
        side.unlink(missing_ok=True)
    path.write_bytes(content)


@pytest.mark.parametrize(
    ("content", "says"),
    [(b"", "is empty (0 bytes)"), (None, "is missing"), (b"\x07garbage" * 512, "is damaged")],
    ids=["empty", "missing", "garbled"],
)
def test_a_used_home_with_a_lost_database_is_refused_naming_the_backup(
    worked_home: Path, content: bytes | None, says: str
) -> None:
    path = worked_home / "station.db"
    backup = worked_home / "station.db.before-9999.bak"
    # GIVEN the database of a home that worked is emptied, deleted or overwritten
    if content is None:
        wipe(path, b"")
        path.unlink()
    else:
        wipe(path, content)
    for args in (("bench", "--console", "--demo"), ("orders", "list"), ("sync", "--once")):
        # WHEN a bench (or any command) starts on it
        result = run(worked_home, *args)
        # THEN one line says what is wrong and which backup to restore, and nothing was created
        assert result.returncode == 1, result
        assert result.stdout == ""
        assert result.stderr.splitlines() == [
            f"station: the database {path} {says}"
            + (
                " but this home has been used; Station will not start an empty bench over it:"
                if content is None or not content
                else " (not a database Station can read):"
            )
            + f" restore the newest backup: copy {backup} to {path}"
        ]
        assert path.exists() == (content is not None)
        if content is not None:
            assert path.read_bytes() == content
    # AND restoring that backup brings the history back
    path.write_bytes(backup.read_bytes())
    listed = run(worked_home, "orders", "list")
    assert listed.returncode == 0, listed.stderr
    assert any(line.split()[:2] == ["1001", "shipped"] for line in listed.stdout.splitlines())
