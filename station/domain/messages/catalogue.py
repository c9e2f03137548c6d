"""The catalogue's machinery: one record per message, one dict of them, and `text()`.

The area modules beside this one (workflow, devices, documents, sync, console, cli) each
register their entries here; `station.domain.messages` imports them all.
"""

from __future__ import annotations

import string
from dataclasses import dataclass

LANGUAGES = ("en", "it")


class UnknownMessage(KeyError):  # noqa: N818 - named after what is missing, like KeyError
    """A code that is not in the catalogue: a bug in the caller, never shown to an operator."""


@dataclass(frozen=True)
class Message:
    """One sentence in English and Italian, with `{named}` parameters.

    `same` marks an entry whose Italian is rightly the English (a bare number, a name);
    `dynamic` one whose code is built at run time (e.g. from a device state), so no literal
    in the source names it.
    """

    code: str
    en: str
    it: str
    same: bool = False
    dynamic: bool = False

    def template(self, language: str) -> str:
        return self.it if language == "it" else self.en


CATALOGUE: dict[str, Message] = {}


def register(*messages: Message) -> None:
    for m in messages:
        if m.code in CATALOGUE:
            raise ValueError(f"message code {m.code!r} is registered twice")
        CATALOGUE[m.code] = m


class _Params(dict[str, object]):
    """A missing parameter prints as `?`: an operator sees a sentence, never a traceback."""

    def __missing__(self, key: str) -> object:
        return "?"


def text(code: str, language: str = "en", /, **params: object) -> str:
    """The sentence for `code` in `language` (English for a language we do not speak)."""
    try:
        message = CATALOGUE[code]
    except KeyError:
        raise UnknownMessage(code) from None
    return message.template(language).format_map(_Params(params))


def placeholders(template: str) -> set[str]:
    """The parameter names a template uses."""
    return {field for _, field, _, _ in string.Formatter().parse(template) if field}
