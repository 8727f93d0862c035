"""`klisting validate`: findings name the right rows and fields, in every output format."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET

import pytest
from typer.testing import CliRunner

from klisting.catalog import read_catalog
from klisting.cli.app import app
from klisting.markets.targets import parse_target
from klisting.validate import code_catalog, validate_catalog
from klisting.validate.checks_commerce import gtin_check_digit_ok
from tests.conftest import SAMPLES

runner = CliRunner()


def codes_by_row(report: dict) -> dict[int, set[str]]:
    rows: dict[int, set[str]] = {}
    for finding in report["findings"]:
        rows.setdefault(finding["row"], set()).add(finding["code"])
    return rows


def test_broken_sample_findings_point_at_rows_and_fields():
    result = runner.invoke(
        app, ["validate", str(SAMPLES / "broken_catalog.csv"), "--format", "json"]
    )
    assert result.exit_code == 1
    report = json.loads(result.stdout)
    rows = codes_by_row(report)
    expected = {
        3: "price.not-a-number", 4: "sku.duplicate", 5: "title.missing", 6: "stock.negative",
        7: "barcode.bad-check-digit", 8: "images.bad-scheme", 9: "images.file-missing",
        10: "quantity.unparseable", 12: "options.unparseable", 13: "barcode.bad-length",
    }  # fmt: skip
    for row, code in expected.items():
        assert code in rows.get(row, set()), (row, code, rows.get(row))
    assert {"description.unsafe-html", "price.not-positive"} <= rows[11]
    fields = {(f["row"], f["code"]): f["field"] for f in report["findings"]}
    assert fields[(3, "price.not-a-number")] == "price"
    assert fields[(10, "quantity.unparseable")] == "weight"
    duplicate = next(f for f in report["findings"] if f["code"] == "sku.duplicate")
    assert "row 2" in duplicate["message"] and duplicate["row"] == 4
    assert report["summary"]["products"] == 12


def test_target_limits_apply_only_with_target(write_csv):
    path = write_csv(
        [
            ["상품코드", "상품명", "판매가", "재고수량"],
            ["A1", "🔥특가🔥 비타민 세럼! $", "1000", "1"],
        ]
    )
    catalog = read_catalog(path)
    assert not [f for f in validate_catalog(catalog).findings if f.code.startswith("title.")]
    report = validate_catalog(catalog, [parse_target("amazon:us")])
    codes = {f.code for f in report.findings}
    assert {"title.emoji", "title.banned-chars"} <= codes
    assert "catalog.column-missing" in codes  # amazon needs brand, barcode, images ...
    assert all(f.target == "amazon:us" for f in report.findings if f.code.startswith("title."))


def test_select_and_ignore(write_csv):
    path = write_csv([["상품코드", "상품명", "판매가", "재고수량"], ["A1", "", "0", "-1"]])
    catalog = read_catalog(path)
    assert {f.code for f in validate_catalog(catalog, select=["price.*"]).findings} == {
        "price.not-positive"
    }
    assert "stock.negative" not in {
        f.code for f in validate_catalog(catalog, ignore=["stock"]).findings
    }


def test_fail_on_warning(write_csv):
    path = write_csv(
        [
            ["상품코드", "상품명", "판매가", "재고수량", "카테고리"],
            ["A1", "토너", "1000", "", "뷰티"],
        ]
    )
    assert runner.invoke(app, ["validate", str(path)]).exit_code == 0
    assert runner.invoke(app, ["validate", str(path), "--fail-on", "warning"]).exit_code == 1


@pytest.mark.parametrize("fmt", ["junit", "github", "sarif", "table"])
def test_every_format_names_rows(fmt):
    result = runner.invoke(app, ["validate", str(SAMPLES / "broken_catalog.csv"), "--format", fmt])
    assert result.exit_code == 1
    out = result.stdout
    if fmt == "junit":
        root = ET.fromstring(out)
        failures = root.findall(".//failure")
        assert any(
            f.get("type") == "price.not-a-number" and "broken_catalog.csv:3" in f.text
            for f in failures
        )
    elif fmt == "github":
        line = next(line for line in out.splitlines() if "price.not-a-number" in line)
        assert line.startswith("::error file=") and ",line=3," in line
    elif fmt == "sarif":
        sarif = json.loads(out)
        result_ = next(r for r in sarif["runs"][0]["results"] if r["ruleId"] == "sku.duplicate")
        assert result_["locations"][0]["physicalLocation"]["region"]["startLine"] == 4
        assert sarif["version"] == "2.1.0"
    else:
        assert "price.not-a-number" in out and "broken_catalog.csv:3" in out


def test_xlsx_locations_are_cells():
    report = validate_catalog(
        read_catalog(SAMPLES / "smartstore_products.xlsx"), [parse_target("shopee:tw")]
    )
    located = [f.location for f in report.findings if f.location]
    assert located and all("!" in loc for loc in located)


def test_output_file_is_written(tmp_path):
    out = tmp_path / "report.sarif"
    result = runner.invoke(
        app, ["validate", str(SAMPLES / "broken_catalog.csv"), "-f", "sarif", "-o", str(out)]
    )
    assert result.exit_code == 1
    assert json.loads(out.read_text(encoding="utf-8"))["runs"][0]["results"]


def test_unknown_target_is_usage_error():
    result = runner.invoke(
        app, ["validate", str(SAMPLES / "broken_catalog.csv"), "--target", "ebay:us"]
    )
    assert result.exit_code == 2
    assert "unknown platform" in result.stderr


@pytest.mark.parametrize(
    "code,ok",
    [
        ("8801234567893", True),
        ("8801234567890", False),
        ("036000291452", True),
        ("96385074", True),
        ("00012345600012", True),
        ("00012345600013", False),
    ],
)
def test_gtin_check_digit(code, ok):
    assert gtin_check_digit_ok(code) is ok


def test_code_catalog_is_documented():
    codes = code_catalog()
    assert len(codes) >= 40
    assert all(c.summary and c.hint for c in codes)


def test_readme_lists_every_finding_code():
    import importlib.util

    from tests.conftest import REPO

    spec = importlib.util.spec_from_file_location(
        "update_readme_codes", REPO / "scripts" / "update_readme_codes.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    text = (REPO / "README.md").read_text(encoding="utf-8")
    assert module.updated(text) == text, "run: .venv/bin/python scripts/update_readme_codes.py"


def test_a_missing_column_is_one_finding_not_one_per_row(write_csv):
    path = write_csv(
        [["상품코드", "상품명", "판매가"]]
        + [[f"A{i}", f"상품 {i}번 토너", "1000"] for i in range(50)]
    )
    report = validate_catalog(read_catalog(path), [parse_target("shopee:tw")])
    missing = [f for f in report.findings if f.field == "category"]
    assert [f.code for f in missing] == ["catalog.column-missing"]


def test_table_keeps_brackets_from_the_data(write_csv):
    path = write_csv([["상품코드", "상품명", "판매가"], ["[A1] x", "[무료배송] 토너", "1000"]])
    result = runner.invoke(app, ["validate", str(path), "--format", "table"])
    assert "SKU '[A1] x' contains spaces" in result.stdout
