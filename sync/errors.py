"""What can go wrong talking to a shop, sorted by what the sync does about it.

Each error carries a message code and its parameters (`station.domain.messages`); `str()` is
the English sentence, `message(language)` the one for the reader. Messages never carry a
secret: they name the shop and the path, never the full URL, headers or credentials.
"""

from __future__ import annotations

from station.domain.messages import MessageError


class ShopError(MessageError):
    """Base of every shop problem."""


class TransientError(ShopError):
    """Worth retrying later: the shop is down, slow, rate limiting, or answered garbage."""

    def __init__(
        self, code: str, /, *, retry_after_s: float | None = None, **params: object
    ) -> None:
        super().__init__(code, **params)
        self.retry_after_s = retry_after_s


class OfflineError(TransientError):
    """The shop could not be reached at all (no connection)."""


class RateLimitedError(TransientError):
    """The shop asked us to slow down (HTTP 429 or a throttled GraphQL answer)."""


class AuthError(ShopError):
    """The shop refused the credentials. Nothing is parked: fixing the key fixes everything."""

    platform_code = ""  # the platform's own code for the refusal, when it gave one


class PermanentError(ShopError):
    """The shop refused this request for good (validation, unknown order). Park it and show it."""
