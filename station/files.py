"""Files beside the database (settings, secrets, labels): written whole or not at all, and a
damaged one set aside where the operator can find it instead of stopping the bench."""

from __future__ import annotations

import datetime as dt
import os
import threading
from pathlib import Path

PRIVATE_FILE = 0o600
PRIVATE_DIR = 0o700


def write_atomically(path: Path, data: bytes, *, mode: int | None = None) -> None:
    """Write `data` to `path` so that a crash or a full disk leaves either the old file or the
    new one, never half of it: a temporary file, fsync, rename, fsync of the folder."""
    path.parent.mkdir(parents=True, exist_ok=True)
    # Named per process and thread: two writers of one file never share a temporary file.
    tmp = path.with_name(f".{path.name}.{os.getpid()}.{threading.get_ident()}.tmp")
    flags = os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_BINARY", 0)
    fd = os.open(tmp, flags, PRIVATE_FILE if mode is None else mode)
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        if mode is not None:
            os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    _fsync_dir(path.parent)


def _fsync_dir(folder: Path) -> None:
    if os.name != "posix":  # Windows cannot open a folder; its rename is durable on NTFS
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def set_aside(path: Path, now: dt.datetime | None = None) -> Path:
    """Rename a damaged file to `<name>.corrupt-<time>` and return the new path."""
    stamp = (now or dt.datetime.now(dt.UTC)).strftime("%Y%m%dT%H%M%S")
    target = path.with_name(f"{path.name}.corrupt-{stamp}")
    os.replace(path, target)
    return target


def make_private(path: Path) -> None:
    """Only the owner reads a home's folder and its database, settings and secrets (POSIX)."""
    if os.name != "posix" or not path.exists():
        return
    wanted = PRIVATE_DIR if path.is_dir() else PRIVATE_FILE
    if path.stat().st_mode & 0o777 != wanted:
        os.chmod(path, wanted)
