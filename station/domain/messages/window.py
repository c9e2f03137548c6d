"""What the bench window itself says about a scan it answers without the engine."""

from __future__ import annotations

from station.domain.messages.catalogue import Message, register

register(
    Message(
        "scan_close_dialog",
        "{code} was not done: close this window first (Esc), then scan it again.",
        "{code} non eseguito: chiudi prima questa finestra (Esc), poi scansionalo di nuovo.",
    ),
    Message(
        "weigh_no_scale",
        "Cannot weigh: {problem}",
        "Impossibile pesare: {problem}",
    ),
    Message(
        "settings_lead_only",
        "Only a lead can change the weight checks: a lead signs in over you (Ctrl+O), then "
        "opens the settings.",
        "Solo un capoturno può cambiare i controlli del peso: il capoturno accede al tuo posto "
        "(Ctrl+O), poi apre le impostazioni.",
    ),
)
