"""Catalogs built to break the readers: each is a clear exit 3 or a finding, never a traceback."""

from __future__ import annotations

import io
import json
import struct
import zipfile
from pathlib import Path

import pytest
from openpyxl import Workbook

from klisting.catalog import limits, read_catalog
from tests.hostile.conftest import klisting, product, write_json_catalog


def _workbook_with_sheet(path: Path, rows: int, cell: bytes) -> Path:
    """A real XLSX whose first sheet repeats one inline-string row ``rows`` times."""
    book = Workbook()
    book.active.append(["상품코드", "상품명", "판매가"])
    book.active.append(["A-1", "가방", "1000"])
    buffer = io.BytesIO()
    book.save(buffer)
    source = zipfile.ZipFile(io.BytesIO(buffer.getvalue()))
    row = b'<row><c t="inlineStr"><is><t>' + cell + b"</t></is></c></row>"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename == "xl/worksheets/sheet1.xml":
                head, tail = data.split(b"</sheetData>")
                with target.open(info.filename, "w", force_zip64=True) as member:
                    member.write(head)
                    block = row * 1000
                    for _ in range(rows // 1000):
                        member.write(block)
                    member.write(b"</sheetData>" + tail)
            else:
                target.writestr(info, data)
    return path


def test_xlsx_zip_bomb_is_refused_before_it_is_read(tmp_path: Path) -> None:
    bomb = _workbook_with_sheet(tmp_path / "bomb.xlsx", 60_000, b"A" * 1000)
    assert bomb.stat().st_size < 1_000_000  # about 60 MB of XML in a few hundred KB
    result = klisting("validate", bomb)
    assert result.exit_code == 3
    assert "expands" in result.output and "zip bomb" in result.output


def test_xlsx_whose_header_lies_about_its_size_is_refused(tmp_path: Path) -> None:
    path = _workbook_with_sheet(tmp_path / "liar.xlsx", 20_000, b"B" * 1000)
    data = bytearray(path.read_bytes())
    # shrink the sheet's declared size in the central directory (and zip64 extra) to 1 KB
    name = b"xl/worksheets/sheet1.xml"
    at = data.rfind(b"PK\x01\x02", 0, data.rfind(name))
    struct.pack_into("<I", data, at + 24, 1024)
    extra_at = at + 46 + len(name)
    if data[extra_at : extra_at + 2] == b"\x01\x00":
        struct.pack_into("<Q", data, extra_at + 4, 1024)
    path.write_bytes(bytes(data))
    result = klisting("validate", path)
    assert result.exit_code == 3, result.output
    assert str(path.name) in result.output


def test_a_normal_workbook_still_reads(tmp_path: Path) -> None:
    path = _workbook_with_sheet(tmp_path / "ok.xlsx", 2_000, "순면 티셔츠".encode())
    catalog = read_catalog(path)
    assert len(catalog.products) == 2_001


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("[" * 100_000 + "]" * 100_000, "nested too deeply"),
        (
            '[{"상품코드": "A", "x": ' + "[" * 40 + "]" * 40 + "}]",
            "nested more than 32 levels deep",
        ),
        ('[{"상품코드": "A", "판매가": NaN}]', "NaN is not a JSON number"),
        ('[{"상품코드": "A", "판매가": -Infinity}]', "-Infinity is not a JSON number"),
        ('{"상품코드": "A"}\n{"상품코드": "B", "판매가": Infinity}\n', "line 2"),
    ],
)
def test_hostile_json_is_exit_3(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "catalog.json"
    path.write_text(text, encoding="utf-8")
    result = klisting("validate", path)
    assert result.exit_code == 3, result.output
    assert message in result.output


def test_duplicate_json_keys_are_a_finding(tmp_path: Path) -> None:
    path = tmp_path / "catalog.json"
    path.write_text(
        '[{"상품코드": "A", "상품명": "first", "상품명": "second", "판매가": "1000"}]',
        encoding="utf-8",
    )
    catalog = read_catalog(path)
    assert catalog.products[0].title == "second"
    notes = [f for f in catalog.read_findings if f.code == "catalog.duplicate-key"]
    assert notes and "'상품명'" in notes[0].message and notes[0].row == 1


def test_megabyte_cells_are_cut_with_a_finding(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(limits, "MAX_CELL_CHARS", 5_000)  # keep translation in this test small
    huge = "가방 " * 1_700_000  # 5 MB
    items = [
        product("BIG-T", **{"상품명": huge}),
        product("BIG-D", **{"상세설명": "<p>" + huge + "</p>"}),
        product("FINE"),
    ]
    catalog = write_json_catalog(tmp_path / "cat", items)
    read = read_catalog(catalog)
    titles = {p.sku: p.title for p in read.products}
    assert (
        len(titles["BIG-T"]) == limits.MAX_FIELD_CHARS and titles["FINE"] == "Cotton T-shirt FINE"
    )
    codes = {(f.code, f.row) for f in read.read_findings}
    assert {("catalog.cell-too-long", 1), ("catalog.cell-too-long", 2)} <= codes
    assert ("catalog.field-too-long", 1) in codes
    out = tmp_path / "out"
    result = klisting(
        "run", catalog, "-t", "shopify:us", "--no-images", "-o", out, "--work-dir", tmp_path / "w"
    )
    assert result.exit_code in (0, 1), result.output
    manifest = json.loads((out / "shopify-us" / "manifest.json").read_text())
    assert "FINE" in manifest["exported_skus"]


def test_a_price_too_large_to_convert_is_a_finding_not_a_crash(tmp_path: Path) -> None:
    items = [product("HUGE", **{"판매가": "1e400"}), product("FINE")]
    catalog = write_json_catalog(tmp_path / "cat", items)
    result = klisting("validate", catalog, "--format", "json")
    findings = json.loads(result.stdout)["findings"]
    assert any(f["sku"] == "HUGE" and f["code"] == "price.not-a-number" for f in findings)
    out = tmp_path / "out"
    run = klisting(
        "run", catalog, "-t", "shopify:us", "--no-images", "-o", out, "--work-dir", tmp_path / "w"
    )
    assert run.exit_code == 1, run.output
    manifest = json.loads((out / "shopify-us" / "manifest.json").read_text())
    assert manifest["exported_skus"] == ["FINE"]


def test_an_escape_character_in_a_title_exports_every_bundle(tmp_path: Path) -> None:
    items = [
        product("ESC", **{"상품명": "Cotton \x1b[31m T-shirt", "카테고리": "생활/건강>주방용품"}),
        product("FINE", **{"카테고리": "생활/건강>주방용품"}),
    ]
    catalog = write_json_catalog(tmp_path / "cat", items)
    out = tmp_path / "out"
    result = klisting(
        "run",
        catalog,
        "-t",
        "shopify:us",
        "-t",
        "shopee:sg",
        "--no-images",
        "-o",
        out,
        "--work-dir",
        tmp_path / "w",
    )
    assert result.exit_code in (0, 1), result.output  # 1: Shopee ids to fill in ("needs")
    for bundle in ("shopify-us", "shopee-sg"):
        manifest = json.loads((out / bundle / "manifest.json").read_text())
        assert sorted(manifest["exported_skus"]) == ["ESC", "FINE"]
    assert (out / "shopee-sg" / "mass_upload.xlsx").is_file()
