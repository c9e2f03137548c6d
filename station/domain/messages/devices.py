"""What the bench says about its devices: scales, scanners, printers.

One sentence each: what happened and what to do. Devices and the health summary carry codes;
they become text only at the edge, in the operator's language. Entries marked `dynamic` are
picked from a table by device state (a scale's `ScaleState`, a printer's status flags).
"""

from __future__ import annotations

from station.domain.messages.catalogue import Message, register

register(
    Message("device_ok", "Working.", "Funziona."),
    Message(
        "not_configured",
        "Not configured; choose one in the settings if this bench has one.",
        "Non configurato; sceglilo nelle impostazioni se il banco ne ha uno.",
    ),
    Message(
        "scale_connecting",
        "Connecting to the scale on {port}; wait a moment.",
        "Connessione alla bilancia su {port}; attendi un momento.",
    ),
    Message(
        "scale_offline",
        "The scale on {port} does not answer: check its power and cable.",
        "La bilancia su {port} non risponde: controlla alimentazione e cavo.",
    ),
    Message(
        "scale_empty",
        "Nothing is on the scale: put the parcel on it and weigh again.",
        "La bilancia è vuota: appoggia il collo e ripesa.",
    ),
    Message(
        "scale_disconnected",
        "The scale on {port} was unplugged: plug it back in, it reconnects by itself.",
        "La bilancia su {port} è stata scollegata: ricollegala, si riconnette da sola.",
    ),
    Message(
        "scale_no_port",
        "Port {port} does not exist: plug the scale in or pick a port from `station devices list`.",
        "La porta {port} non esiste: collega la bilancia o scegli una porta da `station devices "
        "list`.",
    ),
    Message(
        "scale_cannot_open",
        "Port {port} cannot be opened ({detail}): close the program using it or fix its "
        "permissions.",
        "La porta {port} non si apre ({detail}): chiudi il programma che la usa o correggi i "
        "permessi.",
    ),
    Message(
        "scale_motion",
        "The weight did not settle: leave the parcel still on the scale and weigh again.",
        "Il peso non si è stabilizzato: lascia fermo il collo sulla bilancia e ripesa.",
    ),
    Message(
        "scale_overload",
        "The scale is overloaded: take the parcel off and use a scale with more capacity.",
        "La bilancia è in sovraccarico: togli il collo e usa una bilancia di portata maggiore.",
        dynamic=True,
    ),
    Message(
        "scale_underload",
        "The scale reads below zero: put the pan in place, empty the scale and zero it.",
        "La bilancia legge sotto zero: rimetti il piatto, svuota la bilancia e azzerala.",
        dynamic=True,
    ),
    Message(
        "scale_error",
        "The scale reports an error ({detail}): read its display and follow its manual.",
        "La bilancia segnala un errore ({detail}): leggi il display e segui il suo manuale.",
        dynamic=True,
    ),
    Message(
        "scale_wrong_protocol",
        "The scale on {port} answers, but not in protocol {protocol}: try --protocol auto.",
        "La bilancia su {port} risponde, ma non con il protocollo {protocol}: prova --protocol "
        "auto.",
    ),
    Message(
        "scale_no_protocol",
        "No known scale protocol answers on {port}: check the baud rate and the scale's output "
        "settings.",
        "Nessun protocollo di bilancia noto risponde su {port}: controlla velocità e impostazioni "
        "di uscita della bilancia.",
    ),
    Message(
        "scanner_offline",
        "The scanner on {port} is unplugged: plug it back in, it reconnects by itself.",
        "Lo scanner su {port} è scollegato: ricollegalo, si riconnette da solo.",
    ),
    Message(
        "wedge_unplugged",
        "The scanner {device} is unplugged: plug its USB cable back in, or scan from another "
        "scanner.",
        "Lo scanner {device} è scollegato: ricollega il suo cavo USB, o scansiona con un altro "
        "scanner.",
    ),
    Message(
        "scanner_no_port",
        "Port {port} does not exist: plug the scanner in or pick a port from `station devices "
        "list`.",
        "La porta {port} non esiste: collega lo scanner o scegli una porta da `station devices "
        "list`.",
    ),
    Message(
        "printer_refused",
        "The printer at {address} refused the connection: check it is on and on the network, then "
        "retry.",
        "La stampante {address} ha rifiutato la connessione: controlla che sia accesa e in rete, "
        "poi riprova.",
    ),
    Message(
        "printer_hung_up",
        "The printer at {address} closed the connection: check it for errors, then retry.",
        "La stampante {address} ha chiuso la connessione: controlla se segnala errori, poi "
        "riprova.",
    ),
    Message(
        "printer_timeout",
        "The printer at {address} did not answer in time: check it is on, then retry.",
        "La stampante {address} non ha risposto in tempo: controlla che sia accesa, poi riprova.",
    ),
    Message(
        "printer_silent",
        "The printer at {address} took the connection but said nothing for {seconds} s: the "
        "label was not printed; check the printer is on and not in error, then retry.",
        "La stampante {address} ha accettato la connessione ma non ha risposto per {seconds} s: "
        "l'etichetta non è stata stampata; controlla che sia accesa e senza errori, poi riprova.",
    ),
    Message(
        "print_crashed",
        "The bench could not send this job ({detail}): retry it, or print the saved copy.",
        "Il banco non è riuscito a inviare questa stampa ({detail}): riprovala, o stampa la copia "
        "salvata.",
    ),
    Message(
        "print_resumed",
        "The bench stopped while sending {name}: it is sent again now.",
        "Il banco si è fermato durante l'invio di {name}: viene inviata di nuovo ora.",
    ),
    Message(
        "print_interrupted",
        "The bench stopped twice while sending this job: check the printer, then retry it.",
        "Il banco si è fermato due volte durante l'invio di questa stampa: controlla la stampante, "
        "poi riprovala.",
    ),
    Message(
        "print_state_set_aside",
        "The print list {path} was damaged and was set aside as {aside}; check the labels of "
        "today were printed.",
        "L'elenco di stampa {path} era danneggiato ed è stato messo da parte come {aside}; "
        "controlla che le etichette di oggi siano state stampate.",
    ),
    Message(
        "print_state_not_saved",
        "The print list {path} cannot be saved ({detail}): free disk space; the bench keeps "
        "printing and saves it again.",
        "L'elenco di stampa {path} non si può salvare ({detail}): libera spazio sul disco; il banco "
        "continua a stampare e riprova a salvarlo.",
    ),
    Message(
        "print_state_saved",
        "The print lists are saved again.",
        "Gli elenchi di stampa sono di nuovo salvati.",
    ),
    Message(
        "printer_unreachable",
        "The printer at {address} cannot be reached ({detail}): check the address and the network.",
        "La stampante {address} non è raggiungibile ({detail}): controlla indirizzo e rete.",
    ),
    Message(
        "printer_paper_out",
        "The printer is out of labels: load labels, then retry.",
        "Nella stampante sono finite le etichette: caricale, poi riprova.",
        dynamic=True,
    ),
    Message(
        "printer_paused",
        "The printer is paused: press its pause key, then retry.",
        "La stampante è in pausa: premi il tasto pausa, poi riprova.",
        dynamic=True,
    ),
    Message(
        "printer_head_open",
        "The printer head is open: close it, then retry.",
        "La testina della stampante è aperta: chiudila, poi riprova.",
        dynamic=True,
    ),
    Message(
        "printer_ribbon_out",
        "The printer is out of ribbon: load a ribbon, then retry.",
        "Nella stampante è finito il nastro: caricane uno, poi riprova.",
        dynamic=True,
    ),
    Message(
        "printer_jobs_failed",
        "{count} print jobs did not print: retry them or send them to another printer.",
        "{count} stampe non sono uscite: ristampale o inviale a un'altra stampante.",
        count="count",
        one_en="{count} print job did not print: retry it or send it to another printer.",
        one_it="{count} stampa non è uscita: ristampala o inviala a un'altra stampante.",
    ),
    Message(
        "cups_missing",
        "The `lp` command is missing: install CUPS or choose another printer.",
        "Manca il comando `lp`: installa CUPS o scegli un'altra stampante.",
    ),
    Message(
        "cups_failed",
        "CUPS did not take the job for queue {queue} ({detail}): check the queue, then retry.",
        "CUPS non ha accettato la stampa per la coda {queue} ({detail}): controlla la coda, poi "
        "riprova.",
    ),
    Message(
        "folder_failed",
        "Labels cannot be written to {path} ({detail}): check the folder exists and is writable.",
        "Non si possono scrivere etichette in {path} ({detail}): controlla che la cartella esista "
        "e sia scrivibile.",
    ),
    Message(
        "unknown_job",
        "There is no print job {job}: refresh the list and try again.",
        "La stampa {job} non esiste: aggiorna l'elenco e riprova.",
    ),
    Message(
        "qt_printer_missing",
        "The system has no printer named {printer}: check its name in the system's printer "
        "settings, or choose another printer.",
        "Il sistema non ha una stampante di nome {printer}: controlla il nome nelle impostazioni "
        "stampanti del sistema, o scegli un'altra stampante.",
    ),
    Message(
        "qt_no_default",
        "The system has no default printer: set one in the system's printer settings, or choose a "
        "printer by name (qt:NAME).",
        "Il sistema non ha una stampante predefinita: impostala nelle impostazioni stampanti del "
        "sistema, o scegli una stampante per nome (qt:NOME).",
    ),
    Message(
        "qt_printer_failed",
        "The system printer {printer} did not take the job: check it in the system's printer "
        "settings, then retry.",
        "La stampante di sistema {printer} non ha accettato la stampa: controllala nelle "
        "impostazioni stampanti del sistema, poi riprova.",
    ),
    Message(
        "qt_bad_document",
        "The system printer {printer} cannot print this job ({detail}): reprint the document from "
        "its order.",
        "La stampante di sistema {printer} non può stampare questo lavoro ({detail}): ristampa il "
        "documento dal suo ordine.",
    ),
    Message(
        "qt_window_only",
        "System printers (qt:NAME) print from the window only: start the bench without --console, "
        "or choose cups:QUEUE.",
        "Le stampanti di sistema (qt:NOME) stampano solo dalla finestra: avvia il banco senza "
        "--console, o scegli cups:CODA.",
    ),
    # the bench printer (station.printing)
    Message(
        "not_for_zpl",
        "A label printer cannot print the {document} of order {order}; it is saved at {path}.",
        "Una stampante di etichette non può stampare il {document} dell'ordine {order}; è "
        "salvato in {path}.",
    ),
    Message(
        "no_copy",
        "The {kind} copy of {name} is missing ({path}): print it with `station label {order}`.",
        "Manca la copia {kind} di {name} ({path}): stampala con `station label {order}`.",
    ),
    Message(
        "bad_spec",
        "Unknown printer {spec!r}: use folder, folder:DIR, zpl:HOST[:PORT], cups:QUEUE, or "
        "qt:NAME for a system printer.",
        "Stampante {spec!r} sconosciuta: usa folder, folder:DIR, zpl:HOST[:PORT], cups:CODA, o "
        "qt:NOME per una stampante di sistema.",
    ),
)
