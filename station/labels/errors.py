"""The one error a document function raises when its data cannot make a valid document."""

from __future__ import annotations

from station.domain.messages import MessageError


class DocumentError(MessageError, ValueError):
    """Bad data for a document, as a message code and its parameters.

    `str()` is the English sentence; a front end shows `message(language)`.
    """

    @property
    def english(self) -> str:
        return self.message("en")

    @property
    def italian(self) -> str:
        return self.message("it")
