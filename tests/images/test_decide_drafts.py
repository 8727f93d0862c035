"""Only a translation a seller can stand behind is drawn: a person's, an engine's, a whole term."""

from __future__ import annotations

from klisting.images.complete import incomplete_reason
from klisting.images.decide import Draft, Reviewed, translate_blocks
from klisting.images.sidecar import Block


def _block(source: str) -> Block:
    return Block(
        id=0, source=source, bbox=[10, 10, 200, 40], line_boxes=[[10, 10, 200, 40]],
        confidence=90, line_height=30,
    )  # fmt: skip


def test_a_composed_draft_is_never_drawn_and_goes_to_review():
    block = _block("피부 깊이 수분을 채워줍니다")
    findings = translate_blocks([block], lambda texts: [Draft("skin deeply hydrating fills")])
    assert block.status == "review" and block.translation is None
    assert block.proposed == "skin deeply hydrating fills"  # the reviewer sees the draft
    assert "draft" in (block.reason or "")
    assert [f.code for f in findings] == ["image.translation-draft"]


def test_engine_and_person_translations_are_drawn():
    machine, person = _block("피부 깊이 수분을 채워줍니다"), _block("제품 특징")
    translate_blocks([machine], lambda texts: ["Fills the skin with deep moisture"])
    translate_blocks([person], lambda texts: [Reviewed("Features")])
    assert (machine.status, machine.translation) == (
        "translated",
        "Fills the skin with deep moisture",
    )
    assert (person.status, person.translation) == ("translated", "Features")


def test_an_incomplete_draft_names_what_is_missing_first():
    block = _block("개봉 후 냉동 보관을 권장합니다")
    [found] = translate_blocks(
        [block], lambda texts: [Draft("after opening keep frozen 권장합니다")]
    )
    assert found.code == "image.translation-incomplete" and "Korean" in (block.reason or "")


def test_a_romanised_word_is_incomplete_unless_the_termbase_spells_it():
    # 감글 (an OCR slip for 감귤) is no word: "Gamgeul" would be gibberish to a buyer
    assert "romanised" in incomplete_reason(
        "제주 감글 산지직송", "Jeju Gamgeul direct from the farm"
    )
    assert "romanised" in incomplete_reason("향료", "Hyangnyo")
    # the termbase writes "Jeju" itself (제주산 "from Jeju"): a curated name, not gibberish
    assert incomplete_reason("제주 감귤", "Jeju tangerines") is None


def test_a_final_equal_to_the_source_accepts_the_block_as_it_is():
    from klisting.images.decide import accept_edit

    logo = _block("하루담")
    assert translate_blocks([logo], lambda texts: [Reviewed(" 하루담 ")]) == []
    assert (logo.status, logo.translation) == ("accepted", None)  # its pixels stay
    edited = _block("하루담")
    edited.translation, edited.status = "하루담", "review"
    assert accept_edit(edited, "a.jpg") is None and edited.status == "accepted"
    # a machine answer equal to the source is no acceptance: Korean left
    machine = _block("하루담")
    translate_blocks([machine], lambda texts: ["하루담"])
    assert machine.status == "review"


def test_hangul_read_as_latin_noise_goes_to_review_and_a_final_answers_it():
    noise = _block("Ss 2.5kg")  # 중량 2.5kg, the Hangul read as Latin
    [found] = translate_blocks([noise], lambda texts: texts)
    assert found.code == "image.low-confidence" and noise.status == "low-confidence"
    answered = _block("Ss 2.5kg")
    assert translate_blocks([answered], lambda texts: [Reviewed("Weight 2.5 kg")]) == []
    assert (answered.status, answered.translation) == ("translated", "Weight 2.5 kg")
    for text in ("1+1", "SPF50+ PA++++", "A4 40x35x12cm", "KC", "Up to 50% off"):
        plain = _block(text)
        assert translate_blocks([plain], lambda texts: texts) == [] and plain.status == "kept"
