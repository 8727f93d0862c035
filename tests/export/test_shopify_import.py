"""The Shopify CSV read back the way Shopify's importer reads it, current and legacy header."""

from __future__ import annotations

from pathlib import Path

from klisting.export.writers.shopify import HEADER, csv_bytes, import_problems, read_shopify_csv
from klisting.markets.targets import parse_target
from tests.export.conftest import build_products


def _rows(tmp_path: Path) -> list[dict[str, str]]:
    target = parse_target("shopify:us")
    return read_shopify_csv(
        csv_bytes(build_products(target, tmp_path), target.platform).decode("utf-8")
    )


def test_written_csv_follows_the_import_rules(tmp_path: Path) -> None:
    rows = _rows(tmp_path)
    assert import_problems(rows) == []
    by_handle: dict[str, list[dict[str, str]]] = {}
    for row in rows:
        by_handle.setdefault(row["URL handle"], []).append(row)
    assert list(by_handle) == ["kb-cs-001", "kb-fs-001"]
    tee = by_handle["kb-fs-001"]
    assert [r["SKU"] for r in tee] == [
        "KB-FS-001-BM",
        "KB-FS-001-BL",
        "KB-FS-001-WM",
        "KB-FS-001-WL",
    ]
    assert tee[0]["Title"] and all(
        not r["Title"] for r in tee[1:]
    )  # only the first row carries the product
    assert tee[0]["Option1 name"] == "Color" and tee[0]["Option2 name"] == "Size"
    assert {(r["Option1 value"], r["Option2 value"]) for r in tee} == {
        ("Black", "M"),
        ("Black", "L"),
        ("White", "M"),
        ("White", "L"),
    }
    toner = by_handle["kb-cs-001"]
    assert toner[0]["Option1 name"] == "Title" and toner[0]["Option1 value"] == "Default Title"
    assert toner[0]["Weight value (grams)"] == "620"
    assert [r["Image position"] for r in toner] == ["1", "2"]  # the extra image gets its own row


def test_header_is_the_current_one(tmp_path: Path) -> None:
    target = parse_target("shopify:us")
    first_line = (
        csv_bytes(build_products(target, tmp_path), target.platform).decode("utf-8").splitlines()[0]
    )
    assert first_line.split(",")[:3] == ["Title", "URL handle", "Description"]
    assert len(first_line.split(",")) == len(HEADER)


def test_legacy_header_is_read_and_checked() -> None:
    legacy = (
        "Handle,Title,Body (HTML),Vendor,Option1 Name,Option1 Value,Variant SKU,Variant Grams,Variant Price,Image Src\n"
        "mug,Mug,<p>x</p>,Acme,Title,Default Title,MUG-1,350,9.99,https://e.x/1.jpg\n"
        "mug,,,,,,,,,https://e.x/2.jpg\n"
    )
    rows = read_shopify_csv(legacy)
    assert (
        rows[0]["URL handle"] == "mug"
        and rows[0]["SKU"] == "MUG-1"
        and rows[0]["Weight value (grams)"] == "350"
    )
    assert rows[1]["Product image URL"] == "https://e.x/2.jpg"
    assert import_problems(rows) == []


def test_import_rules_catch_bad_rows() -> None:
    rows = read_shopify_csv(
        "Handle,Title,Variant SKU,Option1 Value,Variant Grams\n"
        "bad handle!,T,S1,,1.5\n"
        "other,,S2,v,10\n"
    )
    problems = "\n".join(import_problems(rows))
    assert "letters, digits and dashes" in problems
    assert "need Option1 value" in problems
    assert "whole grams" in problems
    assert "needs a Title" in problems
