"""What colour each answer of the bench is shown in, by its message code: one table.

Green is kept for a good scan, so a glance tells "carry on" from anything else; exceptions an
operator chose (hold, short, undo, abort, reprint) are amber; the four mistakes that happen
most at a bench each have their own colour and title, so they are told apart from across the
room. A code not in the table is shown as a plain error (rejected) or a neutral note
(accepted): never green by default. New codes are one line each.
"""

from __future__ import annotations

GOOD = "ok"
DONE = "done"
EXCEPTION = "exception"
WRONG_ITEM = "wrong_item"
UNKNOWN_CODE = "unknown_code"
ALREADY_PACKED = "already_packed"
BAD_WEIGHT = "bad_weight"
ERROR = "error"
INFO = "info"

KIND_BY_CODE: dict[str, str] = {
    # a good scan
    "order_opened": GOOD,
    "unit_ok": GOOD,
    "units_ok": GOOD,
    "box_chosen": GOOD,
    "weight_ok": GOOD,
    "code_learnt": GOOD,
    "bin_ok": GOOD,
    "tote_opened": GOOD,
    "tote_trusted": GOOD,
    "tote_taken": GOOD,
    "batch_taken": GOOD,
    "batch_at_bin": GOOD,
    "batch_at_overflow": GOOD,
    "put_ok": GOOD,
    "done": DONE,
    # an exception the operator (or a lead) chose
    "held": EXCEPTION,
    "shorted": EXCEPTION,
    "undone": EXCEPTION,
    "aborted": EXCEPTION,
    "reprinting": EXCEPTION,
    "weight_overridden": EXCEPTION,
    "shorted_held": EXCEPTION,
    "short_asked": EXCEPTION,
    "short_asked_hold": EXCEPTION,
    "short_reason_taken": EXCEPTION,
    "short_needs_lead": EXCEPTION,
    "short_dropped": INFO,
    "release_asked": EXCEPTION,
    "released_at_bench": EXCEPTION,
    "nothing_to_reprint": EXCEPTION,
    "nothing_short": EXCEPTION,
    "order_taken": EXCEPTION,
    "pick_shorted": EXCEPTION,
    "pick_overflow_offer": EXCEPTION,
    "order_put_on_hold": EXCEPTION,
    "order_given": EXCEPTION,
    "parcel_opened": INFO,
    "printing_slip": INFO,
    # mistakes, each its own treatment
    "not_in_order": WRONG_ITEM,
    "other_order": WRONG_ITEM,
    "unknown_code": UNKNOWN_CODE,
    "unknown_order": UNKNOWN_CODE,
    "line_complete": ALREADY_PACKED,
    "serial_shipped": ALREADY_PACKED,
    "too_many": ALREADY_PACKED,
    "weight_out_of_tolerance": BAD_WEIGHT,
}


def kind_of(code: str, *, rejected: bool) -> str:
    return KIND_BY_CODE.get(code, ERROR if rejected else INFO)
