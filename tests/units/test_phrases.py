"""Table-driven: 175 Korean listing phrases, their quantities and conversions for us, tw, de."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from klisting.units.convert import convert_text
from klisting.units.extract import extract_quantities

ROWS = yaml.safe_load((Path(__file__).parent / "phrases.yaml").read_text(encoding="utf-8"))


def _described(text: str) -> list[str]:
    return [
        f"{m.source} = {' x '.join(f'{v:g}' for v in m.values)} {m.unit}"
        for m in extract_quantities(text)
    ]


def test_table_is_large_enough():
    assert len(ROWS) >= 150


@pytest.mark.parametrize("row", ROWS, ids=[r["text"] for r in ROWS])
def test_phrase(row: dict) -> None:
    assert _described(row["text"]) == row["found"]
    for market in ("us", "tw", "de"):
        assert convert_text(row["text"], market).text == row[market], market
