"""Korean semantics in cells: net content, 근/돈, 해당없음, guide rows, implausible prices."""

from __future__ import annotations

from klisting.catalog import read_catalog
from klisting.validate import validate_catalog


def _one(write_csv, header: list[str], row: list[str]):
    catalog = read_catalog(write_csv([["상품코드", "상품명", "판매가", *header], ["A", *row]]))
    return catalog, catalog.products[0]


def test_net_content_takes_a_mass_without_an_error(write_csv):
    catalog, product = _one(write_csv, ["용량"], ["수분크림", "10000", "120g"])
    assert product.volume == "" and product.weight == ""  # a net mass is not the shipping weight
    assert product.attributes["용량"] == "120g"
    report = validate_catalog(catalog)
    codes = {f.code for f in report.findings}
    assert "quantity.wrong-kind" not in codes and "catalog.mass-in-volume-column" in codes


def test_a_volume_under_jungryang_is_the_volume(write_csv):
    _, product = _one(write_csv, ["중량"], ["생수", "1000", "500ml"])
    assert product.volume == "500ml" and product.weight == ""


def test_geun_follows_the_category(write_csv):
    _, meat = _one(write_csv, ["카테고리", "무게"], ["한우 등심", "50000", "축산>소고기", "1근"])
    assert meat.weight == "600g" and meat.raw["weight"] == "1근"
    _, produce = _one(write_csv, ["카테고리", "무게"], ["햇감자", "9000", "채소>감자", "2근"])
    assert produce.weight == "750g"
    _, don = _one(write_csv, ["무게"], ["금반지", "300000", "3.75돈"])
    assert don.weight == "14.0625g"


def test_ambiguous_geun_is_kept_and_flagged(write_csv):
    catalog, product = _one(write_csv, ["무게"], ["선물세트", "30000", "1근"])
    assert product.weight == "" and product.attributes["무게"] == "1근"
    report = validate_catalog(catalog)
    flagged = [f for f in report.findings if f.code == "quantity.unit-unresolved"]
    assert flagged and "600 g for meat" in flagged[0].message
    assert "quantity.unparseable" not in {f.code for f in report.findings}


def test_none_words_mean_none(write_csv):
    _, product = _one(
        write_csv, ["브랜드", "인증정보", "모델명"], ["컵", "1000", "해당없음", "N/A", "없음"]
    )
    assert product.brand == "" and product.certifications == [] and product.model == ""


def test_absurd_prices_are_refused(write_csv):
    catalog = read_catalog(
        write_csv(
            [
                ["상품코드", "상품명", "판매가"],
                ["A", "컵", "9" * 400],
                ["B", "컵", "1e309"],
                ["C", "컵", "2000000000"],
            ]
        )
    )
    report = validate_catalog(catalog)
    by_row = {(f.row, f.code) for f in report.findings}
    assert (2, "price.not-a-number") in by_row and (3, "price.not-a-number") in by_row
    assert (4, "price.implausible") in by_row


def test_json_infinity_price_is_a_finding_not_a_traceback(tmp_path):
    path = tmp_path / "c.json"
    path.write_text('[{"sku": "A", "title": "컵", "price": 1e309, "weight": "-2kg"}]')
    report = validate_catalog(read_catalog(path))
    codes = {f.code for f in report.findings}
    assert "price.not-a-number" in codes and "quantity.not-positive" in codes
