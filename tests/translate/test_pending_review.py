"""Products whose text is incomplete get a review sheet; filling it finishes them on the next run."""

from __future__ import annotations

from pathlib import Path

from openpyxl import load_workbook

from klisting.model import OptionAxis, Product, SourceLocation
from klisting.translate.pending import (
    apply_pending_reviews,
    find_pending_reviews,
    incomplete_reasons,
    write_pending_reviews,
)
from klisting.translate.service import TranslationService


def _products() -> list[Product]:
    def product(sku: str, title: str, description: str, options: list[OptionAxis]) -> Product:
        return Product(
            SourceLocation("c.csv", 2),
            sku=sku,
            title=title,
            description=description,
            options=options,
        )

    return [
        product("OK-1", "여성 블랙 니트 가디건", "보관 방법: 서늘한 곳에 보관하세요", [OptionAxis("색상", ["블랙"])]),
        product("TODO-1", "하늘빛 가디건", "정성을 담아 만든 꾸덕몽실한 가디건", [OptionAxis("크기", ["중", "왕특대"])]),
    ]  # fmt: skip


def test_only_incomplete_products_go_to_the_sheet(tmp_path: Path) -> None:
    service = TranslationService("glossary", tmp_path / "work")
    records = service.translate_products(_products(), "zh-Hant")
    assert incomplete_reasons(records[0].to_json()) == []
    assert incomplete_reasons(records[1].to_json())[0].startswith("still in Korean")
    sheets = write_pending_reviews(tmp_path / "shopee-tw", [r.to_json() for r in records])
    assert [(s.lang, s.skus) for s in sheets] == [("zh-Hant", ("TODO-1",))]
    assert sheets[0].path.name == "review-zh-Hant.xlsx"
    rows = list(load_workbook(sheets[0].path).active.iter_rows(values_only=True))
    assert rows[0][-1] == "problem"
    fields = {(row[2], row[3]): row[-1] for row in rows[1:]}
    assert set(fields) == {
        ("title", "하늘빛 가디건"),
        ("description", "정성을 담아 만든 꾸덕몽실한 가디건"),
        ("option_name", "크기"),
        ("option_value", "중"),
        ("option_value", "왕특대"),
    }
    assert "꾸덕몽실한" in fields[("description", "정성을 담아 만든 꾸덕몽실한 가디건")]
    assert not fields[("option_value", "중")]  # complete fields say nothing


def test_filled_sheet_finishes_the_product_on_the_next_run(tmp_path: Path) -> None:
    service = TranslationService("glossary", tmp_path / "work")
    records = service.translate_products(_products(), "zh-Hant")
    sheet = write_pending_reviews(tmp_path / "shopee-tw", records)[0].path
    book = load_workbook(sheet)
    finals = {
        "하늘빛 가디건": "天藍色開襟衫",
        "정성을 담아 만든 꾸덕몽실한 가디건": "用心製作的柔軟開襟衫",
        "왕특대": "XXL",
    }
    for row in book.active.iter_rows(min_row=2):
        if row[3].value in finals:
            row[5].value = finals[row[3].value]
    book.save(sheet)
    assert find_pending_reviews(tmp_path) == [sheet]
    before = service.cache_tag("zh-Hant")
    assert apply_pending_reviews(find_pending_reviews(tmp_path), service.memory) == 3
    assert service.cache_tag("zh-Hant") != before  # cached product texts are not reused
    assert service.cache_tag("en") == service.cache_tag("en")
    again = service.translate_products(_products(), "zh-Hant")[1]
    assert again.title == "天藍色開襟衫" and again.untranslated == []
    assert again.options == [{"name": "尺寸", "values": ["M", "XXL"]}]
    assert incomplete_reasons(again.to_json()) == []


def test_a_filled_sheet_is_never_overwritten(tmp_path: Path) -> None:
    service = TranslationService("glossary", tmp_path / "work")
    records = service.translate_products(_products(), "zh-Hant")
    sheet = write_pending_reviews(tmp_path, records)[0].path
    book = load_workbook(sheet)
    book.active.cell(2, 6).value = "天藍色開襟衫"
    book.save(sheet)
    again = write_pending_reviews(tmp_path, records)[0]  # a run without --apply-review
    assert again.kept and again.rows == 1
    assert load_workbook(sheet).active.cell(2, 6).value == "天藍色開襟衫"


def test_image_blocks_join_their_products_sheet(tmp_path: Path) -> None:
    # a product whose text is complete but whose image still shows Korean is refused by the
    # export gates as well: it waits for review with its image blocks
    service = TranslationService("glossary", tmp_path / "work")
    records = service.translate_products(_products(), "zh-Hant")
    blocks = [
        ("zh-Hant", "TODO-1", "image a.jpg#block-1", "냉장 보관 금지", "", "", "review"),
        (
            "zh-Hant",
            "OK-1",
            "image b.jpg#block-2",
            "세탁 불가",
            "",
            "",
            "review",
            "Korean left in the translation",
        ),  # complete text, Korean left in its image
        (
            "ja",
            "TODO-1",
            "image a.jpg#block-1",
            "냉장 보관 금지",
            "",
            "",
            "review",
        ),  # other language
    ]
    sheet = write_pending_reviews(tmp_path, records, blocks)[0]
    rows = list(load_workbook(sheet.path).active.iter_rows(min_row=2, values_only=True))
    images = [row for row in rows if str(row[2]).startswith("image ")]
    assert images == [
        ("zh-Hant", "TODO-1", "image a.jpg#block-1", "냉장 보관 금지", None, None, "review", None),
        ("zh-Hant", "OK-1", "image b.jpg#block-2", "세탁 불가", None, None, "review",
         "Korean left in the translation"),
    ]  # fmt: skip
    assert set(sheet.skus) == {"TODO-1", "OK-1"}
