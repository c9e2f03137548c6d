"""Why a command was refused, as one exception carrying a message code and its parameters.

Every actor's command (a lead's, a document's) refuses by raising `CommandError(code, ...)`;
each front end shows `message(language)`. The words live in `MESSAGES`, English and Italian,
each saying what happened and what to do.
"""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    "order_unknown": (
        "no order {number}: check the number with 'station orders list'",
        "nessun ordine {number}: controlla il numero con 'station orders list'",
    ),
    "order_not_held": (
        "order {number} is not held: there is nothing to release",
        "l'ordine {number} non è sospeso: non c'è niente da sbloccare",
    ),
    "order_already_held": (
        "order {number} is already held: release it first to hold it for another reason",
        "l'ordine {number} è già sospeso: sbloccalo prima di sospenderlo per un altro motivo",
    ),
    "order_shipped": (
        "order {number} has already shipped: it can no longer be changed",
        "l'ordine {number} è già spedito: non si può più modificare",
    ),
    "order_cancelled": (
        "order {number} was cancelled in the shop: it can no longer be changed",
        "l'ordine {number} è stato annullato nel negozio: non si può più modificare",
    ),
    "order_being_packed": (
        "order {number} is being packed at {bench}: hold it (the bench stops) or have the bench "
        "abort it, then assign it",
        "l'ordine {number} è in imballaggio al banco {bench}: sospendilo (il banco si ferma) o "
        "fallo annullare al banco, poi assegnalo",
    ),
    "bench_unknown": (
        "no bench {bench}: a bench is known once it has been opened",
        "nessun banco {bench}: un banco è noto dopo la sua prima apertura",
    ),
    "operator_unknown": (
        "no active operator {operator}: check the name",
        "nessun operatore attivo {operator}: controlla il nome",
    ),
    "not_a_lead": (
        "{name} is not an active shift lead: ask a lead",
        "{name} non è un capoturno attivo: chiedi a un capoturno",
    ),
    "lead_pin_wrong": (
        "wrong name or PIN for {name}: try again",
        "nome o PIN errato per {name}: riprova",
    ),
    "hold_reason_missing": (
        "say why order {number} is held: give a reason",
        "indica perché l'ordine {number} è sospeso: scrivi un motivo",
    ),
    "hold_reason_unknown": (
        "unknown hold reason {reason}",
        "motivo di sospensione sconosciuto {reason}",
    ),
    "priority_out_of_range": (
        "priority {priority} is out of range: give a number from {low} to {high}",
        "la priorità {priority} è fuori intervallo: indica un numero da {low} a {high}",
    ),
    "invoice_not_shipped": (
        "order {number} is not shipped yet: an invoice bills what left the warehouse",
        "l'ordine {number} non è ancora spedito: la fattura riguarda la merce uscita dal magazzino",
    ),
    "manifest_empty": (
        "no {carrier} parcels shipped on {day}",
        "nessun collo {carrier} spedito il {day}",
    ),
}


class CommandError(Exception):
    """A command that was not carried out, and nothing was written. `str()` is the English."""

    def __init__(self, code: str, **params: str) -> None:
        if code not in MESSAGES:
            raise KeyError(f"no message for refusal code {code!r}")
        self.code = code
        self.params = params
        super().__init__(self.message("en"))

    def message(self, language: str = "en") -> str:
        english, italian = MESSAGES[self.code]
        return (italian if language == "it" else english).format(**self.params)
