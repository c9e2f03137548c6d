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


def restore_advice(path: Path) -> str:
    found = backups(path)
    if found:
        return f"restore the newest backup: copy {found[0]} to {path}"
    return f"no backup of it is in {path.parent}: restore {path.name} from your own backups"


def check_sqlite_file(home: Path, path: Path, *, configured: bool) -> None:
    """Raise DatabaseError when the file cannot be this home's database. `configured`: the home
    has settings, so even a database never used should not be empty."""
    used = home_was_used(home, path)
    if not path.exists():
        if used:
            raise DatabaseError(
                f"the database {path} is missing but this home has been used; "
                f"Station will not start an empty bench over it: {restore_advice(path)}"
            )
        return
    with path.open("rb") as file:
        header = file.read(len(SQLITE_HEADER))
    if not header:
        if used or configured:
            raise DatabaseError(
                f"the database {path} is empty (0 bytes) but this home has been used; "
                f"Station will not start an empty bench over it: {restore_advice(path)}"
            )
        return
    if header != SQLITE_HEADER:
        raise DatabaseError(damaged(path))


def damaged(path: Path) -> str:
    return (
        f"the database {path} is damaged (not a database Station can read): {restore_advice(path)}"
    )


def explain(exc: DBAPIError, url: str, path: Path | None) -> str:
    """One sentence for a database that cannot be opened at start, saying what to do."""
    text = str(exc.orig).lower()
    where = str(path) if path is not None else url
    if "locked" in text or "busy" in text:
        return (
            f"the database {where} is locked by another program: close it (another Station, "
            "a backup or a database browser) and start again"
        )
    if "full" in text or "no space" in text:
        folder = path.parent if path is not None else where
        return f"the disk holding {folder} is full: free some space there and start again"
    if path is not None and ("not a database" in text or "malformed" in text):
        return damaged(path)
    if "readonly" in text or "read-only" in text or "permission" in text:
        return f"cannot write the database {where}: check that this user may write to it"
    return f"cannot open the database {where}: {exc.orig}"
