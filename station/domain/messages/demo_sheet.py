"""The words of the demo sheet (`station demo-sheet`): captions of the codes to scan."""

from __future__ import annotations

from station.domain.messages.catalogue import Message, register


def _caption(code: str, en: str, it: str) -> Message:
    # Picked from the sheet's tables of commands by word.
    return Message(code, en, it, dynamic=True)


register(
    Message("sheet_title", "Station demo sheet", "Foglio demo di Station"),
    Message("sheet_commands", "Commands", "Comandi"),
    Message(
        "sheet_short_reasons",
        "Why units are short (after SHORT)",
        "Perché mancano pezzi (dopo SHORT)",
    ),
    Message(
        "sheet_picking",
        "Picking: totes, and SHORT N at a bin (station pick batch)",
        "Prelievo: cassette, e SHORT N a un'ubicazione (station pick batch)",
    ),
    Message("sheet_window_commands", "Window commands", "Comandi della finestra"),
    Message("sheet_scanner_test", "Scanner test", "Prova dello scanner"),
    Message("sheet_layout_test", "Keyboard layout test", "Prova del layout di tastiera"),
    Message("sheet_boxes", "Boxes", "Scatole"),
    Message("sheet_orders", "Orders", "Ordini"),
    Message("sheet_order", "Order {number}", "Ordine {number}"),
    Message("sheet_products", "Products", "Articoli"),
    Message("sheet_pack", "{sku} pack of {units}", "{sku} confezione da {units}"),
    Message(
        "sheet_gs1",
        "Lot, expiry and serial (GS1-128)",
        "Lotto, scadenza e numero di serie (GS1-128)",
    ),
    Message(
        "sheet_lot_code",
        "{sku} lot {lot}, expiry {expiry}",
        "{sku} lotto {lot}, scadenza {expiry}",
    ),
    Message("sheet_serial_code", "{sku} serial {serial}", "{sku} seriale {serial}"),
    _caption(
        "sheet_next", "NEXT: claim the most urgent order", "NEXT: prendi l'ordine più urgente"
    ),
    _caption("sheet_undo", "UNDO: take back the last scan", "UNDO: annulla l'ultima lettura"),
    _caption("sheet_newbox", "NEWBOX: start another parcel", "NEWBOX: apri un altro collo"),
    _caption(
        "sheet_short",
        "SHORT: the missing items are not there",
        "SHORT: gli articoli mancanti non ci sono",
    ),
    _caption("sheet_hold", "HOLD: put the order on hold", "HOLD: sospendi l'ordine"),
    _caption("sheet_weigh", "WEIGH: read the scale", "WEIGH: leggi la bilancia"),
    _caption("sheet_print", "PRINT: print the packing slip", "PRINT: stampa la distinta"),
    _caption(
        "sheet_reprint", "REPRINT: reprint the last labels", "REPRINT: ristampa le ultime etichette"
    ),
    _caption(
        "sheet_abort",
        "ABORT: put the order back in the queue",
        "ABORT: rimetti l'ordine in coda",
    ),
    _caption("sheet_bench", "BENCH: show the bench", "BENCH: mostra il banco"),
    _caption("sheet_queue", "QUEUE: show the order queue", "QUEUE: mostra la coda degli ordini"),
    _caption("sheet_settings", "SETTINGS: bench settings", "SETTINGS: impostazioni del banco"),
    _caption("sheet_scantest", "SCANTEST: scanner test", "SCANTEST: prova dello scanner"),
    _caption("sheet_printers", "PRINTERS: print jobs", "PRINTERS: stampe"),
    _caption("sheet_lead", "LEAD: a lead signs in", "LEAD: accesso del capoturno"),
    _caption("sheet_lock", "LOCK: lock the bench", "LOCK: blocca il banco"),
    _caption("sheet_quit", "QUIT: close Station", "QUIT: chiudi Station"),
)
