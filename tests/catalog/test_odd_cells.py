"""Whatever a cell holds, reading and validating end in findings, never a traceback."""

from __future__ import annotations

import json

import pytest

from klisting.catalog import read_catalog
from klisting.catalog.profiles import MAPPABLE_FIELDS
from klisting.validate import validate_catalog

ODD_VALUES = [
    [1, [2, 3]], {"a": {"b": 1}}, -5, 10**40, 1e308, 0.5, True, "", "해당없음", "1근", "2평",
    "   ", "-1kg", "0\n0\n1", "색상{블랙|화이트}", "<script>x</script>", "B0000000", "１２３",
]  # fmt: skip


@pytest.mark.parametrize("field_name", sorted(MAPPABLE_FIELDS))
def test_every_field_survives_odd_cells(tmp_path, field_name):
    rows = [
        {"sku": f"S{i}", "title": "컵", "price": "1000", "odd column": value}
        for i, value in enumerate(ODD_VALUES)
    ]
    path = tmp_path / "odd.json"
    path.write_text(json.dumps(rows, ensure_ascii=False), encoding="utf-8")
    catalog = read_catalog(path, column_map={"odd column": field_name})
    report = validate_catalog(catalog)
    assert report.products == len(catalog.products) > 0
