"""Picking: bins, their labels, routes, and what a picker is told at each bin."""

from __future__ import annotations

from station.domain.messages.catalogue import Message, register

register(
    # station locations ... (station/locations_cli.py)
    Message(
        "locations_imported",
        "{created} bin(s) created, {updated} moved, {assigned} product place(s) set",
        "{created} ubicazione/i create, {updated} spostate, {assigned} posizione/i prodotto"
        " impostate",
    ),
    Message(
        "locations_unknown_sku",
        "no product {sku}: import the products first, then the bins",
        "nessun prodotto {sku}: importa prima i prodotti, poi le ubicazioni",
    ),
    Message("locations_file_row", "{path}, row {row}", "{path}, riga {row}"),
    Message(
        "locations_file_no_code",
        "the file has no 'code' column: the first row must name the columns"
        " (code, zone, aisle, bay, level, sku, role)",
        "il file non ha la colonna 'code': la prima riga deve nominare le colonne"
        " (code, zone, aisle, bay, level, sku, role)",
    ),
    Message(
        "locations_file_bad_code",
        "'{code}' is not a bin code: write it as ZONE-AISLE-BAY or ZONE-AISLE-BAY-LEVEL"
        " (A-02-06), or fill in zone, aisle and bay",
        "'{code}' non è un codice ubicazione: scrivilo come ZONA-CORSIA-CAMPATA o"
        " ZONA-CORSIA-CAMPATA-LIVELLO (A-02-06), oppure compila zone, aisle e bay",
    ),
    Message(
        "locations_file_bad_row",
        "bin {code}: aisle, bay and level must be whole numbers and role 'face' or 'overflow'",
        "ubicazione {code}: corsia, campata e livello devono essere numeri interi e role"
        " 'face' o 'overflow'",
    ),
    Message(
        "locations_cannot_read",
        "cannot read {path}: {error}",
        "impossibile leggere {path}: {error}",
    ),
    Message(
        "locations_none",
        "no bins yet: run 'station locations import FILE.csv' or 'station locations learn'",
        "ancora nessuna ubicazione: esegui 'station locations import FILE.csv' o"
        " 'station locations learn'",
    ),
    # picking an order at the bench (station/workflow/picking_steps.py)
    Message(
        "pick_go_to_bin",
        "Go to bin {bin} and scan its label: {units} x {name} ({left} left on the order).",
        "Vai all'ubicazione {bin} e scansiona la sua etichetta: {units} x {name}"
        " ({left} ancora nell'ordine).",
    ),
    Message(
        "bin_ok",
        "Bin {bin}: now scan {name}, {units} to take.",
        "Ubicazione {bin}: ora scansiona {name}, da prendere {units}.",
    ),
    Message(
        "wrong_bin",
        "Wrong bin {scanned}: nothing of this order is there. Go to {bin} and scan its label.",
        "Ubicazione sbagliata {scanned}: lì non c'è niente di questo ordine. Vai a {bin}"
        " e scansiona la sua etichetta.",
    ),
    Message(
        "scan_bin_first",
        "Scan the label of bin {bin} first, then {name}.",
        "Scansiona prima l'etichetta dell'ubicazione {bin}, poi {name}.",
    ),
)
