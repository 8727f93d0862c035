"""Markets (configs/markets/*.yaml): language, currency, units, sizes and number formatting.

A market is where the buyer is. It fixes what the buyer reads (languages, the first being
the listing language), what they pay in (currency, its decimals, whether the shown price
includes tax) and how quantities and sizes are written for them.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from klisting.configfiles import load_dir, per_config_dir
from klisting.errors import UsageError
from klisting.paths import config_dir


class Market(BaseModel):
    """One market, e.g. ``tw``: Traditional Chinese, TWD without decimals, metric units."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    code: str
    name: str
    #: BCP 47 tags; the first one is the listing language.
    languages: list[str] = Field(min_length=1)
    currency: str = Field(pattern=r"^[A-Z]{3}$")
    currency_decimals: int = Field(ge=0, le=4)
    unit_system: Literal["us", "metric"] = "metric"
    #: size system per product family, e.g. {"shoes": "us", "apparel": "letter"}
    size_systems: dict[str, str] = Field(default_factory=dict)
    #: Babel locale for numbers and money, e.g. "zh_Hant_TW"
    locale: str
    tax_inclusive: bool = False
    #: VAT / consumption tax added when prices are shown tax-inclusive
    vat_pct: Decimal = Decimal("0")
    #: smallest price step buyers expect (1 for TWD, 100 for IDR, 1000 for VND)
    price_step: Decimal = Decimal("0.01")
    #: default charm ending (".99", ".90", "9"); empty = none
    charm: str = ""
    #: per-platform override of the price decimals (Shopee TH/PH take whole numbers)
    platform_decimals: dict[str, int] = Field(default_factory=dict)

    @field_validator("code")
    @classmethod
    def _lower(cls, value: str) -> str:
        return value.strip().lower()

    @property
    def language(self) -> str:
        """The listing language (the first of ``languages``)."""
        return self.languages[0]


@per_config_dir
def load_markets() -> dict[str, Market]:
    """Every market in configs/markets keyed by code (``us``, ``tw``, ``global`` ...)."""
    markets = load_dir(config_dir() / "markets", Market)
    return {market.code: market for market in markets.values()}


def get_market(code: str) -> Market:
    """The market ``code`` (case-insensitive).

    Raises:
        UsageError: when no such market exists; the hint lists the known ones.
    """
    markets = load_markets()
    market = markets.get((code or "").strip().lower())
    if market is None:
        raise UsageError(
            f"unknown market '{code}'",
            hint=f"Markets: {', '.join(sorted(markets))} (see `klisting markets`).",
        )
    return market
