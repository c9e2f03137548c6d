"""What a shop refused is kept as a message code with its parameters, never as English prose,
so every front end says it in its reader's language: `orders show --json`, the window's status
bar; and a shop update parked by an older release (its English sentence) still reads.

The shop is the PrestaShop fake (tests/fakes/shops/prestashop.py, after `OrderHistory.php`):
an order cancelled in the shop refuses the shipped state, and the update is parked."""

from __future__ import annotations

import uuid

from pytestqt.qtbot import QtBot

from station.context import AppContext
from station.domain import events as ev
from station.domain.reasons import reason_text
from station.services.lead import LeadService
from station.services.orders import list_orders, show_order
from station.ui.shop_sync import ShopSync
from sync.outbox import last_parked
from tests.fakes.shops.prestashop import FakePrestaShop
from tests.sync.test_prestashop import _packed, _sync


def test_a_parked_update_is_said_in_italian_in_the_order_and_the_window(
    ctx: AppContext, qtbot: QtBot
) -> None:
    with FakePrestaShop() as ps:
        # GIVEN a packed order that the merchant cancelled in the shop before sync ran
        placed, clock = _packed(ctx, ps, ["X1"])
        ps.modify(placed["id"], current_state="6")
        clock.jump()
        _sync(ctx, clock)
    # WHEN the order is shown in Italian, and the Italian window reads its shop status
    with ctx.db.read() as s:
        [row] = [r for r in list_orders(s) if r["status"] == "shipped"]
        shown = show_order(s, row["number"], language="it")
    assert shown is not None
    ctx.settings.language = "it"
    said: list[str] = []
    sync = ShopSync(ctx)
    sync.status.connect(lambda text, _healthy: said.append(text))
    sync.refresh()
    # THEN the refusal is a code with its parameters, and a sentence in Italian in both
    [parked] = [e for e in shown["outbox"] if e["status"] == "parked"]
    assert parked["error"]["code"] == "prestashop_cancelled_not_shipped"
    assert parked["error_text"].endswith("quindi non è stato segnato spedito")
    assert last_parked(ctx.db) == ev.Reason(parked["error"]["code"], parked["error"]["params"])
    assert said[-1].startswith("Negozio: 0 aggiornamenti in attesa, 1 bloccato")
    assert "Ultimo rifiuto:" in said[-1]
    assert said[-1].endswith("quindi non è stato segnato spedito")


def test_a_hold_reason_is_a_code_and_a_sentence_in_the_benchs_language(
    demo_home: AppContext,
) -> None:
    # GIVEN order 1001 held by a lead because nothing of it could be packed
    reason = ev.Reason("hold_nothing_packed", {"summary": "TSH-01 ×1", "number": "1001"})
    LeadService(demo_home.db, "giulia").hold("1001", reason)
    # WHEN it is listed and shown in Italian, and shown in English
    with demo_home.db.read() as s:
        [listed] = [r for r in list_orders(s, "held", language="it") if r["number"] == "1001"]
        shown = show_order(s, "1001", language="it")
        english = show_order(s, "1001")
    # THEN its reason is the code with its parameters, and the sentence in each language
    assert shown is not None
    assert english is not None
    assert listed["hold"] == shown["hold"] == {"code": reason.code, "params": reason.params}
    assert listed["hold_reason"] == shown["hold_reason"] == reason_text(reason, "it")
    assert english["hold_reason"] == reason_text(reason, "en") != shown["hold_reason"]


def test_an_update_parked_by_an_older_release_still_reads() -> None:
    # GIVEN a version 1 event, which kept the English sentence
    order = uuid.uuid4()
    payload = {"order": str(order), "key": "order_shipped:1001", "error": "shop: refused"}
    # WHEN it is read by this release
    event = ev.decode("shop_update_parked", 1, payload)
    # THEN it says the sentence as it was, in any language
    assert event == ev.ShopUpdateParked(
        order=order,
        key="order_shipped:1001",
        reason=ev.Reason("legacy_text", {"text": "shop: refused"}),
    )
