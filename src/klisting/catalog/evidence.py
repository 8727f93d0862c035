"""What a column's cells look like: evidence for (or against) the field its header suggests.

A sample of the first rows is enough: a column of image URLs, of HTML, of 13-digit GTINs or of
shop-internal codes (Cafe24's ``B0000000`` brand code) looks the same on every row.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

SAMPLE_ROWS = 40

_IMAGE_REF = re.compile(
    r"^(?:https?://\S+|[^\s<>]+)\.(?:jpe?g|png|gif|webp|bmp|tiff?)(?:\?\S*)?$", re.IGNORECASE
)
_URL = re.compile(r"^https?://\S+$", re.IGNORECASE)
_HTML = re.compile(r"<\s*(?:p|div|img|br|span|table|h[1-6]|ul|li|strong|b|center)\b", re.IGNORECASE)
_GTIN = re.compile(r"^\d{8}$|^\d{12,14}$")
# Shop-internal codes: Cafe24 brand B0000000, maker M000000U, product P00000JT.
_INTERNAL_CODE = re.compile(r"^[A-Z](?=[0-9A-Z]*\d{4})[0-9A-Z]{6,9}$")
_SHORT_NUMBER_CODE = re.compile(r"^\d{1,7}$")
_NUMBER = re.compile(r"^[+-]?[\d,]+(?:\.\d+)?\s*(?:원|개|ea|kg|g|ml|l|cm)?$", re.IGNORECASE)
_LIST_SPLIT = re.compile(r"[\n\r|,;]+")


@dataclass(frozen=True, slots=True)
class ContentEvidence:
    """The kind of a column's sampled cells, with an example and how many cells agreed."""

    kind: str  # image | url | html | gtin | code | number | list | text | empty
    example: str = ""
    share: float = 0.0
    filled: int = 0

    def describe(self) -> str:
        if self.kind == "empty":
            return "empty in the sampled rows"
        return f"{self.share:.0%} of {self.filled} sampled cells look like {self.kind} (e.g. '{self.example[:40]}')"


def _text(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _kind_of(cell: str) -> str:
    pieces = [p.strip() for p in _LIST_SPLIT.split(cell) if p.strip()]
    if pieces and all(_IMAGE_REF.match(p) for p in pieces):
        return "image"
    if _HTML.search(cell):
        return "html"
    if _URL.match(cell):
        return "url"
    if _GTIN.match(cell) and gtin_ok(cell):
        return "gtin"
    if _INTERNAL_CODE.match(cell):
        return "code"
    if _NUMBER.match(cell):
        return "number"
    if len(pieces) > 1 and all(len(p) <= 20 for p in pieces):
        return "list"  # 블랙,화이트 / S|M|L: short values, the shape of an option axis
    return "text"


def gtin_ok(digits: str) -> bool:
    """GS1 mod-10 check digit."""
    total = 3 * sum(map(int, digits[-2::-2])) + sum(map(int, digits[-3::-2]))
    return (10 - total % 10) % 10 == int(digits[-1])


def column_evidence(cells: Iterable[Any]) -> ContentEvidence:
    """The dominant kind of the non-empty ``cells`` (JSON lists and objects are 'text')."""
    counts: dict[str, int] = {}
    examples: dict[str, str] = {}
    filled = 0
    for value in cells:
        if value is None or isinstance(value, bool):
            continue
        if isinstance(value, list | dict):
            kind, text = "text", ""
        else:
            text = _text(value)
            if not text:
                continue
            kind = _kind_of(text)
        filled += 1
        counts[kind] = counts.get(kind, 0) + 1
        examples.setdefault(kind, text)
    if not filled:
        return ContentEvidence("empty")
    kind = max(counts, key=counts.__getitem__)
    return ContentEvidence(kind, examples.get(kind, ""), counts[kind] / filled, filled)


def looks_like_code(value: str) -> bool:
    """A shop-internal code rather than a name: B0000000, M000000U, 1798."""
    return bool(_INTERNAL_CODE.match(value) or _SHORT_NUMBER_CODE.match(value))
