"""Readiness rules per platform and market, with and without a catalog, and the CLI."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from klisting.catalog import read_catalog
from klisting.cli.app import app
from klisting.markets.targets import parse_target
from klisting.onboarding import readiness, rules, system
from klisting.project import ProjectConfig

runner = CliRunner()
HEADER = ["상품코드", "상품명", "판매가", "카테고리", "바코드"]

SELLER = {
    "business_name_ko": "한빛상사",
    "business_name_en": "Hanbit",
    "email": "a@hanbit.kr",
    "phone": "010-1234-5678",
}
EU_RP = {
    "name": "EU Rep GmbH",
    "address": {"line1": "Hauptstr. 1", "city": "Berlin", "postal_code": "10115", "country": "DE"},
    "email": "rp@eurep.de",
}


@pytest.fixture(autouse=True)
def _offline_models(monkeypatch):
    monkeypatch.setattr(system, "translation_models", lambda: [])


def project(**seller: object) -> ProjectConfig:
    return ProjectConfig.model_validate({"seller": {**SELLER, **seller}})


def status(items, rule_id: str) -> str:
    found = [item for item in items if item.id == rule_id]
    assert found, f"no item {rule_id} in {[item.id for item in items]}"
    return found[0].status


def catalog(write_csv, rows: list[list[object]], header: list[str] = HEADER):
    return read_catalog(write_csv([header, *rows]))


def test_every_rules_file_loads_with_unique_ids():
    for platform in ("amazon", "shopee", "shopify", "miravia", "coupang-tw", "lazada"):
        ids = [rule.id for rule in rules.rules_for(platform)]
        assert len(ids) == len(set(ids)), platform
    assert "kc" in rules.certifications()
    assert rules.market_info("tw").argos == "zt"


@pytest.mark.parametrize("target", ["amazon:de", "amazon:fr", "miravia:es"])
def test_eu_targets_need_a_responsible_person(target):
    parsed = parse_target(target)
    assert status(readiness.check_target(project(), parsed), "gpsr.responsible-person") == "fail"
    assert (
        status(
            readiness.check_target(project(eu_responsible_person=EU_RP), parsed),
            "gpsr.responsible-person",
        )
        == "pass"
    )


@pytest.mark.parametrize("target", ["amazon:us", "amazon:jp", "shopee:tw", "qoo10:jp"])
def test_non_eu_targets_have_no_gpsr_item(target):
    ids = {item.id for item in readiness.check_target(project(), parse_target(target))}
    assert "gpsr.responsible-person" not in ids


def test_taiwan_labels_follow_the_catalog(write_csv):
    target = parse_target("shopee:tw")
    cosmetics = catalog(
        write_csv, [["A1", "수분 크림 50ml", "15000", "뷰티>스킨케어", "8801234567893"]]
    )
    apparel = catalog(write_csv, [["B1", "면 티셔츠", "9900", "의류>상의", "8801234567893"]])
    assert (
        status(readiness.check_target(project(), target), "tw.chinese-labels") == "warn"
    )  # no catalog: may apply
    item = next(
        i
        for i in readiness.check_target(project(), target, cosmetics)
        if i.id == "tw.chinese-labels"
    )
    assert item.status == "fail"
    assert "A1" in item.detail and item.next_step
    assert status(readiness.check_target(project(), target, apparel), "tw.chinese-labels") == "pass"
    assert (
        status(
            readiness.check_target(project(label_languages=["zh-Hant"]), target, cosmetics),
            "tw.chinese-labels",
        )
        == "pass"
    )


def test_group_attribute_overrides_keywords(write_csv):
    rows = [["C1", "선물 세트", "30000", "기타", "8801234567893", "food"]]
    products = catalog(write_csv, rows, [*HEADER, "group"])
    assert (
        status(
            readiness.check_target(project(), parse_target("amazon:us"), products), "us.fda-food"
        )
        == "fail"
    )
    assert (
        status(
            readiness.check_target(
                project(certifications=["fda_food_facility"]), parse_target("amazon:us"), products
            ),
            "us.fda-food",
        )
        == "pass"
    )


def test_amazon_barcodes_and_exemption(write_csv):
    target = parse_target("amazon:us")
    good = catalog(write_csv, [["A1", "머그컵", "12000", "주방", "8801234567893"]])
    missing = catalog(write_csv, [["A1", "머그컵", "12000", "주방", ""]])
    wrong = catalog(write_csv, [["A1", "머그컵", "12000", "주방", "8801234567890"]])
    assert status(readiness.check_target(project(), target, good), "amazon.gtin") == "pass"
    assert status(readiness.check_target(project(), target, missing), "amazon.gtin") == "fail"
    assert (
        status(
            readiness.check_target(project(certifications=["gtin_exemption"]), target, missing),
            "amazon.gtin",
        )
        == "pass"
    )
    item = next(
        i
        for i in readiness.check_target(project(certifications=["gtin_exemption"]), target, wrong)
        if i.id == "amazon.gtin"
    )
    assert item.status == "fail" and "check digit" in item.detail


def test_battery_declarations(write_csv):
    header = [*HEADER, "batteries_included"]
    undeclared = catalog(
        write_csv, [["E1", "블루투스 이어폰", "39000", "전자기기", "8801234567893", ""]], header
    )
    declared = catalog(
        write_csv,
        [["E1", "블루투스 이어폰", "39000", "전자기기", "8801234567893", "lithium-ion 0.5Wh"]],
        header,
    )
    target = parse_target("amazon:us")
    assert status(readiness.check_target(project(), target, undeclared), "amazon.battery") == "fail"
    assert status(readiness.check_target(project(), target, declared), "amazon.battery") == "pass"
    # Shopee only warns, and Taiwan additionally needs NCC for the Bluetooth device.
    items = readiness.check_target(project(), parse_target("shopee:tw"), undeclared)
    assert status(items, "shopee.dangerous") == "warn"
    assert status(items, "tw.ncc") == "fail"


def test_without_catalog_catalog_rules_become_one_hint():
    items = readiness.check_target(project(), parse_target("amazon:us"))
    assert status(items, "catalog.not-checked") == "warn"
    assert "amazon.gtin" not in {item.id for item in items}


def test_installed_pieces(monkeypatch):
    target = parse_target("shopee:tw")
    assert status(readiness.check_target(project(), target), "installed.translation") == "warn"
    argos = ProjectConfig.model_validate({"seller": SELLER, "engine": "argos"})
    assert status(readiness.check_target(argos, target), "installed.translation") == "fail"
    models = [
        system.TranslationModel("ko", "en", "ko-en", "/m/1"),
        system.TranslationModel("en", "zt", "en-zt", "/m/2"),
    ]
    monkeypatch.setattr(system, "translation_models", lambda: models)
    assert status(readiness.check_target(argos, target), "installed.translation") == "pass"
    monkeypatch.setattr(system, "fonts_for", lambda lang: ())
    item = next(i for i in readiness.check_target(argos, target) if i.id == "installed.fonts")
    assert item.status == "fail" and "fonts-noto-cjk" in item.next_step


def test_profile_only_fails_what_is_missing():
    items = readiness.check_target(ProjectConfig(), parse_target("amazon:us"))
    assert status(items, "seller.names") == "fail"
    assert status(items, "seller.contact") == "fail"
    assert (
        status(readiness.check_target(project(), parse_target("amazon:us")), "seller.contact")
        == "pass"
    )


def write_project(tmp_path: Path, extra: str = "") -> Path:
    text = (
        "seller:\n  business_name_ko: 한빛상사\n  business_name_en: Hanbit\n  email: a@hanbit.kr\n  phone: 010-1234-5678\n"
        f"targets: [amazon:de, shopee:tw]\n{extra}"
    )
    path = tmp_path / "klisting.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_cli_json_and_exit_code(tmp_path, write_csv):
    path = write_project(tmp_path)
    result = runner.invoke(app, ["readiness", "-c", str(path), "--format", "json"])
    assert result.exit_code == 1  # GPSR responsible person missing for amazon:de
    data = json.loads(result.stdout)
    assert {item["target"] for item in data["items"]} == {"amazon:de", "shopee:tw"}
    assert data["summary"]["fail"] >= 1
    failing = [item for item in data["items"] if item["status"] == "fail"]
    assert all(item["next_step"] for item in failing)
    only_tw = runner.invoke(app, ["readiness", "-c", str(path), "-t", "shopee:tw", "-f", "json"])
    assert {item["target"] for item in json.loads(only_tw.stdout)["items"]} == {"shopee:tw"}


def test_cli_reads_the_catalog_named_in_the_project(tmp_path, write_csv):
    write_csv([HEADER, ["A1", "수분 크림", "15000", "화장품", ""]], name="catalog.csv")
    path = write_project(tmp_path, "catalog: catalog.csv\n")
    result = runner.invoke(app, ["readiness", "-c", str(path), "-t", "shopee:tw", "-f", "json"])
    data = json.loads(result.stdout)
    assert data["catalog"].endswith("catalog.csv")
    by_id = {item["id"]: item for item in data["items"]}
    assert by_id["tw.chinese-labels"]["status"] == "fail"
    assert by_id["shopee.gtin"]["status"] == "warn"


def test_cli_errors(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["readiness"])
    assert result.exit_code == 2 and "klisting init" in result.stderr
    path = write_project(tmp_path)
    result = runner.invoke(app, ["readiness", "-c", str(path), "-t", "ebay:us"])
    assert result.exit_code == 2
    result = runner.invoke(
        app, ["readiness", "-c", str(path), "--catalog", str(tmp_path / "missing.csv")]
    )
    assert result.exit_code == 3


def test_group_keywords_latin_whole_words_korean_substrings(write_csv):
    from klisting.onboarding.groups import GroupIndex, product_groups

    header = ["sku", "title", "price", "category"]
    rows = [
        ["P1", "Ribeye steak knife", "10", "kitchen"],  # 'tea' inside 'steak' is not food
        ["P2", "Green tea 20 bags", "10", "drinks"],
        ["P3", "보습크림세트", "10", "기타"],  # Korean compound: 크림 inside 보습크림세트
    ]
    products = catalog(write_csv, rows, header).products
    assert "food" not in product_groups(products[0])
    assert product_groups(products[1])["food"] == "tea"
    assert product_groups(products[2])["cosmetics"] == "크림"
    assert [m.sku for m in GroupIndex(products).matching(["food", "cosmetics"])] == ["P2", "P3"]


@pytest.mark.parametrize(
    ("title", "category", "not_in"),
    [
        ("도자기 커피잔 세트 2P", "주방>컵", "food"),
        ("꿀잠 메모리폼 베개", "침구>베개", "food"),
        ("라면냄비 18cm", "주방>냄비", "food"),
        ("떡메모지 100매", "문구>메모지", "food"),
        ("호환 토너 카트리지 TN-2480", "사무용품>프린터", "cosmetics"),
        ("스텐 아이스크림 스쿱", "주방>도구", "cosmetics"),
        ("크림색 니트 가디건", "의류>니트", "cosmetics"),
        ("달팽이 스네일 크림 50ml", "뷰티>스킨케어", "dangerous"),
        ("가스레인지 덮개", "주방>용품", "dangerous"),
        ("전자레인지용 밀폐용기", "주방>용기", "electrical"),
        ("아기자기한 도자기 소품", "인테리어>소품", "children"),
        ("베이비핑크 니트", "의류>니트", "children"),
        ("원목 커피 테이블", "가구>테이블", "food"),
        ("글로우 하이라이터 팔레트", "뷰티>메이크업", "dangerous"),
        ("스프레이 공병 100ml", "생활>공병", "dangerous"),
    ],
)
def test_group_false_friends_do_not_put_a_product_in_a_group(write_csv, title, category, not_in):
    from klisting.onboarding.groups import product_groups

    (product,) = catalog(write_csv, [["P1", title, "1000", category]], HEADER[:4]).products
    assert not_in not in product_groups(product)


def test_false_friend_does_not_hide_a_real_keyword(write_csv):
    from klisting.onboarding.groups import product_groups

    rows = [
        ["P1", "스네일 네일 스티커", "1000", "뷰티"],
        ["P2", "커피잔 + 원두 커피 200g", "1000", "주방"],
    ]
    first, second = catalog(write_csv, rows, HEADER[:4]).products
    assert product_groups(first)["dangerous"] == "네일"
    assert product_groups(second)["food"] == "커피"
