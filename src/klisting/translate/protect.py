"""Protected spans: brands, do-not-translate terms, SKUs, URLs, numbers with units.

Each span is replaced by a placeholder ``⟦n⟧`` the engine is asked to keep; after translation
every placeholder must come back exactly once, then it is replaced by its restoration text
(the original span, a converted quantity, or a seller glossary term).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from klisting.translate.quantities import find_quantities

PLACEHOLDER = "⟦{}⟧"
#: Engines sometimes add spaces inside brackets; accept those when reading output back.
PLACEHOLDER_RE = re.compile(r"⟦\s*(\d+)\s*⟧")

# ASCII only: Korean copy glues particles to addresses ("www.shop.kr에서", "help@shop.kr로"),
# and those must reach the engine, not stay Korean inside the protected span.
_URL = re.compile(
    r"(?:https?://|www\.)[^\s<>\"')\]\u3131-\u318e\uac00-\ud7a3]+"
    r"|[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+"
)
# Model numbers and SKUs: a word mixing letters and digits (AB-1234, KL_0012, X100, 3D).
_CODE = re.compile(
    r"(?<![\w-])(?=[A-Za-z0-9_-]*[A-Za-z])(?=[A-Za-z0-9_-]*\d)[A-Za-z0-9][A-Za-z0-9_-]*[A-Za-z0-9](?![\w-])"
)


# After a kept Hangul word: the end of the word, or a particle that ends it (하루담의, 하루담은).
_WORD_END = (
    r"(?:(?![\uac00-\ud7a3])|(?=(?:은|는|이|가|을|를|의|에|에서|와|과|도|로|으로|만|까지|처럼|랑|이랑)"
    r"(?![\uac00-\ud7a3])))"
)


@dataclass(slots=True)
class Masked:
    """A segment with its protected spans replaced by placeholders."""

    text: str
    restore: dict[int, str] = field(default_factory=dict)

    @property
    def has_placeholders(self) -> bool:
        return bool(self.restore)


@dataclass(slots=True)
class Protector:
    """Masks protected spans; built once per service from the seller's terms.

    Attributes:
        keep: literal terms kept verbatim (brands, do-not-translate terms).
        terms: seller glossary source term -> target term (restored as the target term).
        market: market id for unit conversion, or None.
    """

    keep: tuple[str, ...] = ()
    terms: dict[str, str] = field(default_factory=dict)
    market: str | None = None
    #: the target language: how a reader takes "39,000" when no market is given
    language: str | None = None
    _literals: tuple[re.Pattern[str] | None, dict[str, str]] | None = field(
        default=None, init=False, repr=False
    )

    def mask(self, text: str) -> Masked:
        """Replace protected spans in ``text`` with numbered placeholders."""
        spans = self._spans(text)
        if not spans:
            return Masked(text)
        out: list[str] = []
        restore: dict[int, str] = {}
        cursor = 0
        for n, (start, end, replacement) in enumerate(spans):
            out.append(text[cursor:start])
            out.append(PLACEHOLDER.format(n))
            restore[n] = replacement
            cursor = end
        out.append(text[cursor:])
        return Masked("".join(out), restore)

    def _spans(self, text: str) -> list[tuple[int, int, str]]:
        found: list[tuple[int, int, str]] = []
        # One longest-first pass over kept and seller terms: the seller's translation of a
        # brand (닥터지 -> Dr.G) must win over keeping the brand verbatim, and a longer term
        # wins over a shorter one inside it whichever list it comes from.
        pattern, literals = self._literal_pattern()
        if pattern is not None:
            # every start position with its longest term, then longest terms first
            hits = [(m.start(), m.start() + len(m.group(1))) for m in pattern.finditer(text)]
            hits.sort(key=lambda hit: hit[0] - hit[1])
            found += [(start, end, literals[text[start:end]]) for start, end in hits]
        found += [(m.start(), m.end(), m.group(0)) for m in _URL.finditer(text)]
        found += [
            (q.start, q.end, q.replacement)
            for q in find_quantities(text, self.market, self.language)
        ]
        found += [(m.start(), m.end(), m.group(0)) for m in _CODE.finditer(text)]
        return _first_wins(found)

    def _literal_pattern(self) -> tuple[re.Pattern[str] | None, dict[str, str]]:
        """One regex for all kept and seller terms, built once: a glossary of thousands of
        terms must not cost one regex compilation per term and sentence."""
        if self._literals is None:
            literals = {**{term: term for term in self.keep}, **self.terms}
            kept = set(self.keep)
            alternatives = [
                _literal(term, word_start=term in kept)
                for term in sorted(literals, key=len, reverse=True)
            ]
            pattern = re.compile(f"(?=({'|'.join(alternatives)}))") if alternatives else None
            self._literals = (pattern, literals)
        return self._literals


def _literal(term: str, word_start: bool = False) -> str:
    """Latin terms match whole words only ("Nike" not inside "Nikelab"); Hangul anywhere,
    or with ``word_start`` (brands, kept words) only at the start of a word, particles after
    it allowed: a brand such as 무 or 설화 must not match inside 무료배송 or 설화수."""
    escaped = re.escape(term)
    if word_start and re.match(r"[\uac00-\ud7a3]", term):
        escaped = r"(?<![\uac00-\ud7a3])" + escaped
    if word_start and re.search(r"[\uac00-\ud7a3]$", term):
        escaped += _WORD_END
    if re.match(r"\w", term, re.ASCII):
        escaped = r"(?<![A-Za-z0-9])" + escaped
    if re.search(r"\w$", term, re.ASCII):
        escaped += r"(?![A-Za-z0-9])"
    return escaped


def _first_wins(spans: Iterable[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Drop spans overlapping an earlier (higher-priority) one; return them in text order."""
    taken: list[tuple[int, int, str]] = []
    for span in spans:
        if span[0] < span[1] and all(span[1] <= t[0] or span[0] >= t[1] for t in taken):
            taken.append(span)
    return sorted(taken)


def restore(translated: str, masked: Masked) -> str | None:
    """Put the protected spans back; None when a placeholder is missing, repeated or unknown."""
    if not masked.has_placeholders:
        return None if PLACEHOLDER_RE.search(translated) else translated
    seen = [int(m.group(1)) for m in PLACEHOLDER_RE.finditer(translated)]
    if sorted(seen) != sorted(masked.restore):
        return None
    return PLACEHOLDER_RE.sub(lambda m: masked.restore[int(m.group(1))], translated)


def split_around(masked: Masked) -> list[str | int]:
    """The masked text as alternating text pieces (str) and placeholder ids (int)."""
    parts: list[str | int] = []
    cursor = 0
    for m in PLACEHOLDER_RE.finditer(masked.text):
        if m.start() > cursor:
            parts.append(masked.text[cursor : m.start()])
        parts.append(int(m.group(1)))
        cursor = m.end()
    if cursor < len(masked.text):
        parts.append(masked.text[cursor:])
    return parts
