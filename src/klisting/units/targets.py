"""Which unit a buyer reads a quantity in: normalized metric, or US customary for ``us``.

Values arrive in the kind's base unit (gram, milliliter, centimeter, square meter) and leave
as (values, symbol) in the unit a buyer expects for that size of quantity.
"""

from __future__ import annotations

from klisting.units.tables import base_factor

#: units whose figures a US buyer reads as written
US_NATIVE = {
    "inch": "in",
    "foot": "ft",
    "ounce": "oz",
    "pound": "lb",
    "fluid_ounce": "fl oz",
    "gallon": "gal",
}
#: metric units kept as written (a seller's mm stays mm: thickness, screen bezels)
_KEEP_LENGTH = {"centimeter": "cm", "millimeter": "mm", "meter": "m"}


def _scaled(base: tuple[float, ...], per: float) -> tuple[float, ...]:
    return tuple(v / per for v in base)


def metric_parts(base: tuple[float, ...], unit: str, kind: str) -> tuple[tuple[float, ...], str]:
    """Normalized metric: g below 1 kg and kg above, ml / L, the seller's own cm / mm / m, m²."""
    top = max(base)
    if kind == "mass":
        if top >= 1000:
            return _scaled(base, 1000), "kg"
        if unit == "milligram" or top < 1:  # supplements are labelled in mg everywhere
            return _scaled(base, 0.001), "mg"
        return base, "g"
    if kind == "volume":
        return (_scaled(base, 1000), "L") if top >= 1000 else (base, "ml")
    if kind == "length":
        if unit in _KEEP_LENGTH:
            return _scaled(base, base_factor(unit, "length")), _KEEP_LENGTH[unit]
        return (_scaled(base, 100), "m") if top >= 1000 else (base, "cm")
    return base, "m²"


def us_parts(
    base: tuple[float, ...], unit: str, kind: str
) -> tuple[tuple[float, ...], str, bool] | None:
    """US customary (values, symbol, written-so-by-the-seller), or None when US keeps metric."""
    if unit in US_NATIVE:
        return _scaled(base, base_factor(unit, kind)), US_NATIVE[unit], True
    top = max(base)
    if (
        (kind in ("mass", "volume") and top < 5)
        or (kind == "length" and top < 1)
        or unit == "milligram"
    ):
        return (
            None  # a few g / ml / mm (supplements, samples, pen tips) are labelled metric in the US
        )
    # factors come from the pint registry (cached), so pint stays the one source of truth
    if kind == "mass":
        pound = base_factor("pound", "mass")
        if top >= pound:
            return _scaled(base, pound), "lb", False
        return _scaled(base, base_factor("ounce", "mass")), "oz", False
    if kind == "volume":
        gallon = base_factor("gallon", "volume")
        if top >= gallon:
            return _scaled(base, gallon), "gal", False
        return _scaled(base, base_factor("fluid_ounce", "volume")), "fl oz", False
    if kind == "length":
        # US lists furniture and garments in inches; rooms, rugs, tents and cables in feet
        if top >= 200 or (unit == "meter" and top >= 100):
            return _scaled(base, base_factor("foot", "length")), "ft", False
        return _scaled(base, base_factor("inch", "length")), "in", False
    if kind == "area":
        return _scaled(base, base_factor("foot ** 2", "area")), "sq ft", False
    return None
