"""Unit conversion for text rendered into images (500ml -> 16.9 fl oz for a US buyer).

The units layer (via ``klisting.translate.quantities.find_quantities``) is used when it converts
anything; a small built-in table covers metric -> US customary while that layer is absent, so
images never show units the market does not read. Text already converted is left alone.
"""

from __future__ import annotations

import re
from collections.abc import Callable

IMPERIAL_MARKETS = {"us", "lr", "mm"}
_NUMBER = r"\d+(?:[.,]\d+)?"
_DIMS = re.compile(
    rf"(?<![\w.])({_NUMBER})\s?[xX×*]\s?({_NUMBER})(?:\s?[xX×*]\s?({_NUMBER}))?\s?(cm|mm)(?![A-Za-z])"
)
_SINGLE = re.compile(rf"(?<![\w.])({_NUMBER})\s?(ml|mL|ML|L|l|kg|g|cm|mm)(?![A-Za-z])")
_ALREADY = re.compile(r"\d\s?(?:fl oz|oz|lb|in|ft|gal)\b")
_FACTORS = {
    "ml": (0.033814, "fl oz"),
    "l": (33.814, "fl oz"),
    "kg": (2.20462, "lb"),
    "g": (0.035274, "oz"),
    "cm": (0.393701, "in"),
    "mm": (0.0393701, "in"),
}


def _fmt(value: float) -> str:
    text = f"{value:.1f}" if value < 100 else f"{value:.0f}"
    return text[:-2] if text.endswith(".0") else text


def _imperial(text: str) -> str:
    def dims(match: re.Match[str]) -> str:
        factor = _FACTORS[match.group(4)][0]
        parts = [_fmt(float(g.replace(",", ".")) * factor) for g in match.groups()[:3] if g]
        return " x ".join(parts) + " in"

    def single(match: re.Match[str]) -> str:
        factor, unit = _FACTORS[match.group(2).lower()]
        return f"{_fmt(float(match.group(1).replace(',', '.')) * factor)} {unit}"

    return _SINGLE.sub(single, _DIMS.sub(dims, text))


def _from_units_layer(text: str, market: str) -> str | None:
    try:
        from klisting.translate.quantities import find_quantities
    except ImportError:
        return None
    spans = find_quantities(text, market)
    if not any(span.replacement != span.text for span in spans):
        return None
    for span in sorted(spans, key=lambda s: s.start, reverse=True):
        text = text[: span.start] + span.replacement + text[span.end :]
    return text


def market_converter(market: str | None) -> Callable[[str], str] | None:
    """A text -> text converter for ``market``, or None when the market reads metric."""
    if not market:
        return None

    def convert(text: str) -> str:
        if _ALREADY.search(text):
            return text  # the translation service already converted this text
        converted = _from_units_layer(text, market)
        if converted is not None:
            return converted
        return _imperial(text) if market.lower() in IMPERIAL_MARKETS else text

    return convert
