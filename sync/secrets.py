"""Shop credentials: in the OS keyring, or in a 0600 file in the home folder where no keyring
works. Never in the database, a log line or an error message."""

from __future__ import annotations

import contextlib
import json
import logging
from pathlib import Path

import keyring
import keyring.errors

from station.files import PRIVATE_FILE, set_aside, write_atomically

log = logging.getLogger(__name__)

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
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        if not isinstance(data, dict) or not all(isinstance(v, dict) for v in data.values()):
            raise ValueError("not a mapping of shops")
    except (ValueError, UnicodeDecodeError):
        # Unreadable credentials are lost either way; set aside, each shop then says that it
        # must be added again (see `damaged_secrets`), and the other work goes on.
        kept = set_aside(path)
        log.warning("%s was damaged and set aside as %s", path, kept.name)
        return {}
    return dict(data)


def damaged_secrets(home: Path) -> str:
    """The name a damaged secrets file was set aside under ('' when none was)."""
    kept = sorted(home.glob(f"{FILE_NAME}.corrupt-*"))
    return kept[-1].name if kept else ""


def _write_file(home: Path, data: dict[str, dict[str, str]]) -> None:
    write_atomically(home / FILE_NAME, json.dumps(data).encode("utf-8"), mode=PRIVATE_FILE)


# The warehouse hub's address holds its password: it is kept as a shop's secrets are, under an
# entry named like no shop a person would add (a shop called "@hub" would share it).
HUB_ENTRY = "@hub"


def save_hub_url(home: Path, url: str) -> str:
    return save_secrets(home, HUB_ENTRY, {"url": url})


def load_hub_url(home: Path) -> str:
    """The hub this bench joined, or '' for a bench on its own."""
    return load_secrets(home, HUB_ENTRY).get("url", "")
