"""The catalogue's machinery: one record per message, one dict of them, and `text()`.

The area modules beside this one (workflow, devices, documents, sync, console, cli) each
register their entries here; `station.domain.messages` imports them all.
"""

from __future__ import annotations

import string
from collections.abc import Mapping
from dataclasses import dataclass, field

LANGUAGES = ("en", "it")


class UnknownMessage(KeyError):  # noqa: N818 - named after what is missing, like KeyError
    """A code that is not in the catalogue: a bug in the caller, never shown to an operator."""


@dataclass(frozen=True)
class Counted:
    """A counted phrase inside a sentence, for a sentence with more than one count: `{name}` in
    the sentence (its name in `Message.parts`) is this phrase in its one form when the parameter
    `count` is 1, else in its other form, each said with the sentence's parameters. English and
    Italian both have two forms (CLDR one and other): `en` and `it` are (one, other)."""

    count: str
    en: tuple[str, str]
    it: tuple[str, str]

    def said(self, language: str, params: Mapping[str, object]) -> str:
        one, other = self.it if language == "it" else self.en
        return (one if _is_one(params.get(self.count)) else other).format_map(params)


@dataclass(frozen=True)
class Message:
    """One sentence in English and Italian, with `{named}` parameters.

    `same` marks an entry whose Italian is rightly the English (a bare number, a name);
    `dynamic` one whose code is picked from a table at run time (e.g. by a device's state)
    rather than named where it is emitted.
    """

    code: str
    en: str
    it: str
    same: bool = False
    dynamic: bool = False
    # Plurals: English and Italian both have two forms, one and other (CLDR). `en`/`it` are the
    # other form; when the parameter named `count` is 1, `one_en`/`one_it` are said instead.
    count: str = ""
    one_en: str = ""
    one_it: str = ""
    # Sentences with several counts: each counted phrase by the name the sentence gives it.
    parts: tuple[tuple[str, Counted], ...] = ()

    def template(self, language: str, params: Mapping[str, object] | None = None) -> str:
        if self.count and params is not None and _is_one(params.get(self.count)):
            return self.one_it if language == "it" else self.one_en
        return self.it if language == "it" else self.en

    def forms(self) -> list[tuple[str, str]]:
        """Each form as (English, Italian): the other, and the one when there is a plural."""
        other = (self.en, self.it)
        return [other, (self.one_en, self.one_it)] if self.count else [other]


def _is_one(value: object) -> bool:
    return str(value).strip() == "1"


CATALOGUE: dict[str, Message] = {}


def register(*messages: Message) -> None:
    for m in messages:
        if m.code in CATALOGUE:
            raise ValueError(f"message code {m.code!r} is registered twice")
        if m.count and not (m.one_en and m.one_it):
            raise ValueError(f"message {m.code!r} counts {m.count!r} but has no 'one' form")
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
    given = _Params(params)
    for name, part in message.parts:
        given[name] = part.said(language, given)
    return message.template(language, params).format_map(given)


@dataclass(frozen=True)
class Phrase:
    """A sentence not yet put into words: its code and parameters, said at the edge in the
    reader's language (e.g. what a shop answered to `station shop test`)."""

    code: str
    params: Mapping[str, object] = field(default_factory=dict)

    def text(self, language: str = "en") -> str:
        return text(self.code, language, **self.params)


class MessageError(Exception):
    """An error a person reads: a message code and its parameters.

    `str()` is the English sentence (for logs and scripts); a front end shows
    `message(language)` in the reader's language.
    """

    def __init__(self, code: str, /, **params: object) -> None:
        super().__init__(text(code, "en", **params))
        self.code = code
        self.params = params

    def message(self, language: str = "en") -> str:
        return text(self.code, language, **self.params)


def placeholders(template: str) -> set[str]:
    """The parameter names a template uses."""
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}
