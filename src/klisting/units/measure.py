"""Parse one catalog cell that should hold a single quantity: '1.2kg', '500 ml', '30x20x10cm'.

This is the strict, fast parser for weight / volume / dimensions columns; finding every
quantity inside free text is ``klisting.units.extract``'s job.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

#: unit spelling (lower case) -> (canonical pint unit name, dimension kind)
UNIT_ALIASES: dict[str, tuple[str, str]] = {
    "kg": ("kilogram", "mass"), "kgs": ("kilogram", "mass"), "킬로그램": ("kilogram", "mass"),
    "키로": ("kilogram", "mass"), "킬로": ("kilogram", "mass"), "키로그램": ("kilogram", "mass"),
    "g": ("gram", "mass"), "gr": ("gram", "mass"), "그램": ("gram", "mass"), "mg": ("milligram", "mass"),
    "lb": ("pound", "mass"), "lbs": ("pound", "mass"), "oz": ("ounce", "mass"),
    "l": ("liter", "volume"), "ℓ": ("liter", "volume"), "리터": ("liter", "volume"),
    "ml": ("milliliter", "volume"), "㎖": ("milliliter", "volume"), "밀리": ("milliliter", "volume"),
    "미리": ("milliliter", "volume"), "밀리리터": ("milliliter", "volume"), "cc": ("milliliter", "volume"),
    "floz": ("fluid_ounce", "volume"), "fl.oz": ("fluid_ounce", "volume"),
    "m": ("meter", "length"), "cm": ("centimeter", "length"), "㎝": ("centimeter", "length"),
    "센치": ("centimeter", "length"), "센티": ("centimeter", "length"), "mm": ("millimeter", "length"),
    "㎜": ("millimeter", "length"), "in": ("inch", "length"), "inch": ("inch", "length"), "인치": ("inch", "length"),
    "㎏": ("kilogram", "mass"), "㎎": ("milligram", "mass"),
}  # fmt: skip

_NUMBER = r"\d+(?:[.,]\d+)*"
_UNIT = "|".join(sorted((re.escape(u) for u in UNIT_ALIASES), key=len, reverse=True))
_ABOUT = r"(?:약|대략|approx\.?|about|ca\.|~)?\s*"
# what sellers write after a value they weighed roughly ("2.5kg내외", "1.2kg 정도") or a
# note in brackets ("1.2kg (박스 포함)"); the value itself is still the quantity
_AFTER = r"\s*(?:내외|정도|전후|안팎|가량|이내)?\s*(?:\([^()]*\))?\s*"
_SINGLE = re.compile(rf"^\s*{_ABOUT}({_NUMBER})\s*({_UNIT}){_AFTER}$", re.IGNORECASE)
# "500g x 2", "500ml×6병": a pack of equal units; the cell's quantity is the total
_PACK = re.compile(
    rf"^\s*{_ABOUT}({_NUMBER})\s*({_UNIT})\s*[x×*]\s*(\d{{1,4}})\s*(?:개|팩|입|봉|병|캔|ea|pcs)?{_AFTER}$",
    re.IGNORECASE,
)
# furniture style labels before each number: "W120 x D60 x H75cm", "가로30 x 세로20 x 높이10cm"
_LABEL = r"(?:(?:[WDHL]|가로|세로|높이|폭|깊이|길이|너비)\s*:?\s*)?"
_DIMENSIONS = re.compile(
    rf"^\s*{_ABOUT}{_LABEL}({_NUMBER})\s*({_UNIT})?\s*[x×*]\s*{_LABEL}({_NUMBER})\s*({_UNIT})?\s*"
    rf"(?:[x×*]\s*{_LABEL}({_NUMBER})\s*)?({_UNIT}){_AFTER}$",
    re.IGNORECASE,
)
_NEGATIVE = re.compile(r"^\s*-\s*\d")


@dataclass(frozen=True, slots=True)
class Measure:
    """A parsed quantity: one value (or several for dimensions) in one canonical unit."""

    values: tuple[float, ...]
    unit: str
    kind: str  # mass | volume | length | dimensions

    @property
    def value(self) -> float:
        return self.values[0]


def _number(text: str) -> float:
    # "1,200" is a thousands separator; "1,5" (one decimal group of 1-2 digits) is a decimal comma.
    if "," in text and "." not in text and re.fullmatch(r"\d+,\d{1,2}", text):
        return float(text.replace(",", "."))
    return float(text.replace(",", ""))


def parse_measure(text: str) -> Measure | None:
    """Parse a single-quantity cell. Empty -> None; unparseable or negative -> ValueError."""
    raw = (text or "").strip()
    if not raw:
        return None
    if _NEGATIVE.match(raw):
        raise ValueError(f"'{raw}' is negative")
    single = _SINGLE.match(raw)
    if single:
        unit, kind = UNIT_ALIASES[single.group(2).lower()]
        return Measure((_number(single.group(1)),), unit, kind)
    pack = _PACK.match(raw)
    if pack:
        unit, kind = UNIT_ALIASES[pack.group(2).lower()]
        if kind == "length":  # "30cm x 2" is two sizes, not one length
            raise ValueError(f"'{raw}': a length times a count is not one quantity")
        return Measure((_number(pack.group(1)) * int(pack.group(3)),), unit, kind)
    dims = _DIMENSIONS.match(raw)
    if dims:
        numbers = [g for g in (dims.group(1), dims.group(3), dims.group(5)) if g]
        unit, kind = UNIT_ALIASES[dims.group(6).lower()]
        if kind != "length":
            raise ValueError(f"'{raw}': dimensions need a length unit such as cm")
        return Measure(tuple(_number(n) for n in numbers), unit, "dimensions")
    raise ValueError(f"'{raw}' is not a quantity with a unit (write e.g. 1.2kg, 500ml, 30x20x10cm)")
