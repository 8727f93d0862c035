"""The offline draft: negation as grammar, label phrases, option sizes, particles, script joining."""

from __future__ import annotations

from pathlib import Path

import pytest

from klisting.model import OptionAxis, Product, SourceLocation
from klisting.translate.engines.glossary import GlossaryEngine
from klisting.translate.service import TranslationService
from klisting.translate.termbase import HEADER, build_termbase


@pytest.fixture(scope="module")
def bundled() -> GlossaryEngine:
    return GlossaryEngine()


def _one(engine: GlossaryEngine, text: str, lang: str = "en") -> str:
    return engine.translate_batch([text], "ko", lang)[0]


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("en", "battery not included"),
        ("zh-Hant", "不含電池"),
        ("ja", "バッテリー別売り"),
        ("es", "no incluye batería"),
        ("th", "ไม่รวมแบตเตอรี่"),
        ("vi", "không bao gồm pin"),
        ("id", "tidak termasuk baterai"),
    ],
)
def test_negation_wraps_what_it_negates(bundled: GlossaryEngine, lang: str, expected: str) -> None:
    assert _one(bundled, "배터리 미포함", lang) == expected


def test_negation_templates_in_english(bundled: GlossaryEngine) -> None:
    assert _one(bundled, "조립 불필요") == "no assembly required"
    assert _one(bundled, "냉장 보관 금지") == "do not refrigerate"
    assert _one(bundled, "교환 불가") == "exchange not allowed"
    assert _one(bundled, "불가") == "not available"  # alone: the standalone form
    # the negation stops at punctuation: only what follows the colon is negated
    assert _one(bundled, "보관: 직사광선 금지") == "storage: avoid direct sunlight"


def test_label_phrases_of_detail_pages(bundled: GlossaryEngine) -> None:
    assert _one(bundled, "보관 방법: 서늘한 곳에 보관하세요") == "storage: store in a cool place"
    assert _one(bundled, "세탁 방법: 손세탁 권장") == "care instructions: hand wash recommended"
    assert _one(bundled, "보관 방법", "zh-Hant") == "保存方法"
    assert _one(bundled, "어린이 손에 닿지 않는 곳에 보관하세요") == "keep out of reach of children"


def test_size_words_only_as_a_whole_option_value(bundled: GlossaryEngine) -> None:
    assert [_one(bundled, v, "zh-Hant") for v in ("대", "중", "소")] == ["L", "M", "S"]
    assert "M" not in _one(bundled, "사용 중 주의")


def test_particles_never_stick_to_numbers_or_codes(bundled: GlossaryEngine) -> None:
    assert _one(bundled, "30ml 2개를 드립니다") == "30ml 2 pcs"
    assert _one(bundled, "⟦1⟧를 드립니다", "zh-Hant") == "⟦1⟧"
    assert "의" not in _one(bundled, "무게 280g의 초경량 러닝화", "zh-Hant")
    assert "280g" in _one(bundled, "무게 280g의 초경량 러닝화")  # A의 B keeps what is between


def test_script_aware_joining(bundled: GlossaryEngine) -> None:
    assert _one(bundled, "냉장 보관 금지", "zh-Hant") == "請勿冷藏"
    assert " " not in _one(bundled, "전자레인지 사용 가능", "zh-Hant")
    assert (
        _one(bundled, "여성 니트 가디건", "ja") == "レディース ニット カーディガン"
    )  # katakana words
    thai = _one(bundled, "정품 비타민C 세럼 2개", "th")
    assert "2 ชิ้น" in thai and "  " not in thai


def test_option_value_is_never_emptied(tmp_path: Path) -> None:
    path = tmp_path / "tiny.tsv"
    rows = [("크기", "size", "尺寸", "", "", "", "", "", "", "size")]
    path.write_text("\n".join("\t".join(r) for r in [HEADER, *rows]) + "\n", encoding="utf-8")
    engine = GlossaryEngine(termbase=build_termbase([path]))  # knows no size word for 중
    product = Product(
        location=SourceLocation("c.csv", 2),
        sku="A-1",
        title="크기",
        options=[OptionAxis("크기", ["중", "하세요"])],
    )
    out = TranslationService(engine, tmp_path).translate_products([product], "zh-Hant")[0]
    assert out.options == [{"name": "尺寸", "values": ["중", "하세요"]}]
    assert "kept-source" in out.flags
