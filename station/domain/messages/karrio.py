"""What the DHL Express and UPS adapters (through karrio) say: the carrier's refusal in its own
words, and what these carriers cannot do from here."""

from __future__ import annotations

from station.domain.messages.catalogue import Message, register

register(
    Message(
        "karrio_refused",
        "{carrier} refused the shipment ({code}): {reason}. Correct it and pack the parcel again.",
        "{carrier} ha rifiutato la spedizione ({code}): {reason}. Correggi e richiudi il collo.",
    ),
    Message(
        "karrio_labels_missing",
        "{carrier} sent fewer labels than parcels; the shipment was cancelled at {carrier}: pack "
        "the parcel again.",
        "{carrier} ha inviato meno etichette dei colli; la spedizione è stata annullata presso "
        "{carrier}: richiudi il collo.",
    ),
    Message(
        "karrio_answer_unreadable",
        "{carrier} answered with something that is not its API's answer: check the account's URL "
        "with 'station carrier test {carrier}'.",
        "{carrier} ha risposto con qualcosa che non è la risposta della sua API: controlla l'URL "
        "dell'account con 'station carrier test {carrier}'.",
    ),
    Message(
        "karrio_no_cod",
        "Order {number} is cash on delivery, which Station cannot ask of {carrier}: ship it with "
        "a carrier that collects it (BRT, GLS).",
        "L'ordine {number} è in contrassegno, che Station non può chiedere a {carrier}: spediscilo "
        "con un corriere che lo incassa (BRT, GLS).",
    ),
    Message(
        "dhl_cannot_void",
        "DHL Express has no call to cancel shipment {number}: ask DHL's customer service to "
        "cancel it, and do not hand the parcel over.",
        "DHL Express non ha una chiamata per annullare la spedizione {number}: chiedi al servizio "
        "clienti DHL di annullarla, e non consegnare il collo.",
    ),
    Message(
        "karrio_missing",
        "{carrier} labels need the karrio packages, which this installation lacks: install "
        "Station with its 'karrio' extra.",
        "Le etichette {carrier} richiedono i pacchetti karrio, che questa installazione non ha: "
        "installa Station con l'extra 'karrio'.",
    ),
    Message(
        "carrier_test_karrio_ok",
        "{carrier} answers: it accepts the account.",
        "{carrier} risponde: accetta l'account.",
    ),
)
