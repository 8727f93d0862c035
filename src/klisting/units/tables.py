"""Unit spellings seen in Korean listings, their pint unit and kind, and factors from pint.

``SPELLINGS`` maps a lower-case spelling (including Korean and OCR-damaged ones such as
``mi`` for ``ml``) to a pint unit name and a kind. ``base_factor(unit)`` is how many of the
kind's base unit (gram, milliliter, centimeter, square meter) one ``unit`` is; it is computed
from the pint registry once, so the hot path multiplies floats instead of parsing.
"""

from __future__ import annotations

from functools import cache

from klisting.units.registry import PRODUCE_CONTEXT, factor

#: kind -> pint base unit every value of that kind is converted through
BASE_UNITS = {"mass": "gram", "volume": "milliliter", "length": "centimeter", "area": "meter ** 2"}

_MASS = {
    "kg": "kilogram",
    "kgs": "kilogram",
    "㎏": "kilogram",
    "킬로그램": "kilogram",
    "키로그램": "kilogram",
    "킬로": "kilogram",
    "키로": "kilogram",
    "g": "gram",
    "gr": "gram",
    "그램": "gram",
    "그람": "gram",
    "mg": "milligram",
    "㎎": "milligram",
    "밀리그램": "milligram",
    "lb": "pound",
    "lbs": "pound",
    "oz": "ounce",
    "근": "geun",
    "냥": "nyang",
    "돈": "don",
    "관": "gwan",
}
_VOLUME = {
    "ml": "milliliter",
    "㎖": "milliliter",
    "mℓ": "milliliter",
    "mi": "milliliter",
    "cc": "milliliter",
    "밀리리터": "milliliter",
    "밀리": "milliliter",
    "미리": "milliliter",
    "l": "liter",
    "ℓ": "liter",
    "리터": "liter",
    "floz": "fluid_ounce",
    "fl oz": "fluid_ounce",
    "fl.oz": "fluid_ounce",
    "fl. oz": "fluid_ounce",
    "홉": "hop",
    "되": "doe",
    "말": "mal",
    "gal": "gallon",
}
_LENGTH = {
    "cm": "centimeter",
    "㎝": "centimeter",
    "센치": "centimeter",
    "센티": "centimeter",
    "센티미터": "centimeter",
    "mm": "millimeter",
    "㎜": "millimeter",
    "밀리미터": "millimeter",
    "m": "meter",
    "미터": "meter",
    "in": "inch",
    "inch": "inch",
    "inches": "inch",
    "인치": "inch",
    "ft": "foot",
    "자": "ja",
    "치": "chi",
}
_AREA = {
    "㎡": "meter ** 2",
    "m²": "meter ** 2",
    "m2": "meter ** 2",
    "제곱미터": "meter ** 2",
    "평": "pyeong",
}

#: count words: spelling -> how many items one of them means (접 = 100, 판 = 30 eggs)
COUNT_WORDS: dict[str, int] = {
    "개입": 1,
    "개": 1,
    "매입": 1,
    "매": 1,
    "정": 1,
    "포": 1,
    "팩": 1,
    "병": 1,
    "세트": 1,
    "켤레": 1,
    "장": 1,
    "봉": 1,
    "봉지": 1,
    "캔": 1,
    "롤": 1,
    "캡슐": 1,
    "박스": 1,
    "상자": 1,
    "입": 1,
    "통": 1,
    "컵": 1,
    "구": 1,
    "미": 1,
    "마리": 1,
    "자루": 1,
    "알": 1,
    "피스": 1,
    "ea": 1,
    "pcs": 1,
    # traditional bundles (research s.11): 접 100, 판 30 eggs, 손 2 fish, 축/두름 20, 톳 100 sheets of laver
    "접": 100,
    "판": 30,
    "손": 2,
    "축": 20,
    "두름": 20,
    "톳": 100,
}

SPELLINGS: dict[str, tuple[str, str]] = {
    **{k: (v, "mass") for k, v in _MASS.items()},
    **{k: (v, "volume") for k, v in _VOLUME.items()},
    **{k: (v, "length") for k, v in _LENGTH.items()},
    **{k: (v, "area") for k, v in _AREA.items()},
    **{k: ("count", "count") for k in COUNT_WORDS},
}  # fmt: skip

#: units that are already metric: converting them between metric units is exact scaling
METRIC_UNITS = frozenset(
    {
        "kilogram",
        "gram",
        "milligram",
        "milliliter",
        "liter",
        "centimeter",
        "millimeter",
        "meter",
        "meter ** 2",
    }
)
#: traditional Korean units (the original is kept only as a note after conversion)
KOREAN_UNITS = frozenset(
    {"geun", "nyang", "don", "gwan", "hop", "doe", "mal", "ja", "chi", "pyeong"}
)


@cache
def base_factor(unit: str, kind: str, produce: bool = False) -> float:
    """How many base units (see ``BASE_UNITS``) one ``unit`` is, from the pint registry.

    Args:
        unit: pint unit name, e.g. ``"geun"``.
        kind: mass, volume, length or area.
        produce: use the ``produce`` context (근 = 375 g instead of 600 g).
    """
    return factor(unit, BASE_UNITS[kind], PRODUCE_CONTEXT if produce else None)
