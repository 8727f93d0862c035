"""OCR slips of one jamo are corrected against the vocabulary, and nothing else is touched."""

import pytest

from klisting.images.spelling import Speller, termbase_speller


def test_one_jamo_slip_is_corrected_and_particles_kept():
    speller = Speller(["고춧가루", "히알루론산", "토너"])
    assert speller.correct("국내산 고촛가루") == "국내산 고춧가루"
    assert speller.correct("고촛가루를 넣고") == "고춧가루를 넣고"
    assert speller.correct("히알루론싼 토너 500ml") == "히알루론산 토너 500ml"


def test_unknown_words_short_words_and_ambiguous_neighbours_stay():
    speller = Speller(["가나다라", "가나다마", "보습제"])
    assert speller.correct("가나다바") == "가나다바"  # two vocabulary words one jamo away: no guess
    assert speller.correct("보숩") == "보숩"  # two syllables: too short to guess
    assert speller.correct("하루담 브랜드") == "하루담 브랜드"
    assert speller.correct("보습제") == "보습제"


def test_termbase_vocabulary_fixes_a_real_ocr_slip():
    assert termbase_speller().correct("고촛가루") == "고춧가루"


def test_a_valid_word_is_never_corrected_into_another():
    speller = Speller(["베스트", "고춧가루"], valid=["테스트"])
    assert speller.correct("저자극 테스트 완료") == "저자극 테스트 완료"
    assert speller.correct("테스트를 거친") == "테스트를 거친"
    assert speller.correct("고촛가루") == "고춧가루"


def test_the_dictionary_keeps_tested_as_tested_when_installed():
    from klisting.images.spelling import dictionary_words

    if not dictionary_words():
        pytest.skip("hunspell-ko is not installed (the Makefile's APT_PACKAGES installs it)")
    assert termbase_speller().correct("테스트 완료") == "테스트 완료"
