"""Measurement size charts: what a buyer needs instead of a guessed letter size.

``parse_measurements("가슴단면 52 / 총장 68cm")`` reads the Korean way of writing garment
measurements; ``measurement_chart`` lays them out per size in cm, adding inches for markets
on US units.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from klisting.markets.markets import get_market
from klisting.units.formatting import format_number
from klisting.units.tables import base_factor

_MEASURE = re.compile(
    r"([가-힣A-Za-z][가-힣A-Za-z ]{0,11}?)\s*[:：]?\s*(\d+(?:\.\d+)?)\s*(cm|㎝|센치|센티|mm|inch|in|인치)?",
    re.IGNORECASE,
)
_TO_CM = {"mm": 0.1, "inch": 2.54, "in": 2.54, "인치": 2.54}


@dataclass(slots=True)
class SizeChart:
    """A table: ``headers`` then one row per size, all cells as display strings."""

    headers: list[str]
    rows: list[list[str]] = field(default_factory=list)

    def to_json(self) -> dict[str, object]:
        return {"headers": self.headers, "rows": self.rows}


def parse_measurements(text: str) -> dict[str, float]:
    """Garment measurements written as "label number[unit]" pairs, in cm.

    Example: ``parse_measurements("가슴단면 52 / 총장 68cm")`` == ``{"가슴단면": 52.0, "총장": 68.0}``.
    """
    result: dict[str, float] = {}
    for label, number, unit in _MEASURE.findall(text or ""):
        scale = _TO_CM.get((unit or "cm").lower(), 1.0)
        result[label.strip()] = float(number) * scale
    return result


def measurement_chart(sizes: dict[str, dict[str, float]], market: str) -> SizeChart:
    """A chart of ``{size: {measurement: cm}}`` for ``market``: cm, plus inches on US units.

    Args:
        sizes: per size label, measurement name -> centimeters (e.g. from parse_measurements).
        market: market code; ``us`` adds an inch column after each cm column.
    """
    spec = get_market(market)
    names: list[str] = []
    for measures in sizes.values():
        names.extend(name for name in measures if name not in names)
    inches = spec.unit_system == "us"
    headers = ["size"]
    for name in names:
        headers.append(f"{name} (cm)")
        if inches:
            headers.append(f"{name} (in)")
    chart = SizeChart(headers)
    per_inch = base_factor("inch", "length")
    for size, measures in sizes.items():
        row = [size]
        for name in names:
            cm = measures.get(name)
            row.append("" if cm is None else format_number(cm, spec.locale, exact=True))
            if inches:
                row.append("" if cm is None else format_number(cm / per_inch, spec.locale))
        chart.rows.append(row)
    return chart
