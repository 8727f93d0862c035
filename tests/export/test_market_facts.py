"""Market facts in the listing: Korean sizes converted (or flagged), dangerous goods declared."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

from klisting.export.bundle import write_bundle
from klisting.export.model import LocalizedProduct, LocalizedVariant
from klisting.markets.targets import parse_target
from klisting.model import Money
from tests.export.conftest import build_products, complete_settings


def _sized(target_id: str, axis: str, values: list[str], tmp_path: Path) -> LocalizedProduct:
    target = parse_target(target_id)
    tee = build_products(target, tmp_path / "src")[1]
    tee.options = [(axis, list(values))]
    tee.variants = [
        LocalizedVariant(sku=f"KB-FS-001-{v}", options={axis: v}, price=tee.price, stock=5)
        for v in values
    ]
    return tee


def _bundle(target_id: str, products: list[LocalizedProduct], tmp_path: Path):
    source = tmp_path / "catalog.csv"
    tmp_path.mkdir(parents=True, exist_ok=True)
    source.write_text("sku\nKB-FS-001\n", encoding="utf-8")
    return write_bundle(
        parse_target(target_id),
        products,
        tmp_path / "out",
        source=source,
        settings={"images": True},
        listing=complete_settings(),
    )


def test_korean_apparel_sizes_become_market_sizes_keeping_the_korean_one(tmp_path: Path) -> None:
    tee = _sized("shopify:us", "Size", ["55", "66", "77"], tmp_path)
    result = _bundle("shopify:us", [tee], tmp_path)
    assert tee.options[0][1] == ["S (KR 55)", "M (KR 66)", "L (KR 77)"]
    assert [v.options["Size"] for v in tee.variants] == tee.options[0][1]
    text = (result.path / "products.csv").read_text()
    assert "S (KR 55)" in text and ",55," not in text
    assert any(f.code == "export.size-converted" for f in result.findings)


def test_an_ambiguous_size_is_left_as_written_and_flagged(tmp_path: Path) -> None:
    tee = _sized("amazon:de", "Größe", ["55", "77"], tmp_path)  # DE 77: charts say 40 or 42
    result = _bundle("amazon:de", [tee], tmp_path)
    assert tee.options[0][1] == ["55", "77"]  # the whole axis stays Korean: one size system
    flagged = [f for f in result.findings if f.code == "export.size-unconverted"]
    assert flagged and "77 (40 or 42)" in flagged[0].message


def test_shoe_sizes_in_mm_follow_the_market_system(tmp_path: Path) -> None:
    shoe = _sized("shopee:tw", "尺寸", ["240", "250"], tmp_path)
    _bundle("shopee:tw", [shoe], tmp_path)
    assert shoe.options[0][1] == ["38 (KR 240)", "40 (KR 250)"]
    us_shoe = _sized("shopify:us", "Size", ["240"], tmp_path / "us")
    result = _bundle("shopify:us", [us_shoe], tmp_path / "us")
    assert us_shoe.options[0][1] == ["240"]  # US differs by gender: not guessed
    assert any(f.code == "export.size-unconverted" for f in result.findings)


def _power_bank(target_id: str, tmp_path: Path) -> LocalizedProduct:
    product = build_products(parse_target(target_id), tmp_path / "src")[0]
    product.source_title = "고속충전 보조배터리 10000mAh"
    product.title = "Fast Charging Power Pack"
    product.price = Money(Decimal("29.90"), product.price.currency) if product.price else None
    return product


def test_a_power_bank_is_declared_as_dangerous_goods(tmp_path: Path) -> None:
    lazada = _bundle("lazada:sg", [_power_bank("lazada:sg", tmp_path)], tmp_path / "l")
    body = json.loads((lazada.path / "create_product.json").read_text())
    assert body["products"][0]["Request"]["Product"]["Attributes"]["Hazmat"] == "Battery"
    amazon = _bundle("amazon:us", [_power_bank("amazon:us", tmp_path)], tmp_path / "a")
    attrs = json.loads((amazon.path / "listings" / "KB-CS-001.json").read_text())["attributes"]
    assert attrs["supplier_declared_dg_hz_regulation"][0]["value"] == "transportation"
    assert attrs["batteries_included"][0]["value"] is True
    shopee = _bundle("shopee:my", [_power_bank("shopee:my", tmp_path)], tmp_path / "s")
    item = json.loads((shopee.path / "add_item.json").read_text())["items"][0]["add_item"]
    assert item["item_dangerous"] == 1
    for result in (lazada, amazon, shopee):
        found = [f for f in result.findings if f.code == "export.dangerous-goods"]
        assert found and "10000mAh" in found[0].message


def test_batteries_the_seller_says_are_not_included_are_not_declared_included(
    tmp_path: Path,
) -> None:
    fan = build_products(parse_target("amazon:us"), tmp_path / "src")[0]
    fan.source_title = "무선 탁상용 선풍기 35cm"
    fan.source_description = "<p>배터리 미포함 (AA 4개 별도)</p><p>물에 씻지 마세요</p>"
    fan.title, fan.description = (
        "Desk Fan 35 cm",
        "<p>battery not included (AA 4 pcs sold separately)</p>",
    )
    result = _bundle("amazon:us", [fan], tmp_path / "a")
    attrs = json.loads((result.path / "listings" / "KB-CS-001.json").read_text())["attributes"]
    assert attrs["batteries_included"][0]["value"] is False
    assert attrs["supplier_declared_dg_hz_regulation"][0]["value"] == "not_applicable"
    shopee = _bundle("shopee:my", [fan], tmp_path / "s")
    item = json.loads((shopee.path / "add_item.json").read_text())["items"][0]["add_item"]
    assert item["item_dangerous"] == 0
    # a power bank whose cable is not included still carries its battery
    bank = _power_bank("amazon:us", tmp_path / "b")
    bank.source_description = "<p>케이블 미포함, 충전기 별도 구매</p>"
    attrs = json.loads(
        (
            _bundle("amazon:us", [bank], tmp_path / "b2").path / "listings" / "KB-CS-001.json"
        ).read_text()
    )["attributes"]
    assert attrs["batteries_included"][0]["value"] is True


def test_a_plain_product_stays_not_applicable(tmp_path: Path) -> None:
    result = _bundle("amazon:us", build_products(parse_target("amazon:us"), tmp_path)[:1], tmp_path)
    attrs = json.loads((result.path / "listings" / "KB-CS-001.json").read_text())["attributes"]
    assert attrs["supplier_declared_dg_hz_regulation"][0]["value"] == "not_applicable"
    assert not any(f.code == "export.dangerous-goods" for f in result.findings)
