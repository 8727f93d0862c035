"""A list price at or below the selling price is not sent as a "was" price."""

from __future__ import annotations

import csv
import json
from pathlib import Path

from klisting.pipeline.run import RunOptions, run
from tests.pipeline.conftest import make_catalog
from tests.pipeline.fakes import ScriptEngine


def test_a_list_price_below_the_price_is_left_out(tmp_path: Path) -> None:
    catalog = make_catalog(tmp_path / "in", 2)
    data = json.loads(catalog.read_text(encoding="utf-8"))
    data["products"][0]["정가"] = "9000"  # below the 12000 selling price: a seller's slip
    data["products"][1]["정가"] = "30000"
    catalog.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    run(
        RunOptions(
            catalog=catalog,
            targets=["shopify:us"],
            out_dir=tmp_path / "out",
            work_dir=tmp_path / "work",
            engine=ScriptEngine(),
            images=False,
        )
    )
    with (tmp_path / "out" / "shopify-us" / "products.csv").open(encoding="utf-8") as handle:
        rows = {r["URL handle"]: r for r in csv.DictReader(handle) if r["Title"]}
    assert rows["t-00000"]["Compare-at price"] == ""
    assert float(rows["t-00001"]["Compare-at price"]) > float(rows["t-00001"]["Price"])
