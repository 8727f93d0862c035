"""Interpret cell values the way Korean sellers write them.

Each parser returns ``None`` when the cell is empty and raises ``ValueError`` with a short
reason when the cell holds something that is not a value of that kind; the product builder
keeps the raw text and validation turns the reason into a finding.
"""

from __future__ import annotations

import itertools
import json
import math
import re
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from typing import Any

_PRICE_NOISE = re.compile(r"[\s,₩￦원KRWkrw]+")
_MAN = re.compile(r"^(\d+(?:\.\d+)?)만(?:\s*(\d+))?$")  # 1.2만 = 12,000; 1만2000 = 12,000
_INT_NOISE = re.compile(r"[\s,개EA]+", re.IGNORECASE)
_SOLD_OUT = frozenset({"품절", "일시품절", "sold out", "soldout", "out of stock"})
_WHOLE = re.compile(r"[+-]?\d+(?:\.0+)?")
# A comma or pipe separates values unless it sits inside brackets: 블랙(+2,000원) is one value.
_VALUE_SPLIT = re.compile(r"[,|](?![^()（）\[\]]*[)）\]])")


def text(value: Any) -> str:
    """Cell as stripped text; numbers without a spurious ``.0``."""
    if type(value) is str:  # most cells: one type check, then done
        return value.strip()
    if value is None:
        return ""
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, list | dict):
        return json.dumps(value, ensure_ascii=False)
    return str(value).strip()


def parse_price(value: Any) -> Decimal | None:
    """'12,900', '12900원', '₩12,900', '6300.00', '1.2만원', 12900 -> Decimal. '가격문의' raises."""
    if type(value) is str:  # most cells: straight to the cached text parser
        return _parse_price_text(value.strip())
    if value is None:
        return None
    if isinstance(value, int | float) and not isinstance(value, bool):
        if isinstance(value, float) and not math.isfinite(value):
            raise ValueError(f"'{value}' is not a price")
        # Spreadsheets store 12900 as 12900.0; keep whole amounts whole.
        amount = Decimal(int(value)) if float(value).is_integer() else Decimal(str(value))
        return _plausible(amount, str(value))
    return _parse_price_text(str(value).strip())


#: A number this long is a paste error, not a price: refused. Shorter absurd amounts are kept
#: as written and flagged (price.implausible warns above 1,000,000,000 won; pricing refuses what
#: it cannot convert), so nothing absurd is ever silent.
MAX_PRICE_DIGITS = 100


def _plausible(amount: Decimal, raw: str) -> Decimal:
    digits = max(amount.adjusted() + 1, 1) if amount.is_finite() and amount else 1
    if not amount.is_finite() or digits > MAX_PRICE_DIGITS:
        shown = raw if len(raw) <= 24 else f"{raw[:12]}...({len(raw)} characters)"
        raise ValueError(f"'{shown}' is not a plausible price ({digits} digits)")
    return amount


@lru_cache(maxsize=16384)
def _parse_price_text(raw: str) -> Decimal | None:
    # Price texts repeat across a catalog (12,900원 ...): parse each distinct one once.
    if not raw:
        return None
    if raw.isdigit():
        return _plausible(Decimal(raw), raw)
    cleaned = _PRICE_NOISE.sub("", raw)
    if "e" in cleaned.lower():  # 1e309, 1.2E+5: exponent notation is a spreadsheet artefact
        raise ValueError(f"'{raw}' is not a price (write the amount in digits)")
    man = _MAN.match(cleaned)
    if man:
        return Decimal(man.group(1)) * 10000 + Decimal(man.group(2) or 0)
    try:
        amount = Decimal(cleaned)
    except InvalidOperation:
        raise ValueError(f"'{raw}' is not a price") from None
    if not amount.is_finite():
        raise ValueError(f"'{raw}' is not a price")
    return _plausible(amount, raw)


def parse_int(value: Any) -> int | None:
    """'100', '1,000', '100개', 100.0 -> int; '품절' / 'sold out' -> 0. '10.5' and 'many' raise."""
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        raise ValueError(f"'{value}' is not a whole number")
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        if value.is_integer():
            return int(value)
        raise ValueError(f"'{value}' is not a whole number")
    raw = str(value).strip()
    if not raw:
        return None
    if raw.isdigit():
        return int(raw)
    if raw.lower() in _SOLD_OUT:
        return 0
    cleaned = _INT_NOISE.sub("", raw)
    if _WHOLE.fullmatch(cleaned):
        return int(cleaned.split(".")[0])
    raise ValueError(f"'{raw}' is not a whole number")


_IMAGE_SPLIT = re.compile(r"[|\n\r]+")
_ANY_SEPARATOR = re.compile(r"[|\n\r,;\[]")


def split_list(value: Any) -> list[str]:
    """Several values in one cell: a JSON list, or text separated by | , ; or newlines."""
    if value is None:
        return []
    if isinstance(value, list):
        return [text(v) for v in value if text(v)]
    raw = str(value).strip()
    if not _ANY_SEPARATOR.search(raw):
        return [raw] if raw else []
    if raw.startswith("[") and raw.endswith("]"):
        try:
            parsed = json.loads(raw)
            if isinstance(parsed, list):
                return [text(v) for v in parsed if text(v)]
        except json.JSONDecodeError:
            pass
    parts = [p.strip() for p in _IMAGE_SPLIT.split(raw) if p.strip()]
    if len(parts) == 1:
        # Commas and semicolons separate images only when every piece looks like one.
        for separator in (",", ";"):
            pieces = [p.strip() for p in raw.split(separator) if p.strip()]
            if len(pieces) > 1 and all(_looks_like_image_ref(p) for p in pieces):
                return pieces
    return parts


def _looks_like_image_ref(piece: str) -> bool:
    return "://" in piece or bool(re.search(r"\.(jpe?g|png|gif|webp|bmp)$", piece, re.IGNORECASE))


_HEADER_UNIT = re.compile(r"[(\[]\s*(kg|g|mg|ml|l|cm|mm|m|oz|lb|lbs|in)\s*[)\]]", re.IGNORECASE)
# "500", or unitless dimensions such as "10x10x8" under a "상품부피(cm)" header.
_BARE_NUMBER = re.compile(r"[\d.,]+(?:\s*[x×*]\s*[\d.,]+){0,2}")


_HEADER_UNIT_WORD = re.compile(
    r"(?<![a-z])(grams?|kilograms?|milliliters?|millilitres?)(?![a-z])", re.IGNORECASE
)
_UNIT_WORDS = {"gram": "g", "kilogram": "kg", "milliliter": "ml", "millilitre": "ml"}


def header_unit(header: str) -> str | None:
    """The unit a header names: '무게(kg)' -> 'kg', 'weight (g)' -> 'g', 'Variant Grams' -> 'g'."""
    found = _HEADER_UNIT.search(header)
    if found:
        return found.group(1)
    word = _HEADER_UNIT_WORD.search(header)
    return _UNIT_WORDS[word.group(1).lower().rstrip("s")] if word else None


def with_header_unit(value: str, unit: str | None) -> str:
    """A bare number under a header that names its unit gains that unit ('500' -> '500g')."""
    if unit and value and _BARE_NUMBER.fullmatch(value):
        return f"{value}{unit}"
    return value


# ---------------------------------------------------------------- options

_BRACED_AXIS = re.compile(r"([^{}]+?)\{([^{}]*)\}")
_AXIS_SPLIT = re.compile(r"\s*(?:/|\n|;)\s*")


def parse_combined_options(value: Any) -> list[tuple[str, list[str]]]:
    """'색상:블랙,화이트/사이즈:S,M,L' (or newline separated axes) -> [(name, values), ...].

    JSON lists of {"name", "values"} objects are accepted too. An axis without a name raises.
    """
    if value is None or value == "":
        return []
    if isinstance(value, str):
        # Option cells repeat across a catalog; parse each distinct text once.
        return [(name, list(values)) for name, values in _parse_option_text(value)]
    if isinstance(value, list):
        return [_axis_from_json(item) for item in value]
    if isinstance(value, dict):
        return [
            (str(k), [text(v) for v in (vs if isinstance(vs, list) else split_values(vs))])
            for k, vs in value.items()
        ]
    return parse_combined_options(str(value))


@lru_cache(maxsize=4096)
def _parse_option_text(raw: str) -> tuple[tuple[str, tuple[str, ...]], ...]:
    raw = raw.strip()
    if raw.startswith("[") or raw.startswith("{"):
        try:
            return tuple((n, tuple(vs)) for n, vs in parse_combined_options(json.loads(raw)))
        except json.JSONDecodeError:
            pass
    braced = _BRACED_AXIS.findall(raw)
    if braced:  # Cafe24: 색상{블랙|화이트}//사이즈{S|M|L}
        return tuple((name.strip(" ,/"), tuple(split_values(values))) for name, values in braced)
    axes = []
    for chunk in _AXIS_SPLIT.split(raw):
        if not chunk:
            continue
        name, sep, values = chunk.partition(":")
        if not sep:
            name, sep, values = chunk.partition("=")
        if not sep or not name.strip():
            raise ValueError(f"option '{chunk}' has no name; write it as name:value1,value2")
        axes.append((name.strip(), tuple(split_values(values))))
    return tuple(axes)


def _axis_from_json(item: Any) -> tuple[str, list[str]]:
    if isinstance(item, dict) and "name" in item:
        values = item.get("values", item.get("value", []))
        return text(item["name"]), [text(v) for v in values] if isinstance(
            values, list
        ) else split_values(values)
    raise ValueError(f"option {item!r} needs a 'name' and 'values'")


def split_values(value: Any) -> list[str]:
    """'블랙, 화이트|네이비' -> ['블랙', '화이트', '네이비']."""
    if value is None or value == "":
        return []
    return [v.strip() for v in _VALUE_SPLIT.split(text(value)) if v.strip()]


def parse_option_columns(names: Any, values: Any) -> list[tuple[str, list[str]]]:
    """Separate 옵션명 / 옵션값 columns: names and per-axis value lists split by newline or '/'."""
    name_list = [n for n in re.split(r"\s*(?:\n|/|,)\s*", text(names)) if n]
    if not name_list:
        return []
    value_groups = [g for g in re.split(r"\s*(?:\n|/)\s*", text(values)) if g]
    if len(name_list) == 1 and len(value_groups) > 1:
        value_groups = [",".join(value_groups)]
    if len(value_groups) != len(name_list):
        raise ValueError(f"{len(name_list)} option names but {len(value_groups)} groups of values")
    return [(n, split_values(g)) for n, g in zip(name_list, value_groups, strict=True)]


def combinations(axes: list[tuple[str, list[str]]]) -> list[dict[str, str]]:
    """Every combination of option values, in the order sellers list them."""
    if not axes:
        return []
    names = [name for name, _ in axes]
    return [
        dict(zip(names, combo, strict=True))
        for combo in itertools.product(*(values for _, values in axes))
    ]


# ---------------------------------------------------------------- Korean semantics

#: Cell texts that mean "none / not applicable" (해당없음 is not a certification, "-" not a brand).
_NONE_BASE = (
    "해당없음",
    "해당 없음",
    "해당사항없음",
    "해당사항 없음",
    "없음",
    "n/a",
    "na",
    "none",
    "-",
    "--",
)
#: every case of each word, so a stripped cell is looked up as it is (one set lookup per cell)
NONE_WORDS = frozenset(
    form for word in _NONE_BASE for form in (word, word.upper(), word.title(), word.capitalize())
)


def means_none(value: Any) -> bool:
    """True for 해당없음 / 없음 / N/A / - (any case, surrounding spaces ignored)."""
    return type(value) is str and value.strip().lower() in NONE_WORDS


def split_option_list(value: Any) -> list[str]:
    """Option surcharges or stocks: one per line (Smartstore) or separated by , or |."""
    if value is None or value == "":
        return []
    raw = text(value)
    if "\n" in raw or "\r" in raw:
        return [line.strip() for line in raw.splitlines() if line.strip()]
    return split_values(raw)


#: 돈 is a fixed 3.75 g (gold, herbs); 근 depends on the goods; 평 is an area (3.3058 m²).
DON_GRAMS = 3.75
GEUN_GRAMS = {"meat": 600, "produce": 375}
_KOREAN_QUANTITY = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(근|돈|평)\s*$")


def korean_quantity(value: str) -> tuple[float, str] | None:
    """'1근' -> (1.0, '근'); '3.5돈' -> (3.5, '돈'); anything else -> None."""
    found = _KOREAN_QUANTITY.match(value)
    return (float(found.group(1)), found.group(2)) if found else None


def grams_text(grams: float) -> str:
    """600.0 -> '600g', 13.125 -> '13.125g'."""
    return f"{grams:g}g"
