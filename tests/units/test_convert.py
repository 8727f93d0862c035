"""Conversion per market: US customary with metric kept, normalized metric, locale numbers, 근."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from klisting.errors import UsageError
from klisting.units.convert import GEUN_FINDING, convert_match, convert_text
from klisting.units.extract import QuantityMatch, extract_quantities
from klisting.units.formatting import PRECISION, format_number
from klisting.units.registry import ureg
from klisting.units.tables import SPELLINGS, base_factor


def one(text: str, market: str, **kwargs) -> str:
    (match,) = extract_quantities(text)
    return convert_match(match, market, **kwargs)


@pytest.mark.parametrize(
    ("text", "market", "expected"),
    [
        ("500ml", "us", "16.9 fl oz (500 ml)"),
        ("1.5kg", "es", "1,5 kg"),
        ("1.5kg", "fr", "1,5 kg"),
        ("1.5kg", "jp", "1.5 kg"),
        ("1200g", "vn", "1,2 kg"),
        ("2500ml", "br", "2,5 L"),
        ("12.5cm", "de", "12,5 cm"),
        ("27인치", "us", "27 in"),
        ("27인치", "it", "68,6 cm (27 in)"),
        ("1 lb", "uk", "454 g (1 lb)"),
        ("10평", "tw", "33.1 m²"),
        ("한 돈", "jp", "3.75 g"),
        ("1관", "us", "8.27 lb (3.75 kg)"),
        ("1000mg", "us", "1,000 mg"),
    ],
)
def test_convert_match(text, market, expected):
    assert one(text, market) == expected


@pytest.mark.parametrize(
    ("text", "market", "expected"),
    [
        ("100개입", "us", "100 pcs"),
        ("6병", "jp", "6本"),
        ("2접", "sg", "200 pcs"),
        ("30포", "tw", "30包"),
        ("5켤레", "de", "5 Paar"),  # the listing language's word, never English in German
        ("10,000개", "es", "10.000 uds."),
        ("30매", "br", "30 folhas"),
        ("2세트", "vn", "2 bộ"),
    ],
)
def test_counts_are_localized_not_converted(text, market, expected):
    assert one(text, market) == expected
    assert one(text, market, keep_counts=True) == text


def test_geun_by_category_explicit_and_text():
    assert one("2근", "tw", category="정육 > 소고기") == "1.2 kg"
    assert one("2근", "tw", category="농산물/채소") == "750 g"
    assert one("2근", "tw", geun="produce") == "750 g"
    assert one("2근", "tw", geun="600g", category="채소") == "1.2 kg"
    assert convert_text("국산 마늘 1근", "tw").text == "국산 마늘 375 g"


def test_chilli_geun_varies_by_shop_and_is_kept():
    """고춧가루 1근 is sold as 400, 500 or 600 g: never converted with the produce 375 g."""
    for text in ("국산 고춧가루 5근 태양초", "건고추 2근"):
        result = convert_text(text, "us")
        assert result.text == text
        assert [f.code for f in result.findings] == ["units.geun-ambiguous"]
    assert one("2근", "tw", category="농산물 > 고춧가루") == "2근"
    assert one("2근", "tw", geun="600g", category="고춧가루") == "1.2 kg"  # the seller decides


def test_ambiguous_geun_is_flagged_and_kept():
    result = convert_text("특가 1근", "us")
    assert result.text == "특가 1근"
    assert [f.code for f in result.findings] == [GEUN_FINDING]
    assert result.findings[0].severity.value == "error"


def test_bad_geun_choice_and_market_are_usage_errors():
    with pytest.raises(UsageError):
        one("1근", "tw", geun="pig")
    with pytest.raises(UsageError, match="unknown market"):
        convert_text("500ml", "mars")


def test_convert_text_json_matches_issue_shape():
    data = convert_text("생수 500ml", "us").to_json()
    assert data["text"] == "생수 16.9 fl oz (500 ml)"
    assert {k: data["matches"][0][k] for k in ("span", "source", "value", "unit", "converted")} == {
        "span": [3, 8], "source": "500ml", "value": 500, "unit": "milliliter", "converted": "16.9 fl oz (500 ml)"}  # fmt: skip


def test_factor_table_agrees_with_pint():
    registry = ureg()
    for unit, kind in set(SPELLINGS.values()):
        if kind == "count":
            continue
        base = {
            "mass": "gram",
            "volume": "milliliter",
            "length": "centimeter",
            "area": "meter ** 2",
        }[kind]
        assert base_factor(unit, kind) == pytest.approx(
            registry.Quantity(1, unit).to(base).magnitude
        )
    assert base_factor("geun", "mass", produce=True) == 375.0
    assert registry.Quantity(3, "평").to("m**2").magnitude == pytest.approx(9.917, rel=1e-3)


def _number(text: str) -> float:
    return float(re.match(r"[\d,.]+", text).group(0).replace(",", ""))


@settings(max_examples=300, deadline=None)
@given(
    st.floats(min_value=0.01, max_value=1_000_000, allow_nan=False),
    st.sampled_from(["gram", "milliliter", "centimeter"]),
)
def test_round_trip_within_stated_precision(value, unit):
    kind = {"gram": "mass", "milliliter": "volume", "centimeter": "length"}[unit]
    converted = convert_match(QuantityMatch((0, 1), "x", (value,), unit, kind), "us")
    first = converted.split(" (")[0]
    number, symbol = _number(first), first.split(" ", 1)[1]
    pint_unit = {"oz": "ounce", "lb": "pound", "fl oz": "fluid_ounce", "gal": "gallon", "in": "inch", "ft": "foot",
                 "g": "gram", "mg": "milligram", "ml": "milliliter", "mm": "millimeter", "cm": "centimeter"}[symbol]  # fmt: skip
    back = ureg().Quantity(number, pint_unit).to(unit).magnitude
    assert back == pytest.approx(value, rel=PRECISION * 1.01, abs=1e-6)


@settings(max_examples=200, deadline=None)
@given(st.floats(min_value=0.001, max_value=1e7, allow_nan=False))
def test_format_number_precision(value):
    assert _number(format_number(value, "en_US")) == pytest.approx(
        value, rel=PRECISION * 1.01, abs=1e-6
    )


@settings(max_examples=200, deadline=None)
@given(
    st.floats(min_value=0, max_value=1e9, allow_nan=False),
    st.integers(min_value=0, max_value=4),
    st.sampled_from(["en_US", "de_DE", "fr_FR", "es_ES", "pt_BR", "vi_VN", "zh_Hant_TW", "ja_JP"]),
)
def test_fast_formatting_matches_babel(value, decimals, locale):
    from decimal import Decimal

    from klisting.units.formatting import _format, format_decimal_babel

    rounded = round(value, decimals)
    assert _format(rounded, decimals, locale) == format_decimal_babel(
        Decimal(f"{rounded:.{decimals}f}"), decimals, locale
    )


def test_every_value_of_a_list_is_converted_once() -> None:
    result = convert_text("사이즈 230, 240, 250mm", "us")
    assert result.text == "사이즈 9.06, 9.45, 9.84 in (230, 240, 250 mm)"
    assert convert_text("2.5/5/10kg", "tw").text == "2.5, 5, 10 kg"


@pytest.mark.parametrize("text", ["230,240,250mm", "용량 100,200ml", "화이트 3, 500ml"])
def test_a_number_that_reads_two_ways_is_left_and_flagged(text: str) -> None:
    result = convert_text(text, "us")
    assert result.text == text  # never "755,381 ft" for 230,240,250mm
    assert [f.code for f in result.findings] == ["units.number-ambiguous"]
