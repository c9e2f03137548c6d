"""Why a command was refused, as one exception carrying a message code and its parameters.

Every actor's command (a lead's, a document's) refuses by raising `CommandError(code, ...)`
with a code of the message catalogue (`station/domain/messages/commands.py`); nothing was
written. Each front end shows `message(language)`.
"""

from __future__ import annotations

from station.domain.messages import MessageError


class CommandError(MessageError):
    """A command that was not carried out, and nothing was written. `str()` is the English."""
