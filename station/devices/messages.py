"""What the bench tells the operator about its devices, keyed by code, in English and Italian.

Each message is one sentence saying what happened and what to do. Codes are stable: the UI and the
health summary carry codes, and only turn them into text at the edge, in the operator's language.
"""

from __future__ import annotations

from collections import defaultdict

MESSAGES: dict[str, dict[str, str]] = {
    "en": {
        "device_ok": "Working.",
        "not_configured": "Not configured; choose one in the settings if this bench has one.",
        "scale_connecting": "Connecting to the scale on {port}; wait a moment.",
        "scale_offline": "The scale on {port} does not answer: check its power and cable.",
        "scale_empty": "Nothing is on the scale: put the parcel on it and weigh again.",
        "scale_disconnected": "The scale on {port} was unplugged: plug it back in, it reconnects by itself.",
        "scale_no_port": "Port {port} does not exist: plug the scale in or pick a port from `station devices list`.",
        "scale_cannot_open": "Port {port} cannot be opened ({detail}): close the program using it or fix its permissions.",
        "scale_motion": "The weight did not settle: leave the parcel still on the scale and weigh again.",
        "scale_overload": "The scale is overloaded: take the parcel off and use a scale with more capacity.",
        "scale_underload": "The scale reads below zero: put the pan in place, empty the scale and zero it.",
        "scale_error": "The scale reports an error ({detail}): read its display and follow its manual.",
        "scale_wrong_protocol": "The scale on {port} answers, but not in protocol {protocol}: try --protocol auto.",
        "scale_no_protocol": "No known scale protocol answers on {port}: check the baud rate and the scale's output settings.",
        "scale_no_command": "This scale has no {command} command over its cable: use the key on the scale.",
        "scanner_offline": "The scanner on {port} is unplugged: plug it back in, it reconnects by itself.",
        "scanner_no_port": "Port {port} does not exist: plug the scanner in or pick a port from `station devices list`.",
        "printer_refused": "The printer at {address} refused the connection: check it is on and on the network, then retry.",
        "printer_hung_up": "The printer at {address} closed the connection: check it for errors, then retry.",
        "printer_timeout": "The printer at {address} did not answer in time: check it is on, then retry.",
        "printer_unreachable": "The printer at {address} cannot be reached ({detail}): check the address and the network.",
        "printer_paper_out": "The printer is out of labels: load labels, then retry.",
        "printer_paused": "The printer is paused: press its pause key, then retry.",
        "printer_head_open": "The printer head is open: close it, then retry.",
        "printer_ribbon_out": "The printer is out of ribbon: load a ribbon, then retry.",
        "printer_jobs_failed": "{count} print job(s) did not print: retry them or send them to another printer.",
        "cups_missing": "The `lp` command is missing: install CUPS or choose another printer.",
        "cups_failed": "CUPS did not take the job for queue {queue} ({detail}): check the queue, then retry.",
        "folder_failed": "Labels cannot be written to {path} ({detail}): check the folder exists and is writable.",
        "unknown_job": "There is no print job {job}: refresh the list and try again.",
        "qt_printer_missing": "The system has no printer named {printer}: check its name in the system's printer settings, or choose another printer.",
        "qt_no_default": "The system has no default printer: set one in the system's printer settings, or choose a printer by name (qt:NAME).",
        "qt_printer_failed": "The system printer {printer} did not take the job: check it in the system's printer settings, then retry.",
        "qt_bad_document": "The system printer {printer} cannot print this job ({detail}): reprint the document from its order.",
        "qt_window_only": "System printers (qt:NAME) print from the window only: start the bench without --console, or choose cups:QUEUE.",
    },
    "it": {
        "device_ok": "Funziona.",
        "not_configured": "Non configurato; sceglilo nelle impostazioni se il banco ne ha uno.",
        "scale_connecting": "Connessione alla bilancia su {port}; attendi un momento.",
        "scale_offline": "La bilancia su {port} non risponde: controlla alimentazione e cavo.",
        "scale_empty": "La bilancia è vuota: appoggia il collo e ripesa.",
        "scale_disconnected": "La bilancia su {port} è stata scollegata: ricollegala, si riconnette da sola.",
        "scale_no_port": "La porta {port} non esiste: collega la bilancia o scegli una porta da `station devices list`.",
        "scale_cannot_open": "La porta {port} non si apre ({detail}): chiudi il programma che la usa o correggi i permessi.",
        "scale_motion": "Il peso non si è stabilizzato: lascia fermo il collo sulla bilancia e ripesa.",
        "scale_overload": "La bilancia è in sovraccarico: togli il collo e usa una bilancia di portata maggiore.",
        "scale_underload": "La bilancia legge sotto zero: rimetti il piatto, svuota la bilancia e azzerala.",
        "scale_error": "La bilancia segnala un errore ({detail}): leggi il display e segui il suo manuale.",
        "scale_wrong_protocol": "La bilancia su {port} risponde, ma non con il protocollo {protocol}: prova --protocol auto.",
        "scale_no_protocol": "Nessun protocollo di bilancia noto risponde su {port}: controlla velocità e impostazioni di uscita della bilancia.",
        "scale_no_command": "Questa bilancia non accetta il comando {command} dal cavo: usa il tasto sulla bilancia.",
        "scanner_offline": "Lo scanner su {port} è scollegato: ricollegalo, si riconnette da solo.",
        "scanner_no_port": "La porta {port} non esiste: collega lo scanner o scegli una porta da `station devices list`.",
        "printer_refused": "La stampante {address} ha rifiutato la connessione: controlla che sia accesa e in rete, poi riprova.",
        "printer_hung_up": "La stampante {address} ha chiuso la connessione: controlla se segnala errori, poi riprova.",
        "printer_timeout": "La stampante {address} non ha risposto in tempo: controlla che sia accesa, poi riprova.",
        "printer_unreachable": "La stampante {address} non è raggiungibile ({detail}): controlla indirizzo e rete.",
        "printer_paper_out": "Nella stampante sono finite le etichette: caricale, poi riprova.",
        "printer_paused": "La stampante è in pausa: premi il tasto pausa, poi riprova.",
        "printer_head_open": "La testina della stampante è aperta: chiudila, poi riprova.",
        "printer_ribbon_out": "Nella stampante è finito il nastro: caricane uno, poi riprova.",
        "printer_jobs_failed": "{count} stampe non sono uscite: ristampale o inviale a un'altra stampante.",
        "cups_missing": "Manca il comando `lp`: installa CUPS o scegli un'altra stampante.",
        "cups_failed": "CUPS non ha accettato la stampa per la coda {queue} ({detail}): controlla la coda, poi riprova.",
        "folder_failed": "Non si possono scrivere etichette in {path} ({detail}): controlla che la cartella esista e sia scrivibile.",
        "unknown_job": "La stampa {job} non esiste: aggiorna l'elenco e riprova.",
        "qt_printer_missing": "Il sistema non ha una stampante di nome {printer}: controlla il nome nelle impostazioni stampanti del sistema, o scegli un'altra stampante.",
        "qt_no_default": "Il sistema non ha una stampante predefinita: impostala nelle impostazioni stampanti del sistema, o scegli una stampante per nome (qt:NOME).",
        "qt_printer_failed": "La stampante di sistema {printer} non ha accettato la stampa: controllala nelle impostazioni stampanti del sistema, poi riprova.",
        "qt_bad_document": "La stampante di sistema {printer} non può stampare questo lavoro ({detail}): ristampa il documento dal suo ordine.",
        "qt_window_only": "Le stampanti di sistema (qt:NOME) stampano solo dalla finestra: avvia il banco senza --console, o scegli cups:CODA.",
    },
}


def message(code: str, lang: str = "en", **fields: object) -> str:
    """The sentence for `code` in `lang` (English when missing); unknown fields print as `?`."""
    texts = MESSAGES.get(lang, MESSAGES["en"])
    template = texts.get(code) or MESSAGES["en"].get(code) or code
    values: defaultdict[str, object] = defaultdict(lambda: "?", fields)
    return template.format_map(values)
