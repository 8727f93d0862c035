"""Export refuses what the platform would reject: each rule with a product that breaks it."""

from __future__ import annotations

from pathlib import Path

from klisting.export.gates import check_product
from klisting.markets.targets import parse_target
from klisting.model import Severity
from tests.export.conftest import build_products


def _errors(target_id: str, tmp_path: Path, change) -> set[str]:
    target = parse_target(target_id)
    product = build_products(target, tmp_path)[0]
    change(product)
    return {
        f.code
        for f in check_product(product, target.platform, target.id)
        if f.severity is Severity.ERROR
    }


def test_clean_products_pass_every_target(target, tmp_path: Path) -> None:
    for product in build_products(target, tmp_path):
        errors = [
            f.message
            for f in check_product(product, target.platform, target.id)
            if f.severity is Severity.ERROR
        ]
        assert errors == []


def test_hangul_left_in_a_zh_hant_title_is_refused(tmp_path: Path) -> None:
    assert "export.wrong-language" in _errors(
        "shopee:tw", tmp_path, lambda p: setattr(p, "title", "保濕化妝水 토너 500ml")
    )


def test_english_title_on_a_zh_hant_market_is_refused(tmp_path: Path) -> None:
    assert "export.wrong-language" in _errors(
        "coupang-tw:tw", tmp_path, lambda p: setattr(p, "title", "Hydrating Toner")
    )


def test_chinese_in_an_english_title_is_refused(tmp_path: Path) -> None:
    assert "export.wrong-language" in _errors(
        "amazon:us", tmp_path, lambda p: setattr(p, "title", "Toner 保濕")
    )


def test_untranslated_description_is_refused_only_where_the_platform_enforces_it(
    tmp_path: Path,
) -> None:
    assert "export.wrong-language" in _errors(
        "shopee:tw", tmp_path, lambda p: setattr(p, "description", "<p>舒緩 토너</p>")
    )
    target = parse_target("shopify:us")
    product = build_products(target, tmp_path)[0]
    product.description = "<p>Soothing 토너</p>"
    findings = [
        f
        for f in check_product(product, target.platform, target.id)
        if f.code == "export.wrong-language"
    ]
    assert [(f.severity, f.field) for f in findings] == [(Severity.WARNING, "description")]


def test_over_limit_title_is_refused(tmp_path: Path) -> None:
    assert "export.title-too-long" in _errors(
        "amazon:us", tmp_path, lambda p: setattr(p, "title", "Toner " * 40)
    )


def test_amazon_banned_characters(tmp_path: Path) -> None:
    assert "export.title-banned-chars" in _errors(
        "amazon:us", tmp_path, lambda p: setattr(p, "title", "Best Toner!")
    )


def test_qoo10_title_may_not_carry_brand_or_shipping_words(tmp_path: Path) -> None:
    assert "export.title-banned-words" in _errors(
        "qoo10:jp", tmp_path, lambda p: setattr(p, "title", "Harudam 保湿化粧水")
    )
    assert "export.title-banned-words" in _errors(
        "qoo10:jp", tmp_path, lambda p: setattr(p, "title", "送料無料 保湿化粧水")
    )


def test_missing_required_field_is_refused(tmp_path: Path) -> None:
    assert "export.field-missing" in _errors(
        "amazon:us", tmp_path, lambda p: setattr(p, "barcode", "")
    )
    assert "export.field-missing" in _errors(
        "shopee:tw", tmp_path, lambda p: setattr(p, "weight_g", None)
    )


def test_miravia_needs_an_eu_responsible_person(tmp_path: Path) -> None:
    assert "export.profile-missing" in _errors(
        "miravia:es", tmp_path, lambda p: setattr(p, "profile", {})
    )


def test_images_out_of_spec_are_refused(tmp_path: Path) -> None:
    def small(product):
        product.images[0].width = product.images[0].height = 200

    def heavy(product):
        product.images[0].bytes = 4_000_000

    def not_square(product):
        product.images[0].height = product.images[0].width + 10

    assert "export.image-out-of-spec" in _errors("lazada:sg", tmp_path, small)
    assert "export.image-out-of-spec" in _errors("lazada:sg", tmp_path, heavy)
    assert "export.image-out-of-spec" in _errors("shopee:tw", tmp_path, not_square)
    assert "export.images-missing" in _errors(
        "shopify:us", tmp_path, lambda p: setattr(p, "images", [])
    )


def test_text_only_run_skips_image_rules(tmp_path: Path) -> None:
    target = parse_target("shopify:us")
    product = build_products(target, tmp_path)[0]
    product.images = []
    assert [
        f
        for f in check_product(product, target.platform, target.id, images=False)
        if f.severity is Severity.ERROR
    ] == []


def test_amazon_main_image_on_a_coloured_background_is_flagged(tmp_path: Path) -> None:
    from tests.export.conftest import make_image

    target = parse_target("amazon:us")
    product = build_products(target, tmp_path)[0]
    codes = {f.code for f in check_product(product, target.platform, target.id)}
    assert (
        "export.main-not-white" not in codes
    )  # the fixture's main image is near-white (250, 250, 250)
    product.images[0].path = make_image(tmp_path / "blue.jpg", (1000, 1000), (40, 90, 200))
    warned = [
        f
        for f in check_product(product, target.platform, target.id)
        if f.code == "export.main-not-white"
    ]
    assert len(warned) == 1 and warned[0].severity is Severity.WARNING
