"""Prices: exchange rates, price rules per target, rounding and charm endings, margin checks."""

from klisting.pricing.localize import PriceResult, PriceStep, localize_price
from klisting.pricing.rates import Rates, load_rates
from klisting.pricing.rules import PriceRules

__all__ = ["PriceResult", "PriceRules", "PriceStep", "Rates", "load_rates", "localize_price"]
