"""Segmentation, protection, HTML splitting and title fitting as units."""

from __future__ import annotations

import re

import pytest

from klisting.translate.fit import fit_title
from klisting.translate.htmltext import join_html, looks_like_html, split_html
from klisting.translate.protect import Protector, restore, split_around
from klisting.translate.segment import split_segments


@pytest.mark.parametrize(
    ("text", "sentences"),
    [
        ("가볍습니다. 튼튼해요!", ["가볍습니다.", "튼튼해요!"]),
        ("세탁 가능합니다.교환은 7일 이내", ["세탁 가능합니다.", "교환은 7일 이내"]),
        ("무게 1.5kg 입니다", ["무게 1.5kg 입니다"]),
        ("첫 줄\n\n둘째 줄", ["첫 줄", "둘째 줄"]),
    ],
)
def test_split_segments(text: str, sentences: list[str]) -> None:
    pairs = split_segments(text)
    assert "".join(a + b for a, b in pairs) == text
    assert [a for a, _ in pairs if a] == sentences


def test_kiwi_splitter_round_trips() -> None:
    text = "이 상품은 튼튼합니다 세탁기 사용이 가능합니다"
    pairs = split_segments(text, "kiwi")
    assert "".join(a + b for a, b in pairs) == text
    assert len([a for a, _ in pairs if a]) == 2


def test_mask_and_restore() -> None:
    protector = Protector(keep=("Nike",), terms={"정품": "authentic"})
    masked = protector.mask("Nike 정품 운동화 AB-1234 https://a.kr/x?y=1 NikeLab")
    assert masked.text == "⟦0⟧ ⟦1⟧ 운동화 ⟦2⟧ ⟦3⟧ NikeLab"
    assert (
        restore("⟦0⟧ ⟦ 1 ⟧ sneakers ⟦2⟧ ⟦3⟧ NikeLab", masked)
        == "Nike authentic sneakers AB-1234 https://a.kr/x?y=1 NikeLab"
    )
    assert restore("⟦0⟧ sneakers ⟦2⟧ ⟦3⟧", masked) is None  # one lost
    assert restore("⟦0⟧ ⟦0⟧ ⟦1⟧ ⟦2⟧ ⟦3⟧", masked) is None  # one doubled
    assert split_around(masked)[:3] == [0, " ", 1]


def test_quantities_protected() -> None:
    masked = Protector().mask("총장 68cm 무게 1.2kg 용량 500ml")
    assert sorted(masked.restore.values()) == ["1.2kg", "500ml", "68cm"]


def test_html_split_join_identity() -> None:
    doc = '<p class="a">가방 &lt;3</p><br><img src="a.jpg"><style>p{}</style>텍스트'
    parts = split_html(doc)
    assert join_html(parts, {}) == doc
    assert [p.text for p in parts if p.translatable] == ["가방 <3", "텍스트"]
    assert looks_like_html(doc) and not looks_like_html("a < b")


def test_fit_title_steps() -> None:
    title = "Best Red Bag Red Bag Women Tote Free Shipping"
    fitted, steps = fit_title(title, 30)
    assert (fitted, steps) == ("Red Bag Red Bag Women Tote", ["filler"])
    fitted, steps = fit_title(title, 22)
    assert (fitted, steps) == ("Red Bag Women Tote", ["filler", "repeats"])
    assert fit_title("Short", 30) == ("Short", [])
    cut, steps = fit_title("Alpha Beta Gamma Delta Epsilon", 14)
    assert cut == "Alpha Beta" and steps == ["cut"]


def test_fit_title_keeps_quantities_whole() -> None:
    title = "Diatomite bath mat 23.6 x 15.7 in (60 x 40 cm) quick dry bath mat"
    fitted, steps = fit_title(title, 50)
    assert fitted == "Diatomite bath mat 23.6 x 15.7 in quick dry"
    assert steps == ["repeats", "parentheses"]
    fitted, _ = fit_title("Organic brown rice crisp 10.6 oz (300 g) x 5 bags", 36)
    assert fitted.count("(") == fitted.count(")") and len(fitted) <= 36


def test_washing_temperatures_are_celsius_not_bare_degrees(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """'30도 이하 물' drafted as '30° or less' reads as 30 °F (freezing) on a US listing."""
    from klisting.translate.service import TranslationService

    service = TranslationService("glossary", tmp_path)
    [us] = service.translate_texts(["30도 이하 미지근한 물에 세탁하세요."], "en", market="us")
    assert "86 °F (30 °C)" in us.text and "30°" not in us.text
    [frozen] = service.translate_texts(["영하 18도 이하 보관"], "ja", market="jp")
    assert "-18 °C" in frozen.text
    [angle] = service.translate_texts(["90도 회전"], "en", market="us")
    assert "°F" not in angle.text


def test_comma_grouped_thousands_follow_a_decimal_comma_market(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """'10,000mAh' kept as written in a Spanish listing reads as ten mAh."""
    from klisting.translate.service import TranslationService

    service = TranslationService("glossary", tmp_path)
    [bank] = service.translate_texts(["10,000mAh 보조배터리"], "es", market="es")
    assert "10.000mAh" in bank.text and "10,000" not in bank.text
    [price] = service.translate_texts(["정가 39,000원"], "es", market="es")
    assert "39.000 KRW" in price.text  # the currency is never dropped
    [each] = service.translate_texts(["5,000원 할인"], "es", market="es")
    assert "5.000 KRW" in each.text
    [listed] = service.translate_texts(["사이즈 230,240"], "es", market="es")
    assert "230,240" in listed.text  # a list or one number: not guessed
    [us] = service.translate_texts(["10,000mAh 보조배터리"], "en", market="us")
    assert "10,000mAh" in us.text


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("가격은 39,000원이에요.", "39.000 KRW"),  # won with the copula after it
        ("3,000원부터 시작", "3.000 KRW"),  # and with a particle
        ("배송비 3,000원입니다", "3.000 KRW"),
        ("누적 판매 10,000개 돌파", "10.000"),  # a count before a Korean word
    ],
)
@pytest.mark.parametrize("market", ["es", None])
def test_grouped_numbers_read_right_in_a_decimal_comma_language(
    tmp_path, source: str, expected: str, market: str | None
) -> None:  # type: ignore[no-untyped-def]
    """'39,000' reads as thirty-nine in Spanish, whether or not a market was given (`klisting
    translate --to es`): the language decides how a reader takes the comma."""
    from klisting.translate.service import TranslationService

    service = TranslationService("glossary", tmp_path)
    [found] = service.translate_texts([source], "es", market=market)
    assert expected in found.text and not re.search(r"\d,\d{3}", found.text), found.text
    [english] = service.translate_texts([source], "en")
    assert re.search(r"\d,\d{3}", english.text), english.text  # a point-decimal language keeps it
