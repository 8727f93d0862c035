"""A catalog that lists option axes without a row per variant still exports real variants."""

from __future__ import annotations

import csv
import json
from pathlib import Path

from klisting.pipeline.run import RunOptions, run
from tests.pipeline.fakes import ScriptEngine


def _catalog(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    rows = [
        [
            "상품코드",
            "상품명",
            "판매가",
            "재고수량",
            "무게",
            "바코드",
            "옵션명",
            "옵션값",
            "상세설명",
            "카테고리",
        ],
        [
            "V-1",
            "면 티셔츠",
            "19900",
            "7",
            "250g",
            "8801234567893",
            "색상,사이즈",
            "블랙,화이트/S,M,L",
            "<p>면 티셔츠</p>",
            "패션의류>상의",
        ],
        [
            "V-2",
            "머그컵",
            "9900",
            "4",
            "350g",
            "8809990000012",
            "",
            "",
            "<p>머그컵</p>",
            "생활/건강>주방용품",
        ],
    ]
    path = folder / "catalog.csv"
    with path.open("w", newline="", encoding="utf-8") as handle:
        csv.writer(handle).writerows(rows)
    return path


def test_axes_without_variant_rows_become_one_variant_per_combination(tmp_path: Path) -> None:
    options = RunOptions(
        catalog=_catalog(tmp_path / "in"),
        targets=["shopify:us", "shopee:tw"],
        out_dir=tmp_path / "out",
        work_dir=tmp_path / "work",
        engine=ScriptEngine(),
        images=False,
    )
    result = run(options)
    with (tmp_path / "out" / "shopify-us" / "products.csv").open(encoding="utf-8") as handle:
        shirt = [r for r in csv.DictReader(handle) if r["URL handle"] == "v-1"]
    assert [r["SKU"] for r in shirt] == [f"V-1-{n:02d}" for n in range(1, 7)]
    # every variant row names its values (a blank Option value is rejected by Shopify's import)
    assert all(r["Option1 value"] and r["Option2 value"] for r in shirt)
    assert len({(r["Option1 value"], r["Option2 value"]) for r in shirt}) == 6
    # the product's stock is split, not copied to every variant: the total stays 7
    assert sum(int(r["Inventory quantity"]) for r in shirt) == 7

    shopee = json.loads((tmp_path / "out" / "shopee-tw" / "add_item.json").read_text("utf-8"))
    item = next(i for i in shopee["items"] if i["add_item"]["item_sku"] == "V-1")
    models = item["init_tier_variation"]["model"]
    assert sorted(m["tier_index"] for m in models) == [[a, b] for a in range(2) for b in range(3)]
    assert sum(m["seller_stock"][0]["stock"] for m in models) == 7
    mug = next(i for i in shopee["items"] if i["add_item"]["item_sku"] == "V-2")
    assert "init_tier_variation" not in mug or not mug["init_tier_variation"]
    codes = {(f.code, f.sku) for b in result.bundles for f in b.findings}
    assert ("export.variants-from-options", "V-1") in codes
    assert ("export.variants-from-options", "V-2") not in codes
