"""Starting fast: each `station` command imports what it needs when it runs. These tests hold
that gain without timing anything (the figures are in bench/bench_startup.py): they run the
command in its own process and read which libraries it loaded."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from station.app import open_home
from station.db import migrate

ROOT = Path(__file__).resolve().parents[1]
PROBE = """
import sys
from station.cli import main
try:
    main({argv!r})
except SystemExit:
    pass
sys.stdout.flush()
print("LOADED", " ".join(sorted({{m.split(".")[0] for m in sys.modules}})), file=sys.stderr)
"""


def loaded(*argv: str) -> tuple[set[str], str]:
    """The top-level packages a `station ARGV` process had imported when it ended, and what it
    printed."""
    run = subprocess.run(
        [sys.executable, "-c", PROBE.format(argv=list(argv))],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={"PATH": "/usr/bin:/bin", "STATION_LANG": "en", "HOME": str(ROOT)},
        timeout=120,
        check=True,
    )
    last = run.stderr.strip().splitlines()[-1]
    assert last.startswith("LOADED "), run.stderr
    return set(last.split()[1:]), run.stdout


def test_help_loads_no_database_qt_pdf_or_http_library() -> None:
    # WHEN a user asks `station --help`
    modules, said = loaded("--help")
    # THEN every command is listed, and none of the heavy libraries was imported to say so
    for command in ("bench", "orders", "label", "manifest", "shop", "sync", "devices", "scale"):
        assert command in said
    assert modules & {"sqlalchemy", "PySide6", "reportlab", "alembic", "httpx", "serial"} == set()
    assert modules & {"karrio", "loguru"} == set()  # DHL and UPS load it when they label


def test_shop_add_still_offers_every_shop_kind_and_its_options() -> None:
    # WHEN a user asks how to add a shop (the kinds are loaded only for this command)
    modules, said = loaded("shop", "add", "--help")
    # THEN every registered kind and each kind's options are offered
    assert "{woocommerce,shopify,prestashop,folder}" in said
    for option in ("--key", "--secret", "--token", "--timezone"):
        assert option in said
    assert "sqlalchemy" not in modules


def test_listing_orders_loads_no_documents_or_migrations(tmp_path: Path) -> None:
    # GIVEN a demo home whose database is at the newest schema
    with open_home(tmp_path / "home", demo_mode=True):
        pass
    # WHEN the queue is listed
    modules, said = loaded("--home", str(tmp_path / "home"), "orders", "list")
    # THEN it is, without the label layouts, reportlab, Qt or alembic
    assert said.splitlines()[1].startswith("1001 ")
    assert "sqlalchemy" in modules
    assert modules & {"PySide6", "reportlab", "alembic", "biip"} == set()


def test_the_newest_revision_read_from_the_files_is_alembics() -> None:
    # The start-up check reads the migration files instead of importing alembic: it must name
    # the head alembic itself would.
    assert migrate.written_head() == migrate.head_revision()
