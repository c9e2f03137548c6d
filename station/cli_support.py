"""What every `station` command module shares: the errors that end a command, and the
translation of a refused command into the one line the user reads.

`station.cli` (the entry point) and the command modules (`documents_cli`, `orders_cli`) import
this module, never each other's internals, so the command modules do not import the entry point.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from station.context import AppContext
from station.domain.messages import text
from station.labels.errors import DocumentError
from station.services.errors import CommandError


class UserError(Exception):
    """Something the user can fix; the message says what. Exit status 1."""


class UsageError(UserError):
    """The command line itself is wrong, in a way argparse cannot check. Exit status 2."""


def user_error(code: str, language: str, /, **params: object) -> UserError:
    return UserError(text(code, language, **params))


@contextmanager
def refusals_shown(ctx: AppContext) -> Iterator[None]:
    """A refused command or a document's bad data becomes one sentence in the settings'
    language."""
    try:
        yield
    except (CommandError, DocumentError) as exc:
        raise UserError(exc.message(ctx.settings.language)) from exc
