"""Numbers for buyers: rounding to a stated precision and locale formatting with Babel.

Precision rule (documented in README): converted values keep three significant figures,
written with at most 2 decimals from 1 to 10, 1 decimal from 10 to 100 and none above, so a
round trip stays within 0.5 % of the original. Values that are only a metric rescale of what
the seller wrote (1,200 g -> 1.2 kg) are exact up to three decimals.
"""

from __future__ import annotations

import math
from decimal import Decimal
from functools import lru_cache

from babel.numbers import format_decimal, get_decimal_symbol, get_group_symbol

#: relative error a converted value may carry (see module docstring)
PRECISION = 0.005


def significant_decimals(value: float) -> int:
    """Decimals that keep about three significant figures of ``value``."""
    magnitude = abs(value)
    if magnitude >= 100 or magnitude == 0:
        return 0
    if magnitude >= 10:
        return 1
    if magnitude >= 1:
        return 2
    return min(6, 2 - math.floor(math.log10(magnitude)))


@lru_cache(maxsize=128)
def _symbols(locale: str) -> tuple[str, str]:
    """(decimal, group) symbols of ``locale`` from Babel's CLDR data."""
    return get_decimal_symbol(locale), get_group_symbol(locale)


@lru_cache(maxsize=65536)
def _format(rounded: float, decimals: int, locale: str) -> str:
    # Python's own formatting, then the locale's symbols: same result as Babel's
    # format_decimal with pattern "#,##0.###" and about 20x faster on the hot path
    text = f"{rounded:,.{decimals}f}"
    if decimals:
        text = text.rstrip("0").rstrip(".")
    decimal, group = _symbols(locale)
    if (decimal, group) != (".", ","):
        text = text.replace(",", "\x00").replace(".", decimal).replace("\x00", group)
    return text


def format_decimal_babel(value: Decimal, decimals: int, locale: str) -> str:
    """Reference formatting with Babel (used by tests to check the fast path)."""
    pattern = "#,##0" + ("." + "#" * decimals if decimals else "")
    return format_decimal(value, format=pattern, locale=locale)


def format_number(value: float, locale: str, *, exact: bool = False) -> str:
    """``value`` rounded (three significant figures, or three decimals when ``exact``) in ``locale``.

    Args:
        value: the number.
        locale: Babel locale such as ``"es_ES"`` ("1,5").
        exact: the value is a rescale of the seller's own figure; keep up to 3 decimals.
    """
    return _format_number(value, locale, exact)


@lru_cache(maxsize=131072)
def _format_number(value: float, locale: str, exact: bool) -> str:
    # cached per value: dimensions combine few distinct numbers into many distinct tuples
    decimals = significant_decimals(value)
    if exact:
        decimals = max(decimals, 3)
    rounded = round(value, decimals)
    if rounded == 0 and value != 0:
        decimals = 6
        rounded = round(value, decimals)
    return _format(rounded + 0.0, decimals, locale)
