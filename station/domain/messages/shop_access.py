"""What Station says about reaching a shop at all: redirects, a firewall in front of the shop,
how the shop's key travels. Sentences name the shop and a host or path, never a credential."""

from __future__ import annotations

from station.domain.messages.catalogue import Message, register

register(
    # redirects (sync/http.py)
    Message(
        "shop_redirects_elsewhere",
        "{shop}: the shop's address redirects to another host ({host}), and Station does not "
        "send the shop's key there; if the shop has moved, add it again with its new address",
        "{shop}: l'indirizzo del negozio rimanda a un altro host ({host}) e Station non vi "
        "invia la chiave del negozio; se il negozio si è spostato, aggiungilo di nuovo con il "
        "nuovo indirizzo",
    ),
    Message(
        "shop_redirect_to_http",
        "{shop}: the shop redirects from HTTPS to plain HTTP, and Station does not send the "
        "shop's key unencrypted; ask the shop's administrator to serve the site over HTTPS",
        "{shop}: il negozio rimanda da HTTPS a HTTP in chiaro e Station non invia la chiave del "
        "negozio senza cifratura; chiedi all'amministratore del negozio di servire il sito in "
        "HTTPS",
    ),
    Message(
        "shop_redirected_off_api",
        "{shop}: the shop answered {path} by sending Station to another page ({target}), as a "
        "login or maintenance page does; check that the shop is online and its address is the "
        "shop's home page",
        "{shop}: il negozio ha risposto a {path} rimandando a un'altra pagina ({target}), come "
        "fa una pagina di accesso o di manutenzione; controlla che il negozio sia online e che "
        "il suo indirizzo sia la home page del negozio",
    ),
    Message(
        "shop_redirect_loop",
        "{shop}: the shop keeps redirecting {path}; check the shop's address and its HTTPS "
        "settings",
        "{shop}: il negozio continua a rimandare {path} altrove; controlla l'indirizzo del "
        "negozio e le sue impostazioni HTTPS",
    ),
    # a web application firewall in front of the shop (sync/http.py)
    Message(
        "shop_blocked_by_firewall",
        "{shop}: the shop's web server refused {method} {path} (HTTP {status}) before the shop "
        "saw it, as a firewall such as ModSecurity does; ask the host to allow the shop's REST "
        "API",
        "{shop}: il server web del negozio ha rifiutato {method} {path} (HTTP {status}) prima "
        "che il negozio lo vedesse, come fa un firewall come ModSecurity; chiedi al provider di "
        "consentire la REST API del negozio",
    ),
    # how a WooCommerce key travels (sync/shops/woo_access.py)
    Message(
        "woocommerce_wrong_key",
        "{shop}: WooCommerce does not accept this key ({detail}); create a Read/Write key in "
        "WooCommerce > Settings > Advanced > REST API and add the shop again with it",
        "{shop}: WooCommerce non accetta questa chiave ({detail}); crea una chiave di lettura e "
        "scrittura in WooCommerce > Impostazioni > Avanzate > REST API e aggiungi di nuovo il "
        "negozio con quella",
    ),
    Message(
        "woocommerce_header_stripped",
        "{shop}: the shop's web server removes the Authorization header, so WooCommerce got no "
        "key; add the shop again with --auth auto (or query), or ask the host to pass the "
        "header on to PHP",
        "{shop}: il server web del negozio elimina l'intestazione Authorization, quindi "
        "WooCommerce non ha ricevuto la chiave; aggiungi di nuovo il negozio con --auth auto (o "
        "query), oppure chiedi al provider di passare l'intestazione a PHP",
    ),
    Message(
        "woocommerce_key_needs_https",
        "{shop}: over plain HTTP WooCommerce does not read a key sent as {mode}; add the shop "
        "again with --auth auto (signed OAuth), or with its https:// address",
        "{shop}: su HTTP in chiaro WooCommerce non legge una chiave inviata come {mode}; "
        "aggiungi di nuovo il negozio con --auth auto (OAuth firmato) o con il suo indirizzo "
        "https://",
    ),
    Message(
        "woocommerce_auth_unknown",
        "{shop}: the shop's auth setting is {value}; add the shop again with --auth set to one "
        "of {modes}",
        "{shop}: l'impostazione auth del negozio è {value}; aggiungi di nuovo il negozio con "
        "--auth impostato a uno tra {modes}",
    ),
    Message(
        "woocommerce_answers_key_in_query",
        "WooCommerce answers: {count} orders; the shop's web server removes the Authorization "
        "header, so Station sends the key in the query string",
        "WooCommerce risponde: {count} ordini; il server web del negozio elimina l'intestazione "
        "Authorization, quindi Station invia la chiave nella query string",
    ),
)
