"""Units: Korean and metric quantities, conversion per market, sizes and prices."""

from klisting.units.measure import Measure, parse_measure

__all__ = ["Measure", "parse_measure"]
