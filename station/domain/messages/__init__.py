"""One catalogue of every sentence Station says to a person, keyed by a stable code.

Code carries codes and parameters; a front end turns them into text with `text(code, language,
**params)` in the operator's language, at the edge. An unknown code raises `UnknownMessage`; a
language Station does not speak gets English. Entries live in one module per area; each
registers its own.
"""

from __future__ import annotations

from station.domain.messages import (  # noqa: F401 - each module registers its entries
    carriers,
    cli,
    commands,
    console,
    demo_sheet,
    devices,
    documents,
    hub,
    karrio,
    lead,
    picking,
    reasons,
    shop_access,
    sync,
    window,
    workflow,
)
from station.domain.messages.catalogue import (
    CATALOGUE,
    LANGUAGES,
    Counted,
    Message,
    MessageError,
    Phrase,
    UnknownMessage,
    placeholders,
    text,
)

__all__ = [
    "CATALOGUE",
    "LANGUAGES",
    "Counted",
    "Message",
    "MessageError",
    "Phrase",
    "UnknownMessage",
    "placeholders",
    "text",
]
