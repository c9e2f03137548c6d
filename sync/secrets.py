"""Shop credentials: in the OS keyring, or in a 0600 file in the home folder where no keyring
works. Never in the database, a log line or an error message."""

from __future__ import annotations

import contextlib
import json
import os
from pathlib import Path

import keyring
import keyring.errors

SERVICE = "station"
FILE_NAME = "secrets.json"


def keyring_usable() -> bool:
    backend = keyring.get_keyring()
    module = type(backend).__module__
    if module.startswith(("keyring.backends.fail", "keyring.backends.null")):
        return False
    priority = getattr(backend, "priority", 1)
    return bool(priority and float(priority) > 0)


def save_secrets(home: Path, shop_name: str, values: dict[str, str]) -> str:
    """Store a shop's secrets; returns where they went ("keyring" or the file path)."""
    if keyring_usable():
        try:
            keyring.set_password(SERVICE, f"shop:{shop_name}", json.dumps(values))
            return "the system keyring"
        except keyring.errors.KeyringError:
            pass
    data = _read_file(home)
    data[shop_name] = values
    _write_file(home, data)
    return str(home / FILE_NAME)


def load_secrets(home: Path, shop_name: str) -> dict[str, str]:
    if keyring_usable():
        try:
            stored = keyring.get_password(SERVICE, f"shop:{shop_name}")
        except keyring.errors.KeyringError:
            stored = None
        if stored:
            return dict(json.loads(stored))
    return dict(_read_file(home).get(shop_name, {}))


def delete_secrets(home: Path, shop_name: str) -> None:
    if keyring_usable():
        with contextlib.suppress(keyring.errors.KeyringError):
            keyring.delete_password(SERVICE, f"shop:{shop_name}")
    data = _read_file(home)
    if data.pop(shop_name, None) is not None:
        _write_file(home, data)


def _read_file(home: Path) -> dict[str, dict[str, str]]:
    path = home / FILE_NAME
    if not path.exists():
        return {}
    return dict(json.loads(path.read_text(encoding="utf-8")))


def _write_file(home: Path, data: dict[str, dict[str, str]]) -> None:
    home.mkdir(parents=True, exist_ok=True)
    tmp = home / (FILE_NAME + ".tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        json.dump(data, handle)
    os.chmod(tmp, 0o600)
    tmp.replace(home / FILE_NAME)
