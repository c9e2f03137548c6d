"""What the `station` command prints besides tables and `--json`: the lines that say what was
done, and the one-line errors (the stable `station:` / `error:` / `note:` prefix stays outside
the sentence)."""

from __future__ import annotations

from station.domain.messages.catalogue import Counted, Message, register

# Shop updates waiting, counted: said by the command line and by the bench's status bar.
PENDING_UPDATES = (
    "pending_updates",
    Counted(
        "pending",
        en=("{pending} update", "{pending} updates"),
        it=("{pending} aggiornamento", "{pending} aggiornamenti"),
    ),
)

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
        "{pending_updates} waiting for the shop, {parked_updates}",
        "{pending_updates} in attesa per il negozio, {parked_updates}",
        parts=(
            PENDING_UPDATES,
            (
                "parked_updates",
                Counted(
                    "parked",
                    en=("{parked} parked", "{parked} parked"),
                    it=("{parked} parcheggiato", "{parked} parcheggiati"),
                ),
            ),
        ),
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
        "{count} parcels shipped after this manifest was closed: they go on the next one",
        "{count} colli spediti dopo la chiusura di questo borderò: vanno sul prossimo",
        count="count",
        one_en="{count} parcel shipped after this manifest was closed: it goes on the next one",
        one_it="{count} collo spedito dopo la chiusura di questo borderò: va sul prossimo",
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
        "{count} differences between the tables and the event log",
        "{count} differenze tra le tabelle e il registro degli eventi",
        count="count",
        one_en="{count} difference between the tables and the event log",
        one_it="{count} differenza tra le tabelle e il registro degli eventi",
    ),
    Message(
        "log_agrees",
        "the tables agree with the event log",
        "le tabelle corrispondono al registro degli eventi",
    ),
    # starting on a home (station/app.py, station/db/safety.py, station/homelock.py)
    Message("warning", "warning: {what}", "attenzione: {what}"),
    Message(
        "settings_damaged",
        "the settings file {path} was damaged and set aside as {kept}; the bench runs on "
        "default settings: set them again (or repair that file and put it back)",
        "il file delle impostazioni {path} era danneggiato ed è stato messo da parte come "
        "{kept}; il banco usa le impostazioni predefinite: impostale di nuovo (o ripara quel "
        "file e rimettilo al suo posto)",
    ),
    Message(
        "home_busy",
        "{home} is already in use by {holder}: close that Station (one bench or sync per home) "
        "and try again",
        "{home} è già in uso da {holder}: chiudi quella Station (un banco o una "
        "sincronizzazione per cartella) e riprova",
    ),
    Message(
        "home_busy_unknown",
        "{home} is already in use by another process: close that Station (one bench or sync "
        "per home) and try again",
        "{home} è già in uso da un altro processo: chiudi quella Station (un banco o una "
        "sincronizzazione per cartella) e riprova",
    ),
    Message(
        "disk_full",
        "the disk holding {where} is full: free some space there and start again",
        "il disco che contiene {where} è pieno: libera spazio e riavvia",
    ),
    Message(
        "cannot_write_here",
        "cannot write {where} ({error}): check that this user may write there",
        "impossibile scrivere {where} ({error}): controlla che questo utente possa scriverci",
    ),
    Message("cannot_use", "cannot use {where}: {error}", "impossibile usare {where}: {error}"),
    Message(
        "db_locked",
        "the database {where} is locked by another program: close it (another Station, a "
        "backup or a database browser) and start again",
        "il database {where} è bloccato da un altro programma: chiudilo (un'altra Station, un "
        "backup o un visualizzatore di database) e riavvia",
    ),
    Message(
        "db_read_only",
        "cannot write the database {where}: check that this user may write to it",
        "impossibile scrivere il database {where}: controlla che questo utente possa scriverci",
    ),
    Message(
        "db_cannot_open",
        "cannot open the database {where}: {error}",
        "impossibile aprire il database {where}: {error}",
    ),
    Message(
        "db_upgrade_broken_references",
        "the upgrade left broken references: {detail}; restore the copy made before it",
        "l'aggiornamento ha lasciato riferimenti rotti: {detail}; ripristina la copia fatta prima",
    ),
    Message(
        "db_missing_backup",
        "the database {path} is missing but this home has been used; Station will not start an "
        "empty bench over it: restore the newest backup: copy {backup} to {path}",
        "il database {path} manca ma questa cartella è già stata usata; Station non avvia un "
        "banco vuoto al suo posto: ripristina il backup più recente: copia {backup} in {path}",
        dynamic=True,
    ),
    Message(
        "db_missing_no_backup",
        "the database {path} is missing but this home has been used; Station will not start an "
        "empty bench over it: no backup of it is in {folder}: restore {name} from your own "
        "backups",
        "il database {path} manca ma questa cartella è già stata usata; Station non avvia un "
        "banco vuoto al suo posto: in {folder} non c'è un suo backup: ripristina {name} dai tuoi "
        "backup",
        dynamic=True,
    ),
    Message(
        "db_empty_backup",
        "the database {path} is empty (0 bytes) but this home has been used; Station will not "
        "start an empty bench over it: restore the newest backup: copy {backup} to {path}",
        "il database {path} è vuoto (0 byte) ma questa cartella è già stata usata; Station non "
        "avvia un banco vuoto al suo posto: ripristina il backup più recente: copia {backup} "
        "in {path}",
        dynamic=True,
    ),
    Message(
        "db_empty_no_backup",
        "the database {path} is empty (0 bytes) but this home has been used; Station will not "
        "start an empty bench over it: no backup of it is in {folder}: restore {name} from "
        "your own backups",
        "il database {path} è vuoto (0 byte) ma questa cartella è già stata usata; Station non "
        "avvia un banco vuoto al suo posto: in {folder} non c'è un suo backup: ripristina "
        "{name} dai tuoi backup",
        dynamic=True,
    ),
    Message(
        "db_damaged_backup",
        "the database {path} is damaged (not a database Station can read): restore the newest "
        "backup: copy {backup} to {path}",
        "il database {path} è danneggiato (non è un database che Station sa leggere): "
        "ripristina il backup più recente: copia {backup} in {path}",
        dynamic=True,
    ),
    Message(
        "db_damaged_no_backup",
        "the database {path} is damaged (not a database Station can read): no backup of it is "
        "in {folder}: restore {name} from your own backups",
        "il database {path} è danneggiato (non è un database che Station sa leggere): in "
        "{folder} non c'è un suo backup: ripristina {name} dai tuoi backup",
        dynamic=True,
    ),
    Message(
        "secret_in_argv",
        "warning: --{name} shows in the process list while Station runs; leave it out to be "
        "asked for it (or pipe it on stdin)",
        "attenzione: --{name} è visibile nell'elenco dei processi mentre Station è in "
        "esecuzione; omettilo per inserirlo quando richiesto (o passalo su stdin)",
    ),
)
