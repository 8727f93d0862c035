"""The value checks of checks_values and the CI reports (JUnit, table, report file mode)."""

from __future__ import annotations

import json
import os
import stat
import xml.etree.ElementTree as ET

from typer.testing import CliRunner

from klisting.catalog import read_catalog
from klisting.cli.app import app
from klisting.validate import validate_catalog

runner = CliRunner()
HEADER = ["상품코드", "상품명", "판매가", "재고수량", "대표이미지", "상세설명", "무게"]


def _row(sku: str, **cells: str) -> list[str]:
    base = {"title": "머그컵", "price": "12000", "stock": "5", "image": "https://i.example/a.jpg",
            "description": "<p>컵</p>", "weight": "300g"}  # fmt: skip
    base.update(cells)
    return [sku, base["title"], base["price"], base["stock"], base["image"], base["description"],
            base["weight"]]  # fmt: skip


def _codes(report) -> dict[str, list]:
    found: dict[str, list] = {}
    for f in report.findings:
        found.setdefault(f.code, []).append(f)
    return found


def test_title_over_every_platform_is_a_warning_without_target(write_csv):
    path = write_csv([HEADER, _row("A", title="가" * 400), _row("B")])
    codes = _codes(validate_catalog(read_catalog(path)))
    assert [f.sku for f in codes["title.too-long-everywhere"]] == ["A"]
    assert codes["title.too-long-everywhere"][0].severity.value == "warning"


def test_implausible_quantities_and_stock(write_csv):
    path = write_csv([HEADER, _row("A", weight="99999kg", stock="900000000"), _row("B")])
    codes = _codes(validate_catalog(read_catalog(path)))
    assert [f.sku for f in codes["quantity.implausible"]] == ["A"]
    assert [f.sku for f in codes["stock.implausible"]] == ["A"]


def test_negative_weight_is_reported(write_csv):
    path = write_csv([HEADER, _row("A", weight="-1kg")])
    assert "quantity.not-positive" in _codes(validate_catalog(read_catalog(path)))


def test_junit_has_a_case_per_product_and_one_for_the_catalog(write_csv, tmp_path):
    path = write_csv(
        [HEADER[:5], ["A", "컵", "1000", "1", "https://i.example/a.jpg"],
         ["B", "접시", "가격문의", "1", "https://i.example/b.jpg"],
         ["C", "그릇", "3000", "1", "https://i.example/c.jpg"]]
    )  # fmt: skip
    out = tmp_path / "report.xml"
    result = runner.invoke(app, ["validate", str(path), "--format", "junit", "-o", str(out)])
    assert result.exit_code == 1, result.output
    suite = ET.parse(out).getroot().find("testsuite")
    cases = suite.findall("testcase")
    assert suite.get("tests") == str(len(cases)) == "4"  # 3 products + the catalog case
    names = [c.get("name") for c in cases]
    assert names[0] == "catalog (columns and file)" and "row 3 B" in names
    catalog_case = cases[0]
    assert "None:" not in ET.tostring(catalog_case, encoding="unicode")
    assert suite.get("failures") == "1"
    # the report is an ordinary file, not 0600
    mode = stat.S_IMODE(os.stat(out).st_mode)
    assert mode & stat.S_IRGRP and mode & stat.S_IROTH


def test_table_shows_what_to_do(write_csv):
    path = write_csv([HEADER, _row("A", price="가격문의")])
    result = runner.invoke(app, ["validate", str(path)])
    assert "What to do" in result.output
    assert "Write the price as a number" in result.output


def test_map_option_and_project_file(write_csv, tmp_path, monkeypatch):
    path = write_csv([["상품코드", "상품명", "판매가", "설명서"], ["A", "컵", "1000", "손세척"]])
    result = runner.invoke(app, ["inspect", str(path), "--map", "설명서=description", "-f", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["mapping"]["설명서"] == "description"
    assert data["products"][0]["description"] == "손세척"
    assert {c["header"]: c["evidence"] for c in data["columns"]}["설명서"] == "column map"

    bad = runner.invoke(app, ["validate", str(path), "--map", "설명서=descripton"])
    assert bad.exit_code == 2 and "not a field" in bad.output

    monkeypatch.chdir(tmp_path)
    (tmp_path / "klisting.yaml").write_text(
        "version: 1\nsource:\n  profile: generic\n  column_map:\n    설명서: description\n",
        encoding="utf-8",
    )
    from_project = runner.invoke(app, ["inspect", str(path), "-f", "json"])
    assert json.loads(from_project.output)["products"][0]["description"] == "손세척"
    (tmp_path / "klisting.yaml").write_text(
        "version: 1\nsource:\n  column_map:\n    설명서: desc\n", encoding="utf-8"
    )
    broken = runner.invoke(app, ["inspect", str(path)])
    assert broken.exit_code == 2 and "'desc' is not a field" in broken.output


def test_sheet_help_says_how_the_sheet_is_chosen():
    result = runner.invoke(app, ["validate", "--help"], env={"COLUMNS": "200"})
    assert "most known" in result.output
