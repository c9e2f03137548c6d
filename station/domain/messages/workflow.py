"""What the bench engine says: prompts, accepted scans and rejected ones."""

from __future__ import annotations

from station.domain.messages.catalogue import Message, register

register(
    # a scanned line that cannot be a scan (station/workflow/scan_input.py)
    Message(
        "scan_unreadable",
        "The scan has characters that are not text: check the scanner's keyboard layout and "
        "scan again.",
        "La lettura contiene caratteri non testuali: controlla la tastiera impostata sul "
        "lettore e scansiona di nuovo.",
        dynamic=True,
    ),
    Message(
        "scan_control",
        "The scan has control characters, so it was ignored: scan again.",
        "La lettura contiene caratteri di controllo ed è stata ignorata: scansiona di nuovo.",
        dynamic=True,
    ),
    Message(
        "scan_too_long",
        "The scan is too long ({length} characters, at most {limit}): it was ignored.",
        "La lettura è troppo lunga ({length} caratteri, al massimo {limit}): è stata ignorata.",
        dynamic=True,
    ),
    # prompts
    Message(
        "scan_order",
        "Scan an order (number or packing slip) or NEXT.",
        "Scansiona un ordine (numero o distinta) oppure NEXT.",
    ),
    Message(
        "scan_items",
        "Order {number}: scan the items, {left} left. Next: {name} ({bin}).",
        "Ordine {number}: scansiona gli articoli, ne mancano {left}. Prossimo: {name} ({bin}).",
        count="left",
        one_en="Order {number}: scan the items, {left} left. Next: {name} ({bin}).",
        one_it="Ordine {number}: scansiona gli articoli, ne manca {left}. Prossimo: {name} ({bin}).",
    ),
    Message(
        "weigh_parcel",
        "Put parcel {seq} on the scale (about {expected_g} g) and scan WEIGH.",
        "Metti il collo {seq} sulla bilancia (circa {expected_g} g) e scansiona WEIGH.",
    ),
    Message("weighing", "Weighing parcel {seq}…", "Pesatura del collo {seq}…"),
    Message(
        "after_bad_weight",
        "Check parcel {seq} and weigh again, or a lead scans OVERRIDE with the PIN.",
        "Controlla il collo {seq} e ripesa, oppure un capoturno scansiona OVERRIDE con il PIN.",
    ),
    Message(
        "cutoff_passed",
        "The carrier cut-off of order {number} has passed.",
        "L'orario di ritiro del corriere per l'ordine {number} è passato.",
    ),
    # accepted
    Message(
        "order_opened",
        "Order {number} opened: {customer}, {units} units.",
        "Ordine {number} aperto: {customer}, {units} pezzi.",
        count="units",
        one_en="Order {number} opened: {customer}, {units} unit.",
        one_it="Ordine {number} aperto: {customer}, {units} pezzo.",
    ),
    Message(
        "unit_ok", "{name}: {verified}/{quantity}.", "{name}: {verified}/{quantity}.", same=True
    ),
    Message(
        "units_ok",
        "{name}: +{units}, {verified}/{quantity}.",
        "{name}: +{units}, {verified}/{quantity}.",
        same=True,
    ),
    Message("box_chosen", "Parcel {seq}: box {box}.", "Collo {seq}: scatola {box}."),
    Message(
        "undone",
        "Undone: {name}, now {verified}/{quantity}.",
        "Annullato: {name}, ora {verified}/{quantity}.",
    ),
    Message("parcel_opened", "Parcel {seq} opened.", "Collo {seq} aperto."),
    Message(
        "shorted",
        "Marked missing ({reason}): {summary}. They stay owed as a backorder; the rest ships.",
        "Segnati mancanti ({reason}): {summary}. Restano da spedire come arretrato; il resto "
        "parte.",
    ),
    Message(
        "shorted_held",
        "Marked missing ({reason}): {summary}.",
        "Segnati mancanti ({reason}): {summary}.",
    ),
    # SHORT asks before it ships short or holds (station/workflow/exception_steps.py)
    Message(
        "short_asked",
        "Order {number}: {summary} would be marked missing and shipped later as a backorder. "
        "Why? Scan {reasons}.",
        "Ordine {number}: {summary} verrebbero segnati mancanti e spediti poi come arretrato. "
        "Perché? Scansiona {reasons}.",
    ),
    Message(
        "short_asked_hold",
        "Order {number}: with {summary} missing, the whole order goes on hold. Why? Scan "
        "{reasons}.",
        "Ordine {number}: mancando {summary}, l'intero ordine viene sospeso. Perché? Scansiona "
        "{reasons}.",
    ),
    Message("short_reason_taken", "Reason: {reason}.", "Motivo: {reason}."),
    Message(
        "short_dropped",
        "Marking missing cancelled: go on packing.",
        "Segnalazione mancanti annullata: continua a imballare.",
    ),
    Message(
        "short_needs_lead",
        "{summary}: a lead approves the missing units with OVERRIDE and the PIN.",
        "{summary}: un capoturno approva i mancanti con OVERRIDE e il PIN.",
    ),
    Message(
        "short_reason_missing",
        "Say why they are missing first: scan {reasons}.",
        "Prima indica perché mancano: scansiona {reasons}.",
    ),
    Message(
        "short_reason_prompt",
        "Order {number}: why are they missing? Scan OUT, DAMAGED or NOTFOUND; found it after "
        "all? Scan the item.",
        "Ordine {number}: perché mancano? Scansiona OUT, DAMAGED o NOTFOUND; trovato? "
        "Scansiona l'articolo.",
    ),
    Message(
        "short_confirm_prompt",
        "Order {number}: scan SHORT again to ship without the missing units, or scan an item "
        "to go on packing.",
        "Ordine {number}: scansiona di nuovo SHORT per spedire senza i mancanti, oppure un "
        "articolo per continuare.",
    ),
    Message(
        "short_confirm_hold_prompt",
        "Order {number}: scan SHORT again to put the whole order on hold, or scan an item to "
        "go on packing.",
        "Ordine {number}: scansiona di nuovo SHORT per sospendere l'intero ordine, oppure un "
        "articolo per continuare.",
    ),
    Message(
        "short_lead_prompt",
        "Order {number}: a lead scans OVERRIDE and the PIN to approve the missing units.",
        "Ordine {number}: un capoturno scansiona OVERRIDE e il PIN per approvare i mancanti.",
    ),
    # RELEASE N: a lead releases a held order at the bench
    Message(
        "release_which",
        "Which order? Scan RELEASE with the order number, e.g. RELEASE 1013.",
        "Quale ordine? Scansiona RELEASE con il numero dell'ordine, per esempio RELEASE 1013.",
    ),
    Message(
        "release_not_held",
        "Order {number} is not on hold: there is nothing to release.",
        "L'ordine {number} non è sospeso: non c'è niente da sbloccare.",
    ),
    Message(
        "release_asked",
        "Order {number} is on hold ({reason}).",
        "L'ordine {number} è sospeso ({reason}).",
    ),
    Message(
        "release_pin",
        "A lead scans OVERRIDE and the PIN to release order {number}; anything else cancels.",
        "Un capoturno scansiona OVERRIDE e il PIN per sbloccare l'ordine {number}; qualsiasi "
        "altra lettura annulla.",
    ),
    Message(
        "released_at_bench",
        "Order {number} released by {lead}: it is back in the queue.",
        "Ordine {number} sbloccato da {lead}: è di nuovo in coda.",
    ),
    Message("held", "Order {number} on hold: {reason}.", "Ordine {number} sospeso: {reason}."),
    Message(
        "weight_ok",
        "Parcel {seq}: {measured_g} g (expected {expected_g} g).",
        "Collo {seq}: {measured_g} g (atteso {expected_g} g).",
    ),
    Message(
        "weight_overridden",
        "Parcel {seq}: {measured_g} g accepted by {lead}.",
        "Collo {seq}: {measured_g} g accettato da {lead}.",
    ),
    Message(
        "aborted",
        "Order {number} put back in the queue; put its items back.",
        "Ordine {number} rimesso in coda; rimetti a posto gli articoli.",
    ),
    Message("printing_slip", "Printing the packing slip.", "Stampa della distinta."),
    Message(
        "reprinting",
        "Reprinting the labels of order {number}.",
        "Ristampa etichette ordine {number}.",
    ),
    Message(
        "done",
        "Order {number} packed: {parcels} parcels.",
        "Ordine {number} imballato: {parcels} colli.",
        count="parcels",
        one_en="Order {number} packed: {parcels} parcel.",
        one_it="Ordine {number} imballato: {parcels} collo.",
    ),
    # rejected
    Message(
        "no_order",
        "No order is open: scan an order's number or packing slip, or NEXT.",
        "Nessun ordine aperto: scansiona il numero o la distinta di un ordine, oppure NEXT.",
    ),
    Message(
        "unknown_order",
        "No order or product has the code {code}: check the code and scan again.",
        "Nessun ordine o articolo ha il codice {code}: controlla e scansiona di nuovo.",
    ),
    Message(
        "queue_empty",
        "No order is waiting to be packed.",
        "Nessun ordine in attesa di imballaggio.",
    ),
    Message(
        "order_cancelled",
        "Order {number} was cancelled: do not ship it; scan ABORT and put the items back.",
        "L'ordine {number} è stato annullato: non spedirlo; scansiona ABORT e rimetti gli "
        "articoli.",
    ),
    Message(
        "order_held",
        "Order {number} is on hold ({reason}): ask a lead.",
        "L'ordine {number} è sospeso ({reason}): chiedi al capoturno.",
    ),
    Message(
        "order_shipped",
        "Order {number} has already been shipped.",
        "L'ordine {number} è già stato spedito.",
    ),
    Message(
        "order_claimed",
        "Order {number} is being packed at {bench}: pick another order.",
        "L'ordine {number} è in lavorazione al banco {bench}: scegli un altro ordine.",
    ),
    Message(
        "order_open",
        "Order {number} is open: finish it, HOLD it or ABORT it first.",
        "L'ordine {number} è aperto: completalo, sospendilo (HOLD) o annullalo (ABORT) prima.",
    ),
    Message(
        "unknown_code",
        "Unknown code {code}: no product has it. If it is an item of this order, scan LEARN "
        "and the line's SKU; if not, set it aside for a lead.",
        "Codice sconosciuto {code}: nessun articolo lo ha. Se è un articolo di questo ordine, "
        "scansiona LEARN e lo SKU della riga; altrimenti mettilo da parte per il capoturno.",
    ),
    Message(
        "not_in_order",
        "{name} is not in order {number}: put it back.",
        "{name} non è nell'ordine {number}: rimettilo a posto.",
    ),
    Message(
        "line_complete",
        "{name}: all {quantity} already packed. Put this one back.",
        "{name}: già imballati tutti e {quantity}. Rimetti a posto questo.",
    ),
    Message(
        "too_many",
        "{name}: this pack holds {units}, only {left} still needed. Open it and scan the units.",
        "{name}: la confezione ne contiene {units}, ne servono solo {left}. Aprila e scansiona i "
        "pezzi.",
    ),
    Message(
        "needs_lot",
        "{name} needs its lot: scan the GS1 code that carries the lot.",
        "{name} richiede il lotto: scansiona il codice GS1 con il lotto.",
    ),
    Message(
        "needs_expiry",
        "{name} needs its expiry date: scan the GS1 code that carries it.",
        "{name} richiede la scadenza: scansiona il codice GS1 che la riporta.",
    ),
    Message(
        "needs_serial",
        "{name} needs its serial number: scan the code with the serial.",
        "{name} richiede il numero di serie: scansiona il codice con il seriale.",
    ),
    Message(
        "serial_shipped",
        "Serial {serial} of {name} was already packed: scan another unit.",
        "Il seriale {serial} di {name} è già stato imballato: scansiona un'altra unità.",
    ),
    Message(
        "other_order",
        "That is order {other}; order {number} is open. Finish it or ABORT it first.",
        "Questo è l'ordine {other}; è aperto l'ordine {number}. Completalo o annullalo (ABORT).",
    ),
    Message("nothing_to_undo", "Nothing to undo.", "Niente da annullare."),
    Message(
        "undo_weighed",
        "Parcel {seq} is already weighed: its items cannot be undone.",
        "Il collo {seq} è già pesato: i suoi articoli non si possono annullare.",
    ),
    Message(
        "box_empty",
        "Parcel {seq} is still empty: pack something in it first.",
        "Il collo {seq} è ancora vuoto: prima mettici qualcosa.",
    ),
    Message("nothing_short", "No item is missing.", "Nessun articolo mancante."),
    Message(
        "nothing_to_weigh",
        "Nothing to weigh now: scan items first.",
        "Niente da pesare ora: prima scansiona gli articoli.",
    ),
    Message(
        "weight_unstable",
        "The scale is not stable: wait for it to settle.",
        "La bilancia non è stabile: attendi che si fermi.",
    ),
    Message(
        "weight_out_of_tolerance",
        "Parcel {seq} weighs {measured_g} g, expected {expected_g} g ({diff_g:+d} g, allowed "
        "±{allowed_g} g).",
        "Il collo {seq} pesa {measured_g} g, attesi {expected_g} g ({diff_g:+d} g, tolleranza "
        "±{allowed_g} g).",
    ),
    Message(
        "no_override_pending",
        "There is no rejected weight to override.",
        "Non c'è nessun peso rifiutato da forzare.",
    ),
    Message(
        "bad_pin",
        "That PIN is not a lead's: a lead must enter their PIN.",
        "Il PIN non è di un capoturno: serve il PIN di un capoturno.",
    ),
    Message(
        "nothing_to_reprint",
        "Nothing to reprint: no order has been packed at this bench yet (a held, short-held or "
        "aborted order has no labels).",
        "Niente da ristampare: nessun ordine è ancora stato imballato a questo banco (un ordine "
        "sospeso o rimesso in coda non ha etichette).",
    ),
    Message(
        "learn_confirm",
        "A lead confirms that {code} is {name}: OVERRIDE with the lead's PIN.",
        "Un capoturno conferma che {code} è {name}: OVERRIDE con il PIN del capoturno.",
    ),
    Message(
        "code_learnt",
        "{code} is now a code of {name} (confirmed by {lead}).",
        "{code} ora è un codice di {name} (confermato da {lead}).",
    ),
    Message(
        "nothing_to_learn",
        "Nothing to learn: scan the unknown code first, then LEARN and the SKU.",
        "Niente da imparare: scansiona prima il codice sconosciuto, poi LEARN e lo SKU.",
    ),
    Message(
        "learn_no_line",
        "Order {number} has no line {sku}: LEARN needs the SKU of one of its lines.",
        "L'ordine {number} non ha la riga {sku}: LEARN vuole lo SKU di una delle sue righe.",
    ),
    Message(
        "learn_pick_line",
        "Say which line the code belongs to: LEARN followed by its SKU.",
        "Indica a quale riga appartiene il codice: LEARN seguito dallo SKU.",
    ),
    Message(
        "learn_no_product",
        "{name} is not in the catalogue, so it cannot take a code: ask a lead to add it.",
        "{name} non è nel catalogo, quindi non può avere un codice: chiedi a un capoturno di "
        "aggiungerlo.",
    ),
)
