"""Bad input ends in a clear message and exit 3, or in findings: never a traceback."""

from __future__ import annotations

import json
import zipfile

import pytest
from openpyxl import Workbook
from typer.testing import CliRunner

from klisting.cli.app import app

runner = CliRunner()
HEADER = ["상품코드", "상품명", "판매가", "재고수량"]


def run(*args: str):
    result = runner.invoke(app, list(args))
    # A traceback would surface as an unhandled exception in the runner.
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result


def validate_json(path) -> tuple[int, dict]:
    result = run("validate", str(path), "--format", "json")
    return result.exit_code, json.loads(result.stdout) if result.stdout.strip().startswith(
        "{"
    ) else {}


def test_missing_path_is_exit_3(tmp_path):
    result = run("validate", str(tmp_path / "nope.csv"))
    assert result.exit_code == 3
    assert "no such file" in result.stderr


def test_empty_file_is_exit_3(tmp_path):
    path = tmp_path / "empty.csv"
    path.write_bytes(b"")
    result = run("validate", str(path))
    assert result.exit_code == 3
    assert "empty" in result.stderr


def test_header_only_is_a_finding(write_csv):
    code, report = validate_json(write_csv([HEADER]))
    assert code == 1
    assert [f["code"] for f in report["findings"]] == ["catalog.no-products"]


def test_binary_garbage_is_exit_3(tmp_path):
    path = tmp_path / "garbage.csv"
    path.write_bytes(bytes(range(256)) * 50)
    result = run("validate", str(path))
    assert result.exit_code == 3
    assert "binary" in result.stderr or "neither UTF-8" in result.stderr


def test_truncated_xlsx_is_exit_3(tmp_path):
    book = Workbook()
    book.active.append(HEADER)
    book.active.append(["A1", "상품", 1000, 1])
    good = tmp_path / "good.xlsx"
    book.save(good)
    truncated = tmp_path / "truncated.xlsx"
    truncated.write_bytes(good.read_bytes()[: good.stat().st_size // 2])
    result = run("validate", str(truncated))
    assert result.exit_code == 3
    assert "truncated or damaged" in result.stderr


def test_ragged_rows_become_findings(tmp_path):
    path = tmp_path / "ragged.csv"
    path.write_text(
        "상품코드,상품명,판매가\nA1,상품 하나,1000,EXTRA,MORE\nA2,상품 둘\n", encoding="utf-8"
    )
    code, report = validate_json(path)
    codes = {(f["code"], f["row"]) for f in report["findings"]}
    assert ("catalog.ragged-row", 2) in codes
    assert ("price.missing", 3) in codes


def test_mixed_encodings_name_the_line(tmp_path):
    path = tmp_path / "mixed.csv"
    path.write_bytes(
        "상품코드,상품명,판매가\nA1,수분 크림,1000\n".encode() + "A2,선크림,2000\n".encode("cp949")
    )
    result = run("validate", str(path))
    assert result.exit_code == 3
    assert "line 3" in result.stderr and "mixes encodings" in result.stderr


def test_explicit_wrong_encoding_suggests_the_right_one(write_csv):
    path = write_csv([HEADER, ["A1", "수분 크림", "1000", "1"]], encoding="cp949")
    result = run("validate", str(path), "--encoding", "utf-8")
    assert result.exit_code == 3
    assert "--encoding cp949" in result.stderr


def test_one_megabyte_cell_is_read(write_csv):
    big = "<p>" + "가" * (1024 * 1024) + "</p>"
    path = write_csv([HEADER + ["상세설명"], ["A1", "큰 설명 상품", "1000", "1", big]])
    code, report = validate_json(path)
    assert code == 0, report
    assert report["summary"]["products"] == 1


def test_xlsx_formulas_use_cached_values_and_are_never_evaluated(tmp_path):
    # openpyxl writes formulas without cached values; build the sheet XML with a cached value.
    book = Workbook()
    book.active.append(HEADER)
    book.active.append(["A1", "수식 상품", "=1000*2", 5])
    plain = tmp_path / "plain.xlsx"
    book.save(plain)
    with_cache = tmp_path / "formula.xlsx"
    with zipfile.ZipFile(plain) as source, zipfile.ZipFile(with_cache, "w") as out:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                assert b"<f>1000*2</f><v />" in data
                data = data.replace(b"<f>1000*2</f><v />", b"<f>1000*2</f><v>2000</v>")
            out.writestr(item, data)
    from klisting.catalog import read_catalog

    product = read_catalog(with_cache).products[0]
    assert str(product.price.amount) == "2000"


def test_duplicate_headers_are_reported(write_csv):
    path = write_csv(
        [["상품코드", "상품명", "판매가", "상품명"], ["A1", "첫 번째", "1000", "두 번째"]]
    )
    code, report = validate_json(path)
    assert any(f["code"] == "catalog.duplicate-header" for f in report["findings"])
    from klisting.catalog import read_catalog

    assert read_catalog(path).products[0].title == "첫 번째"


def test_directory_instead_of_file_is_exit_3(tmp_path):
    result = run("validate", str(tmp_path))
    assert result.exit_code == 3


@pytest.mark.parametrize("content", ['[{"상품코드": "A1"', '{"a": 1}\n{"b": '])
def test_broken_json_names_the_line(tmp_path, content):
    path = tmp_path / "broken.json"
    path.write_text(content, encoding="utf-8")
    result = run("validate", str(path))
    assert result.exit_code == 3
    assert "line" in result.stderr


def test_error_messages_keep_brackets(tmp_path):
    result = run("validate", str(tmp_path / "bad[red].csv"))
    assert result.exit_code == 3
    assert "bad[red].csv" in result.stderr
