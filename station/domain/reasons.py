"""Why an order is held or flagged, as codes with parameters, and their words.

Events and tables store the code (`hold_code`, `problem_code`) and its parameters; the sentence
is made when it is shown, in the reader's language.
"""

from __future__ import annotations

from station.domain.events import Reason
from station.domain.messages import text

SHOP_HOLDS = ("hold_shop_on_hold", "hold_shop_unpaid", "hold_shop_completed")


def reason_text(reason: Reason | None, language: str = "en") -> str:
    """The sentence for a reason ('' for none); an unknown code raises UnknownMessage."""
    if reason is None or not reason.code:
        return ""
    return text(reason.code, language, **reason.params)


def stored_reason(code: str, params: dict[str, str] | None) -> Reason | None:
    """A reason as a table stores it (`hold_code`, `hold_params`)."""
    return Reason(code, dict(params or {})) if code else None
