"""Termbase answers for one- or two-word segments, whatever the engine.

Machine translation models are weakest on isolated words (option values such as 블랙, 아이보리,
사이즈): LibreTranslate's maintainer says as much for Korean. When a segment is exactly a term
of the bundled e-commerce termbase (configs/glossary), its curated translation is used and the
engine is not asked.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

MAX_WORDS = 2


@dataclass(slots=True)
class ShortTerms:
    """Exact termbase lookups for one target language."""

    termbase: Any
    column: str
    version: str

    def get(self, text: str) -> str | None:
        """The termbase translation of ``text`` when it is a short exact term, else None."""
        if len(text.split()) > MAX_WORDS:
            return None
        term = self.termbase.lookup(text)
        return term.get(self.column) if term is not None else None


def short_term_lookup(target: str, enabled: bool = True) -> ShortTerms | None:
    """A lookup for ``target``, or None when disabled, unsupported or the termbase is unavailable."""
    if not enabled:
        return None
    try:
        from klisting.translate.termbase import load_termbase, normalize_language
    except ImportError:
        return None
    column = normalize_language(target)
    if column is None:
        return None
    try:
        termbase = load_termbase()
    except Exception:  # a broken or missing termbase must not stop machine translation
        return None
    return ShortTerms(termbase, column, str(termbase.version))
