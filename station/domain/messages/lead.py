"""What the shift lead's console and `station report` say: shifts, figures, the board."""

from __future__ import annotations

from station.domain.messages.catalogue import Message, register

register(
    # the bench whose order a lead took
    Message(
        "order_taken",
        "A lead took order {number} from this bench (now: {where}). Put its items back on the "
        "shelf and scan the next order.",
        "Il capoturno ha tolto l'ordine {number} da questo banco (ora: {where}). Rimetti gli "
        "articoli a scaffale e scansiona il prossimo ordine.",
    ),
    Message("the_queue", "the queue", "la coda"),
    Message(
        "order_put_on_hold",
        "Order {number} was put on hold ({reason}). Set it aside with the items scanned so far "
        "and scan the next order.",
        "L'ordine {number} è stato sospeso ({reason}). Mettilo da parte con gli articoli già "
        "scansionati e scansiona il prossimo ordine.",
    ),
    Message(
        "order_given",
        "A lead gave order {number} to this bench: scan NEXT to open it.",
        "Il capoturno ha assegnato l'ordine {number} a questo banco: scansiona NEXT per aprirlo.",
    ),
    # the lead console
    Message(
        "lead_console_needs_lead",
        "The lead console is for a shift lead: sign in as lead (Ctrl+O), then open it.",
        "La console del capoturno è per il capoturno: accedi come capoturno (Ctrl+O) e aprila.",
    ),
    Message(
        "lead_select_order",
        "Select an order first (in the queue, or a bench with an order on the board).",
        "Seleziona prima un ordine (nella coda, o un banco con un ordine nella bacheca).",
    ),
    # shifts and days
    Message(
        "shift_starts_invalid",
        "the shift start times in the settings ({starts}) cannot be read: give them as HH:MM, "
        'earliest first, e.g. shift_starts = ["06:00", "14:00", "22:00"]',
        "gli orari di inizio turno nelle impostazioni ({starts}) non sono leggibili: scrivili "
        'come HH:MM, dal primo all\'ultimo, ad es. shift_starts = ["06:00", "14:00", "22:00"]',
    ),
    Message(
        "shift_unknown",
        "there is no shift {shift}: give N or YYYY-MM-DD:N, with N from 1 to {count}",
        "il turno {shift} non esiste: indica N o AAAA-MM-GG:N, con N da 1 a {count}",
    ),
    Message(
        "day_invalid",
        "{day} is not a day: give it as YYYY-MM-DD",
        "{day} non è una data: scrivila come AAAA-MM-GG",
    ),
    # the report
    Message(
        "report_title",
        "Figures for {window} ({start} to {end}):",
        "Dati di {window} (dalle {start} alle {end}):",
    ),
    Message("report_operator", "Operator {name}:", "Operatore {name}:"),
    Message("figure_orders_packed", "orders packed", "ordini imballati", dynamic=True),
    Message("figure_units_packed", "units packed", "pezzi imballati", dynamic=True),
    Message("figure_minutes_per_order", "minutes per order", "minuti per ordine", dynamic=True),
    Message("figure_packer_hours", "packer-hours", "ore di imballaggio", dynamic=True),
    Message(
        "figure_orders_per_packer_hour",
        "orders per packer-hour",
        "ordini per ora di imballaggio",
        dynamic=True,
    ),
    Message(
        "figure_units_per_packer_hour",
        "units per packer-hour",
        "pezzi per ora di imballaggio",
        dynamic=True,
    ),
    Message("figure_item_scans", "item scans", "scansioni articoli", dynamic=True),
    Message(
        "figure_scan_error_rate", "scan error rate", "tasso di errori di scansione", dynamic=True
    ),
    Message("figure_short_units", "short units", "pezzi mancanti", dynamic=True),
    Message("figure_weight_mismatches", "weight mismatches", "pesi fuori tolleranza", dynamic=True),
    Message(
        "figure_overrides",
        "lead overrides (weights, shorts, learnt codes)",
        "approvazioni del capoturno (pesi, mancanti, codici appresi)",
        dynamic=True,
    ),
    Message("figure_reprints", "label reprints", "ristampe etichette", dynamic=True),
    Message("figure_scan_errors", "scan errors", "errori di scansione"),
    Message("scan_error_wrong_item", "wrong item", "articolo sbagliato", dynamic=True),
    Message("scan_error_unknown_code", "unknown code", "codice sconosciuto", dynamic=True),
    Message("scan_error_too_many", "too many", "troppi pezzi", dynamic=True),
    Message(
        "scan_error_other_order",
        "another order's slip",
        "distinta di un altro ordine",
        dynamic=True,
    ),
    Message(
        "scan_error_missing_lot_expiry_serial",
        "lot, expiry or serial missing",
        "lotto, scadenza o seriale mancante",
        dynamic=True,
    ),
    Message(
        "scan_error_serial_repeated", "serial already shipped", "seriale già spedito", dynamic=True
    ),
)
