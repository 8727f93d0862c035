"""localize_price: conversion, VAT, market rounding, Shopee decimals, charm, margin findings."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

import pytest

from klisting.errors import ConfigError
from klisting.model import Money
from klisting.pricing import PriceRules, localize_price

KRW = lambda amount: Money(D(amount), "KRW")  # noqa: E731


@pytest.mark.parametrize(
    ("amount", "market", "platform", "expected"),
    [
        ("12900", "tw", None, "389"),  # whole TWD, charm 9
        ("12900", "jp", None, "2129"),  # 1935 JPY + 10% consumption tax, whole yen
        ("12901", "id", None, "206500"),  # IDR to 100
        ("12900", "vn", None, "323000"),  # VND to 1000
        ("12900", "us", None, "12.99"),  # charm .99
        ("12900", "th", "shopee", "459"),  # Shopee TH: whole baht, charm 9
        ("12900", "sg", "shopee", "16.90"),  # Shopee SG keeps 2 decimals, charm .90
        ("12900", "de", None, "13.99"),  # 11.61 EUR + 19% VAT, charm .99
        ("12900", "kr", None, "12900"),  # KRW whole, step 10
    ],
)
def test_market_rules(rates, amount, market, platform, expected):
    # no commission and no margin floor: the market's conversion and rounding alone
    bare = PriceRules(commission_pct=D(0), min_margin_pct=D(0))
    result = localize_price(KRW(amount), market, bare, platform=platform, rates=rates)
    assert result.price.amount == D(expected)
    assert isinstance(result.price.amount, D)
    assert result.findings == []


def test_rule_overrides(rates):
    assert localize_price(
        KRW("12900"), "jp", PriceRules(tax_inclusive=False), rates=rates
    ).price.amount == D("1935")
    assert localize_price(KRW("12900"), "us", PriceRules(charm=""), rates=rates).price.amount == D(
        "12.90"
    )
    assert localize_price(
        KRW("12900"), "us", PriceRules(charm="", decimals=0), rates=rates
    ).price.amount == D("13")
    assert localize_price(
        KRW("12901"), "id", PriceRules(step=D("1000")), rates=rates
    ).price.amount == D("207000")


def test_fees_markup_commission_steps(rates):
    rules = PriceRules(
        markup_pct=D(20), commission_pct=D(10), shipping_cost=D(3000), fixed_fee=D(500)
    )
    result = localize_price(KRW("12900"), "tw", rules, rates=rates)
    # (12900 + 3000 + 500) * 1.2 / 0.9 = 21866.67 KRW = 656 TWD -> charm 9 -> 659
    assert result.price == Money(D("659"), "TWD")
    labels = [step.label for step in result.steps]
    assert labels[0] == "seller price" and any("markup 20" in label for label in labels)
    assert any("commission" in label for label in labels) and labels[-1] == "charm ending 9"
    assert result.margin_pct is not None and result.margin_pct > 0
    assert result.display == "$659"


def test_below_cost_is_an_error_finding(rates):
    # 12900 / 0.85 = 15176 KRW = 15.18 USD; rounding down and charm .99 down give 14.99,
    # which nets 14.99 * 0.85 = 12.74 USD < 12.90: below cost
    result = localize_price(
        KRW("12900"), "us", PriceRules(commission_pct=D(15), rounding="down"), rates=rates
    )
    assert result.price.amount == D("14.99")
    assert [(f.code, f.severity.value) for f in result.findings] == [
        ("price.below-margin", "error")
    ]
    assert result.margin_pct < 0
    # rounding up keeps the seller whole
    assert (
        localize_price(
            KRW("12900"), "us", PriceRules(commission_pct=D(15), min_margin_pct=D(0)), rates=rates
        ).findings
        == []
    )


def test_min_margin_warning(rates):
    result = localize_price(
        KRW("12900"), "us", PriceRules(markup_pct=D(5), min_margin_pct=D(20), charm=""), rates=rates
    )
    assert [(f.code, f.severity.value) for f in result.findings] == [
        ("price.below-margin", "warning")
    ]
    assert result.margin_pct < 20


def test_charm_down_below_cost(rates):
    result = localize_price(KRW("10200"), "us", PriceRules(rounding="down"), rates=rates)
    assert result.price.amount == D("9.99")
    assert [(f.code, f.severity.value) for f in result.findings] == [
        ("price.below-margin", "error")
    ]


def test_stale_rates_and_missing_currency(rates):
    old = rates.model_copy(update={"date": dt.date(2020, 1, 1)})
    assert "price.rates-stale" in [
        f.code for f in localize_price(KRW("12900"), "tw", rates=old).findings
    ]
    with pytest.raises(ConfigError, match="no exchange rate for PKR"):
        localize_price(KRW("12900"), "pk", rates=rates)


def test_rates_file_path_and_json(rates_file):
    result = localize_price(KRW("12900"), "tw", rates=rates_file)
    data = result.to_json()
    assert data["price"] == {"amount": "389", "currency": "TWD"}
    assert data["rates"]["file"] == str(rates_file)
    assert all(set(step) == {"step", "amount", "currency"} for step in data["steps"])


def test_rules_validation():
    with pytest.raises(ValueError):
        PriceRules(charm="abc")
    with pytest.raises(ValueError):
        PriceRules(commission_pct=D(100))


def test_rates_file_errors_name_file_and_key(tmp_path):
    from klisting.errors import InputError
    from klisting.pricing import load_rates

    with pytest.raises(InputError):
        load_rates(tmp_path / "missing.yaml")
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        "source: x\ndate: '2026-01-01'\nbase: USD\nrates: {KRW: '-5'}\n", encoding="utf-8"
    )
    with pytest.raises(ConfigError, match=r"bad.yaml: key 'rates.KRW'|bad.yaml: key 'rates'"):
        load_rates(bad)


def test_rewritten_rates_file_is_reloaded(rates_file):
    import os

    from klisting.pricing import load_rates

    assert load_rates(rates_file).rates["TWD"] == D("30")
    rates_file.write_text(
        rates_file.read_text(encoding="utf-8").replace('TWD: "30"', 'TWD: "32"'), encoding="utf-8"
    )
    os.utime(rates_file, ns=(1, 10**18))  # a clearly different mtime even on coarse clocks
    assert load_rates(rates_file).rates["TWD"] == D("32")


@pytest.mark.parametrize(
    ("market", "charm", "expected", "why"),
    [
        ("us", "99", "12.90", "would raise"),  # a cents charm written without its dot
        ("us", ".999", "12.90", "finer than"),  # cents cannot hold three decimals
        ("jp", ".99", "2129", "finer than"),  # whole yen
    ],
)
def test_charm_that_does_not_fit_is_skipped_and_reported(rates, market, charm, expected, why):
    rules = PriceRules(charm=charm, min_margin_pct=D(0))
    result = localize_price(KRW("12900"), market, rules, rates=rates)
    assert result.price.amount == D(expected)
    (finding,) = result.findings
    assert finding.code == "price.charm-skipped" and why in finding.message


def test_market_charm_is_not_applied_to_a_price_below_one_charm_cycle(rates):
    # 110 KRW = 3.3 TWD, rounded up to 4; the market's charm 9 would more than double it
    result = localize_price(KRW("110"), "tw", PriceRules(min_margin_pct=D(0)), rates=rates)
    assert result.price.amount == D("4")
    assert [f.code for f in result.findings] == ["price.charm-skipped"]


def test_platform_commission_defaults_to_the_published_rate(rates):
    """Amazon US: the 15% referral fee from configs/fees.yaml, with its source in the steps."""
    result = localize_price(KRW("12900"), "us", platform="amazon", rates=rates)
    bare = localize_price(KRW("12900"), "us", PriceRules(commission_pct=D(0)), rates=rates)
    assert result.price.amount > bare.price.amount
    assert any(
        "amazon fees 15%" in step.label and "200336920" in step.label for step in result.steps
    )
    assert result.margin_pct is not None and result.margin_pct >= 0
    # an explicit rule wins over the table
    own = localize_price(
        KRW("12900"), "us", PriceRules(commission_pct=D(8)), platform="amazon", rates=rates
    )
    assert not any("amazon fees" in step.label for step in own.steps)


def test_shopify_fixed_fee_is_converted_into_the_fee_currency(rates):
    result = localize_price(KRW("12900"), "us", platform="shopify", rates=rates)
    fixed = [s for s in result.steps if s.label.startswith("+ fixed fee")]
    assert fixed and "KRW" in fixed[0].label


def test_an_unpublished_commission_is_a_warning_not_a_guess(rates):
    result = localize_price(KRW("12900"), "tw", platform="shopee", rates=rates)
    codes = {(f.code, f.severity.value) for f in result.findings}
    assert ("price.commission-unknown", "warning") in codes


def test_a_thin_margin_is_a_warning_by_default(rates):
    # no markup: the margin is what rounding up leaves, far below the 10% default floor
    result = localize_price(KRW("12900"), "us", PriceRules(commission_pct=D(0)), rates=rates)
    assert result.margin_pct < 10
    assert [(f.code, f.severity.value) for f in result.findings] == [
        ("price.below-margin", "warning")
    ]
    healthy = localize_price(
        KRW("12900"), "us", PriceRules(commission_pct=D(0), markup_pct=D(30)), rates=rates
    )
    assert healthy.findings == []


def test_stale_rates_are_a_warning(rates):
    old = rates.model_copy(update={"date": dt.date(2020, 1, 1)})
    stale = [
        f
        for f in localize_price(KRW("12900"), "tw", rates=old).findings
        if f.code == "price.rates-stale"
    ]
    assert stale and stale[0].severity.value == "warning"
