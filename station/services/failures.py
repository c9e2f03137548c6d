"""One place that turns a failure met while handling an input into a message code.

The console and the window both call `failure_of`, so an operator reads the same sentence for
the same failure in either front end, in their language.
"""

from __future__ import annotations

from sqlalchemy.exc import OperationalError

from station.domain.messages import MessageError, Phrase
from station.services.errors import CommandError


def failure_of(exc: BaseException) -> tuple[str, Phrase] | None:
    """(kind, phrase) for a failure the operator can act on, or None for a bug (re-raise it).

    Nothing was committed when these are raised: the bench service rolled back and reloaded.
    """
    if isinstance(exc, OperationalError):  # locked, full or broken database
        return "storage", Phrase("storage_db", {"detail": exc.orig})
    if isinstance(exc, CommandError):  # a lead's command refused (RELEASE of an order released)
        return "refused", Phrase(exc.code, exc.params)
    if isinstance(exc, MessageError):  # e.g. a tracking range used up: nothing was labelled
        return "shipping", Phrase(exc.code, exc.params)
    if isinstance(exc, OSError):  # a label or document could not be written
        return "storage", Phrase("storage_file", {"detail": exc.strerror})
    return None
