"""The catalog's own errors refuse the product in every bundle; free text in a unit cell never stops a run."""

from __future__ import annotations

import json
from pathlib import Path

from klisting.pipeline.run import RunOptions, run
from tests.pipeline.conftest import make_catalog
from tests.pipeline.fakes import ScriptEngine


def _run(catalog: Path, tmp_path: Path, targets: list[str]):
    return run(
        RunOptions(
            catalog=catalog,
            targets=targets,
            out_dir=tmp_path / "out",
            work_dir=tmp_path / "work",
            engine=ScriptEngine(),
            images=False,
        )
    )


def test_a_zero_price_is_refused_not_listed_at_the_smallest_unit(tmp_path: Path) -> None:
    catalog = make_catalog(tmp_path / "in", 3)
    data = json.loads(catalog.read_text(encoding="utf-8"))
    data["products"][1]["판매가"] = "0"  # price.not-positive in validation
    catalog.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    result = _run(catalog, tmp_path, ["shopify:us", "qoo10:jp"])
    assert result.exit_code == 1
    for bundle in result.bundles:
        assert "T-00001" in bundle.refused, bundle.target
        assert sorted(bundle.exported) == ["T-00000", "T-00002"]
        assert any(f.code == "price.not-positive" and f.sku == "T-00001" for f in bundle.findings)
    shopify = (tmp_path / "out" / "shopify-us" / "products.csv").read_text(encoding="utf-8")
    assert "T-00001" not in shopify


def test_weight_and_size_in_words_are_reported_not_a_crash(tmp_path: Path) -> None:
    catalog = make_catalog(tmp_path / "in", 2)
    data = json.loads(catalog.read_text(encoding="utf-8"))
    data["products"][0]["중량"] = "약간 무거움"
    data["products"][0]["크기"] = "손바닥 크기"
    catalog.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    result = _run(catalog, tmp_path, ["shopify:us", "lazada:sg"])  # no traceback
    bundles = {bundle.target: bundle for bundle in result.bundles}
    # lazada needs the weight, so the unreadable cell (quantity.unparseable) refuses the product
    assert "T-00000" in bundles["lazada:sg"].refused and bundles["lazada:sg"].exported == [
        "T-00001"
    ]
    assert any(f.code == "quantity.unparseable" for f in bundles["lazada:sg"].findings)
    # shopify does not need one: the product goes out without a weight
    assert bundles["shopify:us"].exported == ["T-00000", "T-00001"]


def test_measures_in_words_are_empty_fields() -> None:
    from klisting.export.assemble import dimensions_cm, weight_grams

    assert weight_grams("약간 무거움") is None and dimensions_cm("손바닥 크기") is None
    assert weight_grams("1.2kg") == 1200


def test_a_row_without_sku_is_reported_in_the_bundle_and_fails_the_run(tmp_path: Path) -> None:
    catalog = make_catalog(tmp_path / "in", 3)
    data = json.loads(catalog.read_text(encoding="utf-8"))
    data["products"][2]["상품코드"] = ""
    catalog.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    result = _run(catalog, tmp_path, ["shopify:us"])
    (bundle,) = result.bundles
    assert bundle.exported == ["T-00000", "T-00001"] and not bundle.refused
    assert any(f.code == "sku.missing" for f in bundle.findings)
    assert result.exit_code == 1  # a row is in no bundle: the run did not export everything


def test_a_text_only_run_does_not_refuse_products_for_their_images(tmp_path: Path) -> None:
    catalog = make_catalog(tmp_path / "in", 2)
    data = json.loads(catalog.read_text(encoding="utf-8"))
    for item in data["products"]:
        item["대표이미지"] = ""  # an empty image cell: images.missing, an error in validation
    catalog.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    result = _run(catalog, tmp_path, ["shopify:us"])
    assert any(f.code == "images.missing" for f in result.report.findings)
    assert result.exit_code == 0 and result.bundles[0].exported == ["T-00000", "T-00001"]
