"""Thin adapter to the units layer: find numbers with units in text and convert them.

``klisting.units`` (``extract.extract_quantities(text)`` and ``convert.convert_match(match, market)``)
is the one place that knows units; this module is the one place the translation layer wires
to it, with a small regex fallback so translation still protects ``230mm`` when the units
layer fails on odd input.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from babel.numbers import get_decimal_symbol

from klisting.units.convert import convert_match
from klisting.units.extract import QuantityMatch, extract_quantities
from klisting.units.formatting import format_number
from klisting.units.temperature import find_temperatures

#: bumped when quantities are found or written differently (labelled dimensions, temperatures):
#: whole fields in translation memory and cached products are then translated again
REVISION = "6"

_HANGUL = re.compile(r"[\uac00-\ud7a3\u3131-\u318e]")

# Fallback only: a number followed by a common unit (metric, Korean counters, currency).
_FALLBACK = re.compile(
    r"(?<![\w.])\d+(?:[.,]\d+)*\s?"
    r"(?:mm|cm|km|m|mg|kg|g|ml|mL|L|l|oz|lb|lbs|in|inch|ft|%|W|V|mAh|GB|TB|MB)"
    r"(?![A-Za-z가-힣])"
)


@dataclass(slots=True)
class QuantitySpan:
    """A number with a unit found in text, and what to write in its place for the market."""

    start: int
    end: int
    text: str
    replacement: str


def find_quantities(
    text: str, market: str | None = None, language: str | None = None
) -> list[QuantitySpan]:
    """Spans of numbers with units in ``text``, each with its market-converted replacement.

    Args:
        text: source text.
        market: market id (e.g. "us"); None keeps the original notation.
        language: the translation's language: without a market it still decides how a reader
            takes "39,000" (thirty-nine in Spanish), so grouped numbers are written its way.

    Returns:
        Non-overlapping spans in text order.
    """
    spans = _from_units_layer(text, market)
    if spans is None:
        spans = [
            QuantitySpan(m.start(), m.end(), m.group(0), m.group(0))
            for m in _FALLBACK.finditer(text)
        ]
    spans = _with_temperatures(text, market, spans)
    return _with_grouped_numbers(text, market, spans, language)


# "10,000mAh": thousands grouped with commas. In a decimal-comma language (es, de, fr, pt, id,
# vi) "10,000mAh" reads as ten mAh. A first group of three digits ("230,240") may be a list, so
# it is regrouped only before a unit that is never listed that way. Won ("39,000원", also with
# the particle or copula a sentence puts after it: "39,000원이에요", "3,000원부터") become
# "39.000 KRW"; before another Korean word the number is left to the engine (masked alone, the
# draft drops the word after it).
_AFTER_WON = (
    "이에요|예요|입니다|이며|이고|이다|이라|이면|에서|으로|부터|까지|이상|이하|짜리|상당"
    "|에|의|은|이|을|과|와|도|만|씩|대"
)
_GROUPED = re.compile(
    r"(?<![\d.,])(?P<head>\d{1,3})(?P<rest>(?:,\d{3})+)"
    rf"(?:(?P<won>\s?원)(?=(?:{_AFTER_WON})?(?![가-힣]))|(?![\d,]|\.\d))"
)
_AMOUNT_AFTER = re.compile(r"\s?(?:krw|mah|wh|w|v)(?![a-z])", re.IGNORECASE)


def _with_grouped_numbers(
    text: str, market: str | None, spans: list[QuantitySpan], language: str | None = None
) -> list[QuantitySpan]:
    """Write comma-grouped numbers in the market's (else the language's) grouping when its
    decimal mark is a comma."""
    locale = _decimal_comma_locale(market, language)
    if locale is None or "," not in text:
        return spans
    extra = []
    for found in _GROUPED.finditer(text):
        start, end = found.span()
        if any(s.start < end and start < s.end for s in spans):
            continue  # a quantity the units layer already wrote (or left as written)
        if len(found["head"]) == 3 and not found["won"] and not _AMOUNT_AFTER.match(text, end):
            continue  # "230,240": a list or a number, not guessed
        value = int(found["head"] + found["rest"].replace(",", ""))
        written = format_number(value, locale, exact=True) + (" KRW" if found["won"] else "")
        extra.append(QuantitySpan(start, end, found.group(0), written))
    return sorted(spans + extra, key=lambda s: s.start) if extra else spans


def _decimal_comma_locale(market: str | None, language: str | None = None) -> str | None:
    """The locale whose numbers the reader expects, when its decimal mark is a comma."""
    try:
        if market:
            from klisting.markets.markets import get_market

            locale = get_market(market).locale
        elif language:
            locale = language.replace("-", "_")  # babel: "zh_Hant", "pt_BR"
        else:
            return None
        return locale if get_decimal_symbol(locale) == "," else None
    except Exception:  # an unknown market or language keeps the numbers as written
        return None


def _with_temperatures(
    text: str, market: str | None, spans: list[QuantitySpan]
) -> list[QuantitySpan]:
    """Add temperatures ("30도 이하 물" -> "86 °F (30 °C)"): a bare 도 drafted as "30°" reads
    as Fahrenheit on a US listing."""
    try:
        found = find_temperatures(text, market)
    except Exception:  # the units layer must never stop a translation
        return spans
    extra = [
        QuantitySpan(t.start, t.end, t.source, t.replacement)
        for t in found
        if not any(s.start < t.end and t.start < s.end for s in spans)
    ]
    return sorted(spans + extra, key=lambda s: s.start) if extra else spans


def _from_units_layer(text: str, market: str | None) -> list[QuantitySpan] | None:
    try:
        matches = extract_quantities(text)
    except Exception:  # the units layer must never stop a translation
        return None
    spans: list[QuantitySpan] = []
    for match in matches:
        start, end = match.span
        if spans and start < spans[-1].end:
            continue
        original = text[start:end]
        replacement = _convert(match, market, text) or original
        # A span that would stay Korean (counters such as 3개, units such as 근) is better
        # left to the engine than protected as Hangul inside an English sentence.
        if _HANGUL.search(replacement):
            continue
        spans.append(QuantitySpan(start, end, original, replacement))
    return spans


def _convert(match: QuantityMatch, market: str | None, text: str) -> str:
    if not market:
        return ""
    try:
        return convert_match(match, market, context_text=text)
    except Exception:  # an unconvertible quantity keeps its original notation
        return ""
