"""Platform selling fees (configs/fees.yaml): the default commission when price rules give none.

Pricing without a commission sells at a loss once the platform takes its cut; a platform
whose rate is not published (or differs by category) is not guessed: its prices carry a
``price.commission-unknown`` warning naming the key to set instead.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from functools import lru_cache

from pydantic import BaseModel, ConfigDict, Field

from klisting.configfiles import load_yaml
from klisting.model import Finding, Severity
from klisting.model.codes import Code, declare, finding
from klisting.paths import config_dir

declare(
    Code(
        "price.commission-unknown",
        Severity.WARNING,
        "price",
        "No published default commission for the platform: the price includes none",
        "Set price_rules.<target>.commission_pct in klisting.yaml to your category's rate "
        "(in the platform's seller centre).",
    )
)


class PlatformFees(BaseModel):
    """One platform and market's published fees, with where they come from."""

    model_config = ConfigDict(extra="forbid")

    commission_pct: Decimal | None = Field(default=None, ge=0, lt=100)
    fixed_fee: Decimal = Decimal(0)
    fee_currency: str = "KRW"
    source: str = ""
    as_of: dt.date | None = None


@lru_cache(maxsize=1)
def _table() -> dict:
    return load_yaml(config_dir() / "fees.yaml")  # type: ignore[return-value]


def thin_margin_pct() -> Decimal:
    return Decimal(str(_table().get("thin_margin_pct", 0)))


def platform_fees(platform: str, market: str) -> PlatformFees | None:
    """The published fees of ``platform`` in ``market``, or None when none are published."""
    entry = (_table().get("platforms") or {}).get(platform) or {}
    found = entry.get(market)
    return PlatformFees.model_validate(found) if found else None


def unknown_commission(platform: str, market: str) -> Finding:
    return finding(
        "price.commission-unknown",
        f"no published commission for {platform}:{market} in klisting's fee table; "
        "the price includes no platform commission",
    )
