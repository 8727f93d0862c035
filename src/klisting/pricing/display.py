"""Money shown the way buyers in a market read it, with Babel (``$300`` in Taiwan, ``R$ 49,90``, ``1.234,99 €``)."""

from __future__ import annotations

from functools import lru_cache

from babel import Locale
from babel.numbers import format_currency

from klisting.model import Money


@lru_cache(maxsize=256)
def _pattern(locale: str, decimals: int) -> str:
    pattern = Locale.parse(locale).currency_formats["standard"].pattern.split(";")[0]
    # the locale's pattern assumes the ISO digits (2 for TWD); markets quote their own
    return pattern.replace("0.00", "0" + ("." + "0" * decimals if decimals else ""))


def format_money(money: Money, locale: str, decimals: int) -> str:
    """``money`` formatted for ``locale`` with exactly ``decimals`` decimals."""
    return format_currency(
        money.amount,
        money.currency,
        format=_pattern(locale, decimals),
        locale=locale,
        currency_digits=False,
    )
