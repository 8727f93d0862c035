"""The ``source`` section of klisting.yaml reaches every reader: validate, inspect and run."""

from __future__ import annotations

from klisting.pipeline.project_options import build_options
from klisting.pipeline.stages import read


def test_run_reads_with_the_project_source_and_map_flags(write_csv, tmp_path):
    path = write_csv(
        [
            ["상품코드", "상품명", "판매가", "설명서", "사진"],
            ["A", "컵", "1000", "손세척", "a/1.jpg"],
        ]
    )
    project = tmp_path / "klisting.yaml"
    project.write_text(
        "version: 1\nsource:\n  column_map:\n    설명서: description\n"
        "  image_base: https://shop.example/img/\n",
        encoding="utf-8",
    )
    options = build_options(path, ["shopee:tw"], project, column_map={"사진": "image_main"})
    assert options.column_map == {"설명서": "description", "사진": "image_main"}
    product = read(options).products[0]
    assert product.description == "손세척"
    assert product.images[0].src == "https://shop.example/img/a/1.jpg"
