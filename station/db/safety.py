"""A bench's history is its database: a file that is gone, empty or damaged in a home that has
been used is refused with what to restore, never silently replaced by a new, empty bench (that
would issue the same tracking and invoice numbers again)."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy.exc import DBAPIError

from station.db.engine import DatabaseError

SQLITE_HEADER = b"SQLite format 3\x00"
# What a bench leaves in its home once it has worked: documents, labels, secrets, backups.
USED_FOLDERS = ("labels", "documents")
USED_FILES = ("secrets.json",)


def backups(path: Path) -> list[Path]:
    """The backups `Database.backup` made of this file, newest first."""
    found = [p for p in path.parent.glob(f"{path.name}.*.bak") if p.is_file()]
    return sorted(found, key=lambda p: p.stat().st_mtime, reverse=True)


def home_was_used(home: Path, path: Path) -> bool:
    if backups(path) or any((home / name).exists() for name in USED_FILES):
        return True
    return any((home / name).is_dir() and any((home / name).iterdir()) for name in USED_FOLDERS)


# The refusal for a database that cannot be this home's, with a backup to restore or without.
_REFUSALS = {
    ("missing", True): "db_missing_backup",
    ("missing", False): "db_missing_no_backup",
    ("empty", True): "db_empty_backup",
    ("empty", False): "db_empty_no_backup",
    ("damaged", True): "db_damaged_backup",
    ("damaged", False): "db_damaged_no_backup",
}


def refusal(state: str, path: Path) -> DatabaseError:
    found = backups(path)
    code = _REFUSALS[state, bool(found)]
    if found:
        return DatabaseError(code, path=path, backup=found[0])
    return DatabaseError(code, path=path, folder=path.parent, name=path.name)


def check_sqlite_file(home: Path, path: Path, *, configured: bool) -> None:
    """Raise DatabaseError when the file cannot be this home's database. `configured`: the home
    has settings, so even a database never used should not be empty."""
    used = home_was_used(home, path)
    if not path.exists():
        if used:
            raise refusal("missing", path)
        return
    with path.open("rb") as file:
        header = file.read(len(SQLITE_HEADER))
    if not header:
        if used or configured:
            raise refusal("empty", path)
        return
    if header != SQLITE_HEADER:
        raise refusal("damaged", path)


def explain(exc: DBAPIError, url: str, path: Path | None) -> DatabaseError:
    """The error for a database that cannot be opened at start, saying what to do."""
    said = str(exc.orig).lower()
    where = str(path) if path is not None else url
    if "locked" in said or "busy" in said:
        return DatabaseError("db_locked", where=where)
    if "full" in said or "no space" in said:
        return DatabaseError("disk_full", where=path.parent if path is not None else where)
    if path is not None and ("not a database" in said or "malformed" in said):
        return refusal("damaged", path)
    if "readonly" in said or "read-only" in said or "permission" in said:
        return DatabaseError("db_read_only", where=where)
    return DatabaseError("db_cannot_open", where=where, error=exc.orig)
