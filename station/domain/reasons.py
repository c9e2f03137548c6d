"""Why an order is held or flagged, as codes with parameters, and their words.

Events and tables store the code (`hold_code`, `problem_code`) and its parameters; the sentence
is made when it is shown, in the reader's language.
"""

from __future__ import annotations

from station.domain.events import Reason

REASONS: dict[str, tuple[str, str]] = {
    # holds
    "hold_note": ("{note}", "{note}"),  # what the operator or lead typed
    "held_at_bench": ("held at the bench", "sospeso al banco"),
    "hold_shorted": ("marked missing: {summary}", "segnati mancanti: {summary}"),
    "hold_nothing_packed": (
        "nothing of order {number} could be packed",
        "non è stato possibile imballare nulla dell'ordine {number}",
    ),
    "hold_shop_on_hold": ("On hold in the shop", "In sospeso nel negozio"),
    "hold_shop_unpaid": ("Waiting for payment in the shop", "In attesa di pagamento nel negozio"),
    "hold_shop_completed": ("Already completed in the shop", "Già completato nel negozio"),
    "hold_malformed": (
        "The shop's data for this order could not be read",
        "I dati del negozio per questo ordine non sono leggibili",
    ),
    "hold_no_lines": (
        "the shop sent it with no lines to pack: check it in the shop",
        "il negozio l'ha inviato senza righe da imballare: controllalo nel negozio",
    ),
    # releases
    "released_by_shop": ("open again in the shop", "di nuovo aperto nel negozio"),
    "released_by_lead": ("released by {lead}", "sbloccato da {lead}"),
    # problems
    "problem_malformed": (
        "Malformed order from the shop: {detail}",
        "Ordine illeggibile dal negozio: {detail}",
    ),
    "problem_no_lines": ("The order has no lines to pack", "L'ordine non ha righe da imballare"),
    "problem_unknown_sku": ("Unknown SKU: {skus}", "SKU sconosciuto: {skus}"),
    "problem_lines_changed_while_packing": (
        "The lines were changed in the shop during packing: check the order before shipping",
        "Le righe sono cambiate nel negozio durante l'imballaggio: controlla l'ordine prima "
        "di spedirlo",
    ),
    "problem_cancelled_after_shipping": (
        "Cancelled in the shop after it was shipped",
        "Annullato nel negozio dopo la spedizione",
    ),
    "problem_completed_while_packing": (
        "Already completed in the shop while being packed",
        "Già completato nel negozio durante l'imballaggio",
    ),
    # words stored by a release before reasons had codes
    "legacy_text": ("{text}", "{text}"),
}

SHOP_HOLDS = ("hold_shop_on_hold", "hold_shop_unpaid", "hold_shop_completed")


def reason_text(reason: Reason | None, language: str = "en") -> str:
    """The sentence for a reason ('' for none); an unknown code raises KeyError."""
    if reason is None or not reason.code:
        return ""
    english, italian = REASONS[reason.code]
    return (italian if language == "it" else english).format(**reason.params)


def stored_reason(code: str, params: dict[str, str] | None) -> Reason | None:
    """A reason as a table stores it (`hold_code`, `hold_params`)."""
    return Reason(code, dict(params or {})) if code else None
