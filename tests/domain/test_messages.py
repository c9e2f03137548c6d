"""The message catalogue: every entry speaks both languages, and every code the code can emit is
in it (found by reading the source of station/ and sync/ with `ast`)."""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

from station.domain.messages import CATALOGUE, Message, Phrase, UnknownMessage, placeholders, text
from station.labels.errors import DocumentError
from sync.errors import TransientError

ROOT = Path(__file__).resolve().parents[2]
SOURCES = ("station", "sync")
CATALOGUE_DIR = ROOT / "station" / "domain" / "messages"

# The calls that emit a message code, and the position of the code among their arguments.
# A `code=` keyword of any of them (or of `dataclasses.replace`) counts too.
EMITTERS = {
    # the catalogue itself and what carries a code to the edge
    "text": 0,
    "Phrase": 0,
    "Reason": 0,
    "MessageError": 0,
    # the bench engine (station/workflow) and its effects
    "say": 0,
    "accept": 0,
    "reject": 0,
    "Accepted": 0,
    "Rejected": 0,
    "Prompt": 0,
    "_forget_order": 0,  # the engine letting go of an order a lead took or held
    # a claim source's refusal, said by the bench as the workflow's own
    "Refusal": 0,
    # a conflict between benches, flagged on the order (sync/hub/conflicts.py)
    "_flag": 2,
    # (every subclass of MessageError is added by `emitters()`: DocumentError, ShopError, ...)
    # devices
    "PrintError": 0,
    "DeviceHealth": 2,
    "WeightReading": 3,
    "_set_health": 1,
    "_offline": 0,
    "replace": -1,
    # front ends
    "tell": 2,
    "user_error": 0,
}

# Entries for sentences that code elsewhere still words itself (sync/importer.py,
# station/services/shipping.py); they are emitted once that code uses the catalogue.
AWAITING_CALLERS: frozenset[str] = frozenset()


def source_files() -> Iterator[Path]:
    for package in SOURCES:
        for path in sorted((ROOT / package).rglob("*.py")):
            if CATALOGUE_DIR not in path.parents:
                yield path


def message_errors(trees: list[ast.Module]) -> set[str]:
    """Every class that derives, directly or not, from MessageError: each takes a code first."""
    bases = {
        node.name: {b.id if isinstance(b, ast.Name) else getattr(b, "attr", "") for b in node.bases}
        for tree in trees
        for node in ast.walk(tree)
        if isinstance(node, ast.ClassDef)
    }
    found = {"MessageError"}
    while grown := {name for name, parents in bases.items() if parents & found} - found:
        found |= grown
    return found


def parsed_sources() -> list[tuple[Path, ast.Module]]:
    return [(path, ast.parse(path.read_text(encoding="utf-8"))) for path in source_files()]


def emitters(trees: list[ast.Module]) -> dict[str, int]:
    return EMITTERS | dict.fromkeys(message_errors(trees), 0)


def literals(node: ast.expr) -> list[str]:
    """The strings an expression can be: a literal, or either side of `a if cond else b`."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return [node.value]
    if isinstance(node, ast.IfExp):
        return literals(node.body) + literals(node.orelse)
    return []


def _call_name(call: ast.Call) -> str | None:
    if isinstance(call.func, ast.Name):
        return call.func.id
    if isinstance(call.func, ast.Attribute):
        return call.func.attr
    return None


def emitted_codes(tree: ast.AST, calls: dict[str, int]) -> Iterator[tuple[str, int]]:
    """Every literal code in `tree`: at an emitter's code position or `code=` keyword, and in
    `return "code", {params}` (how the engine's rules answer with a message)."""
    for node in ast.walk(tree):
        if isinstance(node, ast.Return) and isinstance(node.value, ast.Tuple):
            parts = node.value.elts
            if len(parts) == 2 and isinstance(parts[1], ast.Dict):
                yield from ((code, node.lineno) for code in literals(parts[0]))
        if not isinstance(node, ast.Call):
            continue
        name = _call_name(node)
        if name not in calls:
            continue
        position = calls[name]
        args = [node.args[position]] if 0 <= position < len(node.args) else []
        args += [k.value for k in node.keywords if k.arg == "code"]
        for arg in args:
            yield from ((code, node.lineno) for code in literals(arg))


def all_emitted() -> dict[str, list[str]]:
    sources = parsed_sources()
    calls = emitters([tree for _, tree in sources])
    found: dict[str, list[str]] = {}
    for path, tree in sources:
        for code, line in emitted_codes(tree, calls):
            found.setdefault(code, []).append(f"{path.relative_to(ROOT)}:{line}")
    return found


def all_string_constants() -> set[str]:
    return {
        node.value
        for _, tree in parsed_sources()
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant) and isinstance(node.value, str)
    }


def sample_params(message: Message) -> dict[str, object]:
    names = {name for pair in message.forms() for form in pair for name in placeholders(form)}
    names |= {
        name
        for _, part in message.parts
        for form in (*part.en, *part.it)
        for name in placeholders(form)
    }
    # An int formats under every spec the catalogue uses (`{diff_g:+d}` too) and under `!r`.
    return {name: 7 for name in names}


ENTRIES = sorted(CATALOGUE.values(), key=lambda m: m.code)


@pytest.mark.parametrize("message", ENTRIES, ids=lambda m: m.code)
def test_every_entry_formats_in_english_and_italian_with_the_same_parameters(
    message: Message,
) -> None:
    # GIVEN an entry WHEN it is said in both languages with the parameters it declares
    assert placeholders(message.en) == placeholders(message.it)
    for english_form, italian_form in message.forms():  # plural forms: the same parameters
        assert placeholders(english_form) == placeholders(message.en)
        assert placeholders(italian_form) == placeholders(message.en)
    for _, part in message.parts:  # counted parts: one and other, the same parameters
        forms = (*part.en, *part.it)
        assert {frozenset(placeholders(form)) for form in forms} == {
            frozenset(placeholders(part.en[1]))
        }
        assert part.count in placeholders(part.en[1])
    params = sample_params(message)
    english, italian = text(message.code, "en", **params), text(message.code, "it", **params)
    # THEN both are sentences, and the Italian is a translation unless marked the same
    assert english.strip()
    assert italian.strip()
    assert not any("{" + name in english + italian for name in params), "a placeholder left"
    if message.same:
        assert message.en == message.it
    else:
        assert message.en != message.it, f"{message.code}: the Italian copies the English"


def test_an_unknown_code_raises_and_an_unknown_language_gets_english() -> None:
    with pytest.raises(UnknownMessage):
        text("no_such_message", "en")
    with pytest.raises(KeyError):  # UnknownMessage is a KeyError
        Phrase("no_such_message").text("it")
    assert text("queue_empty", "de") == text("queue_empty", "en")
    assert text("queue_empty", "it") == "Nessun ordine in attesa di imballaggio."


def test_a_missing_parameter_prints_as_a_question_mark_not_a_traceback() -> None:
    assert text("scale_no_port", "en").startswith("Port ? does not exist")


def test_an_error_carries_its_code_and_is_said_in_the_readers_language() -> None:
    # GIVEN errors raised with a code and its parameters
    document = DocumentError("unknown_slip_size", size="a3")
    shop = TransientError(
        "shop_timeout", shop="Negozio", method="GET", path="/orders", retry_after_s=5.0
    )
    # THEN str() is the English sentence, message() the reader's, and the code stays for code
    assert str(document) == "Unknown slip size 'a3'; use a4 or a5."
    assert document.message("it") == "Formato distinta 'a3' sconosciuto; usa a4 o a5."
    assert (document.code, document.params) == ("unknown_slip_size", {"size": "a3"})
    assert shop.message("it") == "Negozio: il negozio non ha risposto in tempo (GET /orders)"
    assert shop.retry_after_s == 5.0
    assert Phrase("folder_ready", {"count": 2}).text("it") == "Cartella pronta: 2 file in attesa"


def test_every_code_the_code_emits_is_in_the_catalogue() -> None:
    # GIVEN every literal code passed to an emitting call in station/ and sync/
    emitted = all_emitted()
    # THEN each is a catalogue entry
    unknown = {code: where for code, where in emitted.items() if code not in CATALOGUE}
    assert not unknown, f"codes not in the catalogue: {unknown}"
    assert len(emitted) > 150  # the walk really finds the workflow, devices, documents, sync


def test_no_catalogue_entry_is_dead() -> None:
    # GIVEN the codes the source emits literally
    emitted = all_emitted()
    # THEN every entry is emitted, or marked dynamic (picked from a table: its code is still a
    # string in the source), or waiting for its callers
    dead = [
        m.code
        for m in ENTRIES
        if m.code not in emitted and not m.dynamic and m.code not in AWAITING_CALLERS
    ]
    assert not dead, f"entries nothing emits: {dead}"
    strings = all_string_constants()
    dynamic = [m.code for m in ENTRIES if m.dynamic]
    assert all(code in strings for code in dynamic), "a dynamic entry no table names"
    assert not [code for code in dynamic if code in emitted], "emitted literally: not dynamic"
    assert not AWAITING_CALLERS - CATALOGUE.keys()
    assert not AWAITING_CALLERS & emitted.keys(), "now emitted: drop it from AWAITING_CALLERS"


def test_the_walk_knows_every_error_that_carries_a_code() -> None:
    errors = message_errors([tree for _, tree in parsed_sources()])
    assert {"DocumentError", "RangeExhausted", "ShopError", "PermanentError"} <= errors
    assert {"ShopConfigError", "CatalogueFileError"} <= errors


def test_the_walk_finds_codes_where_the_engine_and_the_devices_put_them() -> None:
    tree = ast.parse(
        "def f(self, ok):\n"
        "    self.reject('no_order')\n"
        "    self.accept('unit_ok' if ok else 'units_ok', name='x')\n"
        "    DeviceHealth('scale', HealthLevel.FAILED, 'scale_offline', 'p')\n"
        "    raise DocumentError('ddt_empty')\n"
        "    return 'line_complete', {'name': 'x'}\n"
    )
    codes = {code for code, _ in emitted_codes(tree, EMITTERS | {"DocumentError": 0})}
    assert codes == {
        "no_order",
        "unit_ok",
        "units_ok",
        "scale_offline",
        "ddt_empty",
        "line_complete",
    }


@pytest.mark.parametrize(
    ("code", "params", "english", "italian"),
    [
        ("order_opened", {"number": 1, "customer": "Rossi", "units": 1}, "1 unit.", "1 pezzo."),
        ("order_opened", {"number": 1, "customer": "Rossi", "units": 2}, "2 units.", "2 pezzi."),
        ("done", {"number": 1, "parcels": 1}, "1 parcel.", "1 collo."),
        ("done", {"number": 1, "parcels": 2}, "2 parcels.", "2 colli."),
        ("scan_items", {"number": 1, "left": 1, "name": "x"}, "1 left", "ne manca 1."),
        ("scan_items", {"number": 1, "left": 2, "name": "x"}, "2 left", "ne mancano 2."),
        ("resumed", {"number": 1, "left": 1}, "1 unit left.", "manca 1 pezzo."),
        ("resumed", {"number": 1, "left": 2}, "2 units left.", "mancano 2 pezzi."),
    ],
)
def test_plural_forms_for_one_and_two(
    code: str, params: dict[str, object], english: str, italian: str
) -> None:
    # GIVEN an entry with plural forms WHEN it is said for 1 and for 2 THEN each says its form
    assert english in text(code, "en", **params)
    assert italian in text(code, "it", **params)
    assert "(s)" not in text(code, "en", **params)
    assert "/i" not in text(code, "it", **params)


def test_a_counted_entry_without_its_one_form_is_refused() -> None:
    from station.domain.messages.catalogue import register

    with pytest.raises(ValueError, match="no 'one' form"):
        register(Message("plural_without_one", "{n} things", "{n} cose", count="n"))
