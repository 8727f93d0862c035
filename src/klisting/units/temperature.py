"""Temperatures in Korean text: "30도 이하 물", "영하 18도", "5℃", converted per market.

Korean writes Celsius as a bare 도 ("30도 이하 미지근한 물"). Rendered as "30°" on a US
listing it reads as 30 °F, near freezing: a wrong fact. 도 is also an angle (90도 회전), an
alcohol strength (소주 17도) and a place (제주도), so a bare 도 counts as a temperature only
with a temperature word in the same clause (물, 보관, 세탁, 충전 ...) and none of those other
meanings; everything else is left to the translation as written. ℃, °C, 도씨 and 섭씨/영하/영상
always mean Celsius.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from klisting.markets.markets import get_market
from klisting.units.formatting import format_number

# "0~10℃", "-5~5도": a range keeps both ends (its first end is never left as written)
_NUMBER = (
    r"(?P<minus>[-−])?(?P<n>\d+(?:\.\d+)?)(?:\s?[~∼〜]\s?(?P<minus_to>[-−])?(?P<to>\d+(?:\.\d+)?))?"
)
#: written Celsius: always a temperature ("영하 5℃", "-18°C", "30도씨", "섭씨 30도")
_EXPLICIT = (
    re.compile(rf"(?:(?P<sign>영하|영상)\s?)?{_NUMBER}\s?(?:℃|[°˚º]\s?C\b|도씨)"),
    re.compile(rf"섭씨\s?(?:(?P<sign>영하|영상)\s?)?{_NUMBER}\s?도"),
)
#: a bare 도 after a number, then the end or a particle (never 제주도, 30도록)
_BARE = re.compile(
    rf"(?:(?P<sign>영하|영상)\s?)?(?<![\d.]){_NUMBER}\s?도"
    r"(?=$|[^가-힣]|이하|이상|미만|초과|내외|정도|에서|의|까지|로|를|가|는|에|씩)"
)
_TEMPERATURE_WORDS = re.compile(
    r"물|온수|냉수|수온|온도|보관|세탁|세제|냉동|냉장|가열|충전|건조|실온|상온|오븐|에어프라이어"
    r"|전자레인지|환경|작동|기온|체온|다림질|난방|보온|보냉|히터|해동|조리|끓"
)
_OTHER_DEGREES = re.compile(
    r"각도|회전|기울|경사|도수|알코올|알콜|소주|와인|맥주|시야각|화각|젖혀|눕"
)
_CLAUSE = re.compile(r"[.,;!?\n/·]|다\s")


@dataclass(frozen=True, slots=True)
class TemperatureSpan:
    """A temperature in text: where, as written, in Celsius, and what to write for the market."""

    start: int
    end: int
    source: str
    celsius: tuple[float, ...]
    replacement: str


def find_temperatures(text: str, market: str | None) -> list[TemperatureSpan]:
    """Temperatures in ``text`` (Celsius) with their ``market`` notation; [] without a market.

    US markets get "86 °F (30 °C)"; others "30 °C" (number in the market's locale).
    """
    if not market or ("도" not in text and "℃" not in text and "°" not in text):
        return []
    spans: list[TemperatureSpan] = []
    for pattern in _EXPLICIT:
        for found in pattern.finditer(text):
            if any(s.start < found.end() and found.start() < s.end for s in spans):
                continue
            spans.append(_span(text, found, market))
    for found in _BARE.finditer(text):
        if any(s.start < found.end() and found.start() < s.end for s in spans):
            continue
        clause = _clause_around(text, found.start(), found.end())
        signed = found["sign"] is not None
        if not signed and (not _TEMPERATURE_WORDS.search(clause) or _OTHER_DEGREES.search(clause)):
            continue  # 90도 회전, 소주 17도, or no sign of a temperature: left as written
        spans.append(_span(text, found, market))
    return sorted(spans, key=lambda s: s.start)


def _clause_around(text: str, start: int, end: int) -> str:
    left = max((m.end() for m in _CLAUSE.finditer(text, 0, start)), default=0)
    right = next((m.start() for m in _CLAUSE.finditer(text, end)), len(text))
    return text[left:start] + " " + text[end:right]


def _span(text: str, found: re.Match[str], market: str) -> TemperatureSpan:
    below_zero = found["sign"] == "영하"  # 영하 5~10도: both ends below zero
    first = -float(found["n"]) if found["minus"] or below_zero else float(found["n"])
    celsius: tuple[float, ...] = (first,)
    if found["to"] is not None:
        to = float(found["to"])
        celsius += (-to if found["minus_to"] or below_zero else to,)
    start, end = found.span()
    return TemperatureSpan(start, end, text[start:end], celsius, format_celsius(celsius, market))


def format_celsius(celsius: float | tuple[float, ...], market: str) -> str:
    """``celsius`` (one value or a range) for ``market``: "86 °F (30 °C)" in US units, "30 °C"
    elsewhere; a range is "32 to 50 °F (0 to 10 °C)" (a dash would read as a minus)."""
    values = celsius if isinstance(celsius, tuple) else (celsius,)
    spec = get_market(market)
    glue = " ~ " if spec.unit_system != "us" else " to "
    metric = glue.join(_number(v, spec.locale) for v in values) + " °C"
    if spec.unit_system != "us":
        return metric
    fahrenheit = glue.join(_number(round(v * 9 / 5 + 32), spec.locale) for v in values)
    return f"{fahrenheit} °F ({metric})"


def _number(value: float, locale: str) -> str:
    text = format_number(abs(value), locale, exact=True)
    return f"-{text}" if value < 0 else text
