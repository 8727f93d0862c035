"""JSON catalogs parsed strictly: NaN and Infinity refused, nesting bounded, duplicate keys noted.

Python's ``json`` accepts ``NaN``/``Infinity`` (not JSON, RFC 8259 section 6) and turns them
into floats that later break price and stock parsing; it raises RecursionError (a traceback)
on an array nested a few thousand levels deep; and it keeps the last of two equal keys
without a word. Here the first two are an input error naming the line (exit 3) and the third
is a note on the item, so a seller sees which value was used.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from klisting.errors import InputError
from klisting.model.codes import Code, declare
from klisting.model.finding import Severity

#: nesting a product catalog never needs (item -> field -> list -> object is 4)
MAX_DEPTH = 32

declare(
    Code(
        "catalog.duplicate-key",
        Severity.WARNING,
        None,
        "A JSON object names the same key twice; the last value is used.",
        "Remove the repeated key from that item.",
    )
)

_CONSTANT = re.compile(r"-?\b(?:NaN|Infinity)\b")


class DuplicateKeys(dict):
    """A JSON object that repeated keys (``duplicates`` names them, first value dropped)."""

    duplicates: list[str]


def _object(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result = dict(pairs)
    if len(result) == len(pairs):
        return result
    marked = DuplicateKeys(result)
    seen: set[str] = set()
    marked.duplicates = [k for k, _ in pairs if k in seen or seen.add(k)]  # type: ignore[func-returns-value]
    return marked


def _refuse_constant(name: str) -> Any:
    raise ValueError(name)


def loads(text: str, path: Path, line: int | None = None) -> Any:
    """Parse ``text`` (the whole file, or line ``line`` of a JSON Lines file).

    Raises:
        InputError: invalid JSON, NaN/Infinity, or nesting deeper than MAX_DEPTH.
    """
    where = f"{path}: line {line}" if line else str(path)
    try:
        document = json.loads(text, object_pairs_hook=_object, parse_constant=_refuse_constant)
    except json.JSONDecodeError as exc:
        at = f"line {line or exc.lineno}, column {exc.colno}"
        raise InputError(f"{path}: {at}: invalid JSON ({exc.msg})") from None
    except ValueError as exc:  # from _refuse_constant
        found = _CONSTANT.search(text)
        near = f" (line {line or text.count(chr(10), 0, found.start()) + 1})" if found else ""
        raise InputError(
            f"{where}: {exc} is not a JSON number{near}",
            hint="Write null for an unknown value, or a real number.",
        ) from None
    except RecursionError:
        raise InputError(
            f"{where}: JSON nested too deeply to read",
            hint=f"A catalog needs at most {MAX_DEPTH} levels.",
        ) from None
    if _depth(document) > MAX_DEPTH:
        raise InputError(
            f"{where}: JSON nested more than {MAX_DEPTH} levels deep",
            hint="Flatten the product objects (fields as plain values, lists or simple objects).",
        )
    return document


def _depth(document: Any) -> int:
    """Deepest nesting of lists and objects, without recursion (stops past MAX_DEPTH)."""
    deepest = 0
    stack = [(document, 1)]
    while stack:
        value, level = stack.pop()
        if isinstance(value, dict):
            children = value.values()
        elif isinstance(value, list):
            children = value
        else:
            continue
        deepest = max(deepest, level)
        if level > MAX_DEPTH:
            return level
        stack.extend((child, level + 1) for child in children if isinstance(child, (dict, list)))
    return deepest


def jsonl_records(text: str, path: Path) -> Iterator[tuple[int, Any]]:
    """(line number, value) for every non-blank line of a JSON Lines file."""
    for number, line in enumerate(text.splitlines(), start=1):
        if line.strip():
            yield number, loads(line, path, number)


def duplicate_note(record: Any, number: int) -> tuple[int, str, str] | None:
    """The table note for an item that repeated keys, or None."""
    if not isinstance(record, DuplicateKeys):
        return None
    names = ", ".join(f"'{k}'" for k in dict.fromkeys(record.duplicates))
    return number, "catalog.duplicate-key", f"item {number} repeats {names}; the last value is used"
