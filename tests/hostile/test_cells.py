"""No live formula in any CSV, TSV or XLSX klisting writes; the visible text stays the same."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from openpyxl import load_workbook
from python_calamine import CalamineWorkbook

from klisting.export.writers.flat import delimited_bytes, xlsx_bytes
from klisting.infra.cells import csv_cell, is_formula_like
from tests.hostile.conftest import klisting, product, write_json_catalog
from tests.pipeline.conftest import ean13

ATTACKS = {
    "F-1": '=HYPERLINK("http://evil.example/x","Deal") Cotton T-shirt',
    "F-2": "+1+1 Cotton T-shirt",
    "F-3": "-2+3 Cotton T-shirt",
    "F-4": "@SUM(A1) Cotton T-shirt",
    "F-5": "\t=1+1 Cotton T-shirt",
    "F-6": "\r=1+1 Cotton T-shirt",
}


def test_formula_like_cells_are_recognised_and_plain_numbers_are_not() -> None:
    assert all(is_formula_like(text) for text in ATTACKS.values())
    assert not any(is_formula_like(text) for text in ("-5", "+3.5", "12000", "Cotton", "", "a=b"))
    assert csv_cell("=1+1") == "'=1+1" and csv_cell("-5") == "-5" and csv_cell(7) == 7


def test_tsv_and_xlsx_writers_neutralise_every_cell() -> None:
    rows = [["title", "price"], *[[text, "-5"] for text in ATTACKS.values()]]
    tsv = delimited_bytes(rows, "\t").decode()
    cells = [row[0] for row in csv.reader(io.StringIO(tsv), delimiter="\t")][1:]
    assert cells == ["'" + text for text in ATTACKS.values()]
    assert "\t-5\r\n" in tsv  # a negative number stays a number
    sheet = load_workbook(io.BytesIO(xlsx_bytes(rows, "Template"))).active
    written = [sheet.cell(n, 1) for n in range(2, len(rows) + 1)]
    assert all(cell.data_type == "s" and cell.quotePrefix for cell in written)


def _catalog(tmp_path: Path) -> Path:
    items = [
        product(
            sku,
            **{
                "상품명": title,
                "카테고리": "생활/건강>주방용품",
                "바코드": ean13(f"880123456{n:03d}"),
            },
        )
        for n, (sku, title) in enumerate(ATTACKS.items())
    ]
    # formulas in the SKU and brand columns too, and an escape character in a title
    items[0]["상품코드"], items[0]["브랜드"] = "=1+1", "@SUM(A1)"
    items[1]["상품명"] = "+1+1 Cotton T-shirt \x1b escape"
    return write_json_catalog(tmp_path / "cat", items)


def test_exported_listing_files_hold_no_live_formula(tmp_path: Path) -> None:
    out = tmp_path / "out"
    targets = ["shopify:us", "shopee:sg"]  # TSV (Qoo10's flat file) is covered above
    args = [f"--target={t}" for t in targets]
    result = klisting(
        "run", _catalog(tmp_path), *args, "--no-images", "-o", out, "--work-dir", tmp_path / "w"
    )
    assert result.exit_code in (0, 1), result.output  # 1: platform ids to fill in ("needs")
    for bundle in ("shopify-us", "shopee-sg"):
        manifest = json.loads((out / bundle / "manifest.json").read_text())
        assert len(manifest["exported_skus"]) == len(ATTACKS), (bundle, result.output)
    with (out / "shopify-us" / "products.csv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    for name in ("Title", "SKU", "Vendor", "SEO title"):
        values = [row[name] for row in rows if row[name]]
        assert values and not any(is_formula_like(v) for v in values), (name, values)
    assert "'=1+1" in [row["SKU"] for row in rows]
    assert "'@SUM(A1)" in [row["Vendor"] for row in rows]
    # Shopee's XLSX: every text cell a string cell; formula-like ones keep their text exactly
    book = load_workbook(out / "shopee-sg" / "mass_upload.xlsx")
    cells = [c for row in book.active.iter_rows() for c in row if c.value is not None]
    assert not [c.coordinate for c in cells if c.data_type == "f"]
    assert all(c.quotePrefix for c in cells if is_formula_like(c.value))
    shown = [
        row[1]
        for row in CalamineWorkbook.from_path(str(out / "shopee-sg" / "mass_upload.xlsx"))
        .get_sheet_by_index(0)
        .to_python()
    ]
    assert ATTACKS["F-1"] in shown and "+1+1 Cotton T-shirt \x1b escape" in shown


def test_review_sheet_keeps_formula_text_inert(tmp_path: Path) -> None:
    from klisting.translate.review import write_review
    from klisting.translate.types import LocalizedText

    result = LocalizedText(
        sku="A",
        lang="en",
        title="=1+1 sale",
        description="",
        options=[],
        source={"title": "=1+1 특가"},
        engine="glossary",
        quality="machine",
    )
    path = tmp_path / "review.xlsx"
    write_review(path, [result])
    sheet = load_workbook(path).active
    cells = [c for row in sheet.iter_rows(min_row=2) for c in row if c.value]
    assert {c.value for c in cells} >= {"=1+1 특가", "=1+1 sale"}
    assert all(c.data_type == "s" for c in cells)
