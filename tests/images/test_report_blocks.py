"""report.html shows each localized image before/after, clickable, with its blocks."""

from __future__ import annotations

from pathlib import Path

from klisting.export.model import ExportImage, LocalizedProduct
from klisting.export.report import render_report
from klisting.images.review import report_row
from klisting.images.sidecar import Block, Sidecar


def test_blocks_of_a_localized_image_are_listed_under_it():
    block = Block(
        id=2,
        source="용량 3508",
        bbox=[0, 0, 90, 30],
        line_boxes=[[0, 0, 90, 30]],
        line_height=30,
        status="uncertain",
        reason="not read the same way twice",
    )
    sidecar = Sidecar(
        source="a.jpg", output="b.jpg", target_lang="en", width=100, height=40, blocks=[block]
    )
    image = ExportImage(
        Path("x.jpg"),
        "SKU-1.jpg",
        "a.jpg",
        localized=True,
        blocks=[report_row(b) for b in sidecar.model_dump()["blocks"]],
    )
    product = LocalizedProduct(sku="SKU", title="t", description="d", images=[image])
    page = render_report(
        "shopify:us", [product], [], [], {"SKU-1.jpg": ("before/a.jpg", "images/SKU-1.jpg")}
    )
    assert "<a href='images/SKU-1.jpg'><img src='images/SKU-1.jpg'" in page
    assert "<a href='before/a.jpg'>" in page
    assert "용량 3508" in page and "uncertain" in page and "not read the same way twice" in page
