"""Shoe and apparel sizes: Korean sizes to a market's sizes, flagged rather than guessed.

Shoes: the Korean foot length in mm is the master value. JP (cm) and TW/CN (號) come from
exact formulas; EU, US and UK from the chart in configs/sizes/shoes.yaml. Apparel: Korean
women's 44..88 and men's 85..110 from configs/sizes/apparel.yaml. Whenever a size lies outside
the table, or the sources give several answers, the result has no value, lists the candidates
and carries a finding.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from klisting.configfiles import load_yaml, per_config_dir
from klisting.markets.markets import get_market
from klisting.model import Finding, Severity
from klisting.model.codes import Code, declare, finding
from klisting.paths import config_dir

declare(
    Code("size.out-of-table", Severity.WARNING, "size",
         "The size is outside the sourced size chart: it is not converted",
         "Use the brand's own size chart for this size."),
    Code("size.no-table", Severity.INFO, "size", "No sourced size chart for the market's size system",
         "Give the Korean size and a brand size chart in the listing."),
    Code("size.ambiguous", Severity.WARNING, "size",
         "The size maps to more than one size in the market (gender or charts disagree)",
         "Set the product's gender, or give the buyer a measurement chart."),
)  # fmt: skip

SHOE_SYSTEMS = ("kr", "jp", "tw", "eu", "us", "uk")


@dataclass(slots=True)
class SizeResult:
    """A converted size: ``value`` is None when it could not be decided (see ``findings``)."""

    source: str
    system: str
    value: str | None
    candidates: list[str] = field(default_factory=list)
    approximate: bool = False
    findings: list[Finding] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {
            "source": self.source,
            "system": self.system,
            "value": self.value,
            "candidates": self.candidates,
            "approximate": self.approximate,
            "findings": [f.to_json() for f in self.findings],
        }


@per_config_dir
def _shoes() -> dict[str, Any]:
    return load_yaml(config_dir() / "sizes" / "shoes.yaml")  # type: ignore[return-value]


@per_config_dir
def _apparel() -> dict[str, Any]:
    return load_yaml(config_dir() / "sizes" / "apparel.yaml")  # type: ignore[return-value]


def _finding(code: str, message: str, hint: str, severity: Severity | None = None) -> Finding:
    """A size finding: the catalog's severity unless given, and this size's own hint."""
    return finding(code, message, severity=severity, hint=hint)


def _number(value: float) -> str:
    return f"{value:g}"


def _parse_mm(mm: float | int | str) -> float | None:
    try:
        return float(re.sub(r"\s*(mm|㎜|밀리)?\s*$", "", str(mm).strip(), flags=re.IGNORECASE))
    except ValueError:
        return None


#: how catalogs and people write the two genders size charts differ by
_GENDERS = {
    "men": ("men", "man", "male", "m", "mens", "men's", "남", "남성", "남자", "남성용"),
    "women": ("women", "woman", "female", "w", "f", "womens", "women's", "여", "여성", "여자", "여성용"),
}  # fmt: skip
_GENDER_OF = {alias: gender for gender, aliases in _GENDERS.items() for alias in aliases}


def normalize_gender(text: str | None) -> str | None:
    """The chart gender ("men", "women", or None for unset or unisex) of "남성", "Female", "M" ...

    Raises:
        ValueError: for a value that names neither, so "male" is never silently ignored.
    """
    value = (text or "").strip().lower()
    if value in ("", "unisex", "공용", "남녀공용", "u"):
        return None
    if value not in _GENDER_OF:
        raise ValueError(f"unknown gender '{text}': use men or women (남성/여성)")
    return _GENDER_OF[value]


def convert_shoe(mm: float | int | str, system: str, *, gender: str | None = None) -> SizeResult:
    """Korean shoe size (foot length in mm) in ``system``: kr, jp, tw, eu, us or uk.

    Args:
        mm: the Korean size, e.g. 240 or "240mm".
        system: target size system.
        gender: "men" or "women"; US and UK differ by gender and need it.

    Returns:
        A SizeResult; ``value`` is None with a ``size.out-of-table``, ``size.ambiguous`` or
        ``size.no-table`` finding when no single defensible size exists.
    """
    source, system = str(mm), system.lower()
    value = _parse_mm(mm)
    spec = _shoes()
    low, high = spec["formula_range_mm"]
    if value is None or not low <= value <= high or value % spec["step_mm"]:
        return SizeResult(source, system, None, findings=[_finding(
            "size.out-of-table", f"shoe size '{source}' is not a Korean mm size in {low}-{high} (steps of {spec['step_mm']})",
            "Write the foot length in mm, e.g. 240.")])  # fmt: skip
    if system == "kr":
        return SizeResult(source, system, _number(value))
    formula = spec["formulas"].get(system)
    if formula:
        result = (value - formula.get("subtract", 0)) / formula["divide"]
        return SizeResult(source, system, _number(result))
    return _from_table(source, int(value), system, gender)


def _from_table(source: str, mm: int, system: str, gender: str | None) -> SizeResult:
    if system not in SHOE_SYSTEMS:
        return SizeResult(source, system, None, findings=[_finding(
            "size.no-table", f"no sourced shoe chart for the '{system}' size system",
            "Give the Korean mm size and a brand size chart in the listing.", Severity.INFO)])  # fmt: skip
    if system in ("us", "uk") and gender not in ("men", "women"):
        men = _from_table(source, mm, system, "men").candidates
        women = _from_table(source, mm, system, "women").candidates
        if not men and not women:  # no gender would help: the size is off both charts
            return SizeResult(source, system, None, findings=[_finding(
                "size.out-of-table", f"{mm} mm is outside the sourced {system.upper()} men's and women's charts",
                "Use the brand's own size chart for this size.")])  # fmt: skip
        return SizeResult(source, system, None, men + women, True, [_finding(
            "size.ambiguous", f"{system.upper()} shoe sizes differ for men and women ({mm} mm)",
            "Set the product's gender (men or women).")])  # fmt: skip
    column = system if system == "eu" else f"{system}_{gender}"
    row = _shoes()["table"].get(mm, {})
    candidates = [str(c) for c in row.get(column, [])]
    if not candidates:
        return SizeResult(source, system, None, findings=[_finding(
            "size.out-of-table", f"{mm} mm is outside the sourced {column.replace('_', ' ').upper()} chart",
            "Use the brand's own size chart for this size.")])  # fmt: skip
    if len(candidates) > 1:
        return SizeResult(source, system, None, candidates, True, [_finding(
            "size.ambiguous", f"charts disagree on {column.replace('_', ' ').upper()} for {mm} mm: {' or '.join(candidates)}",
            "Use the brand's size chart, or list the Korean mm size with a measurement chart.")])  # fmt: skip
    return SizeResult(source, system, candidates[0], candidates, approximate=True)


def shoe_to_mm(size: str | float, system: str, *, gender: str | None = None) -> int | None:
    """The Korean mm size for a size in ``system``, or None when not exactly one row matches."""
    system = system.lower()
    try:
        number = float(str(size).strip())
    except ValueError:
        return None
    formula = _shoes()["formulas"].get(system)
    if system == "kr":
        return int(number)
    if formula:
        return round(number * formula["divide"] + formula.get("subtract", 0))
    column = system if system == "eu" else f"{system}_{gender}"
    rows = [
        mm
        for mm, row in _shoes()["table"].items()
        if [str(c) for c in row.get(column, [])] == [_number(number)]
    ]
    return int(rows[0]) if len(rows) == 1 else None


def shoe_size_for_market(
    mm: float | int | str, market: str, *, gender: str | None = None
) -> SizeResult:
    """``convert_shoe`` in the shoe size system of ``market`` (configs/markets)."""
    system = get_market(market).size_systems.get("shoes", "eu")
    return convert_shoe(mm, system, gender=gender)


_FREE = re.compile(r"^(free|f|프리|프리사이즈|free\s*size|one\s*size)$", re.IGNORECASE)
_LETTER = re.compile(r"^(XXS|XS|S|M|L|XL|XXL|XXXL|[2-5]XL)$", re.IGNORECASE)


def convert_apparel(size: str, market: str, *, gender: str | None = None) -> SizeResult:
    """Korean apparel size (44..88 women, 85..110 men, letters, free) in ``market``'s system.

    Args:
        size: as written: "55", "66사이즈", "100", "M", "FREE".
        market: market code; its ``size_systems.apparel`` (letter, eu, uk, us) decides.
        gender: "men" or "women" when the catalog knows it.

    Returns:
        A SizeResult; ambiguous mappings (several sources' answers) have no value and a
        ``size.ambiguous`` finding; unknown sizes a ``size.out-of-table`` finding.
    """
    system = get_market(market).size_systems.get("apparel", "letter")
    text = re.sub(r"\s*(사이즈|호|size)$", "", str(size).strip(), flags=re.IGNORECASE)
    if _FREE.match(text):
        return SizeResult(str(size), system, "Free Size")
    if _LETTER.match(text):
        return SizeResult(str(size), system, text.upper())
    number = re.match(r"^(\d{2,3})", text)
    rows = _apparel_rows(number.group(1) if number else "", gender)
    if not rows:
        return SizeResult(str(size), system, None, findings=[_finding(
            "size.out-of-table", f"apparel size '{size}' is not a Korean size klisting knows",
            "Use 44-88 (women), 85-110 (men) or letter sizes, and add a measurement chart.")])  # fmt: skip
    candidates: list[str] = []
    for row in rows:
        for value in row.get(system) or row.get("letter", []):
            if value not in candidates:
                candidates.append(str(value))
    approximate = any(row.get("approximate") for row in rows)
    if len(candidates) != 1:
        return SizeResult(str(size), system, None, candidates, True, [_finding(
            "size.ambiguous", f"Korean size '{size}' maps to {' or '.join(candidates)} ({system})",
            "Give the buyer a measurement chart (cm, plus inches for the US) instead of one size.")])  # fmt: skip
    return SizeResult(str(size), system, candidates[0], candidates, approximate)


def _apparel_rows(code: str, gender: str | None) -> list[dict[str, Any]]:
    data = _apparel()
    women = data["women"].get(code)
    if women is None:  # bust codes 85..105 name the same women's rows
        women = next((row for row in data["women"].values() if str(row["bust_cm"]) == code), None)
    men = data["men"].get(code)
    if gender == "women":
        return [women] if women else []
    if gender == "men":
        return [men] if men else []
    return [row for row in (women, men) if row]
