"""What the seller knows about a segment, for engines that can use it (DeepL, LLMs).

The service masks brands, do-not-translate terms and seller glossary terms as placeholders
whatever the engine; engines that accept a glossary or context also get, per segment, the
terms of the bundled and seller glossaries found in it, what each placeholder stands for,
and the product's title and category. An engine opts in by defining ``set_hints``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from klisting.translate.protect import PLACEHOLDER, Masked

_HANGUL = re.compile(r"[\uac00-\ud7a3]")
#: terms shorter than this are too ambiguous to send as a glossary entry (면, 울)
_MIN_TERM_CHARS = 2


@dataclass(slots=True)
class SegmentHints:
    """Context for one segment.

    Attributes:
        title: the product title (source language) the segment belongs to.
        category: the product's category path as the seller wrote it.
        terms: source term -> target term found in the segment (termbase and seller glossary).
        placeholders: placeholder (``⟦0⟧``) -> the text it will be replaced with.
    """

    title: str = ""
    category: str = ""
    terms: dict[str, str] = field(default_factory=dict)
    placeholders: dict[str, str] = field(default_factory=dict)


def wants_hints(engine: Any) -> bool:
    """True for engines that read hints (``uses_hints`` and a ``set_hints`` method)."""
    return bool(getattr(engine, "uses_hints", False)) and callable(
        getattr(engine, "set_hints", None)
    )


def segment_hints(
    masked: Masked,
    context: tuple[str, str] | None,
    termbase: Any,
    column: str | None,
    seller_terms: dict[str, str],
) -> SegmentHints:
    """Hints for one masked segment.

    Args:
        masked: the segment as the engine sees it.
        context: (title, category) of the product, or None.
        termbase: the bundled termbase (``klisting.translate.termbase.Termbase``) or None.
        column: the termbase column of the target language, or None.
        seller_terms: the seller glossary for the target language.
    """
    title, category = context or ("", "")
    terms = {k: v for k, v in seller_terms.items() if k in masked.text}
    if termbase is not None and column is not None:
        terms = {**_termbase_terms(masked.text, termbase, column), **terms}
    placeholders = {PLACEHOLDER.format(n): text for n, text in masked.restore.items()}
    return SegmentHints(title, category, terms, placeholders)


def _termbase_terms(text: str, termbase: Any, column: str) -> dict[str, str]:
    """Longest termbase terms found in ``text``, spaces ignored as the termbase index does
    (냉장 보관 금지 is one term whatever its spacing)."""
    found: dict[str, str] = {}
    compact = "".join(text.lower().split())
    start = 0
    while start < len(compact):
        match = termbase.longest_match(compact, start) if _HANGUL.match(compact[start]) else None
        if match is None or match[1] - start < _MIN_TERM_CHARS:
            start += 1
            continue
        term, end = match
        translation = term.get(column)
        if translation and not term.tags & {"count", "unit", "alone"}:
            found[term.ko] = translation
        start = end
    return found
