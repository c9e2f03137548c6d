"""The one error a document function raises when its data cannot make a valid document."""

from __future__ import annotations


class DocumentError(ValueError):
    """Bad data for a document. `str()` is the English sentence; `italian` the Italian one."""

    def __init__(self, english: str, italian: str) -> None:
        super().__init__(english)
        self.english = english
        self.italian = italian

    def message(self, language: str = "en") -> str:
        return self.italian if language == "it" else self.english
