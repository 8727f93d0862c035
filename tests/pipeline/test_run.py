"""``klisting run`` end to end (text only, offline test engine): bundles, sharing, cache, rerun."""

from __future__ import annotations

import json
from pathlib import Path

from klisting.pipeline.run import RunOptions, run
from tests.pipeline.conftest import complete_listing, make_catalog
from tests.pipeline.fakes import ScriptEngine

ALL = [
    "shopify:us",
    "amazon:us",
    "shopee:tw",
    "lazada:sg",
    "coupang-tw:tw",
    "alibaba:global",
    "daraz:pk",
    "miravia:es",
    "qoo10:jp",
]
PROFILE = {"eu_responsible_person": "EU Rep GmbH", "eu_responsible_name": "EU Rep GmbH"}


def _options(catalog: Path, tmp_path: Path, engine: ScriptEngine, targets=ALL) -> RunOptions:
    return RunOptions(
        catalog=catalog,
        targets=list(targets),
        out_dir=tmp_path / "out",
        work_dir=tmp_path / "work",
        engine=engine,
        images=False,
        profile=dict(PROFILE),
        listing=complete_listing(),
    )


def test_run_exports_every_target_and_shares_translation(tmp_path: Path) -> None:
    catalog = make_catalog(tmp_path / "in", 12)
    engine = ScriptEngine()
    result = run(_options(catalog, tmp_path, engine))
    assert result.exit_code == 0, [(b.target, b.refused) for b in result.bundles]
    assert [b.target for b in result.bundles] == ALL and all(
        len(b.exported) == 12 for b in result.bundles
    )
    for bundle in result.bundles:
        assert bundle.path.is_dir() and bundle.zip_path.is_file()
    # one translation per (language, unit system): en/us, en/metric, zh-Hant, es, ja
    stage = next(s for s in result.stages if s.name == "localize text")
    assert stage.items == 12 * 5
    shopify = (tmp_path / "out" / "shopify-us" / "products.csv").read_text()
    amazon = json.loads((tmp_path / "out" / "amazon-us" / "listings" / "T-00001.json").read_text())
    assert (
        amazon["attributes"]["item_name"][0]["value"] in shopify
    )  # the same translation feeds both
    shopee = json.loads((tmp_path / "out" / "shopee-tw" / "add_item.json").read_text())
    assert shopee["items"][0]["add_item"]["original_price"] == int(
        shopee["items"][0]["add_item"]["original_price"]
    )


def test_rerun_redoes_nothing_and_a_change_redoes_only_itself(tmp_path: Path) -> None:
    catalog = make_catalog(tmp_path / "in", 20)
    first_engine = ScriptEngine()
    run(_options(catalog, tmp_path, first_engine, ["shopify:us", "shopee:tw"]))
    manifest = tmp_path / "out" / "shopee-tw" / "manifest.json"
    stamp = manifest.stat().st_mtime_ns
    again = ScriptEngine()
    result = run(_options(catalog, tmp_path, again, ["shopify:us", "shopee:tw"]))
    assert again.calls == 0 and result.translation["translated"] == 0
    assert manifest.stat().st_mtime_ns == stamp  # identical inputs: the bundle is not rewritten
    data = json.loads(catalog.read_text())
    data["products"][3]["상품명"] = "완전히 새로운 상품명 머그컵"
    catalog.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    changed = ScriptEngine()
    run(_options(catalog, tmp_path, changed, ["shopify:us", "shopee:tw"]))
    assert 0 < changed.segments < first_engine.segments / 4
    assert manifest.stat().st_mtime_ns != stamp


def test_dry_run_writes_nothing(tmp_path: Path) -> None:
    catalog = make_catalog(tmp_path / "in", 5)
    options = _options(catalog, tmp_path, ScriptEngine())
    options.dry_run = True
    result = run(options)
    assert result.plan["products"] == 5 and len(result.plan["bundles"]) == len(ALL)
    assert (
        result.plan["text_groups"] == sorted(["en@us", "en@sg", "zh-Hant@tw", "es@es", "ja@jp"])
        or len(result.plan["text_groups"]) == 5
    )
    assert not (tmp_path / "out").exists() and not (tmp_path / "work").exists()


def test_refused_products_make_exit_code_1(tmp_path: Path) -> None:
    catalog = make_catalog(tmp_path / "in", 4)
    options = _options(catalog, tmp_path, ScriptEngine(), ["miravia:es"])
    options.profile = {}  # no EU responsible person: Miravia refuses every product
    result = run(options)
    assert result.exit_code == 1 and len(result.bundles[0].refused) == 4


def test_text_only_run_leaves_images_out(tmp_path: Path) -> None:
    catalog = make_catalog(tmp_path / "in", 3, images=True)
    result = run(_options(catalog, tmp_path, ScriptEngine(), ["lazada:sg"]))
    assert result.exit_code == 0 and len(result.bundles[0].exported) == 3
    assert not (tmp_path / "out" / "lazada-sg" / "images").exists()
    assert all(s.name not in ("localize images", "fit images") for s in result.stages)


def test_a_run_without_account_settings_exits_1_naming_every_need(tmp_path: Path) -> None:
    catalog = make_catalog(tmp_path / "in", 2)
    options = _options(catalog, tmp_path, ScriptEngine(), ["shopee:tw", "shopify:us"])
    options.listing = type(options.listing)()  # an empty klisting.yaml listing part
    result = run(options)
    assert result.exit_code == 1
    shopee, shopify = result.bundles
    assert {n["field"] for n in shopee.needs} >= {"category_id", "logistic_info", "brand.brand_id"}
    assert shopify.needs == [] and shopee.needs_summary().startswith("shopee:tw: ")
    # a rerun reuses the bundle and still knows its needs
    again = run(options)
    assert again.bundles[0].needs == shopee.needs and again.exit_code == 1
