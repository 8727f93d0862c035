"""The meaning guard: negations, numbers and units survive, or the source is kept and flagged."""

from __future__ import annotations

from pathlib import Path

import pytest

from klisting.model.codes import CODES
from klisting.translate.guard import MEANING_CHECK, has_negation, meaning_problems
from klisting.translate.service import TranslationService
from tests.translate.conftest import FakeEngine


@pytest.mark.parametrize(
    "source",
    ["냉장 보관 금지", "조립 불필요", "교환 불가", "배터리 미포함", "향료 없음", "무알콜 토너",
     "번지지 않아요", "사용하지 마세요", "안 번져요", "무료배송", "물세탁 불가능",
     "이 제품은 방수가 아닙니다", "정품이 아닌 경우 환불", "식품 아님", "유아 사용 비추천",
     "단품 구매 시 박스 미제공", "불량이 아니에요"],
)  # fmt: skip
def test_korean_negations_are_seen(source: str) -> None:
    assert has_negation(source)


@pytest.mark.parametrize(
    "source",
    ["무늬 원피스", "무게 280g", "안쪽 주머니", "가방 안에 넣기", "냉장 보관", "미니 원피스",
     "미백 크림", "천연 비누", "비타민 세럼", "피아니스트 추천", "미세먼지 차단"],
)  # fmt: skip
def test_words_that_only_look_negative_are_not(source: str) -> None:
    assert not has_negation(source)


@pytest.mark.parametrize(
    ("target", "kept", "lost"),
    [
        ("en", "do not refrigerate", "keep refrigerated"),
        ("zh-Hant", "請勿冷藏", "冷藏保存"),
        ("ja", "冷蔵保存不可", "冷蔵保存"),
        ("es", "no refrigerar", "mantener refrigerado"),
        ("th", "ห้ามแช่เย็น", "แช่เย็น"),
        ("vi", "không bảo quản lạnh", "bảo quản lạnh"),
        ("id", "jangan disimpan di lemari es", "simpan di lemari es"),
        ("ms", "jangan simpan dalam peti sejuk", "simpan dalam peti sejuk"),
    ],
)
def test_negation_must_survive_in_every_language(target: str, kept: str, lost: str) -> None:
    assert meaning_problems("냉장 보관 금지", kept, target) == []
    assert meaning_problems("냉장 보관 금지", lost, target) == ["negation lost"]


def test_numbers_counts_and_units() -> None:
    assert meaning_problems("30ml 2개 세트", "30 ml set of 2", "en") == []
    assert meaning_problems("30ml 2개 세트", "30ml set of 3", "en") == [
        "number 2 missing",
        "number 3 added",
    ]
    assert meaning_problems("500ml 대용량", "500 g large", "en") == ["unit 500ml lost"]
    assert meaning_problems("한 개", "1 pc", "en") == []  # native numbers may become digits
    # placeholders carry their own text: the guard reads only what the engine wrote
    assert meaning_problems("⟦0⟧ 빨간 가방", "red ⟦0⟧ bag", "en") == []


def test_refused_translation_keeps_source_with_finding(tmp_path: Path) -> None:
    engine = FakeEngine()
    engine.WORDS = {**FakeEngine.WORDS, "냉장 보관 금지": "keep refrigerated", "2개": "3 pcs"}
    service = TranslationService(engine, tmp_path, use_termbase=False)
    out = service.translate_texts(["냉장 보관 금지", "빨간 가방 2개", "빨간 가방"], "en")
    assert [t.text for t in out] == ["냉장 보관 금지", "빨간 가방 2개", "red bag"]
    finding = out[0].findings[0]
    assert finding.code == MEANING_CHECK and MEANING_CHECK in CODES
    assert "'냉장 보관 금지' -> 'keep refrigerated'" in finding.message
    assert "negation lost" in finding.message
    assert "meaning-check" in out[0].flags and "kept-source" in out[0].flags
    assert "number 2 missing" in out[1].findings[0].message
    assert service.stats.meaning_checks == 2
    # a refused output is not remembered: the next run asks again
    assert service.memory.get_many({"냉장 보관 금지"}, _seg_key(service, engine)) == {}


def _seg_key(service: TranslationService, engine: FakeEngine):  # type: ignore[no-untyped-def]
    import dataclasses

    from klisting.translate.memory import MemoryKey

    key = MemoryKey("ko", "en", engine.id, engine.version, service.glossary_hash("en"), "")
    return dataclasses.replace(key, context="seg")


@pytest.mark.parametrize(
    ("source", "output", "target"),
    [
        ("냉장 보관", "do not refrigerate", "en"),  # the source negates nothing
        ("냉장 보관", "請勿冷藏", "zh-Hant"),
        ("냉장 보관", "no refrigerar", "es"),
        ("냉장 보관", "nicht kühlen", "de"),
    ],
)
def test_a_negation_the_source_does_not_have_is_refused(
    source: str, output: str, target: str
) -> None:
    assert meaning_problems(source, output, target) == ["negation added"]


@pytest.mark.parametrize(
    ("source", "output", "target"),
    [("스테인리스 텀블러", "stainless tumbler", "en"), ("스테인리스 텀블러", "不鏽鋼保溫杯", "zh-Hant"),
     ("글루텐 프리 쿠키", "gluten-free cookies", "en"), ("노브랜드 티셔츠", "No Brand T-shirt", "en")],
)  # fmt: skip
def test_words_that_only_look_negative_in_the_output_pass(
    source: str, output: str, target: str
) -> None:
    assert meaning_problems(source, output, target) == []


def test_each_clause_keeps_its_own_negation() -> None:
    source = "알코올 무첨가, 향료 첨가"
    assert meaning_problems(source, "alcohol-free, fragrance added", "en") == []
    assert meaning_problems(source, "alcohol added, no fragrance", "en") == [
        "negation lost in part 1"
    ]
    assert meaning_problems("무료배송, 당일 발송", "shipping, not same-day", "en") == [
        "negation lost in part 1"
    ]
    assert meaning_problems("당일 발송, 교환 불가", "not same-day, exchange impossible", "en") == [
        "negation moved to part 1"
    ]
    # merged or reordered clauses: only the segment as a whole can be checked
    assert meaning_problems(source, "fragrance added and no alcohol", "en") == []


@pytest.mark.parametrize(
    ("target", "kept", "lost"),
    [("de", "nicht im Kühlschrank lagern", "im Kühlschrank lagern"),
     ("fr", "ne pas réfrigérer", "conserver au réfrigérateur"),
     ("pt", "não refrigerar", "manter refrigerado")],
)  # fmt: skip
def test_negation_tables_for_european_languages(target: str, kept: str, lost: str) -> None:
    assert meaning_problems("냉장 보관 금지", kept, target) == []
    assert meaning_problems("냉장 보관 금지", lost, target) == ["negation lost"]


def test_is_not_and_not_recommended_must_survive() -> None:
    """'방수가 아닙니다' drafted as 'product waterproof' says the opposite: refused."""
    assert meaning_problems("이 제품은 방수가 아닙니다", "product waterproof", "en") == [
        "negation lost"
    ]
    assert meaning_problems("유아 사용 비추천", "toddler use 비 recommended", "en")
    assert meaning_problems("단품 구매 시 박스 미제공", "single item 박스 미 provided", "en")
    assert (
        meaning_problems("이 제품은 방수가 아닙니다", "this product is not waterproof", "en") == []
    )


def test_a_field_kept_under_an_older_guard_is_checked_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A field translated before the guard learned a negation is not served from memory."""
    from klisting.translate import guard

    engine = FakeEngine()
    engine.WORDS = {**FakeEngine.WORDS, "방수가 아닙니다": "waterproof"}
    service = TranslationService(engine, tmp_path, use_termbase=False)
    monkeypatch.setattr("klisting.translate.runner.meaning_problems", lambda *a: [])
    tag = service.cache_tag("en")
    assert service.translate_texts(["방수가 아닙니다"], "en")[0].text == "waterproof"
    monkeypatch.undo()
    monkeypatch.setattr(guard, "GUARD_REVISION", "test-next")
    assert service.cache_tag("en") != tag  # cached products are redone as well
    again = service.translate_texts(["방수가 아닙니다"], "en")[0]
    assert again.text == "방수가 아닙니다" and "meaning-check" in again.flags


@pytest.mark.parametrize(
    ("source", "refused", "kept"),
    [
        ("비건 인증 예정", "vegan certified 예정", "vegan certification planned"),
        (
            "친환경 인증 준비 중",
            "eco-friendly certified 준비",
            "eco-friendly certification in progress",
        ),
        ("특허 출원 중", "patented", "patent pending"),
    ],
)
def test_a_pending_claim_is_not_made_final(source: str, refused: str, kept: str) -> None:
    assert meaning_problems(source, refused, "en") == ["pending claim made final"]
    assert meaning_problems(source, kept, "en") == []
    assert meaning_problems("비건 인증 완료", "vegan certified", "en") == []
    assert meaning_problems("할인 진행 중", "sale on now", "en") == []  # no claim in it
