"""Price rules per target: markup, fees, commission, shipping, rounding, charm endings, margin.

A project file (klisting.yaml) embeds one ``PriceRules`` per target. Every field that is left
unset falls back to the market's default (configs/markets: decimals, price step, charm ending,
tax-inclusive display and its VAT rate).
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator


class PriceRules(BaseModel):
    """How a seller's price becomes a market price.

    Attributes:
        markup_pct: percent added on top of price + shipping + fixed fee.
        fixed_fee: fee per listing/order, in ``fee_currency``.
        commission_pct: platform commission; the price is grossed up so the seller still nets it.
            None (unset) = the platform's published rate from configs/fees.yaml, when priced
            for a platform.
        shipping_cost: shipping per unit, in ``fee_currency``.
        fee_currency: currency of ``fixed_fee`` and ``shipping_cost`` (the seller's, KRW, by default).
        rounding: how to reach the price step and charm ending: up (default, never loses money),
            nearest or down.
        charm: ending such as ".99", ".90", "9" or "900"; None = the market's default, "" = none.
        decimals: decimals override (otherwise platform rule, then market currency decimals).
        step: price step override (e.g. 100 for IDR); otherwise the market's.
        tax_inclusive: show prices with VAT; None = the market's rule (jp, EU, uk).
        vat_pct: VAT rate override.
        min_margin_pct: minimum margin (profit over the price before VAT); below it -> warning.
            None = configs/fees.yaml thin_margin_pct.
    """

    model_config = ConfigDict(extra="forbid")

    markup_pct: Decimal = Decimal("0")
    fixed_fee: Decimal = Decimal("0")
    commission_pct: Decimal | None = Field(default=None, ge=0, lt=100)
    shipping_cost: Decimal = Decimal("0")
    fee_currency: str = Field(default="KRW", pattern=r"^[A-Z]{3}$")
    rounding: Literal["up", "nearest", "down"] = "up"
    charm: str | None = None
    decimals: int | None = Field(default=None, ge=0, le=4)
    step: Decimal | None = Field(default=None, gt=0)
    tax_inclusive: bool | None = None
    vat_pct: Decimal | None = Field(default=None, ge=0)
    min_margin_pct: Decimal | None = None

    @field_validator("charm")
    @classmethod
    def _charm(cls, value: str | None) -> str | None:
        if value is None or value == "":
            return value
        value = value.strip()
        if not re.fullmatch(r"\.\d{1,4}|\d{1,4}", value):
            raise ValueError(
                "charm must be a fractional ending like .99 / .90 or a digit ending like 9 / 900"
            )
        return value
