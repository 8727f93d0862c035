"""JSON payloads validate against the JSON Schemas in schemas/ (written from the public API docs)."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from klisting.export.writers import write_listing_files
from klisting.markets.targets import parse_target
from tests.export.conftest import build_products, complete_settings

SCHEMAS = Path(__file__).resolve().parents[2] / "src" / "klisting" / "data" / "schemas"
JSON_TARGETS = [
    "amazon:us",
    "amazon:jp",
    "amazon:de",
    "shopee:tw",
    "shopee:sg",
    "shopee:my",
    "lazada:sg",
    "lazada:vn",
    "daraz:pk",
    "coupang-tw:tw",
    "alibaba:global",
    "qoo10:jp",
]


def validator(name: str) -> jsonschema.Draft202012Validator:
    schema = json.loads((SCHEMAS / name).read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


@pytest.mark.parametrize("target_id", JSON_TARGETS)
def test_payloads_match_schema(target_id: str, tmp_path: Path) -> None:
    target = parse_target(target_id)
    out = tmp_path / "out"
    ctx = complete_settings().context(target_id)
    written = write_listing_files(
        build_products(target, tmp_path / "src"), target.platform, out, ctx
    )
    assert ctx.needs == []
    checked = 0
    for listing in target.platform.files:
        if not listing.schema_name:
            continue
        check = validator(listing.schema_name)
        for path in (
            p
            for p in written
            if p.suffix == ".json" and p.relative_to(out).parts[0] == listing.name
        ):
            errors = [
                f"{e.message} at {list(e.absolute_path)}"
                for e in check.iter_errors(json.loads(path.read_text()))
            ]
            assert errors == [], f"{path.name}: {errors[:3]}"
            checked += 1
    assert checked >= 1


def test_every_platform_schema_exists() -> None:
    from klisting.markets.platforms import load_platforms

    names = {
        f.schema_name for spec in load_platforms().values() for f in spec.files if f.schema_name
    }
    assert names and all((SCHEMAS / name).is_file() for name in names)


def test_schema_rejects_what_the_platform_rejects(tmp_path: Path) -> None:
    target = parse_target("shopee:tw")
    out = tmp_path / "out"
    products = build_products(target, tmp_path / "src")
    products[0].title = "長" * 121
    write_listing_files(products, target.platform, out, complete_settings().context(target.id))
    data = json.loads((out / "add_item.json").read_text())
    data["items"][1]["init_tier_variation"]["standardise_tier_variation"].append(
        {"variation_id": 0, "variation_option_list": [{"variation_option_id": 0}]}
    )  # a third tier
    data["items"][0]["add_item"]["x_klisting"] = {"source_category": "x"}  # undocumented member
    messages = [e.message for e in validator("shopee-add-item.schema.json").iter_errors(data)]
    assert any("is too long" in m for m in messages)
    assert any("x_klisting" in m for m in messages)
    assert len(messages) >= 3


#: defects the official documents name, each of which the schema must refuse
_REFUSED = [
    ("amazon-listings-item.schema.json", {"productType": "PRODUCT", "requirements": "LISTING", "attributes": {}}),
    ("shopee-add-item.schema.json", {"items": [{"add_item": {"category_id": 0, "logistic_info": []}, "init_tier_variation": None}]}),
    ("lazada-create-product.schema.json", {"products": [{"Request": {"Product": {"PrimaryCategory": "", "Images": {"Image": []}, "Attributes": {"name": "x", "brand": "B"}, "Skus": {"Sku": []}}}}]}),
    ("alibaba-icbu-product.schema.json", {"products": [{"subject": "x", "language": "ENGLISH", "category_id": 0, "description": "", "main_image": "a.jpg", "fob_currency": "USD"}]}),
    ("qoo10-set-new-goods.schema.json", {"products": [{"SellerCode": "A", "ItemTitle": "x", "OptionType": "a"}]}),
    ("coupang-seller-product.schema.json", {"products": [{"sellerProductName": "x", "items": [{"itemName": "x", "salePrice": 100}]}]}),
]  # fmt: skip


@pytest.mark.parametrize(("name", "body"), _REFUSED, ids=[n for n, _ in _REFUSED])
def test_schema_refuses_the_documented_defects(name: str, body: dict) -> None:
    assert list(validator(name).iter_errors(body))
