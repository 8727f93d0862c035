"""Temperatures: a Korean bare 도 is Celsius only beside a temperature word; US gets °F first."""

from __future__ import annotations

import pytest

from klisting.units.temperature import find_temperatures, format_celsius


@pytest.mark.parametrize(
    ("text", "source", "us", "es"),
    [
        ("30도 이하 미지근한 물에 세탁하세요.", "30도", "86 °F (30 °C)", "30 °C"),
        ("영하 18도 이하 보관", "영하 18도", "0 °F (-18 °C)", "-18 °C"),
        ("0도 이하에서는 충전되지 않습니다.", "0도", "32 °F (0 °C)", "0 °C"),
        ("5℃ 냉장", "5℃", "41 °F (5 °C)", "5 °C"),
        ("-18°C 냉동", "-18°C", "0 °F (-18 °C)", "-18 °C"),
        ("섭씨 36.5도", "섭씨 36.5도", "98 °F (36.5 °C)", "36,5 °C"),
    ],
)
def test_celsius_is_found_and_written_for_the_market(
    text: str, source: str, us: str, es: str
) -> None:
    [found] = find_temperatures(text, "us")
    assert (found.source, found.replacement) == (source, us)
    assert find_temperatures(text, "es")[0].replacement == es


@pytest.mark.parametrize(
    "text",
    [
        "90도 회전",
        "소주 17도",
        "제주도 배송",
        "등받이 135도 젖혀짐 물",
        "30도록",
        "약 30도 기울기 물",
    ],
)
def test_other_degrees_and_places_are_left_alone(text: str) -> None:
    assert find_temperatures(text, "us") == []


def test_no_market_no_conversion() -> None:
    assert find_temperatures("30도 이하 물", None) == []
    assert format_celsius(100, "jp") == "100 °C"


def test_a_range_converts_both_ends() -> None:
    """'0~10℃' converted only its last end: '0~50 °F (10 °C)' reads as 0 to 50 °F."""
    [found] = find_temperatures("냉장 0~10℃ 보관", "us")
    assert (found.source, found.replacement) == ("0~10℃", "32 to 50 °F (0 to 10 °C)")
    [frozen] = find_temperatures("영하 5~10도 냉동 보관", "es")
    assert frozen.replacement == "-5 ~ -10 °C"
