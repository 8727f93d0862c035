"""``localize_price``: a seller's price to a market price, every step explained.

Order: add shipping and fixed fee (seller's currency), mark up, gross up for the platform
commission, convert at the dated rate, add VAT where the market shows tax-inclusive prices,
round to the price step, apply the charm ending; then check the margin.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from klisting.markets.markets import Market, get_market
from klisting.model import Finding, Money, Severity
from klisting.model.codes import Code, declare, finding
from klisting.pricing.display import format_money
from klisting.pricing.fees import platform_fees, thin_margin_pct, unknown_commission
from klisting.pricing.rates import STALE_DAYS, Rates, load_rates
from klisting.pricing.rounding import apply_charm, charm_modulus, round_to_step
from klisting.pricing.rules import PriceRules

declare(
    Code("price.rates-stale", Severity.WARNING, "price", "The exchange rates are older than 30 days",
         "Run `klisting rates update` to fetch current rates."),
    Code("price.charm-skipped", Severity.INFO, "price",
         "The charm ending cannot apply to this currency or price; the price has none",
         "Use a charm that fits the currency: .99 / .90 for cents, 9 / 900 for whole units."),
    Code("price.below-margin", Severity.WARNING, "price",
         "The price sells below cost (error) or below the minimum margin (warning)",
         "Raise markup_pct, or lower the fees or shipping cost in the price rules."),
)  # fmt: skip

_HUNDRED = Decimal(100)


@dataclass(slots=True)
class PriceStep:
    """One explained step: what was done and the running amount after it."""

    label: str
    amount: Money

    def to_json(self) -> dict[str, Any]:
        # intermediate amounts are exact Decimals; four decimals are plenty to read them
        shown = self.amount.amount.quantize(Decimal("0.0001")).normalize()
        return {"step": self.label, "amount": f"{shown:f}", "currency": self.amount.currency}


@dataclass(slots=True)
class PriceResult:
    """The market price, how it was reached, the margin, and findings (below margin ...)."""

    price: Money
    display: str
    steps: list[PriceStep] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    margin_pct: Decimal | None = None
    rates: dict[str, str] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        return {
            "price": self.price.to_json(),
            "display": self.display,
            "margin_pct": None if self.margin_pct is None else str(self.margin_pct),
            "rates": self.rates,
            "steps": [s.to_json() for s in self.steps],
            "findings": [f.to_json() for f in self.findings],
        }


def localize_price(
    amount: Money,
    market: str,
    rules: PriceRules | None = None,
    *,
    platform: str | None = None,
    rates: Rates | Path | str | None = None,
) -> PriceResult:
    """``amount`` (the seller's price) as a price for ``market`` under ``rules``.

    Args:
        amount: the seller's price (Decimal Money, usually KRW).
        market: market code such as ``tw``.
        rules: price rules; defaults (no markup, market rounding and charm) when None.
        platform: platform name (``shopee``) for its decimals rule in this market.
        rates: a Rates object or a rates file path; the default rates file when None.

    Returns:
        PriceResult with the price in the market currency, the steps, the margin and
        findings: ``price.below-margin`` (error below cost, warning below min_margin_pct),
        ``price.rates-stale`` (info) when the rates are older than 30 days,
        ``price.charm-skipped`` (info) when the charm ending does not fit the price.
    """
    spec = get_market(market)
    table = rates if isinstance(rates, Rates) else load_rates(rates)
    steps = [PriceStep("seller price", amount)]
    rules, notes = _effective_rules(rules or PriceRules(), platform, market, table, amount, steps)
    running = _pre_conversion(amount, rules, table, steps)
    converted = table.convert(running, spec.currency)
    rate = table.rate(amount.currency, spec.currency)
    steps.append(
        PriceStep(
            f"convert at {rate:.6g} {spec.currency} per {amount.currency} (rates of {table.date})",
            converted,
        )
    )
    value, vat = _tax(converted.amount, spec, rules, steps)
    value, charm_note = _round(value, spec, rules, platform, steps)
    price = Money(value, spec.currency)
    result = PriceResult(
        price, format_money(price, spec.locale, _decimals(spec, rules, platform)), steps
    )
    result.findings.extend(notes)
    if charm_note:
        result.findings.append(charm_note)
    result.rates = {"date": table.date.isoformat(), "source": table.source, "file": table.path}
    _check_margin(result, amount, rules, table, vat)
    if table.age_days() > STALE_DAYS:
        age = f"exchange rates are from {table.date} ({table.age_days()} days old)"
        result.findings.append(finding("price.rates-stale", age))
    return result


def _effective_rules(
    rules: PriceRules,
    platform: str | None,
    market: str,
    table: Rates,
    amount: Money,
    steps: list[PriceStep],
) -> tuple[PriceRules, list[Finding]]:
    """``rules`` with the platform's published fees and the default thin-margin threshold filled in.

    Fees apply only when the rules leave the commission unset; the published fixed fee is
    converted into the rules' fee currency and added to theirs.
    """
    update: dict[str, Any] = {}
    notes: list[Finding] = []
    if rules.min_margin_pct is None:
        update["min_margin_pct"] = thin_margin_pct()
    if rules.commission_pct is None:
        fees = platform_fees(platform, market) if platform else None
        if fees is None or fees.commission_pct is None:
            update["commission_pct"] = Decimal(0)
            if platform:
                notes.append(unknown_commission(platform, market))
        else:
            update["commission_pct"] = fees.commission_pct
            fixed = table.convert(Money(fees.fixed_fee, fees.fee_currency), rules.fee_currency)
            update["fixed_fee"] = rules.fixed_fee + fixed.amount
            label = f"{platform} fees {fees.commission_pct}%" + (
                f" + {fees.fixed_fee} {fees.fee_currency}" if fees.fixed_fee else ""
            )
            steps.append(PriceStep(f"{label} ({fees.source.split(':')[0]}, {fees.as_of})", amount))
    return rules.model_copy(update=update), notes


def _pre_conversion(
    amount: Money, rules: PriceRules, table: Rates, steps: list[PriceStep]
) -> Money:
    currency = amount.currency
    value = amount.amount
    for label, fee in (("shipping", rules.shipping_cost), ("fixed fee", rules.fixed_fee)):
        if fee:
            value += table.convert(Money(fee, rules.fee_currency), currency).amount
            steps.append(PriceStep(f"+ {label} {fee} {rules.fee_currency}", Money(value, currency)))
    if rules.markup_pct:
        value *= 1 + rules.markup_pct / _HUNDRED
        steps.append(PriceStep(f"+ markup {rules.markup_pct}%", Money(value, currency)))
    if rules.commission_pct:
        # grossed up so that price minus commission still leaves the marked-up amount
        value /= 1 - rules.commission_pct / _HUNDRED
        steps.append(
            PriceStep(f"gross up for {rules.commission_pct}% commission", Money(value, currency))
        )
    return Money(value, currency)


def _tax(
    value: Decimal, spec: Market, rules: PriceRules, steps: list[PriceStep]
) -> tuple[Decimal, Decimal]:
    inclusive = spec.tax_inclusive if rules.tax_inclusive is None else rules.tax_inclusive
    vat = (
        (rules.vat_pct if rules.vat_pct is not None else spec.vat_pct) if inclusive else Decimal(0)
    )
    if vat:
        value *= 1 + vat / _HUNDRED
        steps.append(
            PriceStep(
                f"+ VAT {vat}% (prices shown tax-inclusive in {spec.code})",
                Money(value, spec.currency),
            )
        )
    return value, vat


def _decimals(spec: Market, rules: PriceRules, platform: str | None) -> int:
    if rules.decimals is not None:
        return rules.decimals
    if platform and platform in spec.platform_decimals:
        return spec.platform_decimals[platform]
    if platform:
        from klisting.markets.platforms import load_platforms

        found = load_platforms().get(platform)
        override = getattr(found.spec_for(spec.code), "price_decimals", None) if found else None
        if isinstance(override, int):
            return override
    return spec.currency_decimals


def _round(
    value: Decimal, spec: Market, rules: PriceRules, platform: str | None, steps: list[PriceStep]
) -> tuple[Decimal, Finding | None]:
    """The price rounded to the step and given its charm ending.

    Returns:
        The price, and a ``price.charm-skipped`` finding when the charm could not be applied.
    """
    decimals = _decimals(spec, rules, platform)
    step = max(rules.step or spec.price_step, Decimal(1).scaleb(-decimals))
    value = round_to_step(value, step, rules.rounding)
    steps.append(PriceStep(f"round {rules.rounding} to {step}", Money(value, spec.currency)))
    charm = spec.charm if rules.charm is None else rules.charm
    note = _charm_problem(charm, value, step, spec.currency) if charm else None
    if charm and note is None:
        value = apply_charm(value, charm, rules.rounding)
        steps.append(PriceStep(f"charm ending {charm}", Money(value, spec.currency)))
    return value.quantize(Decimal(1).scaleb(-decimals)), note


def _charm_problem(charm: str, value: Decimal, step: Decimal, currency: str) -> Finding | None:
    """Why ``charm`` cannot end this price, or None when it can.

    A charm finer than the price step (".999" on cents, ".99" on whole yen) cannot be written.
    A charm whose cycle is larger than the price itself would multiply it: "99" on $9.22 is
    $99.00, so a seller who meant cents loses every sale. Both are reported, never silent.
    """
    modulus, ending = charm_modulus(charm)
    if modulus <= step or ending % step != 0:
        reason = f"charm {charm} is finer than the {currency} price step {step}"
    elif modulus > value:
        reason = f"charm {charm} would raise {value} {currency} to the next {modulus}"
    else:
        return None
    return finding("price.charm-skipped", f"{reason}; price left without a charm ending")


def _check_margin(
    result: PriceResult, amount: Money, rules: PriceRules, table: Rates, vat: Decimal
) -> None:
    before_vat = result.price.amount / (1 + vat / _HUNDRED)
    net = table.convert(
        Money(before_vat * (1 - rules.commission_pct / _HUNDRED), result.price.currency),
        amount.currency,
    ).amount
    fees = sum(
        (
            table.convert(Money(f, rules.fee_currency), amount.currency).amount
            for f in (rules.shipping_cost, rules.fixed_fee)
        ),
        Decimal(0),
    )
    profit = net - fees - amount.amount
    revenue = table.convert(Money(before_vat, result.price.currency), amount.currency).amount
    result.margin_pct = (profit / revenue * _HUNDRED).quantize(Decimal("0.1")) if revenue else None
    if profit < 0 or (result.margin_pct is not None and result.margin_pct < rules.min_margin_pct):
        below_cost = profit < 0
        message = (f"{result.display} sells below cost ({profit:.0f} {amount.currency} per sale)" if below_cost
                   else f"margin {result.margin_pct}% is below the minimum {rules.min_margin_pct}%")  # fmt: skip
        severity = Severity.ERROR if below_cost else None
        result.findings.append(finding("price.below-margin", message, severity=severity))
