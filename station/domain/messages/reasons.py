"""Why an order is held, released or flagged: the reason codes events and tables store
(`Reason(code, params)`, `hold_code`, `problem_code`), worded when shown."""

from __future__ import annotations

from station.domain.messages.catalogue import Message, register

register(
    # holds
    Message("hold_note", "{note}", "{note}", same=True),  # what the operator or lead typed
    Message("held_at_bench", "held at the bench", "sospeso al banco"),
    Message("hold_shorted", "marked missing: {summary}", "segnati mancanti: {summary}"),
    Message(
        "hold_nothing_packed",
        "nothing of order {number} could be packed",
        "non è stato possibile imballare nulla dell'ordine {number}",
    ),
    # why units are short (station.workflow.state.SHORT_REASONS), as UnitsShorted stores it
    Message("short_out_of_stock", "out of stock", "esaurito", dynamic=True),
    Message("short_damaged", "damaged", "danneggiato", dynamic=True),
    Message("short_not_found", "not on the shelf", "non trovato a scaffale", dynamic=True),
    Message("hold_shop_on_hold", "On hold in the shop", "Sospeso nel negozio"),
    Message(
        "hold_shop_unpaid",
        "Waiting for payment in the shop",
        "In attesa di pagamento nel negozio",
        dynamic=True,
    ),
    Message(
        "hold_shop_completed",
        "Already completed in the shop",
        "Già completato nel negozio",
        dynamic=True,
    ),
    Message(
        "hold_malformed",
        "The shop's data for this order could not be read",
        "I dati del negozio per questo ordine non sono leggibili",
    ),
    Message(
        "hold_no_lines",
        "the shop sent it with no lines to pack: check it in the shop",
        "il negozio l'ha inviato senza righe da imballare: controllalo nel negozio",
    ),
    # releases
    Message("released_by_shop", "open again in the shop", "di nuovo aperto nel negozio"),
    Message("released_by_lead", "released by {lead}", "sbloccato da {lead}"),
    # problems
    Message(
        "problem_malformed",
        "Malformed order from the shop: {detail}",
        "Ordine malformato dal negozio: {detail}",
    ),
    Message(
        "problem_no_lines", "The order has no lines to pack", "L'ordine non ha righe da imballare"
    ),
    Message("problem_unknown_sku", "Unknown SKU: {skus}", "SKU sconosciuto: {skus}"),
    Message(
        "problem_lines_changed_while_packing",
        "The lines were changed in the shop during packing: check the order before shipping",
        "Le righe sono state cambiate nel negozio durante l'imballaggio: controlla l'ordine "
        "prima di spedirlo",
    ),
    Message(
        "problem_cancelled_after_shipping",
        "Cancelled in the shop after it was shipped",
        "Annullato nel negozio dopo la spedizione",
    ),
    Message(
        "problem_completed_while_packing",
        "Already completed in the shop while being packed",
        "Già completato nel negozio durante l'imballaggio",
    ),
    # words stored by a release before reasons had codes
    Message("legacy_text", "{text}", "{text}", same=True),
)
