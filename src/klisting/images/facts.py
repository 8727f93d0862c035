"""Facts in image text: numbers, units and certification marks are rendered only when read twice.

A weight, volume or certification wrongly stated in a product image is a consumer-law problem
for the seller, worse than leaving the Korean. Tesseract's ``kor+eng`` model reads ``35dB`` as
``3508`` and ``150ml`` as ``15011`` with confidence, so one reading is never enough: a fact is
trusted when two recognitions give the same characters (``kor+eng`` and ``eng``, or two ``eng``
readings at different page-segmentation modes), or when a reading equals one of the product's
own facts (title, options, weight, volume). Nothing here repairs characters: a token that only
becomes a unit after a fix (``500mI`` -> ``500ml``) is not a fact that was read.

Inside a word that mixes Hangul and digits (``12시간``, ``2개``), the ``eng`` model reads the
Hangul as Latin noise, so only the edge of the word that the first reading put next to the
Hangul is compared (the number at the start, or the fact at the end).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from klisting.images.sidecar import Doubt

_HANGUL = r"\uac00-\ud7a3\u3131-\u318e"
#: units a number may carry inside a product image (metric, electrical, sound, counts)
UNITS = (
    "ml|mL|L|l|kg|mg|g|cm|mm|km|m|oz|lb|in|ft|dB|mAh|Ah|kWh|W|kW|V|Hz|kcal|cal|%"
    "|MB|GB|TB|inch|lbs|fl oz|°C|℃"
)
_NUMBER = r"\d+(?:[.,]\d+)*"
#: one fact: a number (or a size such as 30x20x10) with an optional unit, or 1+1 / SPF50+
FACT = re.compile(
    rf"{_NUMBER}(?:\s?[xX×*]\s?{_NUMBER})*(?:\s?(?:{UNITS}))?(?![A-Za-z])"
    rf"|{_NUMBER}\+{_NUMBER}"
    r"|[A-Z]{2,4}\d+\+*"
)
#: certification marks whose misreading would state a false certification
MARKS = ("KC", "KS", "HACCP", "GMP", "ISO", "FDA", "CE", "EWG", "USDA", "NSF", "BPA", "FSC")
_MARK = re.compile(r"(?<![A-Za-z])(?:" + "|".join(MARKS) + r")(?![a-z])")
_SEGMENT = re.compile(rf"[{_HANGUL}]+|[^{_HANGUL}]+")
#: punctuation around a token that is notation, not part of the fact (``(600g)``, ``12!``)
_EDGE_PUNCT = "\"'“”‘’!.:;,|()[]{}<>·"


def clean(token: str) -> str:
    """``token`` without the punctuation around it."""
    return token.strip().strip(_EDGE_PUNCT).strip()


@dataclass(frozen=True)
class FactToken:
    """A part of one recognised word that states a fact, and where it sits in the word."""

    text: str
    #: "whole" (the word has no Hangul), "start" or "end" (Hangul follows / precedes it)
    edge: str


def needs_check(word: str) -> bool:
    """True when ``word`` carries a digit or a certification mark (a fact to confirm)."""
    return any(char.isdigit() for char in word) or bool(_MARK.search(word))


def fact_tokens(
    word: str, hangul_before: bool = False, hangul_after: bool = False
) -> list[FactToken]:
    """The fact-bearing parts of one word of the first reading (``kor+eng``).

    ``hangul_before``/``hangul_after`` say that Hangul touches the word on that side (the
    reading split ``30매`` into ``30`` and ``매``): another reading of the word's crop then
    sees part of that Hangul too, so the word is treated like ``30매`` itself.
    """
    segments = _SEGMENT.findall(word)
    tokens = []
    for index, segment in enumerate(segments):
        if re.match(rf"[{_HANGUL}]", segment) or not needs_check(segment):
            continue
        before = index > 0 or hangul_before
        after = index < len(segments) - 1 or hangul_after
        edge = {
            (False, False): "whole",
            (False, True): "start",
            (True, False): "end",
            (True, True): "middle",
        }[(before, after)]
        if clean(segment):
            tokens.append(FactToken(clean(segment), edge))
    return tokens


def candidate(reading: str, edge: str, first: str) -> str | None:
    """What another reading of the same word says at ``edge`` (None when it says nothing there).

    ``first`` is the first reading's token: for a bare number before Hangul (``12`` in
    ``12시간``) only the digits are compared, because the Hangul that follows is read as noise.
    """
    reading = clean(reading)
    if edge == "whole":
        # The crop's margin may take in a stroke of the next word ("/ 500ml"): one fact alone
        # in the reading is what it says; two or more facts are read as they are.
        found = [m.group(0) for m in FACT.finditer(reading)]
        return (
            found[0] if len(found) == 1 and not re.search(r"[A-Za-z0-9]{2}\s", reading) else reading
        )
    if edge == "start":
        if re.fullmatch(_NUMBER, first):
            found = re.match(rf"{_NUMBER}(?![\d.,])", reading)
            return found.group(0) if found else None
        return reading[: len(first)] if reading.startswith(first) else _leading_fact(reading)
    if edge == "end":
        found = re.search(rf"(?:{FACT.pattern})$", reading)
        return found.group(0) if found else None
    return None


def _leading_fact(reading: str) -> str | None:
    found = FACT.match(reading) or _MARK.match(reading)
    return found.group(0) if found else None


def plausible(token: str) -> bool:
    """True when ``token`` is a clean fact (a number with a known unit, a size, a mark)."""
    return bool(FACT.fullmatch(token) or _MARK.fullmatch(token))


def agreed(first: FactToken, others: list[str]) -> str | None:
    """The fact the readings agree on, when it is a clean fact; else None.

    ``others`` are the ``eng`` readings of the same word: the second, and a third taken only
    when the first two differ. The first two must agree, or else the two ``eng`` readings
    (the Korean model garbles Latin units, ``500ml`` -> ``50011``); one dissenting ``eng``
    reading is enough to doubt a fact. Next to Hangul the ``eng`` readings both see the
    Hangul as noise (``30매`` -> ``300}``), so there they never outvote the first reading.
    """
    readings = [first.text] + [candidate(r, first.edge, first.text) for r in others]
    outvote = len(readings) >= 3 and first.edge == "whole"
    pair = readings[1:3] if outvote else readings[:2]
    if len(pair) < 2 or pair[0] is None or pair[1] is None:
        return None
    if normalise(pair[0]) == normalise(pair[1]) and plausible(pair[0]):
        return pair[0]
    return None


def normalise(token: str) -> str:
    """A fact's comparison key: no spaces, ``x`` for the size sign, ``,`` as ``.``."""
    return re.sub(r"\s+", "", token).replace("×", "x").replace("X", "x").replace(",", ".")


def catalog_facts(texts: Iterable[str]) -> frozenset[str]:
    """Every fact stated in the product's own texts (title, options, weight, volume)."""
    found = set()
    for text in texts:
        for match in FACT.finditer(text or ""):
            found.add(normalise(match.group(0)))
        found.update(_MARK.findall(text or ""))
    return frozenset(found)


def numbers(text: str) -> list[str]:
    """The numbers in ``text`` as written (``1.32``, ``600``), in order."""
    return re.findall(r"\d+(?:[.,]\d+)?", text)


def unresolved(first: str, others: list[str], glue: tuple[bool, bool]) -> bool:
    """True when a fact of the word ``first`` is not settled by the ``others`` readings."""
    return any(agreed(token, others) is None for token in fact_tokens(first, *glue))


def resolve_word(
    first: str, others: list[str], glue: tuple[bool, bool] = (False, False)
) -> tuple[str, list[Doubt]]:
    """The word with agreed facts, and the facts no two readings agreed on.

    An agreed value replaces the first reading's token only at the same edge of the word
    (``16`` -> ``1kg`` when both ``eng`` readings say ``1kg``); the Hangul part stays as read.
    """
    doubts = []
    for token in fact_tokens(first, *glue):
        value = agreed(token, others)
        if value is None:
            candidates = [c for r in others if (c := candidate(r, token.edge, token.text))]
            doubts.append(Doubt(token=token.text, edge=token.edge, readings=candidates))
        elif value != token.text and token.edge in ("whole", "start", "end"):
            first = replace_edge(first, token, value)
    return first, doubts


def replace_edge(word: str, token: FactToken, value: str) -> str:
    if token.edge == "start" and word.startswith(token.text):
        return value + word[len(token.text) :]
    if token.edge == "end" and word.endswith(token.text):
        return word[: len(word) - len(token.text)] + value
    if token.edge == "whole":
        # The agreed readings cover the whole word: what the first reading had around the
        # fact was a misread part of it (``500m!``), except brackets.
        lead = word[: len(word) - len(word.lstrip("(["))]
        trail = word[len(word.rstrip(")]")) :]
        return lead + value + trail
    return word
