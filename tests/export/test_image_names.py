"""Bundle image names follow the platform convention and never collide between SKUs."""

from __future__ import annotations

from klisting.export.gates import image_file_name
from klisting.markets.targets import parse_target


def test_plain_skus_keep_the_platform_convention() -> None:
    amazon = parse_target("amazon:us").platform
    assert image_file_name(amazon, "KB-FS-001", 1, "jpg") == "KB-FS-001.MAIN.jpg"
    assert image_file_name(amazon, "KB-FS-001", 3, "jpg") == "KB-FS-001.PT02.jpg"


def test_skus_that_need_replacing_do_not_share_a_name() -> None:
    shopee = parse_target("shopee:tw").platform
    names = {image_file_name(shopee, sku, 1, "jpg") for sku in ["머그-1", "컵-1", "A/B 1", "A B 1"]}
    assert len(names) == 4
    assert all(name.isascii() and "/" not in name and " " not in name for name in names)
