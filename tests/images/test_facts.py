"""Facts in image text are trusted only when read twice; translations must carry the same facts."""

from __future__ import annotations

import pytest

from klisting.images.complete import dedupe_quantities, incomplete_reason
from klisting.images.facts import FactToken, agreed, catalog_facts, fact_tokens, resolve_word
from klisting.images.pipeline import Reviewed, translate_blocks
from klisting.images.sidecar import Block, Doubt


@pytest.mark.parametrize(
    ("word", "tokens"),
    [
        ("500ml", [FactToken("500ml", "whole")]),
        ("12시간", [FactToken("12", "start")]),
        ("용량500ml", [FactToken("500ml", "end")]),
        ("KC인증", [FactToken("KC", "start")]),
        ("보온", []),
    ],
)
def test_fact_tokens_name_the_edge_of_the_word(word, tokens):
    assert fact_tokens(word) == tokens


@pytest.mark.parametrize(
    ("first", "others", "value"),
    [
        ("500ml", ["500ml"], "500ml"),  # two readings agree
        ("3508", ["35dB"], None),  # 35dB misread: no agreement, no fact
        ("3508", ["35dB", "35dB"], "35dB"),  # both English readings agree
        ("500mI", ["500mI"], None),  # agreement on a token that is no unit is no fact
        ("12시간", ["12A|2t"], "12"),  # the number before Hangul: digits compared only
        ("2개", ["274"], None),  # the counter read as digits: "274" is not "2"
        ("6인증", ["KCAS", "KCUS"], None),  # KC read as 6: disagreement
        ("2|30|S", ["2|30|S"], None),  # identical noise is still noise
    ],
)
def test_agreement_needs_two_identical_clean_readings(first, others, value):
    [token] = fact_tokens(first)
    assert agreed(token, others) == value


def test_resolve_writes_the_agreed_value_and_records_doubts():
    assert resolve_word("16", ["1kg", "1kg"]) == ("1kg", [])
    text, doubts = resolve_word("3508", ["35dB", "3508"])
    assert text == "3508" and doubts[0].token == "3508" and doubts[0].readings == ["35dB", "3508"]


def test_catalog_facts_come_from_the_products_own_texts():
    facts = catalog_facts(["저소음 가습기 35dB 3L", "KC인증", "1.2 kg"])
    assert {"35dB", "3L", "KC", "1.2kg"} <= facts


@pytest.mark.parametrize(
    ("source", "text", "problem"),
    [
        ("개봉 후 냉동 보관을 권장합니다", "after opening keep frozen 권장합니다", "Korean"),
        ("무향료 제품", "Muhyangnyo product", "romanised"),
        ("용량 150ml", "Capacity 5.07 fl oz (150 ml)", None),
        ("리튬이온 배터리", "2]60/2 battery", "states 2"),
        ("중량 1kg", "weight 1166", "states 1166"),
        ("용량 150ml 대용량", "Large capacity", "drops 150"),
        ("세일 진행중", "Sale in progr…", "truncated"),
        ("비타민C 세럼", "vitamin serum", "drops C"),
        ("비타민C 크림", "vitamin cream", "drops C"),
        ("비타민C 세럼 500ml", "vitamin C serum 16.9 fl oz (500 ml)", None),
        ("SPF50+ PA++++ 선크림", "SPF50+ PA++++ sunscreen", None),
    ],
)
def test_incomplete_translations_are_refused(source, text, problem):
    reason = incomplete_reason(source, text, "us")
    assert (reason is None) if problem is None else (problem in (reason or "")), reason


def test_names_may_be_romanised_common_compounds_may_not():
    from klisting.images.spelling import dictionary_words

    if not dictionary_words():
        pytest.skip("hunspell-ko is not installed (the Makefile's APT_PACKAGES installs it)")
    assert incomplete_reason("제주 감귤", "Jeju tangerines") is None
    assert "romanised" in incomplete_reason("무향료 크림", "Muhyangnyo cream")


def test_a_person_may_fix_a_number_the_ocr_misread():
    assert incomplete_reason("소음 3508", "Noise 35 dB", "us", human=True) is None
    assert incomplete_reason("소음 3508", "Noise 35 dB 저소음", "us", human=True)


def test_a_quantity_stated_twice_is_rendered_once():
    assert dedupe_quantities("1.32 lb (600 g) 1.32 lb (600 g)") == "1.32 lb (600 g)"
    assert dedupe_quantities("2 x 1.32 lb (600 g)") == "2 x 1.32 lb (600 g)"


def _doubtful(source: str, token: str, reading: str) -> Block:
    """A block whose ``token`` another reading saw as ``reading``."""
    return Block(
        id=3,
        source=source,
        bbox=[0, 0, 90, 30],
        line_boxes=[[0, 0, 90, 30]],
        confidence=90,
        line_height=30,
        doubts=[Doubt(token=token, edge="whole", readings=[reading])],
    )


def test_a_reviewed_translation_settles_a_doubtful_number():
    machine = _doubtful("3508 저소음", "3508", "35dB")
    [found] = translate_blocks([machine], lambda texts: ["3508 low noise"], image="a.jpg")
    assert (machine.status, machine.translation) == ("uncertain", None)
    assert (
        found.code == "image.text-uncertain"
        and "a.jpg" in found.location
        and "3508" in found.message
    )
    person = _doubtful("3508 저소음", "3508", "35dB")
    assert translate_blocks([person], lambda texts: [Reviewed("35 dB low noise")]) == []
    assert (person.status, person.translation) == ("translated", "35 dB low noise")


def test_product_facts_settle_a_doubt_and_write_the_agreed_reading():
    block = _doubtful("용량 15011", "15011", "150ml")
    facts = catalog_facts(["수분 토너 150ml"])
    translate_blocks(
        [block], lambda texts: [t.replace("용량", "Capacity") for t in texts], facts=facts
    )
    assert block.source == "용량 150ml" and block.translation == "Capacity 150ml"


def test_a_number_the_reading_split_from_its_hangul_counter_is_compared_by_its_digits():
    """``30매`` read as words ``30`` + ``매``: the eng crop sees ``300}``, which is not 30."""
    [token] = fact_tokens("30", hangul_after=True)
    assert token.edge == "start"
    assert agreed(token, ["300}", "300}"]) is None
    assert agreed(token, ["30A|"]) == "30"  # the Hangul read as letters: digits agree
