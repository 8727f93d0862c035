"""parse_measure: the strict one-quantity cell parser, on cells as sellers really write them."""

from __future__ import annotations

import pytest

from klisting.units.measure import parse_measure


@pytest.mark.parametrize(
    ("cell", "values", "unit", "kind"),
    [
        ("약 2.5kg내외", (2.5,), "kilogram", "mass"),
        ("2.5kg 내외", (2.5,), "kilogram", "mass"),
        ("2kg정도", (2.0,), "kilogram", "mass"),
        ("1.2kg (박스 포함)", (1.2,), "kilogram", "mass"),
        ("500g×2", (1000.0,), "gram", "mass"),
        ("500g x 2팩", (1000.0,), "gram", "mass"),
        ("500ml*6병", (3000.0,), "milliliter", "volume"),
        ("W120 x D60 x H75cm", (120.0, 60.0, 75.0), "centimeter", "dimensions"),
        ("가로30 x 세로20 x 높이10cm", (30.0, 20.0, 10.0), "centimeter", "dimensions"),
        ("약 30 x 20 cm", (30.0, 20.0), "centimeter", "dimensions"),
    ],
)
def test_cells_with_approximations_packs_and_labels(cell, values, unit, kind):
    measure = parse_measure(cell)
    assert measure is not None
    assert (measure.values, measure.unit, measure.kind) == (values, unit, kind)


@pytest.mark.parametrize(
    "cell", ["약간 무거움", "손바닥 크기", "10kg 이상", "30cm x 2", "500gx2x3"]
)
def test_words_bounds_and_length_packs_stay_unparseable(cell):
    with pytest.raises(ValueError):
        parse_measure(cell)
