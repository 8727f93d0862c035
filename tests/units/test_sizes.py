"""Sizes: round trips through the shoe tables, flags instead of guesses, apparel, charts."""

from __future__ import annotations

import pytest

from klisting.units.sizechart import measurement_chart, parse_measurements
from klisting.units.sizes import (
    _shoes,
    convert_apparel,
    convert_shoe,
    shoe_size_for_market,
    shoe_to_mm,
)

ROWS = sorted(_shoes()["table"])


@pytest.mark.parametrize("mm", range(200, 315, 5))
@pytest.mark.parametrize("system", ["kr", "jp", "tw"])
def test_formula_round_trip(mm, system):
    result = convert_shoe(mm, system)
    assert result.findings == []
    assert shoe_to_mm(result.value, system) == mm


@pytest.mark.parametrize("mm", ROWS)
@pytest.mark.parametrize(
    ("system", "gender"), [("eu", None), ("us", "men"), ("us", "women"), ("uk", "men")]
)
def test_table_round_trip_or_flag(mm, system, gender):
    result = convert_shoe(mm, system, gender=gender)
    if result.value is None:
        assert result.findings and result.findings[0].code in (
            "size.ambiguous",
            "size.out-of-table",
        )
    else:
        assert result.findings == [] and result.approximate
        assert shoe_to_mm(result.value, system, gender=gender) == mm


def test_known_points():
    assert convert_shoe(240, "jp").value == "24"
    assert convert_shoe("240mm", "tw").value == "38"
    assert convert_shoe(220, "tw").value == "34"
    assert convert_shoe(260, "eu").value == "41"
    assert convert_shoe(240, "us", gender="men").candidates == ["6", "6.5"]


@pytest.mark.parametrize("mm", [237, 150, 400, "abc"])
def test_out_of_range_is_flagged(mm):
    result = convert_shoe(mm, "eu")
    assert result.value is None and result.findings[0].code == "size.out-of-table"


def test_us_without_gender_and_market_without_table():
    result = convert_shoe(250, "us")
    assert result.value is None and result.findings[0].code == "size.ambiguous"
    brazil = shoe_size_for_market(250, "br")
    assert brazil.value is None and brazil.findings[0].code == "size.no-table"
    assert shoe_size_for_market(250, "jp").value == "25"


@pytest.mark.parametrize(
    ("size", "market", "expected"),
    [("55", "us", "S"), ("66사이즈", "jp", "M"), ("44", "de", "34"), ("110", "us", "XXL"), ("FREE", "es", "Free Size"),
     ("m", "uk", "M"), ("95", "tw", "M")],
)  # fmt: skip
def test_apparel(size, market, expected):
    assert convert_apparel(size, market).value == expected


@pytest.mark.parametrize(("size", "market"), [("55", "uk"), ("77", "de"), ("100", "de")])
def test_apparel_ambiguous_is_flagged(size, market):
    result = convert_apparel(size, market)
    assert result.value is None and len(result.candidates) > 1
    assert result.findings[0].code == "size.ambiguous"


def test_apparel_gender_resolves_and_unknown_flags():
    assert convert_apparel("100", "de", gender="men").value == "L"
    assert convert_apparel("100", "de", gender="women").candidates == ["40", "42"]
    assert convert_apparel("123", "us").findings[0].code == "size.out-of-table"


def test_measurement_chart_cm_and_inches():
    sizes = {
        "M": parse_measurements("가슴단면 52 / 총장 68cm"),
        "L": parse_measurements("가슴단면: 55, 총장 700mm"),
    }
    assert sizes["L"] == {"가슴단면": 55.0, "총장": 70.0}
    us = measurement_chart(sizes, "us")
    assert us.headers == ["size", "가슴단면 (cm)", "가슴단면 (in)", "총장 (cm)", "총장 (in)"]
    assert us.rows[0] == ["M", "52", "20.5", "68", "26.8"]
    de = measurement_chart({"M": {"어깨": 45.5}}, "de")
    assert de.to_json() == {"headers": ["size", "어깨 (cm)"], "rows": [["M", "45,5"]]}


def test_size_off_both_gender_charts_is_out_of_table_not_a_gender_question():
    top = max(ROWS)
    result = convert_shoe(top + 5, "us")
    assert result.value is None and result.candidates == []
    assert [f.code for f in result.findings] == ["size.out-of-table"]


def test_findings_name_the_size_in_mm_once():
    result = convert_shoe("250mm", "us")
    assert "250 mm" in result.findings[0].message and "mm mm" not in result.findings[0].message
