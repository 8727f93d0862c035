"""Units: Korean and metric quantities, extraction from text, conversion per market, sizes.

Names are loaded lazily so that ``from klisting.units.measure import parse_measure`` (used by
validation) does not pay for pint and Babel at start-up.
"""

from __future__ import annotations

import importlib
from typing import Any

_EXPORTS = {
    "ConvertedMatch": "klisting.units.convert",
    "ConvertedText": "klisting.units.convert",
    "convert_match": "klisting.units.convert",
    "convert_text": "klisting.units.convert",
    "QuantityMatch": "klisting.units.extract",
    "extract_quantities": "klisting.units.extract",
    "Measure": "klisting.units.measure",
    "parse_measure": "klisting.units.measure",
}

__all__ = sorted(_EXPORTS)


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'klisting.units' has no attribute '{name}'")
    return getattr(importlib.import_module(module), name)
