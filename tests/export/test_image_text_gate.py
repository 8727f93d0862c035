"""An image that still shows source-language text no person accepted is sent to review."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from klisting.export.gates import check_product
from klisting.markets.targets import parse_target
from klisting.model import Severity
from tests.export.conftest import build_products


def _codes(target_id: str, tmp_path: Path, statuses: list[str], *, description: bool = False):
    target = parse_target(target_id)
    product = build_products(target, tmp_path)[0]
    blocks = [
        {"id": str(n), "read": "수확 후 바로 발송합니다", "status": s}
        for n, s in enumerate(statuses)
    ]
    image = dataclasses.replace(product.images[0], blocks=blocks, source="detail.jpg")
    if description:
        product.description_images = [image]
    else:
        product.images = [*product.images, image]
    return [
        f
        for f in check_product(product, target.platform, target.id)
        if f.severity is Severity.ERROR
    ]


@pytest.mark.parametrize("status", ["review", "uncertain", "low-confidence"])
@pytest.mark.parametrize("description", [False, True])
def test_a_block_left_in_korean_refuses_the_product(tmp_path, status, description):
    [found] = _codes("amazon:us", tmp_path, ["translated", status], description=description)
    assert found.code == "export.image-text-untranslated" and found.field == "images"
    assert "block 1" in found.message and "수확 후 바로 발송합니다" in found.message


@pytest.mark.parametrize("statuses", [["translated"], ["kept", "accepted"], []])
def test_translated_kept_or_accepted_blocks_pass(tmp_path, statuses):
    assert _codes("shopee:tw", tmp_path, statuses) == []
