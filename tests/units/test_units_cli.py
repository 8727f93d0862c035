"""`klisting units convert` / `klisting units size` through the CLI."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from klisting.cli.app import app

runner = CliRunner()


def test_convert_json():
    result = runner.invoke(
        app, ["units", "convert", "생수 500ml 20병", "--market", "us", "--format", "json"]
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["text"] == "생수 16.9 fl oz (500 ml) 20병"
    assert data["matches"][0]["converted"] == "16.9 fl oz (500 ml)"
    assert data["matches"][1]["kind"] == "count"


def test_convert_text_output_and_category():
    result = runner.invoke(app, ["units", "convert", "특가 2근", "-m", "es", "--category", "채소"])
    assert result.exit_code == 0
    assert "특가 750 g" in result.stdout


def test_ambiguous_geun_exits_1_with_finding():
    result = runner.invoke(app, ["units", "convert", "특가 2근", "-m", "tw", "--format", "json"])
    assert result.exit_code == 1
    assert json.loads(result.stdout)["findings"][0]["code"] == "units.geun-ambiguous"


def test_unknown_market_exits_2():
    result = runner.invoke(app, ["units", "convert", "500ml", "-m", "mars"])
    assert result.exit_code == 2
    assert "unknown market" in result.output


def test_size_command():
    result = runner.invoke(app, ["units", "size", "240", "-m", "jp", "--format", "json"])
    assert result.exit_code == 0
    assert json.loads(result.stdout)["value"] == "24"
    ambiguous = runner.invoke(app, ["units", "size", "240", "-m", "us", "-g", "men"])
    assert "not decided" in ambiguous.stdout and "6, 6.5" in ambiguous.stdout
    apparel = runner.invoke(
        app, ["units", "size", "66", "-m", "de", "--kind", "apparel", "--format", "json"]
    )
    assert json.loads(apparel.stdout)["value"] == "38"


def test_scan_catalog_converts_fields_and_flags_geun_with_location(write_csv):
    path = write_csv(
        [
            ["상품코드", "상품명", "판매가", "재고수량", "카테고리", "무게", "크기"],
            ["A1", "한우 등심 1근", "59000", "3", "정육", "600g", "30x20x10cm"],
            ["A2", "특가 모둠 2근", "30000", "5", "기타", "1.2kg", ""],
        ]
    )
    result = runner.invoke(app, ["units", "scan", str(path), "-m", "us", "--format", "json"])
    assert result.exit_code == 1  # the second product's 근 cannot be resolved
    products = json.loads(result.stdout)["products"]
    first = {f["field"]: f["converted"] for f in products[0]["fields"]}
    assert first == {
        "title": "한우 등심 1.32 lb (600 g)",
        "weight": "1.32 lb (600 g)",
        "dimensions": "11.8 x 7.87 x 3.94 in (30 x 20 x 10 cm)",
    }
    (finding,) = products[1]["findings"]
    assert (finding["code"], finding["sku"], finding["row"], finding["field"]) == (
        "units.geun-ambiguous",
        "A2",
        3,
        "title",
    )
    resolved = runner.invoke(
        app, ["units", "scan", str(path), "-m", "tw", "--geun", "meat", "--format", "json"]
    )
    assert resolved.exit_code == 0
    assert (
        json.loads(resolved.stdout)["products"][1]["fields"][0]["converted"] == "특가 모둠 1.2 kg"
    )


def test_size_gender_aliases_are_understood():
    spelled = runner.invoke(app, ["units", "size", "250", "-m", "us", "-g", "여성", "-f", "json"])
    plain = runner.invoke(app, ["units", "size", "250", "-m", "us", "-g", "women", "-f", "json"])
    assert spelled.exit_code == 0, spelled.output
    assert json.loads(spelled.stdout) == json.loads(plain.stdout)
    assert json.loads(plain.stdout)["value"] is not None


def test_size_unknown_gender_is_a_usage_error():
    result = runner.invoke(app, ["units", "size", "250", "-m", "us", "-g", "alien"])
    assert result.exit_code == 2 and "unknown gender" in result.output
