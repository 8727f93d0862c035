"""An offline `klisting run`: complete products are exported, the others wait in a review sheet
next to the bundle, and `--apply-review` finishes them on the next run."""

from __future__ import annotations

import json
from pathlib import Path

from openpyxl import load_workbook

from klisting.pipeline.run import RunOptions, run


def _catalog(folder: Path) -> Path:
    def product(sku: str, title: str, description: str) -> dict[str, object]:
        return {
            "상품코드": sku,
            "상품명": title,
            "판매가": "18900",
            "재고수량": 20,
            "카테고리": "화장품/미용>스킨케어",
            "브랜드": "하루담",
            "원산지": "국산",
            "중량": "620g",
            "크기": "7x7x21cm",
            "상세설명": description,
        }

    folder.mkdir(parents=True, exist_ok=True)
    products = [
        product(
            "DONE-1", "수분 진정 토너 500ml 대용량", "<p>보관 방법: 서늘한 곳에 보관하세요</p>"
        ),
        product("TODO-1", "몽글몽글 토너 500ml", "<p>꾸덕몽실한 피부결</p>"),
    ]
    path = folder / "catalog.json"
    path.write_text(json.dumps({"products": products}, ensure_ascii=False), encoding="utf-8")
    return path


def _options(catalog: Path, tmp_path: Path, apply_review: bool = False) -> RunOptions:
    return RunOptions(
        catalog=catalog,
        targets=["shopee:tw"],
        out_dir=tmp_path / "out",
        work_dir=tmp_path / "work",
        engine="glossary",
        images=False,
        apply_review=apply_review,
    )


def test_offline_run_exports_complete_products_and_writes_the_review_sheet(tmp_path: Path) -> None:
    catalog = _catalog(tmp_path / "in")
    first = run(_options(catalog, tmp_path))
    bundle = first.bundles[0]
    assert bundle.exported == ["DONE-1"] and list(bundle.refused) == ["TODO-1"]
    [sheet] = first.pending_reviews
    assert sheet.path == tmp_path / "out" / "review-zh-Hant.xlsx" and sheet.skus == ("TODO-1",)
    book = load_workbook(sheet.path)
    rows = list(book.active.iter_rows(min_row=2))
    assert {row[1].value for row in rows} == {"TODO-1"}
    finals = {
        "몽글몽글 토너 500ml": "柔滑化妝水 500ml",
        "<p>꾸덕몽실한 피부결</p>": "<p>清爽膚質</p>",
    }
    for row in rows:
        row[5].value = finals.get(row[3].value)
    book.save(sheet.path)

    second = run(_options(catalog, tmp_path, apply_review=True))
    assert second.reviews_applied == 2
    assert sorted(second.bundles[0].exported) == ["DONE-1", "TODO-1"]
    assert second.pending_reviews == []
    listing = json.loads((tmp_path / "out" / "shopee-tw" / "add_item.json").read_text())
    names = [item["add_item"]["item_name"] for item in listing["items"]]
    assert "柔滑化妝水 500ml" in names


def test_cli_names_the_sheet_and_takes_apply_review(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from klisting.cli.app import app

    catalog = _catalog(tmp_path / "in")
    args = ["run", str(catalog), "-t", "shopee:tw", "-e", "glossary", "--no-images"]
    args += ["-o", str(tmp_path / "out"), "--work-dir", str(tmp_path / "work")]
    first = CliRunner().invoke(app, args)
    assert first.exit_code == 1  # one product refused, waiting for review
    assert "1 product waits for review (zh-Hant)" in first.output
    assert "review-zh-Hant.xlsx" in first.output
    again = CliRunner().invoke(app, [*args, "--apply-review", "--format", "json"])
    summary = json.loads(again.stdout)
    assert summary["reviews_applied"] == 0  # nothing filled yet: nothing locked
    assert summary["pending_reviews"][0]["products"] == 1
