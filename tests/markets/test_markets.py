"""Markets: every required market is defined with its language, currency, units and tax rule."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from klisting.cli.app import app
from klisting.errors import UsageError
from klisting.markets.markets import get_market, load_markets

REQUIRED = [
    "us",
    "jp",
    "tw",
    "sg",
    "my",
    "th",
    "ph",
    "vn",
    "id",
    "br",
    "es",
    "de",
    "fr",
    "it",
    "uk",
    "pk",
    "bd",
    "global",
]


def test_required_markets_exist():
    markets = load_markets()
    assert set(REQUIRED) <= set(markets)
    for code in REQUIRED:
        market = markets[code]
        assert market.code == code and market.languages and market.locale


def test_market_facts():
    assert get_market("tw").languages[0] == "zh-Hant"
    assert get_market("TW").currency_decimals == 0
    assert get_market("jp").tax_inclusive
    assert get_market("us").unit_system == "us" and get_market("de").unit_system == "metric"
    assert get_market("global").currency == "USD"
    assert get_market("id").price_step == 100 and get_market("vn").price_step == 1000


def test_unknown_market_lists_the_known_ones():
    with pytest.raises(UsageError) as error:
        get_market("mars")
    assert "tw" in error.value.hint


def test_markets_cli_json():
    import json

    result = CliRunner().invoke(app, ["markets", "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert {m["code"] for m in data["markets"]} >= set(REQUIRED)
    assert any(p["name"] == "shopee" for p in data["platforms"])


def test_every_platform_market_has_a_market_config():
    from klisting.markets.platforms import load_platforms
    from klisting.paths import config_dir
    from klisting.pricing import load_rates

    markets = load_markets()
    rates = load_rates(config_dir() / "rates.yaml")  # the bundled seed file, not a user copy
    for platform in load_platforms().values():
        for code in platform.markets:
            assert code in markets, f"{platform.name}:{code} has no configs/markets/{code}.yaml"
            rates.rate("KRW", markets[code].currency)  # a bundled seed rate for its currency


@pytest.mark.parametrize(
    ("code", "currency", "decimals", "inclusive"),
    [
        ("ca", "CAD", 2, False),
        ("au", "AUD", 2, True),
        ("lk", "LKR", 0, False),
        ("np", "NPR", 0, False),
    ],
)
def test_shopify_and_daraz_markets(code, currency, decimals, inclusive):
    market = get_market(code)
    assert (market.currency, market.currency_decimals, market.tax_inclusive) == (
        currency,
        decimals,
        inclusive,
    )
