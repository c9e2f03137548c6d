"""The one error a document function raises when its data cannot make a valid document."""

from __future__ import annotations

from station.domain.messages import text


class DocumentError(ValueError):
    """Bad data for a document, as a message code and its parameters.

    `str()` is the English sentence; a front end shows `message(language)`.
    """

    def __init__(self, code: str, /, **params: object) -> None:
        super().__init__(text(code, "en", **params))
        self.code = code
        self.params = params

    def message(self, language: str = "en") -> str:
        return text(self.code, language, **self.params)

    @property
    def english(self) -> str:
        return self.message("en")

    @property
    def italian(self) -> str:
        return self.message("it")
