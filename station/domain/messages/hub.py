"""What the warehouse hub says: preparing and joining it, its benches, replication rounds.
Sentences name the hub by its address without the password."""

from __future__ import annotations

from station.domain.messages.catalogue import Message, register

register(
    Message(
        "hub_url_invalid",
        "The hub's address is not a database URL; give one like "
        "postgresql+psycopg://user:password@host/warehouse",
        "L'indirizzo dell'hub non è un URL di database; indicane uno come "
        "postgresql+psycopg://utente:password@host/magazzino",
    ),
    Message(
        "hub_needs_postgresql",
        "A warehouse hub is a PostgreSQL database ({url} is not); give a "
        "postgresql+psycopg:// address",
        "L'hub di magazzino è un database PostgreSQL ({url} non lo è); indica un indirizzo "
        "postgresql+psycopg://",
    ),
    Message(
        "hub_unreachable",
        "The hub {url} cannot be reached ({error}); check the network and that PostgreSQL runs "
        "there. The bench keeps packing and catches up when the hub is back",
        "L'hub {url} non è raggiungibile ({error}); controlla la rete e che PostgreSQL sia "
        "attivo. Il banco continua a imballare e si allinea quando l'hub torna",
    ),
    Message(
        "hub_not_initialised",
        "{url} is not a hub yet; prepare it first with: station hub init --db URL",
        "{url} non è ancora un hub; preparalo prima con: station hub init --db URL",
    ),
    Message(
        "hub_ready",
        "Hub ready at {url}; join each bench with: station bench join --hub URL --name NAME",
        "Hub pronto su {url}; collega ogni banco con: station bench join --hub URL --name NOME",
    ),
    Message(
        "bench_joined",
        "Bench {bench} joined the hub {url} (its address is kept in {where}); "
        "`station sync --once` replicates now",
        "Il banco {bench} fa parte dell'hub {url} (l'indirizzo è conservato in {where}); "
        "`station sync --once` replica subito",
    ),
    Message(
        "bench_join_needs",
        "Joining a hub needs both --hub URL and --name NAME",
        "Per collegarsi a un hub servono sia --hub URL sia --name NOME",
    ),
    Message(
        "bench_not_on_hub",
        "The hub does not know bench {bench}; join it again with: "
        "station bench join --hub URL --name {bench}",
        "L'hub non conosce il banco {bench}; ricollegalo con: "
        "station bench join --hub URL --name {bench}",
    ),
    Message(
        "hub_not_joined",
        "This bench is not part of a hub; give --hub URL or join one with "
        "station bench join --hub URL --name NAME",
        "Questo banco non fa parte di un hub; indica --hub URL o collegalo con "
        "station bench join --hub URL --name NOME",
    ),
    Message(
        "hub_round",
        "Hub: {pushed} events sent, {pulled} received, lag {lag_s} s",
        "Hub: {pushed} eventi inviati, {pulled} ricevuti, ritardo {lag_s} s",
    ),
    Message(
        "hub_round_error",
        "Hub: {error}",
        "Hub: {error}",
        same=True,
    ),
    Message(
        "hub_round_failed",
        "Replication with the hub failed unexpectedly; the details are in the log file "
        "logs/station.log in the home",
        "La replica con l'hub non è riuscita per un errore imprevisto; i dettagli sono nel "
        "file logs/station.log della cartella di Station",
    ),
    Message(
        "hub_status_header",
        "BENCH\tSTATE\tLAST SEEN\tVERSION\tLAG\tBEHIND\tLEASED",
        "BANCO\tSTATO\tVISTO\tVERSIONE\tRITARDO\tINDIETRO\tIN LEASING",
    ),
    Message(
        "hub_no_lease",
        "The hub is out of reach and no order is leased to this bench: NEXT works again when "
        "the network is back (what was packed here is kept)",
        "L'hub non è raggiungibile e nessun ordine è assegnato a questo banco: NEXT torna a "
        "funzionare quando la rete torna (ciò che è stato imballato qui è conservato)",
    ),
    Message(
        "hub_not_leased",
        "Order {number} is not leased to this bench and the hub is out of reach to ask for it: "
        "scan NEXT for a leased order, or this one when the network is back",
        "L'ordine {number} non è assegnato a questo banco e l'hub non è raggiungibile per "
        "chiederlo: scansiona NEXT per un ordine assegnato, o questo quando la rete torna",
    ),
    Message(
        "invoice_scheme_invalid",
        "The invoice series scheme {scheme} cannot be used: write it with {{year}}, {{seq:06d}} "
        "and, for a bench's own series, {{bench}} (e.g. {{year}}/{{bench}}/{{seq:06d}})",
        "Lo schema della serie di fatture {scheme} non è utilizzabile: scrivilo con {{year}}, "
        "{{seq:06d}} e, per la serie del banco, {{bench}} (es. {{year}}/{{bench}}/{{seq:06d}})",
    ),
    Message(
        "hub_no_numbers",
        "This bench has no {carrier} tracking numbers left and the hub is out of reach to hand "
        "it more: the order was not opened; open it when the network is back, or on a bench "
        "that has numbers",
        "Questo banco non ha più numeri di spedizione {carrier} e l'hub non è raggiungibile per "
        "dargliene altri: l'ordine non è stato aperto; aprilo quando la rete torna, o su un "
        "banco che ha numeri",
    ),
    Message(
        "hub_no_ssccs",
        "This bench has no SSCC serials left and the hub is out of reach to hand it more: the "
        "order was not opened; open it when the network is back, or on a bench that has serials",
        "Questo banco non ha più seriali SSCC e l'hub non è raggiungibile per dargliene altri: "
        "l'ordine non è stato aperto; aprilo quando la rete torna, o su un banco che ha seriali",
    ),
    Message(
        "sscc_block_empty",
        "This bench has no SSCC serials left from the hub: no label was printed; label the "
        "order again when the network is back",
        "Questo banco non ha più seriali SSCC dall'hub: nessuna etichetta è stata stampata; "
        "rifai l'etichetta dell'ordine quando la rete torna",
    ),
    # conflicts between benches, flagged on the order for a lead (both sides named)
    Message(
        "hub_packed_twice",
        "Order {number} was packed twice: at {first} (tracking {first_tracking}) and at "
        "{second} (tracking {second_tracking}) while the warehouse network was split; stop one "
        "parcel before the courier takes both",
        "L'ordine {number} è stato imballato due volte: al banco {first} (spedizione "
        "{first_tracking}) e al banco {second} (spedizione {second_tracking}) mentre la rete "
        "del magazzino era divisa; ferma uno dei colli prima che il corriere li ritiri",
    ),
    Message(
        "hub_packed_elsewhere",
        "Order {number} was given to {given_to}, but {packed_by} had already packed it while "
        "cut off from the hub; the parcel from {packed_by} stands, {given_to} has nothing to do",
        "L'ordine {number} era stato dato al banco {given_to}, ma {packed_by} lo aveva già "
        "imballato mentre era scollegato dall'hub; vale il collo di {packed_by}, {given_to} non "
        "deve fare nulla",
    ),
    Message(
        "hub_reassigned_after_packing",
        "Order {number} was reassigned to {assigned_to} after {packed_by} had packed it "
        "(tracking {tracking}); the order stays packed and the reassignment was not applied",
        "L'ordine {number} è stato riassegnato al banco {assigned_to} dopo che {packed_by} lo "
        "aveva già imballato (spedizione {tracking}); l'ordine resta imballato e la "
        "riassegnazione non è stata applicata",
    ),
    Message(
        "shop_sync_elsewhere",
        "Shop sync runs on another bench of the warehouse now; this bench sent and received "
        "its work through the hub",
        "La sincronizzazione con i negozi è ora su un altro banco del magazzino; questo banco "
        "ha inviato e ricevuto il suo lavoro tramite l'hub",
    ),
    Message(
        "shop_sync_waits_for_hub",
        "Shop sync waits for the hub: with the hub out of reach no bench can tell which one "
        "syncs the shops, so none does; orders packed meanwhile are told to the shop later",
        "La sincronizzazione con i negozi attende l'hub: senza l'hub nessun banco può sapere "
        "quale sincronizza i negozi, quindi nessuno lo fa; gli ordini imballati nel frattempo "
        "saranno comunicati al negozio più tardi",
    ),
    Message("hub_online", "online", "in linea"),
    Message("hub_offline", "offline", "non in linea"),
    Message(
        "hub_no_benches",
        "No bench has joined this hub yet",
        "Nessun banco fa ancora parte di questo hub",
    ),
    Message(
        "hub_joined_here",
        "Bench {bench} joined the hub {url}: once these settings are saved it replicates and "
        "claims its orders on the hub",
        "Il banco {bench} fa parte dell'hub {url}: salvate queste impostazioni replica e "
        "prende i suoi ordini dall'hub",
    ),
    Message(
        "hub_shop_not_added",
        "{shop}: this bench has the shop's orders from the hub but not its credentials, so it "
        "does not sync the shops; to let it, run `station shop add {kind} {shop} ...` here",
        "{shop}: questo banco ha gli ordini del negozio dall'hub ma non le sue credenziali, "
        "quindi non sincronizza i negozi; per permetterlo esegui qui "
        "`station shop add {kind} {shop} ...`",
    ),
)
