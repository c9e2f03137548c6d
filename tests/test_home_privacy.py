"""A home holds addresses and shop credentials: only its owner reads it, and secrets stay out
of the process list."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

import pytest

from station.config import Settings
from tests.console_process import run_station

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(os.name != "posix", reason="POSIX permissions"),
]

run = run_station


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_a_new_home_and_its_files_are_private(tmp_path: Path) -> None:
    home = tmp_path / "bench"
    assert run(home, "db", "upgrade").returncode == 0
    assert mode(home) == 0o700
    assert mode(home / "station.db") == 0o600


def test_an_existing_home_left_open_is_made_private_at_start(tmp_path: Path) -> None:
    # GIVEN a home made by a release that left it readable by everyone
    home = tmp_path / "bench"
    assert run(home, "db", "upgrade").returncode == 0
    Settings().save(home)
    (home / "secrets.json").write_text("{}", encoding="utf-8")
    for path, wide in (
        (home, 0o755),
        (home / "station.db", 0o644),
        (home / "station.toml", 0o644),
        (home / "secrets.json", 0o644),
    ):
        path.chmod(wide)
    # WHEN Station starts on it
    assert run(home, "db", "upgrade").returncode == 0
    # THEN only its owner can read it
    assert mode(home) == 0o700
    for name in ("station.db", "station.toml", "secrets.json"):
        assert mode(home / name) == 0o600, name


def test_shop_secrets_are_read_from_stdin_and_flags_warn(tmp_path: Path) -> None:
    home = tmp_path / "bench"
    url = "https://shop.example.com"
    # WHEN the secrets are piped in, not given on the command line
    piped = run(home, "shop", "add", "woocommerce", "woo", "--url", url, stdin="ck_1\ncs_1\n")
    # THEN they are stored, privately, with no warning
    assert piped.returncode == 0, piped.stderr
    assert piped.stderr == ""
    assert json.loads((home / "secrets.json").read_text()) == {
        "woo": {"key": "ck_1", "secret": "cs_1"}
    }
    assert mode(home / "secrets.json") == 0o600
    # AND the flags still work, each with one warning line
    flagged = run(
        home, "shop", "add", "woocommerce", "w2", "--url", url, "--key", "ck_2", "--secret", "cs_2"
    )
    assert flagged.returncode == 0, flagged.stderr
    assert flagged.stderr.splitlines() == [
        f"warning: --{name} shows in the process list while Station runs; leave it out to be "
        "asked for it (or pipe it on stdin)"
        for name in ("key", "secret")
    ]
    assert flagged.stdout.startswith("shop w2 added")
