"""``klisting translate`` and ``klisting models`` end to end (tiny Argos model, local servers)."""

from __future__ import annotations

import json
from pathlib import Path

from openpyxl import load_workbook
from typer.testing import CliRunner

from klisting.cli.app import app

runner = CliRunner()

CATALOG = (
    "상품코드,상품명,상세설명,옵션명,옵션값,브랜드,판매가\n"
    "S_100,여성용 빨간 가방 AB-12,<p>정품 검정 신발 세트</p>,색상,검정/흰색,나이키,10000\n"
    "S_200,남성용 파란 모자,이 상품은 가볍고 튼튼합니다.,,,,20000\n"
)


def _catalog(tmp_path: Path) -> Path:
    path = tmp_path / "catalog.csv"
    path.write_text(CATALOG, encoding="utf-8")
    return path


def _records(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_translate_catalog_with_argos(installed: Path, tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    args = [
        "translate",
        str(_catalog(tmp_path)),
        "--to",
        "en",
        "--to",
        "zh-Hant",
        "--work-dir",
        str(tmp_path / "w"),
        "-o",
        str(out),
    ]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    records = _records(out)
    assert [(r["sku"], r["lang"]) for r in records] == [
        ("S_100", "en"),
        ("S_200", "en"),
        ("S_100", "zh-Hant"),
        ("S_200", "zh-Hant"),
    ]
    first = records[0]
    assert first["title"] == "women's red bag AB-12"
    assert first["description"] == "<p>genuine black shoes set</p>"
    assert first["source"]["title"] == "여성용 빨간 가방 AB-12"
    assert first["engine"] == "argos" and first["flags"] == []
    assert records[3]["title"] == "men's 藍色 帽子"
    assert "0 from memory" in result.stderr or "0 from memory" in result.output
    again = runner.invoke(app, [*args, "--format", "json"])
    assert again.exit_code == 0, again.output
    summary = json.loads(again.stdout)
    assert summary["segments"]["engine_calls"] == 0 and summary["segments"]["from_memory"] > 0
    assert _records(out) == records


def test_review_then_apply(installed: Path, tmp_path: Path) -> None:
    catalog, work, sheet, out = (
        _catalog(tmp_path),
        tmp_path / "w",
        tmp_path / "review.xlsx",
        tmp_path / "o.jsonl",
    )
    base = ["translate", str(catalog), "--to", "en", "--work-dir", str(work), "-o", str(out)]
    assert runner.invoke(app, [*base, "--review", str(sheet)]).exit_code == 0
    book = load_workbook(sheet)
    ws = book["review"]
    row = next(r for r in ws.iter_rows(min_row=2) if r[3].value == "남성용 파란 모자")
    row[5].value = "Men's Blue Bucket Hat"
    book.save(sheet)
    result = runner.invoke(
        app, [*base, "--apply-review", str(sheet), "--export-tmx", str(tmp_path / "m.tmx")]
    )
    assert result.exit_code == 0, result.output
    assert _records(out)[1]["title"] == "Men's Blue Bucket Hat"
    assert "Men's Blue Bucket Hat" in (tmp_path / "m.tmx").read_text(encoding="utf-8")


def test_missing_model_exit_4(models_home: Path, tmp_path: Path) -> None:
    result = runner.invoke(
        app,
        [
            "translate",
            str(_catalog(tmp_path)),
            "--to",
            "ja",
            "--engine",
            "argos",
            "--work-dir",
            str(tmp_path / "w"),
        ],
    )
    assert result.exit_code == 4
    assert "klisting models install ko-ja" in result.output


def test_models_install_from_index_list_remove(
    server, tiny_packages: tuple[Path, Path], models_home: Path
) -> None:
    data = tiny_packages[0].read_bytes()
    server.files["/pkg/translate-ko_en-0_1.argosmodel"] = data
    index = [
        {
            "from_code": "ko",
            "to_code": "en",
            "package_version": "0.1",
            "code": "translate-ko_en",
            "links": ["ipfs://x", f"{server.url}/pkg/translate-ko_en-0_1.argosmodel"],
        },
        {
            "from_code": "en",
            "to_code": "ko",
            "package_version": "0.1",
            "code": "translate-en_ko",
            "links": [],
        },
    ]
    server.files["/index.json"] = json.dumps(index).encode()
    result = runner.invoke(
        app,
        [
            "models",
            "install",
            "ko-en",
            "--index-url",
            f"{server.url}/index.json",
            "--format",
            "json",
        ],
    )
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["name"] == "translate-ko_en-0_1"
    assert not [p for p in models_home.iterdir() if p.name.startswith(".")]  # no temp files left
    listed = json.loads(runner.invoke(app, ["models", "list", "--format", "json"]).stdout)
    assert [p["from"] + "-" + p["to"] for p in listed["packages"]] == ["ko-en"]
    missing = runner.invoke(
        app, ["models", "install", "ko-fr", "--index-url", f"{server.url}/index.json"]
    )
    assert missing.exit_code == 4 and "no package for ko-fr" in missing.output
    assert runner.invoke(app, ["models", "remove", "ko-en"]).exit_code == 0
    assert (
        json.loads(runner.invoke(app, ["models", "list", "--format", "json"]).stdout)["packages"]
        == []
    )
    assert runner.invoke(app, ["models", "remove", "ko-en"]).exit_code == 3


def test_models_install_truncated_download(
    server, tiny_packages: tuple[Path, Path], models_home: Path
) -> None:
    index = [
        {
            "from_code": "ko",
            "to_code": "en",
            "package_version": "0.1",
            "links": [f"{server.url}/p.argosmodel"],
            "size": 999999999,
        }
    ]
    server.files["/index.json"] = json.dumps(index).encode()
    server.files["/p.argosmodel"] = tiny_packages[0].read_bytes()
    result = runner.invoke(
        app, ["models", "install", "ko-en", "--index-url", f"{server.url}/index.json"]
    )
    assert result.exit_code == 5 and "does not match the index" in result.output
    assert not models_home.exists() or not any(models_home.iterdir())


def test_models_install_local_file(tiny_packages: tuple[Path, Path], models_home: Path) -> None:
    result = runner.invoke(app, ["models", "install", str(tiny_packages[1])])
    assert result.exit_code == 0, result.output
    assert (models_home / "translate-en_zt-0_1" / "model" / "model.bin").is_file()
