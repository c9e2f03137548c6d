"""What carriers' adapters and `station carrier ...` say: a carrier's refusal in its own words,
a carrier out of reach, an account that is not usable."""

from __future__ import annotations

from station.domain.messages.catalogue import Message, register

register(
    Message(
        "brt_refused",
        "BRT refused the shipment ({code}): {reason}. Correct it and pack the parcel again.",
        "BRT ha rifiutato la spedizione ({code}): {reason}. Correggi e richiudi il collo.",
    ),
    Message(
        "brt_labels_missing",
        "{carrier} sent fewer labels than parcels; the shipment was cancelled at {carrier}: pack "
        "the parcel again.",
        "{carrier} ha inviato meno etichette dei colli; la spedizione è stata annullata presso "
        "{carrier}: richiudi il collo.",
    ),
    Message(
        "brt_answer_unreadable",
        "{carrier} answered with something that is not its API's answer: check the account's URL "
        "with 'station carrier test {carrier}'.",
        "{carrier} ha risposto con qualcosa che non è la risposta della sua API: controlla l'URL "
        "dell'account con 'station carrier test {carrier}'.",
    ),
    Message(
        "brt_too_many_parcels",
        "BRT takes at most 30 parcels per shipment, this order has {count}: split it.",
        "BRT accetta al massimo 30 colli per spedizione, questo ordine ne ha {count}: dividilo.",
    ),
    Message(
        "carrier_timeout",
        "{carrier} did not answer within {seconds} s.",
        "{carrier} non ha risposto entro {seconds} s.",
    ),
    Message(
        "carrier_unreachable",
        "{carrier} cannot be reached: check the network.",
        "{carrier} non è raggiungibile: controlla la rete.",
    ),
    Message(
        "carrier_down",
        "{carrier} is not answering (HTTP {status}): it may be in its maintenance window.",
        "{carrier} non risponde (HTTP {status}): potrebbe essere in manutenzione.",
    ),
    Message(
        "carrier_answer_unreadable",
        "{carrier} answered HTTP {status} with something unreadable.",
        "{carrier} ha risposto HTTP {status} con qualcosa di illeggibile.",
    ),
    Message(
        "carrier_secrets_missing",
        "The {carrier} account has no password stored: add it again with 'station carrier add'.",
        "L'account {carrier} non ha una password salvata: aggiungilo di nuovo con "
        "'station carrier add'.",
    ),
    Message(
        "carrier_account_bad",
        "The {carrier} account in station.toml is incomplete: add it again with "
        "'station carrier add'.",
        "L'account {carrier} in station.toml è incompleto: aggiungilo di nuovo con "
        "'station carrier add'.",
    ),
    # station carrier add | list | test
    Message(
        "carrier_added",
        "Carrier {carrier} added ({kind}); its password is kept in {where}.",
        "Corriere {carrier} aggiunto ({kind}); la sua password è custodita in {where}.",
    ),
    Message(
        "carrier_not_configured",
        "No account for carrier {carrier}: add one with 'station carrier add'.",
        "Nessun account per il corriere {carrier}: aggiungilo con 'station carrier add'.",
    ),
    Message(
        "carrier_test_ok",
        "{carrier} answers: a parcel to the sender's own address is routed to depot {routing}.",
        "{carrier} risponde: un collo all'indirizzo del mittente va alla filiale {routing}.",
    ),
    Message(
        "carrier_test_gls_ok",
        "{carrier} answers: it holds {count} shipments of this account from the last 4 months.",
        "{carrier} risponde: ha {count} spedizioni di questo account negli ultimi 4 mesi.",
        count="count",
        one_en="{carrier} answers: it holds {count} shipment of this account from the last 4 months.",
        one_it="{carrier} risponde: ha {count} spedizione di questo account negli ultimi 4 mesi.",
    ),
    Message(
        "carrier_test_not_supported",
        "Carrier {carrier} ({kind}) needs no network: there is nothing to test.",
        "Il corriere {carrier} ({kind}) non usa la rete: non c'è niente da provare.",
    ),
    Message(
        "carrier_password_needed",
        "A password is needed: type it when asked, or give it on stdin.",
        "Serve una password: scrivila quando richiesta, o passala su stdin.",
    ),
)

register(
    Message(
        "courier_label_to_follow",
        "COURIER LABEL TO FOLLOW",
        "ETICHETTA CORRIERE IN ARRIVO",
    ),
    Message(
        "label_pending_warning",
        "{carrier} did not answer: parcel {seq} of order {number} has an internal label; keep it "
        "on the pending shelf, its {carrier} label prints here by itself when {carrier} answers.",
        "{carrier} non ha risposto: il collo {seq} dell'ordine {number} ha un'etichetta interna; "
        "tienilo sullo scaffale in attesa, la sua etichetta {carrier} si stampa qui da sola "
        "quando {carrier} risponde.",
    ),
    Message(
        "labels_waiting",
        "{count} parcels wait for their carrier's label",
        "{count} colli attendono l'etichetta del corriere",
        count="count",
        one_en="{count} parcel waits for its carrier's label",
        one_it="{count} collo attende l'etichetta del corriere",
    ),
)

register(
    Message(
        "carrier_label_format",
        "The carrier sent order {number}'s labels as {kept}, not {format}; ask for --format {kept}.",
        "Il corriere ha inviato le etichette dell'ordine {number} come {kept}, non {format}; "
        "chiedi --format {kept}.",
    ),
)

register(
    Message(
        "gls_refused",
        "{carrier} refused the parcel: {reason}. Correct it and pack the parcel again.",
        "{carrier} ha rifiutato il collo: {reason}. Correggi e richiudi il collo.",
    ),
    Message(
        "gls_answer_unreadable",
        "{carrier} answered with something that is not its label service's answer: check the "
        "account's URL.",
        "{carrier} ha risposto con qualcosa che non è la risposta del suo servizio etichette: "
        "controlla l'URL dell'account.",
    ),
)

register(
    Message(
        "poste_refused",
        "{carrier} refused the waybill ({code}): {reason}. Correct it and pack the parcel again.",
        "{carrier} ha rifiutato la lettera di vettura ({code}): {reason}. Correggi e richiudi "
        "il collo.",
    ),
    Message(
        "poste_login_refused",
        "{carrier} refused the account's client ID or secret ({reason}): add the account again "
        "with 'station carrier add poste'.",
        "{carrier} ha rifiutato client ID o secret dell'account ({reason}): aggiungi di nuovo "
        "l'account con 'station carrier add poste'.",
    ),
    Message(
        "poste_answer_unreadable",
        "{carrier} answered with something that is not its API's answer: check the account's URL "
        "with 'station carrier test {carrier}'.",
        "{carrier} ha risposto con qualcosa che non è la risposta della sua API: controlla l'URL "
        "dell'account con 'station carrier test {carrier}'.",
    ),
    Message(
        "poste_label_missing",
        "{carrier} created waybill {number} but its label could not be downloaded (HTTP "
        "{status}): pack the parcel again.",
        "{carrier} ha creato la lettera di vettura {number} ma la sua etichetta non si è potuta "
        "scaricare (HTTP {status}): richiudi il collo.",
    ),
    Message(
        "poste_cannot_void",
        "{carrier} has no way to cancel a waybill through its API ({numbers}): do not hand the "
        "parcel over, and ask Poste's business support to cancel it.",
        "{carrier} non permette di annullare una lettera di vettura tramite la sua API "
        "({numbers}): non consegnare il collo e chiedi l'annullamento all'assistenza business "
        "di Poste.",
    ),
    Message(
        "carrier_test_poste_ok",
        "{carrier} answers: Poste opened a session for client ID {client_id}.",
        "{carrier} risponde: Poste ha aperto una sessione per il client ID {client_id}.",
    ),
)

# station carrier track: our own statuses, whatever each carrier calls them
register(
    Message(
        "track_status_registered",
        "registered, not yet taken by the carrier",
        "registrata, non ancora presa in carico dal corriere",
        dynamic=True,
    ),
    Message(
        "track_status_in_transit",
        "in transit",
        "in transito",
        dynamic=True,
    ),
    Message(
        "track_status_out_for_delivery",
        "out for delivery",
        "in consegna",
        dynamic=True,
    ),
    Message(
        "track_status_held",
        "waiting at a depot or pickup point",
        "in giacenza presso un deposito o punto di ritiro",
        dynamic=True,
    ),
    Message(
        "track_status_delivered",
        "delivered",
        "consegnata",
        dynamic=True,
    ),
    Message(
        "track_status_returning",
        "on its way back to the sender",
        "in rientro al mittente",
        dynamic=True,
    ),
    Message(
        "track_status_exception",
        "not delivered: someone must look at it",
        "non consegnata: serve un controllo",
        dynamic=True,
    ),
    Message(
        "track_status_unknown",
        "a status this release does not know",
        "uno stato che questa versione non conosce",
        dynamic=True,
    ),
    Message(
        "track_parcel",
        "Order {order} parcel {seq}, {carrier} {number}: {status}.",
        "Ordine {order} collo {seq}, {carrier} {number}: {status}.",
    ),
    Message(
        "track_failed",
        "Order {order} parcel {seq}, {carrier} {number}: {reason}",
        "Ordine {order} collo {seq}, {carrier} {number}: {reason}",
    ),
    Message(
        "track_label_pending",
        "its {carrier} label is still pending, so there is nothing to track yet.",
        "la sua etichetta {carrier} è ancora in attesa, quindi non c'è ancora niente da tracciare.",
    ),
    Message(
        "carrier_track_not_supported",
        "{carrier} ({kind}) cannot be asked where a parcel is; look it up on the carrier's site.",
        "A {carrier} ({kind}) non si può chiedere dove sia un collo; cercalo sul sito del "
        "corriere.",
    ),
    Message(
        "carrier_track_nothing",
        "No parcel has tracking number {wanted}, and no order with that number was shipped.",
        "Nessun collo ha il numero di tracking {wanted}, e nessun ordine con quel numero è "
        "stato spedito.",
    ),
)

register(
    Message(
        "void_nothing",
        "Order {number} has no carrier label to cancel.",
        "L'ordine {number} non ha etichette del corriere da annullare.",
    ),
    Message(
        "void_refused",
        "{carrier} keeps order {number}'s shipment ({reason}), so it leaves as labelled.",
        "{carrier} mantiene la spedizione dell'ordine {number} ({reason}), quindi parte come "
        "etichettata.",
    ),
    Message(
        "void_carrier_away",
        "{carrier} did not answer, so order {number}'s shipment is not cancelled: try again when "
        "{carrier} is reachable.",
        "{carrier} non ha risposto, quindi la spedizione dell'ordine {number} non è annullata: "
        "riprova quando {carrier} è raggiungibile.",
    ),
    Message(
        "void_not_at_carrier",
        "Station cannot cancel shipments at {carrier}: cancel order {number}'s at {carrier} "
        "itself.",
        "Station non può annullare spedizioni presso {carrier}: annulla quella dell'ordine "
        "{number} direttamente presso {carrier}.",
    ),
    Message(
        "lead_voided_relabel",
        "Order {number}: the {carrier} shipment is cancelled; its parcels get new labels at the "
        "bench that packed them.",
        "Ordine {number}: la spedizione {carrier} è annullata; i suoi colli ricevono nuove "
        "etichette al banco che li ha imballati.",
    ),
    Message(
        "lead_voided_cancelled",
        "Order {number}: the {carrier} shipment is cancelled; the order stays cancelled.",
        "Ordine {number}: la spedizione {carrier} è annullata; l'ordine resta annullato.",
    ),
)

register(
    Message(
        "brt_routing_unreachable",
        "{carrier} could not route the parcel ({reason}); no number was taken: weigh the parcel "
        "again when {carrier} answers.",
        "{carrier} non ha potuto instradare il collo ({reason}); nessun numero è stato preso: "
        "ripesa il collo quando {carrier} risponde.",
    ),
)

register(
    Message(
        "carrier_rule_added",
        "Rule {n} added: shipping method {match} goes by {carrier}.",
        "Regola {n} aggiunta: il metodo di spedizione {match} va con {carrier}.",
    ),
    Message(
        "carrier_rule_removed",
        "Rule {n} ({match}) removed.",
        "Regola {n} ({match}) rimossa.",
    ),
    Message(
        "carrier_rule_unknown",
        "There is no rule {n}: 'station carrier rule list' shows them.",
        "Non c'è la regola {n}: 'station carrier rule list' le mostra.",
    ),
    Message(
        "carrier_rule_bad_pattern",
        "{match} is not a regular expression Station can read: correct the part after 're:'.",
        "{match} non è un'espressione regolare che Station sa leggere: correggi la parte dopo "
        "'re:'.",
    ),
    Message(
        "carrier_rules_none",
        "No carrier rules: parcels go by the carrier their order was imported with.",
        "Nessuna regola corriere: i colli vanno con il corriere con cui l'ordine è stato importato.",
    ),
)

register(
    Message(
        "brt_own_needs_series",
        "Own BRT labels need the series BRT gave the customer code: add --series NN.",
        "Le etichette BRT proprie richiedono la serie data da BRT al codice cliente: aggiungi "
        "--series NN.",
    ),
)

register(
    Message(
        "manifest_agrees",
        "The {carrier} manifest agrees with {carrier}'s records: {count} parcels.",
        "Il borderò {carrier} concorda con i dati di {carrier}: {count} colli.",
        count="count",
        one_en="The {carrier} manifest agrees with {carrier}'s records: {count} parcel.",
        one_it="Il borderò {carrier} concorda con i dati di {carrier}: {count} collo.",
    ),
    Message(
        "manifest_not_compared",
        "{carrier} did not list its shipments, so the manifest was not compared with its records: "
        "check them on {carrier}'s site.",
        "{carrier} non ha elencato le sue spedizioni, quindi il borderò non è stato confrontato "
        "con i suoi dati: controllali sul sito di {carrier}.",
    ),
    Message(
        "manifest_not_at_carrier",
        "{count} parcels on the {carrier} manifest are not in {carrier}'s records: {numbers}; "
        "keep them back and label them again.",
        "{count} colli del borderò {carrier} non sono nei dati di {carrier}: {numbers}; "
        "trattienili ed etichettali di nuovo.",
        count="count",
        one_en="{count} parcel on the {carrier} manifest is not in {carrier}'s records: "
        "{numbers}; keep it back and label it again.",
        one_it="{count} collo del borderò {carrier} non è nei dati di {carrier}: {numbers}; "
        "trattienilo ed etichettalo di nuovo.",
    ),
    Message(
        "manifest_unknown_at_carrier",
        "{carrier} holds {count} shipments Station did not ship: {numbers}; delete them at "
        "{carrier} or find their parcels.",
        "{carrier} ha {count} spedizioni che Station non ha spedito: {numbers}; cancellale "
        "presso {carrier} o trova i loro colli.",
        count="count",
        one_en="{carrier} holds {count} shipment Station did not ship: {numbers}; delete it at "
        "{carrier} or find its parcel.",
        one_it="{carrier} ha {count} spedizione che Station non ha spedito: {numbers}; "
        "cancellala presso {carrier} o trova il suo collo.",
    ),
)

register(
    Message(
        "label_asked",
        "{carrier} was asked for the label; no answer is recorded yet.",
        "A {carrier} è stata chiesta l'etichetta; nessuna risposta è ancora registrata.",
    ),
    Message(
        "label_voided",
        "Its {carrier} label was voided; a new one is being asked for.",
        "La sua etichetta {carrier} è stata annullata; se ne sta chiedendo una nuova.",
    ),
)
