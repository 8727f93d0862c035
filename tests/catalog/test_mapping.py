"""Header normalisation, content evidence, column maps and what is reported about columns."""

from __future__ import annotations

import pytest

from klisting.catalog import read_catalog
from klisting.catalog.headers import header_keys
from klisting.errors import UsageError
from klisting.validate import validate_catalog


@pytest.mark.parametrize(
    ("header", "plain", "number"),
    [
        ("상세설명 HTML", "상세설명", None),
        ("대표이미지URL", "대표이미지", None),
        ("*상품명(필수)", "상품명", None),
        ("[선택] 브랜드", "브랜드", None),
        ("무게(g)", "무게", None),
        ("판매가\n(원)", "판매가", None),
        ("옵션값1", "옵션값1", 1),
        ("추가이미지 2", "추가이미지2", 2),
    ],
)
def test_header_decorations_are_removed(header, plain, number):
    keys = header_keys(header)
    assert keys.plain == plain
    assert keys.number == number
    if number is not None:
        assert keys.base == plain[: -len(str(number))]


def test_bracketed_words_are_tried_last():
    keys = header_keys("대표(옵션)이미지")
    assert keys.exact == "대표옵션이미지" and keys.unbracketed == "대표이미지"


def test_content_is_evidence_when_the_header_says_nothing(write_csv):
    path = write_csv(
        [
            ["품번", "이름", "가격", "사진", "내용", "코드2"],
            ["A1", "컵", "1000", "https://i.example/1.jpg", "<p>좋은 컵</p>", "8801234567893"],
            ["A2", "접시", "2000", "https://i.example/2.png", "<div>접시</div>", "8801234567893"],
        ]
    )
    catalog = read_catalog(path)
    assert catalog.mapping["사진"] == "image_extra"
    assert catalog.mapping["내용"] == "description"
    assert catalog.mapping["코드2"] == "barcode"
    product = catalog.products[0]
    assert product.images[0].src == "https://i.example/1.jpg"
    assert product.barcode == "8801234567893"


def test_an_axis_word_over_short_lists_is_an_option_axis(write_csv):
    path = write_csv(
        [["상품코드", "상품명", "판매가", "색상선택", "비고"],
         ["A", "컵", "1000", "블랙,화이트", "세척, 건조"], ["B", "접시", "2000", "레드|블루", "없음"]]
    )  # fmt: skip
    catalog = read_catalog(path)
    assert catalog.mapping["색상선택"] == "option_axis" and "비고" not in catalog.mapping
    assert [(a.name, a.values) for a in catalog.products[0].options] == [
        ("색상선택", ["블랙", "화이트"])
    ]


def test_codes_never_become_names(write_csv):
    path = write_csv([["상품코드", "상품명", "판매가", "브랜드"], ["A", "컵", "1000", "B0000000"]])
    catalog = read_catalog(path)
    assert "브랜드" not in catalog.mapping
    assert catalog.products[0].brand == ""
    assert catalog.products[0].attributes["브랜드"] == "B0000000"
    unmapped = [f for f in catalog.read_findings if f.code == "catalog.column-unmapped"]
    assert unmapped[0].severity.value == "warning" and "brand" in unmapped[0].message


def test_unmapped_columns_are_kept_and_reported_once(write_csv):
    path = write_csv(
        [
            ["상품코드", "상품명", "판매가", "메모", "빈칸"],
            ["A", "컵", "1000", "창고 3번", ""],
            ["B", "접시", "2000", "창고 4번", ""],
        ]
    )
    catalog = read_catalog(path)
    assert catalog.products[1].attributes == {"메모": "창고 4번"}
    unmapped = [f for f in catalog.read_findings if f.code == "catalog.column-unmapped"]
    assert len(unmapped) == 1  # 메모 once; the empty 빈칸 column is not reported
    assert unmapped[0].severity.value == "info" and "메모" in unmapped[0].message


def test_a_catalog_without_content_columns_says_what_it_saw(write_csv):
    path = write_csv([["상품코드", "상품명", "판매가", "설명서"], ["A", "컵", "1000", "x"]])
    report = validate_catalog(read_catalog(path))
    absent = {f.field: f for f in report.findings if f.code == "catalog.column-absent"}
    assert absent["description"].severity.value == "warning"
    assert absent["images"].severity.value == "warning"
    assert absent["weight"].severity.value == "info"
    assert "headers seen: 상품코드, 상품명, 판매가, 설명서" in absent["images"].message


def test_column_map_overrides_the_evidence(write_csv):
    path = write_csv([["상품코드", "상품명", "판매가", "설명서"], ["A", "컵", "1000", "손세척"]])
    catalog = read_catalog(path, column_map={"설명서": "description", "상품명": "title"})
    assert catalog.products[0].description == "손세척"
    urls = write_csv(
        [["상품명", "판매가", "설명"], ["컵", "1000", "https://i.example/a.jpg"]], name="u.csv"
    )
    assert read_catalog(urls).mapping["설명"] == "image_detail"  # the evidence redirects ...
    forced = read_catalog(urls, column_map={"설명": "description"})
    assert forced.mapping["설명"] == "description"  # ... the seller's map does not get redirected
    kept = read_catalog(path, column_map={"상품명": "attribute"})
    assert kept.products[0].title == "" and kept.products[0].attributes["상품명"] == "컵"


def test_column_map_errors_name_the_problem(write_csv):
    path = write_csv([["상품코드", "상품명", "판매가"], ["A", "컵", "1000"]])
    with pytest.raises(UsageError, match="'titel' is not a field"):
        read_catalog(path, column_map={"상품명": "titel"})
    with pytest.raises(UsageError, match="not a header of this file"):
        read_catalog(path, column_map={"제목": "title"})
