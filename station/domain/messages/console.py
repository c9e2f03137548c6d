"""What the bench's front ends (the window and the line console) say besides the engine.

The console prints each line as `WORD code text`; the word and the code are for scripts, the
text (from here) for people.
"""

from __future__ import annotations

from station.domain.messages.catalogue import Counted, Message, register
from station.domain.messages.cli import PENDING_UPDATES

register(
    Message(
        "resumed",
        "Order {number} is open: {left} units left.",
        "L'ordine {number} è aperto: mancano {left} pezzi.",
        count="left",
        one_en="Order {number} is open: {left} unit left.",
        one_it="L'ordine {number} è aperto: manca {left} pezzo.",
    ),
    Message(
        "storage_db",
        "The database could not save this ({detail}); scan again.",
        "Il database non ha potuto salvare ({detail}); scansiona di nuovo.",
    ),
    Message(
        "storage_file",
        "Could not write a file ({detail}); free disk space and scan again.",
        "Impossibile scrivere un file ({detail}); libera spazio su disco e scansiona di nuovo.",
    ),
    Message(
        "no_scale",
        "No scale: type the weight as WEIGHT <grams>.",
        "Nessuna bilancia: digita il peso come WEIGHT <grammi>.",
    ),
    # printing from the console
    Message("what_label", "Label for order {order}", "etichetta dell'ordine {order}"),
    Message(
        "what_label_parcel",
        "Label for order {order} (parcel {parcel})",
        "etichetta del collo {parcel} dell'ordine {order}",
    ),
    Message(
        "what_document",
        "The {document} for order {order}",
        "documento {document} dell'ordine {order}",
    ),
    Message(
        "print_failed",
        "{what} not printed: {reason} Type RETRY {job} to print it again, or RETRY {job} "
        "PRINTER to send it elsewhere.",
        "Stampa non riuscita, {what}: {reason} Scrivi RETRY {job} per ristamparla, o RETRY "
        "{job} STAMPANTE per mandarla altrove.",
    ),
    Message(
        "print_waiting",
        "{name} is still waiting for {printer}; PRINTERS lists it if it fails.",
        "{name} è ancora in attesa di {printer}; PRINTERS la elenca se non riesce.",
    ),
    Message(
        "no_printer", "This bench has no printer queue.", "Questo banco non ha una coda di stampa."
    ),
    Message(
        "print_failed_job",
        "{job} {name} on {printer}, {attempts} attempts: {reason}",
        "{job} {name} su {printer}, {attempts} tentativi: {reason}",
        count="attempts",
        one_en="{job} {name} on {printer}, {attempts} attempt: {reason}",
        one_it="{job} {name} su {printer}, {attempts} tentativo: {reason}",
    ),
    Message(
        "printers",
        "{count} prints failed; the bench prints on {printer}.",
        "{count} stampe non riuscite; il banco stampa su {printer}.",
        count="count",
        one_en="{count} print failed; the bench prints on {printer}.",
        one_it="{count} stampa non riuscita; il banco stampa su {printer}.",
    ),
    Message(
        "printers_retry_hint",
        "RETRY <id> [PRINTER] prints one again.",
        "RETRY <id> [STAMPANTE] ne ristampa una.",
    ),
    Message(
        "usage_retry",
        "Type RETRY <id> or RETRY <id> PRINTER (ids from PRINTERS).",
        "Scrivi RETRY <id> o RETRY <id> STAMPANTE (gli id da PRINTERS).",
    ),
    Message(
        "usage_discard",
        "Type DISCARD <id> (ids from PRINTERS).",
        "Scrivi DISCARD <id> (gli id da PRINTERS).",
    ),
    Message(
        "discarded",
        "{name} ({job}) will not be printed.",
        "{name} ({job}) non verrà stampato.",
    ),
    # the window's own sentences about the core's state
    Message(
        "label_not_printed",
        "Label for order {order} not printed: {reason}",
        "Etichetta dell'ordine {order} non stampata: {reason}",
    ),
    Message(
        "slip_not_printed",
        "Packing slip for order {order} not printed: {reason}",
        "Distinta di imballaggio dell'ordine {order} non stampata: {reason}",
    ),
    Message("job_not_printed", "{name} not printed: {reason}", "{name} non stampato: {reason}"),
    Message(
        "unknown_badge", "Unknown badge or PIN: try again.", "Badge o PIN sconosciuto: riprova."
    ),
    Message(
        "not_a_lead",
        "{name} is not a lead: a lead must sign in.",
        "{name} non è un capoturno: serve l'accesso di un capoturno.",
    ),
    Message(
        "shop_waiting",
        "Shop: {pending} updates waiting",
        "Negozio: {pending} aggiornamenti in attesa",
        count="pending",
        one_en="Shop: {pending} update waiting",
        one_it="Negozio: {pending} aggiornamento in attesa",
    ),
    Message(
        "shop_waiting_parked",
        "Shop: {pending_updates} waiting, {parked_updates} (see the outbox)",
        "Negozio: {pending_updates} in attesa, {parked_updates} (vedi la coda di invio)",
        parts=(
            PENDING_UPDATES,
            (
                "parked_updates",
                Counted(
                    "parked",
                    en=("{parked} parked", "{parked} parked"),
                    it=("{parked} bloccato", "{parked} bloccati"),
                ),
            ),
        ),
    ),
    Message(
        "shop_parked_why",
        "{status}. Last refused: {reason}",
        "{status}. Ultimo rifiuto: {reason}",
    ),
    Message(
        "shop_offline",
        "Shop offline, packing goes on: {status}",
        "Negozio non raggiungibile, l'imballaggio continua: {status}",
    ),
    # the computer's clock (station/services/clock.py): one sentence, told once
    Message(
        "clock_jumped_back",
        "The computer's clock jumped {amount} back: check its date, time and time zone; "
        "packing goes on, and manifests and shop updates stay in order.",
        "L'orologio del computer è tornato indietro di {amount}: controlla data, ora e fuso "
        "orario; l'imballaggio continua, e borderò e aggiornamenti al negozio restano in ordine.",
    ),
    Message(
        "clock_jumped_ahead",
        "The computer's clock jumped {amount} ahead: check its date, time and time zone; "
        "packing goes on, and manifests and shop updates stay in order.",
        "L'orologio del computer è andato avanti di {amount}: controlla data, ora e fuso "
        "orario; l'imballaggio continua, e borderò e aggiornamenti al negozio restano in ordine.",
    ),
    Message(
        "clock_behind_shop",
        "The computer's clock is {amount} behind the shop {shop}'s: set its date and time "
        "right (or turn on automatic time).",
        "L'orologio del computer è {amount} indietro rispetto al negozio {shop}: correggi data "
        "e ora (o attiva l'ora automatica).",
    ),
    Message(
        "clock_ahead_of_shop",
        "The computer's clock is {amount} ahead of the shop {shop}'s: set its date and time "
        "right (or turn on automatic time).",
        "L'orologio del computer è {amount} avanti rispetto al negozio {shop}: correggi data "
        "e ora (o attiva l'ora automatica).",
    ),
)
