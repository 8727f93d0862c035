"""The one pint registry of klisting, extended with Korean units (korean_units.txt).

pint is the registry of truth: every factor the fast paths use is derived from it at load
time, so a unit's value is written down exactly once.
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pint

#: pint context that redefines 근 for fruit and vegetables (375 g instead of 600 g)
PRODUCE_CONTEXT = "produce"


@lru_cache(maxsize=1)
def ureg() -> pint.UnitRegistry:
    """The shared UnitRegistry with the Korean units and the ``produce`` context loaded."""
    import pint  # imported here: pint takes a few hundred ms to import

    registry = pint.UnitRegistry(cache_folder=None)
    definitions = resources.files("klisting.units").joinpath("korean_units.txt")
    with resources.as_file(definitions) as path:
        registry.load_definitions(str(path))
    return registry


def factor(unit: str, target: str, context: str | None = None) -> float:
    """How many ``target`` make one ``unit`` (e.g. factor("geun", "gram") == 600.0)."""
    registry = ureg()
    quantity = registry.Quantity(1, unit)
    converted = quantity.to(target, context) if context else quantity.to(target)
    return float(converted.magnitude)
