"""Price: convert each product's and variant's KRW price for one target (klisting.pricing)."""

from __future__ import annotations

import dataclasses
import importlib.util
from typing import Any

from klisting.markets.targets import Target
from klisting.model import Finding, Money, Product, Severity
from klisting.model.codes import Code, declare, finding

declare(
    Code(
        "price.unconvertible",
        Severity.ERROR,
        "price",
        "The price could not be converted for the market: the product is refused, the run goes on",
        "Check the price cell (a plain amount in KRW) and the price rules for the target.",
    ),
    Code(
        "price.unavailable",
        Severity.ERROR,
        None,
        "Prices cannot be converted: the pricing module is not installed",
        "Install the pricing module; listings without a price are refused.",
    ),
)


def pricing_available() -> bool:
    """True when the pricing module (klisting.pricing) is installed."""
    return importlib.util.find_spec("klisting.pricing") is not None and _has_localize_price()


def _has_localize_price() -> bool:
    try:
        from klisting.pricing import localize_price  # noqa: F401
    except ImportError:
        return False
    return True


class Pricer:
    """Localize prices for one target with the project's price rules for it."""

    def __init__(self, target: Target, rules: dict[str, Any] | None) -> None:
        from klisting.pricing import PriceRules, load_rates

        self.target = target
        self.market = target.market
        self.rules = PriceRules.model_validate(rules or {})
        self.rates = load_rates()  # once per target, not per price
        #: catalogs repeat prices; a price depends only on the amount under fixed rules and rates
        self._memo: dict[Money, tuple[Money | None, list[Finding]]] = {}

    @property
    def tag(self) -> str:
        """What prices depend on besides the amount: rules, rates, market, platform."""
        from klisting.infra.cache import digest

        return digest(
            self.rules.model_dump(), repr(self.rates), self.market, self.target.platform.name
        )

    def price(self, amount: Money | None, product: Product) -> tuple[Money | None, list[Finding]]:
        """The target price for ``amount`` and what pricing found (below-cost margin ...)."""
        if amount is None:
            return None, []
        if amount not in self._memo:
            self._memo[amount] = self._convert(amount)
        price, found = self._memo[amount]
        findings = [
            dataclasses.replace(f, sku=product.sku, row=product.row, target=self.target.id)
            for f in found
        ]
        return price, findings

    def _convert(self, amount: Money) -> tuple[Money | None, list[Finding]]:
        from klisting.errors import KlistingError
        from klisting.pricing import localize_price

        try:
            result = localize_price(
                amount,
                self.market,
                self.rules,
                platform=self.target.platform.name,
                rates=self.rates,
            )
        except (ArithmeticError, ValueError, KlistingError) as error:
            # a price validation accepted can still overflow a rule or lack a rate: refuse
            # this product, keep the run (a missing rate for the market affects every product
            # alike and says so in each finding)
            message = getattr(error, "message", "") or f"{type(error).__name__}: {error}"
            return None, [
                finding("price.unconvertible", f"{amount.amount} {amount.currency}: {message}")
            ]
        # info findings (stale rates ...) would repeat on every product; keep warnings and errors
        return result.price, [f for f in result.findings if f.severity is not Severity.INFO]


def unavailable_finding(target: Target) -> Finding:
    return finding(
        "price.unavailable",
        f"{target.id}: prices cannot be converted (klisting.pricing is not installed)",
        target=target.id,
    )
