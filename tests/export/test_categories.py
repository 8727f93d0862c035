"""``klisting categories``: unmapped catalog categories with product counts and candidates."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from klisting.cli.app import app
from klisting.export.categories import suggest

runner = CliRunner()
ROWS = [
    ["상품코드", "상품명", "판매가", "카테고리"],
    ["A1", "수분 토너", "15000", "화장품/미용>스킨케어>스킨/토너"],
    ["A2", "진정 토너", "16000", "화장품/미용>스킨케어>스킨/토너"],
    ["A3", "립스틱", "9000", "메이크업>립스틱"],
    ["A4", "샴푸", "9000", "헤어케어>샴푸"],
]


def test_unmapped_categories_are_counted_with_candidates(write_csv, tmp_path) -> None:
    catalog = write_csv(ROWS)
    project = tmp_path / "klisting.yaml"
    project.write_text(
        "targets: [shopee:tw, shopify:us]\ncategories:\n  메이크업>립스틱: {shopee: 100664, shopify: hb-3-2-6-5-6}\n",
        encoding="utf-8",
    )
    result = runner.invoke(
        app, ["categories", str(catalog), "-c", str(project), "--format", "json"]
    )
    assert result.exit_code == 1, result.output
    rows = {row["category"]: row for row in json.loads(result.stdout)["categories"]}
    toner = rows["화장품/미용>스킨케어>스킨/토너"]
    assert toner["products"] == 2 and toner["unmapped"] == ["shopee:tw", "shopify:us"]
    assert toner["candidates"][0]["id"] == "hb-3-2-9-17"
    assert rows["메이크업>립스틱"]["unmapped"] == [] and rows["메이크업>립스틱"]["candidates"] == []
    assert rows["헤어케어>샴푸"]["candidates"] == []  # nothing in the shipped subset: no guess
    assert list(rows) == ["화장품/미용>스킨케어>스킨/토너", "메이크업>립스틱", "헤어케어>샴푸"]


def test_all_mapped_exits_0(write_csv, tmp_path) -> None:
    catalog = write_csv(ROWS[:2])
    project = tmp_path / "klisting.yaml"
    project.write_text(
        "categories:\n  화장품/미용>스킨케어>스킨/토너: {shopee: 100630}\n", encoding="utf-8"
    )
    result = runner.invoke(app, ["categories", str(catalog), "-c", str(project), "-t", "shopee:tw"])
    assert result.exit_code == 0, result.output
    assert "0 unmapped" in result.output


def test_a_word_inside_a_longer_term_is_not_matched_twice() -> None:
    # 스킨케어 is "skincare"; its 스킨 ("toner") must not pull toners into a serum's candidates
    ids = [c.id for c in suggest("화장품/미용>스킨케어>에센스/세럼")]
    assert ids == ["hb-3-2-9-21"]


def test_sharing_only_a_department_word_is_no_candidate() -> None:
    # 욕실용품 ("bathroom supplies") shares only "supplies/accessories" with nail-art kits
    assert suggest("생활/건강>욕실용품>발매트") == []
