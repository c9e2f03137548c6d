"""What the `station` command prints besides tables and `--json`: the lines that say what was
done, and the one-line errors (the stable `station:` / `error:` / `note:` prefix stays outside
the sentence)."""

from __future__ import annotations

from station.domain.messages.catalogue import Message, register

register(
    # station (station/cli.py)
    Message("database_ready", "database ready: {url}", "database pronto: {url}"),
    Message(
        "unknown_scale",
        "unknown scale '{spec}': use one of {known}",
        "bilancia '{spec}' sconosciuta: usa una tra {known}",
    ),
    Message(
        "shop_updates_waiting",
        "{pending} update(s) waiting for the shop, {parked} parked",
        "{pending} aggiornamento/i in attesa per il negozio, {parked} parcheggiato/i",
    ),
    Message(
        "shop_updates_offline",
        "{status}; shop offline: {error}",
        "{status}; negozio non raggiungibile: {error}",
    ),
    Message(
        "order_not_found",
        "no order {number}: check the number with 'station orders list'",
        "nessun ordine {number}: controlla il numero con 'station orders list'",
    ),
    Message(
        "order_summary",
        "Order {number} ({status}) {customer}, {carrier} {service}",
        "Ordine {number} ({status}) {customer}, {carrier} {service}",
    ),
    Message(
        "order_parcel",
        "parcel {seq}: {weight_g} g {tracking}",
        "collo {seq}: {weight_g} g {tracking}",
    ),
    Message("cannot_write", "cannot write {path}: {error}", "impossibile scrivere {path}: {error}"),
    Message("wrote", "wrote {path}", "scritto {path}"),
    # documents (station/documents_cli.py)
    Message(
        "order_not_packed",
        "order {number} is not packed yet: pack it at a bench, then print its labels",
        "l'ordine {number} non è ancora imballato: imballalo a un banco, poi stampa le etichette",
    ),
    Message(
        "order_not_shipped",
        "order {number} is not shipped yet: an invoice bills what left the warehouse",
        "l'ordine {number} non è ancora spedito: la fattura addebita ciò che è uscito dal "
        "magazzino",
    ),
    Message(
        "invoice_written",
        "invoice {invoice} for order {order}",
        "fattura {invoice} per l'ordine {order}",
    ),
    Message(
        "manifest_late_parcels",
        "{count} parcel(s) shipped after the manifest was closed",
        "{count} collo/i spedito/i dopo la chiusura del borderò",
    ),
    Message(
        "no_parcels_shipped",
        "no {carrier} parcels shipped on {day}",
        "nessun collo {carrier} spedito il {day}",
    ),
    Message(
        "bad_date",
        "{value!r} is not a date like 2026-03-31",
        "{value!r} non è una data come 2026-03-31",
    ),
    # devices (station/devices/commands.py)
    Message("serial_ports", "Serial ports:", "Porte seriali:"),
    Message("no_serial_ports", "(none found)", "(nessuna trovata)"),
    Message("configured_devices", "Configured devices:", "Dispositivi configurati:"),
    # shops and sync (sync/commands.py)
    Message("shop_added", "shop {name} added", "negozio {name} aggiunto"),
    Message(
        "shop_added_secrets",
        "shop {name} added; credentials stored in {where}",
        "negozio {name} aggiunto; credenziali salvate in {where}",
    ),
    Message(
        "sync_report",
        "{shop}: {imported} imported, {updated} updated, {flagged} flagged; {sent} sent, "
        "{retrying} to retry, {parked} parked",
        "{shop}: {imported} importati, {updated} aggiornati, {flagged} segnalati; {sent} "
        "inviati, {retrying} da riprovare, {parked} parcheggiati",
    ),
    Message(
        "outbox_status",
        "outbox: {pending} pending, {parked} parked",
        "in uscita: {pending} in attesa, {parked} parcheggiati",
    ),
    Message(
        "products_imported",
        "{created} products created, {updated} updated, {skipped} skipped",
        "{created} prodotti creati, {updated} aggiornati, {skipped} saltati",
    ),
    # the event log (station db verify)
    Message(
        "log_differs",
        "{count} difference(s) between the tables and the event log",
        "{count} differenze tra le tabelle e il registro degli eventi",
    ),
    Message(
        "log_agrees",
        "the tables agree with the event log",
        "le tabelle corrispondono al registro degli eventi",
    ),
)
