"""What shop sync says: a shop that cannot be reached or refuses, a shop set up wrong, an
order the shop changed under the bench. Sentences name the shop and the path, never a URL,
header or credential."""

from __future__ import annotations

from station.domain.messages.catalogue import Message, register

register(
    # a private note on the shop's order, for its staff (sync/remote.py backorder_note)
    Message(
        "shop_backorder_note",
        "Shipped without, kept as a backorder: {items}",
        "Spedito senza questi articoli, che restano da inviare come ordine arretrato: {items}",
    ),
    Message(
        "sync_round_failed",
        "{shop}: sync failed unexpectedly; the details are in the log file logs/station.log in "
        "the home",
        "{shop}: la sincronizzazione non è riuscita per un errore imprevisto; i dettagli sono "
        "nel file logs/station.log della cartella di Station",
    ),
    # answers out of bounds and folders gone (sync/http.py, sync/shops/folder.py)
    Message(
        "shop_answer_too_large",
        "{shop}: the shop's answer to {what} is larger than {limit_mb} MB, far beyond any real "
        "one; ask the shop's administrator to check the server",
        "{shop}: la risposta del negozio a {what} supera {limit_mb} MB, molto oltre ogni "
        "risposta reale; chiedi all'amministratore del negozio di controllare il server",
    ),
    Message(
        "shop_unknown_encoding",
        "{shop}: the shop answered in an encoding Station does not read ({encoding})",
        "{shop}: il negozio ha risposto con una codifica che Station non legge ({encoding})",
    ),
    Message(
        "shop_broken_body",
        "{shop}: the shop sent a broken {encoding} body",
        "{shop}: il negozio ha inviato un contenuto {encoding} danneggiato",
    ),
    Message(
        "drop_folder_unreadable",
        "{shop}: the drop folder {path} cannot be read ({error}); check that it exists and is "
        "mounted",
        "{shop}: la cartella {path} non è leggibile ({error}); controlla che esista e sia montata",
    ),
    # talking to a shop (sync/http.py)
    Message(
        "shop_certificate_untrusted",
        "{shop}: the shop's HTTPS certificate is not trusted ({reason}); if the shop uses its "
        "own certificate, set the shop's ca_file to the file that signs it",
        "{shop}: il certificato HTTPS del negozio non è affidabile ({reason}); se il negozio usa "
        "un proprio certificato, imposta il ca_file del negozio sul file che lo firma",
    ),
    Message(
        "shop_unreachable",
        "{shop}: the shop cannot be reached ({error})",
        "{shop}: il negozio non è raggiungibile ({error})",
    ),
    Message(
        "shop_timeout",
        "{shop}: the shop did not answer in time ({method} {path})",
        "{shop}: il negozio non ha risposto in tempo ({method} {path})",
    ),
    Message(
        "shop_connection_broke",
        "{shop}: the connection broke during {method} {path} ({error})",
        "{shop}: la connessione si è interrotta durante {method} {path} ({error})",
    ),
    Message(
        "shop_rate_limited",
        "{shop}: {method} {path} was rate limited: {detail}",
        "{shop}: {method} {path} è stato rallentato dal negozio: {detail}",
    ),
    Message(
        "shop_http_failed",
        "{shop}: {method} {path} failed with HTTP {status}: {detail}",
        "{shop}: {method} {path} non è riuscito con HTTP {status}: {detail}",
    ),
    Message(
        "shop_bad_credentials",
        "{shop}: the shop refused the credentials ({detail}); check the key with "
        "`station shop test`",
        "{shop}: il negozio ha rifiutato le credenziali ({detail}); controlla la chiave con "
        "`station shop test`",
    ),
    Message(
        "shop_refused",
        "{shop}: {method} {path} was refused (HTTP {status}): {detail}",
        "{shop}: {method} {path} è stato rifiutato (HTTP {status}): {detail}",
    ),
    Message(
        "shop_malformed_json",
        "{shop}: the shop sent malformed JSON for {path}",
        "{shop}: il negozio ha inviato JSON non valido per {path}",
    ),
    # what a shop answers to `station shop test`
    Message(
        "woocommerce_answers",
        "WooCommerce answers: {count} orders",
        "WooCommerce risponde: {count} ordini",
    ),
    Message(
        "shopify_answers",
        "Shopify answers: shop {name}",
        "Shopify risponde: negozio {name}",
    ),
    Message(
        "prestashop_answers_orders",
        "PrestaShop answers: orders found",
        "PrestaShop risponde: ordini trovati",
    ),
    Message(
        "prestashop_answers_empty",
        "PrestaShop answers: no orders yet",
        "PrestaShop risponde: ancora nessun ordine",
    ),
    Message(
        "prestashop_answers_by_url_key",
        "PrestaShop answers, but this host drops the Authorization header: the key now goes in "
        "the address (?ws_key=), which PrestaShop accepts; nothing to do",
        "PrestaShop risponde, ma questo host scarta l'intestazione Authorization: la chiave ora "
        "viaggia nell'indirizzo (?ws_key=), che PrestaShop accetta; non serve fare nulla",
    ),
    Message(
        "prestashop_answers_by_dispatcher",
        "PrestaShop answers, but this shop has no URL rewriting for /api: requests now go to "
        "webservice/dispatcher.php; nothing to do",
        "PrestaShop risponde, ma il negozio non ha la riscrittura degli URL per /api: le "
        "richieste ora vanno a webservice/dispatcher.php; non serve fare nulla",
    ),
    Message(
        "prestashop_answers_by_dispatcher_and_url_key",
        "PrestaShop answers, but this host drops the Authorization header and has no URL "
        "rewriting for /api: requests now go to webservice/dispatcher.php with the key in the "
        "address (?ws_key=); nothing to do",
        "PrestaShop risponde, ma questo host scarta l'intestazione Authorization e non ha la "
        "riscrittura degli URL per /api: le richieste ora vanno a webservice/dispatcher.php "
        "con la chiave nell'indirizzo (?ws_key=); non serve fare nulla",
    ),
    Message(
        "folder_ready",
        "Drop folder ready: {count} files waiting",
        "Cartella pronta: {count} file in attesa",
        count="count",
        one_en="Drop folder ready: {count} file waiting",
        one_it="Cartella pronta: {count} file in attesa",
    ),
    # what a shop refused for good (parked in the outbox)
    Message(
        "folder_missing",
        "{shop}: the folder {path} does not exist",
        "{shop}: la cartella {path} non esiste",
    ),
    Message(
        "shop_cannot_send",
        "{shop}: cannot send {kind!r} to {platform}",
        "{shop}: impossibile inviare {kind!r} a {platform}",
    ),
    Message(
        "shop_order_without_id",
        "order {number} has no id in the shop",
        "l'ordine {number} non ha un id nel negozio",
    ),
    Message(
        "shop_order_missing",
        "{shop}: order {number} is not in the shop",
        "{shop}: l'ordine {number} non è nel negozio",
    ),
    Message(
        "shop_refused_operation",
        "{shop}: the shop refused {operation}: {detail}",
        "{shop}: il negozio ha rifiutato {operation}: {detail}",
    ),
    Message(
        "shop_kept_throttling",
        "{shop}: the shop kept throttling {operation}",
        "{shop}: il negozio ha continuato a rallentare {operation}",
    ),
    Message(
        "shop_order_errors",
        "{shop}: order {number}: {detail}",
        "{shop}: ordine {number}: {detail}",
    ),
    Message(
        "shopify_cancelled_not_reported",
        "{shop}: order {number} was cancelled in the shop; the parcel was not reported",
        "{shop}: l'ordine {number} è stato annullato nel negozio; il collo non è stato comunicato",
    ),
    Message(
        "shopify_nothing_to_fulfil",
        "{shop}: nothing left to fulfil in order {number} for tracking {tracking}",
        "{shop}: nell'ordine {number} non resta nulla da evadere per la spedizione {tracking}",
    ),
    # a parcel Shopify does not let the bench fulfil (sync/shops/shopify_fulfil.py)
    Message(
        "shopify_hold_awaiting_payment",
        "{shop}: order {number} is on hold in Shopify, awaiting payment ({notes}); release the "
        "hold in Shopify once paid, then send the parcel again",
        "{shop}: l'ordine {number} è sospeso in Shopify in attesa del pagamento ({notes}); "
        "rimuovi la sospensione in Shopify a pagamento avvenuto, poi invia di nuovo il collo",
        dynamic=True,
    ),
    Message(
        "shopify_hold_high_risk_of_fraud",
        "{shop}: order {number} is on hold in Shopify for high risk of fraud ({notes}); check "
        "the order in Shopify before the parcel leaves",
        "{shop}: l'ordine {number} è sospeso in Shopify per alto rischio di frode ({notes}); "
        "controlla l'ordine in Shopify prima che il collo parta",
        dynamic=True,
    ),
    Message(
        "shopify_hold_incorrect_address",
        "{shop}: order {number} is on hold in Shopify for an incorrect address ({notes}); "
        "correct the address in Shopify and release the hold, then send the parcel again",
        "{shop}: l'ordine {number} è sospeso in Shopify per un indirizzo errato ({notes}); "
        "correggi l'indirizzo in Shopify e rimuovi la sospensione, poi invia di nuovo il collo",
        dynamic=True,
    ),
    Message(
        "shopify_hold_inventory_out_of_stock",
        "{shop}: order {number} is on hold in Shopify, out of stock ({notes}); release the hold "
        "in Shopify, then send the parcel again",
        "{shop}: l'ordine {number} è sospeso in Shopify per merce esaurita ({notes}); rimuovi la "
        "sospensione in Shopify, poi invia di nuovo il collo",
        dynamic=True,
    ),
    Message(
        "shopify_hold_unknown_delivery_date",
        "{shop}: order {number} is on hold in Shopify, its delivery date is unknown ({notes}); "
        "release the hold in Shopify, then send the parcel again",
        "{shop}: l'ordine {number} è sospeso in Shopify, la data di consegna è sconosciuta "
        "({notes}); rimuovi la sospensione in Shopify, poi invia di nuovo il collo",
        dynamic=True,
    ),
    Message(
        "shopify_hold_awaiting_return_items",
        "{shop}: order {number} is on hold in Shopify awaiting returned items ({notes}); release "
        "the hold in Shopify, then send the parcel again",
        "{shop}: l'ordine {number} è sospeso in Shopify in attesa di articoli resi ({notes}); "
        "rimuovi la sospensione in Shopify, poi invia di nuovo il collo",
        dynamic=True,
    ),
    Message(
        "shopify_hold_other",
        "{shop}: order {number} is on hold in Shopify ({notes}); release the hold in Shopify, "
        "then send the parcel again",
        "{shop}: l'ordine {number} è sospeso in Shopify ({notes}); rimuovi la sospensione in "
        "Shopify, poi invia di nuovo il collo",
        dynamic=True,
    ),
    Message(
        "shopify_fulfilment_scheduled",
        "{shop}: order {number} is scheduled in Shopify to be fulfilled from {date}; mark it as "
        "ready to fulfil in Shopify, then send the parcel again",
        "{shop}: in Shopify l'ordine {number} è programmato per l'evasione dal {date}; segnalalo "
        "come pronto da evadere in Shopify, poi invia di nuovo il collo",
    ),
    Message(
        "shopify_fulfilment_by_service",
        "{shop}: order {number} is assigned in Shopify to the fulfilment service {location}, "
        "which ships it; move it to your own location in Shopify if the bench ships it",
        "{shop}: in Shopify l'ordine {number} è assegnato al servizio logistico {location}, "
        "che lo spedisce; spostalo in Shopify su una tua sede se lo spedisce il banco",
    ),
    Message(
        "shopify_fulfilment_not_allowed",
        "{shop}: Shopify does not let the app fulfil order {number} at {location} (it is "
        "{status}); check the order in Shopify",
        "{shop}: Shopify non permette all'app di evadere l'ordine {number} presso {location} "
        "(è {status}); controlla l'ordine in Shopify",
    ),
    # Shopify setup and answers (sync/shops/shopify.py, shopify_auth.py)
    Message(
        "shopify_missing_scope",
        "{shop}: the Shopify app lacks the access scope {scope} (needed by {operation}); add it "
        "to the app's scopes in Shopify and install the new version",
        "{shop}: all'app Shopify manca l'ambito di accesso {scope} (serve a {operation}); "
        "aggiungilo agli ambiti dell'app in Shopify e installa la nuova versione",
    ),
    Message(
        "shopify_failed_inside",
        "{shop}: Shopify failed on its side running {operation} ({detail}); it is tried again",
        "{shop}: Shopify ha avuto un errore interno eseguendo {operation} ({detail}); si riprova",
    ),
    Message(
        "shopify_version_unsupported",
        "{shop}: Shopify no longer supports API version {asked} and answered as {served}; set "
        "a supported version (or remove api_version) for this shop",
        "{shop}: Shopify non supporta più la versione API {asked} e ha risposto come {served}; "
        "imposta una versione supportata (o togli api_version) per questo negozio",
    ),
    Message(
        "shopify_client_refused",
        "{shop}: Shopify refused the app's client ID and secret ({detail}); copy both again "
        "from the app's settings in the Dev Dashboard",
        "{shop}: Shopify ha rifiutato client ID e secret dell'app ({detail}); copiali di nuovo "
        "dalle impostazioni dell'app nel Dev Dashboard",
    ),
    Message(
        "woocommerce_not_completed",
        "{shop}: order {number} is {status} in the shop, so it was not marked completed",
        "{shop}: l'ordine {number} è {status} nel negozio, quindi non è stato segnato completato",
    ),
    Message(
        "prestashop_no_carrier_row",
        "{shop}: order {number} has no carrier row in the shop to hold the tracking number",
        "{shop}: l'ordine {number} non ha nel negozio una riga corriere per il numero di "
        "spedizione",
    ),
    Message(
        "prestashop_no_thread",
        "{shop}: order {number} took no message thread for the note on its backorder; check "
        "that the webservice key may add customer_threads and customer_messages",
        "{shop}: l'ordine {number} non ha accettato la conversazione per la nota sul suo "
        "ordine arretrato; controlla che la chiave del webservice possa aggiungere "
        "customer_threads e customer_messages",
    ),
    Message(
        "prestashop_tracking_too_long",
        "{shop}: order {number}: the shop's tracking field holds {limit} characters; add the "
        "numbers that did not fit to the order by hand in the shop: {tracking}",
        "{shop}: ordine {number}: il campo tracking del negozio contiene {limit} caratteri; "
        "aggiungi a mano all'ordine nel negozio i numeri che non ci stanno: {tracking}",
    ),
    Message(
        "prestashop_cancelled_not_shipped",
        "{shop}: order {number} is cancelled in the shop, so it was not marked shipped",
        "{shop}: l'ordine {number} è annullato nel negozio, quindi non è stato segnato spedito",
    ),
    # setting a shop up (sync/shops/)
    Message(
        "unknown_shop_kind",
        "unknown shop kind {kind!r}: use one of {kinds}",
        "tipo di negozio {kind!r} sconosciuto: usa uno tra {kinds}",
    ),
    Message(
        "shop_needs_options",
        "{kind} needs {options}",
        "{kind} richiede {options}",
    ),
    Message(
        "shop_needs_path",
        "a {kind} shop needs --path DIR",
        "un negozio {kind} richiede --path CARTELLA",
    ),
    Message(
        "shop_takes_no_options",
        "a {kind} shop takes no {options}",
        "un negozio {kind} non accetta {options}",
    ),
    Message(
        "shop_needs_https",
        "the shop needs --url starting with https://",
        "il negozio richiede --url che inizi con https://",
    ),
    Message(
        "shop_exists",
        "a shop named {name!r} already exists",
        "esiste già un negozio di nome {name!r}",
    ),
    Message(
        "shop_no_credentials_damaged",
        "{shop}: no stored credentials (secrets.json was damaged and set aside as {kept}); add "
        "the shop again with `station shop add {kind} {shop} ...`",
        "{shop}: nessuna credenziale salvata (secrets.json era danneggiato ed è stato messo da "
        "parte come {kept}); aggiungi di nuovo il negozio con `station shop add {kind} {shop} ...`",
    ),
    Message(
        "shop_no_credentials",
        "{shop}: no stored credentials; add the shop again with "
        "`station shop add {kind} {shop} ...`",
        "{shop}: nessuna credenziale salvata; aggiungi di nuovo il negozio con "
        "`station shop add {kind} {shop} ...`",
    ),
    Message(
        "shop_of_unknown_kind",
        "{shop}: unknown shop kind {kind!r}: use one of {kinds}",
        "{shop}: tipo di negozio {kind!r} sconosciuto: usa uno tra {kinds}",
    ),
    Message(
        "unknown_shop",
        "no shop named {name!r}; see `station shop list`",
        "nessun negozio di nome {name!r}; vedi `station shop list`",
    ),
    # the re-check before a label prints (sync/runner.py)
    Message(
        "recheck_gone",
        "Order {number} no longer exists in the shop: check before shipping it.",
        "L'ordine {number} non esiste più nel negozio: controllalo prima di spedirlo.",
    ),
    Message(
        "recheck_cancelled",
        "Order {number} was cancelled in the shop: do not ship it.",
        "L'ordine {number} è stato annullato nel negozio: non spedirlo.",
    ),
    Message(
        "recheck_held",
        "Order {number} is on hold: {reason}.",
        "L'ordine {number} è sospeso: {reason}.",
    ),
    Message(
        "recheck_problem",
        "Order {number}: {problem}.",
        "Ordine {number}: {problem}.",
    ),
    # catalogue import (sync/products.py)
    Message(
        "product_without_sku",
        "product {id} ({name}) has no SKU: skipped",
        "il prodotto {id} ({name}) non ha SKU: saltato",
    ),
    Message(
        "barcode_taken",
        "barcode {code} of {sku} already belongs to another product: kept there",
        "il codice {code} di {sku} appartiene già a un altro prodotto: resta lì",
    ),
    Message(
        "csv_no_sku_column",
        "{file}: no 'sku' column (columns: sku, name, barcode (several separated by '|' or "
        "spaces), weight_g or weight with weight_unit (g, kg, lb, oz), length_mm, width_mm, "
        "height_mm (or with dimension_unit), image_url, pack_barcode and pack_units for a "
        "packaging code)",
        "{file}: manca la colonna 'sku' (colonne: sku, name, barcode (più codici separati da "
        "'|' o spazi), weight_g oppure weight con weight_unit (g, kg, lb, oz), length_mm, "
        "width_mm, height_mm (oppure con dimension_unit), image_url, pack_barcode e pack_units "
        "per un codice di confezione)",
    ),
    Message(
        "csv_bad_line",
        "{file} line {line}: {detail}",
        "{file} riga {line}: {detail}",
    ),
)
