"""What the command layer says when it refuses: a lead's commands, documents on demand."""

from __future__ import annotations

from station.domain.messages.catalogue import Message, register

register(
    Message(
        "order_not_held",
        "order {number} is not held: there is nothing to release",
        "l'ordine {number} non è sospeso: non c'è niente da sbloccare",
    ),
    Message(
        "release_no_lines",
        "order {number} has no lines, so it cannot be packed: fix the order in the shop, then "
        "release it once its lines have arrived",
        "l'ordine {number} non ha righe, quindi non si può imballare: correggi l'ordine nel "
        "negozio, poi sbloccalo quando le sue righe sono arrivate",
    ),
    Message(
        "order_already_held",
        "order {number} is already held: release it first to hold it for another reason",
        "l'ordine {number} è già sospeso: sbloccalo prima di sospenderlo per un altro motivo",
    ),
    Message(
        "lead_order_shipped",
        "order {number} has already shipped: it can no longer be changed",
        "l'ordine {number} è già spedito: non si può più modificare",
    ),
    Message(
        "lead_order_cancelled",
        "order {number} was cancelled in the shop: it can no longer be changed",
        "l'ordine {number} è stato annullato nel negozio: non si può più modificare",
    ),
    Message(
        "order_being_packed",
        "order {number} is being packed at {bench}: hold it (the bench stops) or have the bench "
        "abort it, then assign it",
        "l'ordine {number} è in imballaggio al banco {bench}: sospendilo (il banco si ferma) o "
        "fallo annullare al banco, poi assegnalo",
    ),
    Message(
        "bench_unknown",
        "no bench {bench}: a bench is known once it has been opened",
        "nessun banco {bench}: un banco è noto dopo la sua prima apertura",
    ),
    Message(
        "operator_unknown",
        "no active operator {operator}: check the name",
        "nessun operatore attivo {operator}: controlla il nome",
    ),
    Message(
        "not_an_active_lead",
        "{name} is not an active shift lead: ask a lead",
        "{name} non è un capoturno attivo: chiedi a un capoturno",
    ),
    Message(
        "lead_pin_wrong",
        "wrong name or PIN for {name}: try again",
        "nome o PIN errato per {name}: riprova",
    ),
    Message(
        "hold_reason_missing",
        "say why order {number} is held: give a reason",
        "indica perché l'ordine {number} è sospeso: scrivi un motivo",
    ),
    Message(
        "hold_reason_unknown",
        "unknown hold reason {reason}",
        "motivo di sospensione sconosciuto {reason}",
    ),
    Message(
        "priority_out_of_range",
        "priority {priority} is out of range: give a number from {low} to {high}",
        "la priorità {priority} è fuori intervallo: indica un numero da {low} a {high}",
    ),
    # the lead's commands on the command line (station/orders_cli.py)
    Message(
        "lead_pin_prompt",
        "PIN for {name}: ",
        "PIN di {name}: ",
    ),
    Message(
        "lead_held",
        "order {number} held: {reason}",
        "ordine {number} sospeso: {reason}",
    ),
    Message(
        "lead_released",
        "order {number} released: back in the queue",
        "ordine {number} sbloccato: di nuovo in coda",
    ),
    Message(
        "lead_backorder_released",
        "order {number}: the owed units are in the queue as order {follow_up}",
        "ordine {number}: i pezzi dovuti sono in coda come ordine {follow_up}",
    ),
    Message(
        "lead_backorder_cancelled",
        "order {number}: backorder cancelled, nothing more is owed",
        "ordine {number}: ordine arretrato annullato, non resta nulla da inviare",
    ),
    Message(
        "backorder_none",
        "Order {number} owes no units: there is no backorder to close.",
        "L'ordine {number} non deve altri pezzi: non c'è un ordine arretrato da chiudere.",
    ),
    Message(
        "lead_assigned",
        "order {number} assigned to {whom}",
        "ordine {number} assegnato a {whom}",
    ),
    Message(
        "lead_bench",
        "bench {bench}",
        "banco {bench}",
    ),
    Message(
        "lead_queued",
        "order {number} back in the queue for every bench",
        "ordine {number} di nuovo in coda per tutti i banchi",
    ),
    Message(
        "lead_priority",
        "order {number} now has priority {priority}",
        "ordine {number}: priorità {priority}",
    ),
    Message(
        "lead_assign_usage",
        "give --bench and/or --operator, or --queue alone",
        "indica --bench e/o --operator, oppure solo --queue",
    ),
)
