"""Header keys: what a column header says once its decorations are taken off.

Real sheets decorate the names a vocabulary knows: ``상세설명 HTML``, ``대표이미지URL``,
``*상품명(필수)``, ``[선택] 브랜드``, ``무게(g)``, ``옵션값1``, a line break inside the cell. A
header yields several keys, most specific first; the mapper tries them in order and records
which one matched, so ``klisting inspect`` can say why a column got its field.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

# Characters that never distinguish two headers: spaces, separators, required marks.
_IGNORED = re.compile(r"[\s_\-.:·•/*※★☆✔✱]+")
_BRACKET_CHARS = re.compile(r"[()\[\]{}（）【】<>]")
# Required/optional marks in brackets: (필수), [선택], (필수입력), <권장> ...
_MARKS = re.compile(r"[(\[（【<]\s*(?:필수|선택|권장|옵션)\s*(?:입력|항목|사항)?\s*[)\]）】>]")
# A unit or currency in brackets: (g), (kg), [cm], (원), (개), (%).
_UNIT = re.compile(
    r"[(\[（]\s*(?:kg|g|mg|ml|l|cm|mm|m|oz|lbs?|in|원|개|ea|%|krw|won)\s*[)\]）]", re.IGNORECASE
)
# What a header says about the cell's format rather than its meaning: 상세설명 HTML, 이미지URL.
_FORMAT_SUFFIX = re.compile(r"(?:\s*(?:html|urls?|주소|링크|link|경로))+\s*$", re.IGNORECASE)
_BRACKETED = re.compile(r"[(\[（【][^()\[\]（）【】]*[)\]）】]")
# 옵션값1, 추가이미지 2, image2: a column numbered within a group of the same field.
_NUMBERED = re.compile(r"^(.*?\D)\s*(\d{1,2})$")


@dataclass(frozen=True, slots=True)
class HeaderKeys:
    """Match keys of one header, most specific first, and the column's number in its group."""

    exact: str  # the header as written, without spaces, separators and bracket characters
    plain: str  # without required marks, units and format words (HTML, URL)
    unbracketed: str  # without anything in brackets: 대표(옵션)이미지 -> 대표이미지
    base: str  # without a trailing group number: 옵션값1 -> 옵션값
    number: int | None

    def tried(self) -> list[tuple[str, str]]:
        """(key, how) pairs to look up, most specific first, without repeats."""
        seen: set[str] = set()
        pairs = []
        for key, how in (
            (self.exact, "exact"),
            (self.plain, "decorations removed"),
            (self.base, f"number {self.number} removed"),
            (self.unbracketed, "bracketed words removed"),
        ):
            if key and key not in seen:
                seen.add(key)
                pairs.append((key, how))
        return pairs


def squash(text: str) -> str:
    """NFKC, lower case, without spaces, separators, required marks and bracket characters."""
    folded = unicodedata.normalize("NFKC", str(text)).lower()
    return _BRACKET_CHARS.sub("", _IGNORED.sub("", folded))


@lru_cache(maxsize=4096)
def header_keys(header: str) -> HeaderKeys:
    """The match keys of ``header``."""
    text = unicodedata.normalize("NFKC", str(header)).replace("\n", " ").replace("\r", " ")
    plain_text = _UNIT.sub(" ", _MARKS.sub(" ", text))
    plain_text = _FORMAT_SUFFIX.sub("", plain_text.strip(" *※")).strip()
    plain = squash(plain_text)
    numbered = _NUMBERED.match(plain)
    base, number = (numbered.group(1), int(numbered.group(2))) if numbered else (plain, None)
    unbracketed = squash(_FORMAT_SUFFIX.sub("", _BRACKETED.sub("", plain_text)).strip())
    return HeaderKeys(squash(text), plain, unbracketed, base, number)


def normalize_header(text: str) -> str:
    """The exact key of a header (kept for callers that match one spelling)."""
    return header_keys(text).exact
