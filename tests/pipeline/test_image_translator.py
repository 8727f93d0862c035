"""The run's image translator says whose translation each block gets (stages._image_translator)."""

from __future__ import annotations

from pathlib import Path

from klisting.images.decide import Draft, Reviewed
from klisting.pipeline.stages import _image_translator
from klisting.pipeline.text_stage import TextGroup
from klisting.translate.sellerglossary import SellerGlossary
from klisting.translate.service import TranslationService
from tests.pipeline.fakes import ScriptEngine


def _translate(service: TranslationService, lang: str = "en", market: str = "us"):
    group = TextGroup(language=lang, market=market)
    return _image_translator(service)(group)


def test_offline_drafts_are_marked_and_exact_terms_are_not(tmp_path: Path) -> None:
    glossary = SellerGlossary({"en": {"하루담 토너": "Harudam Toner"}})
    with TranslationService("glossary", work_dir=tmp_path, seller_glossary=glossary) as service:
        term, seller, composed = _translate(service)(
            ["제품 특징", "하루담 토너", "피부 깊이 수분을 채워줍니다"]
        )
    assert not isinstance(term, Draft) and term == "Features"  # the curated termbase phrase
    assert not isinstance(seller, Draft) and seller == "Harudam Toner"  # the seller's own term
    assert isinstance(composed, Draft)  # strung together word by word: never drawn


def test_reviewed_and_machine_translations(tmp_path: Path) -> None:
    with TranslationService(ScriptEngine(), work_dir=tmp_path) as service:
        service.memory.lock_many([("주의 사항", "Precautions")], "ko", "en")
        reviewed, machine = _translate(service)(["주의 사항", "수확 후 바로 발송합니다"])
    assert isinstance(reviewed, Reviewed) and reviewed == "Precautions"
    assert not isinstance(machine, Draft | Reviewed)  # a real engine's output is drawn
