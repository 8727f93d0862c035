"""Readiness names every account setting, image URL and category a bundle would list as a need."""

from __future__ import annotations

import pytest

from klisting.catalog import read_catalog
from klisting.export.accounts import ACCOUNT_MODELS
from klisting.markets.targets import parse_target
from klisting.onboarding import accounts, readiness, system
from klisting.project import ProjectConfig

SELLER = {"business_name_ko": "하루담", "brands": [{"name": "Harudam"}]}


@pytest.fixture(autouse=True)
def _offline_models(monkeypatch):
    monkeypatch.setattr(system, "translation_models", lambda: [])


def item(items, item_id: str):
    return next(i for i in items if i.id == item_id)


@pytest.mark.parametrize(
    "target_id", ["shopee:tw", "coupang-tw:tw", "qoo10:jp", "alibaba:global", "lazada:sg"]
)
def test_every_missing_account_key_is_named(target_id: str) -> None:
    target = parse_target(target_id)
    found = item(
        readiness.check_target(ProjectConfig.model_validate({"seller": SELLER}), target),
        "account.settings",
    )
    assert found.status == "fail"
    platform = target.platform.name
    for key in ACCOUNT_MODELS[platform].REQUIRED:
        assert f"accounts.{platform}.{key}" in found.detail
    if ACCOUNT_MODELS[platform].BRAND_MAP:
        assert f"accounts.{platform}.brand_ids.Harudam" in found.detail


def test_a_complete_account_passes_and_target_entries_override() -> None:
    config = ProjectConfig.model_validate({
        "seller": SELLER,
        "image_base_url": "https://cdn.example.com/shop",
        "accounts": {"lazada": {"brand_ids": {"Harudam": 1}}, "lazada:my": {"brand_ids": {}},
                     "shopee": {"logistic_ids": "30001", "brand_ids": {"Harudam": 7}}},
    })  # fmt: skip
    sg = readiness.check_target(config, parse_target("lazada:sg"))
    assert item(sg, "account.settings").status == "pass"
    assert item(sg, "listing.image-urls").status == "pass"
    my = item(readiness.check_target(config, parse_target("lazada:my")), "account.settings")
    assert my.status == "fail" and "accounts.lazada.brand_ids.Harudam" in my.detail


def test_unmapped_categories_are_counted(write_csv) -> None:
    path = write_csv([["상품코드", "상품명", "판매가", "카테고리"],
                      ["A1", "토너", "10000", "화장품>토너"], ["A2", "크림", "20000", "화장품>크림"],
                      ["A3", "토너2", "10000", "화장품>토너"]])  # fmt: skip
    catalog = read_catalog(path)
    config = ProjectConfig.model_validate(
        {"seller": SELLER, "categories": {"화장품>크림": {"shopee": 100630}}}
    )
    found = item(
        readiness.check_target(config, parse_target("shopee:tw"), catalog), "listing.categories"
    )
    assert found.status == "fail" and "화장품>토너 (2)" in found.detail
    assert config.categories["화장품>크림"]["shopee"] == "100630"


def test_account_values_typed_as_text_are_parsed() -> None:
    assert accounts.parse_value("shopee", "logistic_ids", "30001, 30005") == [30001, 30005]
    assert accounts.parse_value("lazada", "brand_ids", "Harudam=30768") == {"Harudam": 30768}
    with pytest.raises(ValueError, match="accounts.alibaba.supply_period"):
        accounts.parse_value("alibaba", "supply_period", "fortnight")


def test_an_unknown_platform_or_key_in_accounts_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown platform 'ebay'"):
        ProjectConfig.model_validate({"accounts": {"ebay": {}}})
    with pytest.raises(ValueError, match="accounts.shopee.logistics"):
        ProjectConfig.model_validate({"accounts": {"shopee": {"logistics": [1]}}})


def test_amazon_categories_need_a_product_type_and_an_item_type_keyword(write_csv) -> None:
    path = write_csv(
        [["상품코드", "상품명", "판매가", "카테고리"], ["A1", "토너", "10000", "화장품>토너"]]
    )
    catalog = read_catalog(path)
    target = parse_target("amazon:us")
    typed_only = ProjectConfig.model_validate(
        {"categories": {"화장품>토너": {"amazon": "SKIN_CARE_AGENT"}}}
    )
    assert (
        item(readiness.check_target(typed_only, target, catalog), "listing.categories").status
        == "fail"
    )
    keyword = ProjectConfig.model_validate(
        {
            "categories": {
                "화장품>토너": {
                    "amazon": "SKIN_CARE_AGENT",
                    "amazon.item_type_keyword": "facial-toners",
                }
            }
        }
    )
    assert (
        item(readiness.check_target(keyword, target, catalog), "listing.categories").status
        == "pass"
    )
    account = ProjectConfig.model_validate(
        {"accounts": {"amazon": {"product_type": "BEAUTY", "item_type_keyword": "beauty"}}}
    )
    assert (
        item(readiness.check_target(account, target, catalog), "listing.categories").status
        == "pass"
    )
