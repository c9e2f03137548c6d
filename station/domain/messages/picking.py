"""Picking: bins, their labels, routes, and what a picker is told at each bin."""

from __future__ import annotations

from station.domain.messages.catalogue import Counted, Message, register

register(
    # station locations ... (station/locations_cli.py)
    Message(
        "locations_imported",
        "{bins_created}, {bins_moved}, {places_set}",
        "{bins_created}, {bins_moved}, {places_set}",
        same=True,  # the sentence is its three counted parts, each translated
        parts=(
            (
                "bins_created",
                Counted(
                    "created",
                    en=("{created} bin created", "{created} bins created"),
                    it=("{created} ubicazione creata", "{created} ubicazioni create"),
                ),
            ),
            (
                "bins_moved",
                Counted(
                    "updated",
                    en=("{updated} moved", "{updated} moved"),
                    it=("{updated} spostata", "{updated} spostate"),
                ),
            ),
            (
                "places_set",
                Counted(
                    "assigned",
                    en=("{assigned} product place set", "{assigned} product places set"),
                    it=(
                        "{assigned} posizione prodotto impostata",
                        "{assigned} posizioni prodotto impostate",
                    ),
                ),
            ),
        ),
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
    # batch picking into totes (station/workflow/batch_pick.py)
    Message(
        "batch_none",
        "No orders to pick: every queued order is claimed or already in a tote; NEXT tries again.",
        "Nessun ordine da prelevare: ogni ordine in coda è già preso o in una cassetta; NEXT"
        " riprova.",
    ),
    Message(
        "batch_scan_tote",
        "Scan an empty tote for order {number} ({n} of {of}).",
        "Scansiona una cassetta vuota per l'ordine {number} ({n} di {of}).",
    ),
    Message(
        "tote_expected",
        "{scanned} is not a tote: scan a tote label (TOTE...) for order {number}.",
        "{scanned} non è una cassetta: scansiona l'etichetta di una cassetta (TOTE...) per"
        " l'ordine {number}.",
    ),
    Message(
        "tote_busy",
        "Tote {tote} already holds an order: take an empty tote and scan it.",
        "La cassetta {tote} contiene già un ordine: prendi una cassetta vuota e scansionala.",
    ),
    Message("tote_taken", "Tote {tote}: order {number}.", "Cassetta {tote}: ordine {number}."),
    Message(
        "batch_go_to_bin",
        "Stop {step} of {of}: go to bin {bin} and scan its label.",
        "Tappa {step} di {of}: vai all'ubicazione {bin} e scansiona la sua etichetta.",
    ),
    Message(
        "batch_at_bin",
        "Bin {bin}: {units} units to take.",
        "Ubicazione {bin}: {units} pezzi da prendere.",
        count="units",
        one_en="Bin {bin}: {units} unit to take.",
        one_it="Ubicazione {bin}: {units} pezzo da prendere.",
    ),
    Message(
        "batch_put",
        "Put {units} x {name} into tote {tote} (order {number}) and scan the tote;"
        " SHORT N if only N are there.",
        "Metti {units} x {name} nella cassetta {tote} (ordine {number}) e scansiona la"
        " cassetta; SHORT N se ce ne sono solo N.",
    ),
    Message(
        "wrong_tote",
        "Wrong tote {scanned}: these go into tote {tote} (order {number}).",
        "Cassetta sbagliata {scanned}: questi vanno nella cassetta {tote} (ordine {number}).",
    ),
    Message(
        "put_ok", "{units} x {name} in tote {tote}.", "{units} x {name} nella cassetta {tote}."
    ),
    Message(
        "pick_short_how_many",
        "Say how many of the {units} x {name} are there: SHORT 0 up to SHORT {units} minus one.",
        "Indica quanti dei {units} x {name} ci sono: da SHORT 0 a SHORT {units} meno uno.",
    ),
    Message(
        "pick_shorted",
        "Short at bin {bin}: {found} of {wanted} found, put into tote {tote}; the lead is told.",
        "Mancanza all'ubicazione {bin}: trovati {found} di {wanted}, messi nella cassetta"
        " {tote}; il capoturno è avvisato.",
    ),
    Message(
        "pick_overflow_offer",
        "Pick face {bin} has {found} of {wanted}: keep them and try an overflow bin;"
        " SHORT again records the short here.",
        "L'ubicazione di prelievo {bin} ne ha {found} su {wanted}: tienili e prova"
        " un'ubicazione di riserva; SHORT di nuovo registra la mancanza qui.",
    ),
    Message(
        "batch_overflow_go",
        "Go to overflow bin {bins} for the other {units} x {name} and scan its label;"
        " SHORT records the short at the pick face.",
        "Vai all'ubicazione di riserva {bins} per gli altri {units} x {name} e scansiona la"
        " sua etichetta; SHORT registra la mancanza all'ubicazione di prelievo.",
        count="units",
        one_en="Go to overflow bin {bins} for the other {units} x {name} and scan its label;"
        " SHORT records the short at the pick face.",
        one_it="Vai all'ubicazione di riserva {bins} per l'altro {units} x {name} e scansiona"
        " la sua etichetta; SHORT registra la mancanza all'ubicazione di prelievo.",
    ),
    Message(
        "batch_at_overflow",
        "Overflow bin {bin}: take {units} x {name}.",
        "Ubicazione di riserva {bin}: prendi {units} x {name}.",
    ),
    Message(
        "batch_taken",
        "New batch: {count} orders.",
        "Nuovo giro: {count} ordini.",
        count="count",
        one_en="New batch: {count} order.",
        one_it="Nuovo giro: {count} ordine.",
    ),
    Message(
        "batch_orders_left",
        "Orders {numbers} left the batch (held or cancelled): put what you picked for them back"
        " on the shelf, then scan again.",
        "Gli ordini {numbers} sono usciti dal giro (sospesi o annullati): rimetti a scaffale"
        " quanto prelevato per loro, poi scansiona di nuovo.",
        count="count",
        one_en="Order {numbers} left the batch (held or cancelled): put what you picked for it"
        " back on the shelf, then scan again.",
        one_it="L'ordine {numbers} è uscito dal giro (sospeso o annullato): rimetti a scaffale"
        " quanto prelevato per lui, poi scansiona di nuovo.",
    ),
    Message(
        "batch_resumed",
        "Batch carried on where it was: {count} orders.",
        "Giro ripreso da dove era rimasto: {count} ordini.",
        count="count",
        one_en="Batch carried on where it was: {count} order.",
        one_it="Giro ripreso da dove era rimasto: {count} ordine.",
    ),
    Message(
        "pick_no_window",
        "The picker window needs the window toolkit (PySide6): install Station with it, or pick"
        " in a terminal with 'station pick batch'.",
        "La finestra del prelievo richiede la libreria delle finestre (PySide6): installa"
        " Station con essa, oppure preleva da terminale con 'station pick batch'.",
    ),
    Message(
        "batch_finished",
        "Batch done: {count} totes to take to the packing bench; NEXT takes another batch.",
        "Giro finito: {count} cassette da portare al banco di imballaggio; NEXT prende un"
        " altro giro.",
        count="count",
        one_en="Batch done: {count} tote to take to the packing bench; NEXT takes another batch.",
        one_it="Giro finito: {count} cassetta da portare al banco di imballaggio; NEXT prende"
        " un altro giro.",
    ),
    Message(
        "batch_scan_only",
        "Scan a label here: a tote, a bin or, at a line, SHORT N.",
        "Qui scansiona un'etichetta: una cassetta, un'ubicazione o, su una riga, SHORT N.",
    ),
    Message(
        "pick_short_row",
        "{at} order {order}: bin {bin} had {found} of {wanted} (tote {tote}, {picker})",
        "{at} ordine {order}: l'ubicazione {bin} aveva {found} di {wanted}"
        " (cassetta {tote}, {picker})",
    ),
    # pack-out from a tote (station/workflow/picking_steps.py)
    Message(
        "tote_trusted",
        "Tote {tote}: {units} picked units counted as packed; scan the rest.",
        "Cassetta {tote}: {units} pezzi prelevati contati come imballati; scansiona il resto.",
        count="units",
        one_en="Tote {tote}: {units} picked unit counted as packed; scan the rest.",
        one_it="Cassetta {tote}: {units} pezzo prelevato contato come imballato;"
        " scansiona il resto.",
    ),
    Message(
        "tote_opened",
        "Tote {tote}: {picked_of_units}; scan each one to pack it.",
        "Cassetta {tote}: {picked_of_units}; scansiona ognuno per imballarlo.",
        parts=(
            (
                "picked_of_units",
                Counted(
                    "units",
                    en=("{picked} of {units} unit picked", "{picked} of {units} units picked"),
                    it=(
                        "{picked} su {units} pezzo prelevato",
                        "{picked} su {units} pezzi prelevati",
                    ),
                ),
            ),
        ),
    ),
)
