"""The window's settings join a warehouse hub, as `station bench join` does, and the window
then replicates with it on its own thread: a demo window against a hub on the machine's
PostgreSQL (a fresh schema), offscreen."""

from __future__ import annotations

from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from station.config import Settings
from station.context import AppContext
from station.db.engine import Database
from station.db.models import Order
from station.ui.settings_dialog import SettingsDialog
from station.ui.window import BenchWindow
from sync.hub.link import init_hub
from sync.secrets import load_hub_url


def orders_on(hub: Database) -> int:
    with hub.read() as s:
        return int(s.scalar(select(func.count()).select_from(Order)) or 0)


def test_the_settings_join_a_hub_and_the_window_replicates_with_it(
    qtbot: QtBot, bench: BenchWindow, ctx: AppContext, pg_schema_url: str
) -> None:
    # GIVEN a hub, and the demo window's settings dialog
    init_hub(pg_schema_url)
    dialog = SettingsDialog(ctx.settings, bench, home=ctx.home)
    qtbot.addWidget(dialog)
    # WHEN an address that is no hub is given, THEN the dialog says so and nothing is joined
    dialog.hub_url.setText("mysql://nowhere/warehouse")
    dialog.join_hub.click()
    # (the hub is asked on a thread of its own; the dialog waits for nothing)
    qtbot.waitUntil(lambda: "PostgreSQL" in dialog.hub_said.text(), timeout=10_000)
    assert not Settings.load(ctx.home).extra.get("hub_joined")
    # WHEN the bench is named B7, the hub's address given, Join clicked and the settings saved
    dialog.bench_name.setText("B7")
    dialog.hub_url.setText(pg_schema_url)
    dialog.join_hub.click()
    assert not dialog.buttons.isEnabled()  # no saving before the hub answered
    qtbot.waitUntil(lambda: "B7" in dialog.hub_said.text(), timeout=10_000)
    assert dialog.buttons.isEnabled()
    bench.apply_settings(dialog.settings())
    # THEN the bench is a joined bench whose address is kept with the shop secrets
    saved = Settings.load(ctx.home)
    assert saved.bench_name == "B7"
    assert saved.extra["hub_joined"] is True
    assert load_hub_url(ctx.home) == pg_schema_url
    # AND the window replicates on its own thread: the demo orders reach the hub
    hub = Database(pg_schema_url)
    try:
        qtbot.waitUntil(lambda: orders_on(hub) == 35, timeout=30_000)
    finally:
        hub.dispose()
