"""What a document says when its data cannot make a valid one: labels, slips, invoices,
FatturaPA, DDT, tracking numbers. `{x!r}` quotes a value the user typed."""

from __future__ import annotations

from station.domain.messages.catalogue import Message, register

register(
    Message(
        "carrier_kind_unknown",
        "The {code} carrier account asks for a carrier kind {kind!r} that this Station does "
        "not know; use one of: {known}.",
        "L'account del corriere {code} chiede un tipo di corriere {kind!r} che questa Station "
        "non conosce; usa uno di: {known}.",
    ),
    Message(
        "fatturapa_invalid",
        "The e-invoice does not match the FatturaPA schema (line {line}): {error}",
        "La fattura elettronica non rispetta lo schema FatturaPA (riga {line}): {error}",
    ),
    # labels and carriers
    Message(
        "bad_tracking_chars",
        "The tracking number {tracking!r} has characters a barcode cannot carry; check the "
        "carrier's number range.",
        "Il numero di tracciamento {tracking!r} contiene caratteri non validi per un codice a "
        "barre; controlla la serie del corriere.",
    ),
    Message(
        "impossible_parcel_no",
        "Parcel {parcel_no} of {parcel_count} is impossible; recount the parcels.",
        "Collo {parcel_no} di {parcel_count} è impossibile; ricontrolla i colli.",
    ),
    Message(
        "negative_weight",
        "The parcel weight cannot be negative; weigh the parcel again.",
        "Il peso del collo non può essere negativo; pesa di nuovo il collo.",
    ),
    Message(
        "negative_cod",
        "The cash-on-delivery amount cannot be negative; correct the order.",
        "L'importo del contrassegno non può essere negativo; correggi l'ordine.",
    ),
    Message(
        "bad_sscc",
        "The SSCC {sscc} is not 18 digits with a valid check digit; check the GS1 prefix.",
        "L'SSCC {sscc} non ha 18 cifre con cifra di controllo valida; controlla il prefisso GS1.",
    ),
    Message(
        "unknown_label_size",
        "Unknown label size {size!r}; use 4x6 or a6.",
        "Formato etichetta {size!r} sconosciuto; usa 4x6 o a6.",
    ),
    Message(
        "zpl_bad_dpi",
        "ZPL labels are made for 203 or 300 dpi printers, not {dpi}; choose one of those.",
        "Le etichette ZPL sono per stampanti a 203 o 300 dpi, non {dpi}; scegli uno dei due.",
    ),
    Message(
        "zpl_barcode_too_long",
        "The barcode {data} is too long for this label; shorten the number range.",
        "Il codice {data} è troppo lungo per questa etichetta; accorcia la serie.",
    ),
    # barcodes on any document
    Message(
        "barcode_not_ascii",
        "The barcode value {value!r} must be plain ASCII text; correct it and print again.",
        "Il valore del codice a barre {value!r} deve essere testo ASCII; correggilo e ristampa.",
    ),
    Message(
        "barcode_too_long",
        "The barcode {value} is too long to print readably on this document.",
        "Il codice a barre {value} è troppo lungo per essere stampato leggibile.",
    ),
    Message(
        "bad_ean13",
        "{value!r} is not an EAN-13 (13 digits, valid check digit); correct the product code.",
        "{value!r} non è un EAN-13 (13 cifre, cifra di controllo valida); correggi il codice "
        "del prodotto.",
    ),
    Message(
        "unknown_symbology",
        "Unknown symbology {symbology!r} for {caption!r}; use ean13 or code128.",
        "Simbologia {symbology!r} sconosciuta per {caption!r}; usa ean13 o code128.",
    ),
    # slips and DDT
    Message(
        "unknown_slip_size",
        "Unknown slip size {size!r}; use a4 or a5.",
        "Formato distinta {size!r} sconosciuto; usa a4 o a5.",
    ),
    Message(
        "ddt_empty",
        "A DDT needs goods and at least one parcel; pack the order first.",
        "Un DDT richiede merce e almeno un collo; imballa prima l'ordine.",
    ),
    # invoices
    Message(
        "invoice_no_lines",
        "An invoice needs at least one line; add the goods sold.",
        "Una fattura ha bisogno di almeno una riga; aggiungi i beni venduti.",
    ),
    Message(
        "bad_invoice_number",
        "Invoice number {number!r} must be 1-20 plain characters.",
        "Il numero fattura {number!r} deve avere da 1 a 20 caratteri semplici.",
    ),
    Message(
        "unknown_payment_method",
        "Payment method {method!r} is not known; pick one of {methods}.",
        "Modalità di pagamento {method!r} sconosciuta; scegli tra {methods}.",
    ),
    Message(
        "invoice_total_differs",
        "The shop's total ({shop_total}) and the invoice lines ({lines_total}) differ by more "
        "than rounding: a discount or fee is missing from the lines; check the order in the shop.",
        "Il totale del negozio ({shop_total}) e le righe della fattura ({lines_total}) differiscono "
        "più di un arrotondamento: manca uno sconto o un costo nelle righe; controlla l'ordine nel "
        "negozio.",
    ),
    Message(
        "credit_note_unrelated",
        "A credit note must name the invoice it refunds.",
        "Una nota di credito deve indicare la fattura che storna.",
    ),
    Message(
        "deferred_without_ddt",
        "A deferred invoice must list its transport documents (DDT).",
        "Una fattura differita deve elencare i documenti di trasporto (DDT).",
    ),
    Message(
        "bad_line_amounts",
        "Line {line}: quantity must be above zero and price not negative; for a refund issue a "
        "credit note.",
        "Riga {line}: la quantità deve essere maggiore di zero e il prezzo non negativo; per un "
        "rimborso emetti una nota di credito.",
    ),
    Message(
        "bad_vat_rate",
        "Line {line}: VAT rate {rate}% is impossible; correct the rate.",
        "Riga {line}: l'aliquota IVA {rate}% è impossibile; correggila.",
    ),
    Message(
        "zero_vat_needs_natura",
        "Line {line} has 0% VAT: give the exemption nature code (e.g. N3.1).",
        "La riga {line} ha IVA 0%: indica il codice natura dell'esenzione (es. N3.1).",
    ),
    Message(
        "seller_no_name",
        "The seller's name is missing; fill it in.",
        "Manca il nome del venditore; compilalo.",
    ),
    Message(
        "buyer_no_name",
        "The buyer's name is missing; fill it in.",
        "Manca il nome del cliente; compilalo.",
    ),
    Message(
        "seller_no_vat",
        "The seller's VAT number (partita IVA) is missing; add it in the settings.",
        "Manca la partita IVA del venditore; aggiungila nelle impostazioni.",
    ),
    Message(
        "buyer_no_vat",
        "The buyer's VAT number (partita IVA) is missing; add it in the settings.",
        "Manca la partita IVA del cliente; aggiungila nelle impostazioni.",
    ),
    Message(
        "seller_bad_fiscal_id",
        "The seller's VAT number or tax code is not valid; check it digit by digit.",
        "La partita IVA o il codice fiscale del venditore non è valido; controllalo cifra per "
        "cifra.",
    ),
    Message(
        "buyer_bad_fiscal_id",
        "The buyer's VAT number or tax code is not valid; check it digit by digit.",
        "La partita IVA o il codice fiscale del cliente non è valido; controllalo cifra per cifra.",
    ),
    # FatturaPA
    Message(
        "bad_progressivo",
        "The e-invoice file number {progressivo!r} must be 1-5 letters or digits.",
        "Il progressivo del file {progressivo!r} deve avere da 1 a 5 lettere o cifre.",
    ),
    Message(
        "buyer_needs_fiscal_id",
        "An Italian buyer needs a tax code (codice fiscale) or VAT number on an e-invoice; ask "
        "the customer for it.",
        "Per la fattura elettronica un cliente italiano deve avere codice fiscale o partita "
        "IVA; chiedilo al cliente.",
    ),
    Message(
        "einvoice_address",
        "The address of {name!r} needs street, 5-digit CAP and town for an e-invoice.",
        "L'indirizzo di {name!r} deve avere via, CAP di 5 cifre e comune per la fattura "
        "elettronica.",
    ),
    # tracking numbers without a carrier API
    Message(
        "range_bad_check",
        "The {carrier} number range is not usable: the check digit rule must be one of "
        "{schemes}. Correct it in the settings.",
        "La serie di numeri {carrier} non è utilizzabile: la regola della cifra di controllo "
        "deve essere una tra {schemes}. Correggila nelle impostazioni.",
    ),
    Message(
        "range_reversed",
        "The {carrier} number range is not usable: the last number must not be below the "
        "first. Correct it in the settings.",
        "La serie di numeri {carrier} non è utilizzabile: l'ultimo numero è minore del primo. "
        "Correggila nelle impostazioni.",
    ),
    Message(
        "range_bad_affix",
        "The {carrier} number range is not usable: prefix and suffix may hold only capital "
        "letters, digits and '-'. Correct it in the settings.",
        "La serie di numeri {carrier} non è utilizzabile: prefisso e suffisso ammettono solo "
        "lettere maiuscole, cifre e '-'. Correggila nelle impostazioni.",
    ),
    Message(
        "range_bad_s10",
        "The {carrier} number range is not usable: an S10 range needs a 2-letter service, a "
        "2-letter country and 8 digits. Correct it in the settings.",
        "La serie di numeri {carrier} non è utilizzabile: una serie S10 vuole 2 lettere di "
        "servizio, 2 lettere di paese e 8 cifre. Correggila nelle impostazioni.",
    ),
    Message(
        "range_exhausted",
        "The {carrier} number range ({first}-{last}) is used up; ask {carrier} for a new range "
        "and add it in the settings before printing more labels.",
        "La serie di numeri {carrier} ({first}-{last}) è esaurita; chiedi a {carrier} una "
        "nuova serie e aggiungila nelle impostazioni prima di stampare.",
    ),
    Message(
        "range_low",
        "Only {remaining} {carrier} numbers are left; ask {carrier} for a new range now.",
        "Restano solo {remaining} numeri {carrier}; chiedi subito a {carrier} una nuova serie.",
    ),
    Message(
        "bad_gs1_prefix",
        "The GS1 company prefix must be 7 to 10 digits and the extension digit 0-9; copy them "
        "from your GS1 membership.",
        "Il prefisso aziendale GS1 deve avere da 7 a 10 cifre e la cifra di estensione 0-9; "
        "copiali dalla tua iscrizione GS1.",
    ),
    Message(
        "sscc_serial_misfit",
        "SSCC serial reference {serial} does not fit after prefix {prefix}.",
        "Il riferimento seriale SSCC {serial} non sta dopo il prefisso {prefix}.",
    ),
    Message(
        "no_tracking_range",
        "There is no usable {carrier} tracking number range (first and last number); add it "
        "in the settings.",
        "Manca una serie valida di numeri di spedizione {carrier} (primo e ultimo numero); "
        "aggiungila nelle impostazioni.",
    ),
)

register(
    Message(
        "brt_parcel_id_bad",
        "BRT parcel ID {value!r} is not 18 digits: check the account's departure depot and series.",
        "Il segnacollo BRT {value!r} non è di 18 cifre: controlla filiale di partenza e serie "
        "dell'account.",
    ),
)
