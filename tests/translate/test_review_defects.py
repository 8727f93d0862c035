"""Regressions found by exercising the translation layer on new real-style seller text."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook

from klisting.errors import InputError
from klisting.model import OptionAxis, Product, SourceLocation
from klisting.translate.engines.glossary import GlossaryEngine
from klisting.translate.review import apply_review, write_review
from klisting.translate.sellerglossary import SellerGlossary, load_seller_glossary
from klisting.translate.service import TranslationService
from klisting.translate.tmx import export_tmx, import_tmx
from tests.translate.conftest import FakeEngine


@pytest.fixture(scope="module")
def bundled() -> GlossaryEngine:
    return GlossaryEngine()


def _en(engine: GlossaryEngine, text: str, lang: str = "en") -> str:
    return engine.translate_batch([text], "ko", lang)[0]


@pytest.mark.parametrize(
    ("korean", "wrong"),
    [
        ("확인해 보세요", "spring"),  # 봄 analysed as 보+ㅁ
        ("세탁은 드라이클리닝 하세요.", "harvest"),  # 햇 analysed as 하+었
        ("마사지입니다", "gun"),  # 마사지건 analysed as 마사지+이+건
        ("판매 중입니다", "price"),  # 판매가 analysed as 판매+가
        ("오늘 발송", "only"),  # 오늘만 analysed as 오늘+만
        ("남은 수량", "boys"),  # 남아 analysed as 남+아
    ],
)
def test_misanalysed_terms_do_not_match_common_words(
    bundled: GlossaryEngine, korean: str, wrong: str
) -> None:
    assert wrong not in _en(bundled, korean)


def test_adjective_forms_still_match_their_term(bundled: GlossaryEngine) -> None:
    assert _en(bundled, "부드러워서 좋아요").startswith("soft")
    assert _en(bundled, "맛있는 감귤") == "delicious tangerine"


def test_negation_is_kept(bundled: GlossaryEngine) -> None:
    assert _en(bundled, "표백제를 사용하지 마세요") == "bleach do not use"
    assert _en(bundled, "냉동 보관하지 마세요") == "do not keep frozen"
    assert _en(bundled, "냉동 보관하지 마세요", "zh-Hant") == "請勿冷凍保存"
    assert _en(bundled, "표백제를 사용하지 마세요", "ja") == "漂白剤 使用禁止"
    assert "not" in _en(bundled, "번지지 않습니다").split()
    assert _en(bundled, "자극 없는 크림") == "no irritation cream"
    assert _en(bundled, "조립이 필요 없어요").split()[:2] == ["assembly", "no"]


def test_machine_wash_prohibition_is_not_machine_washable(bundled: GlossaryEngine) -> None:
    assert _en(bundled, "세탁기 사용 금지") == "washing machine use prohibited"
    assert _en(bundled, "세탁기 사용 가능") == "machine washable"


def test_spaced_copula_after_a_code_is_dropped(bundled: GlossaryEngine) -> None:
    assert _en(bundled, "모델명: KL-2024X 입니다") == "model: KL-2024X"


def test_no_space_before_repeated_punctuation(bundled: GlossaryEngine) -> None:
    assert _en(bundled, "조립이 필요 없어요!!").endswith("required!!")


def test_hangul_brand_is_romanized_unless_the_seller_names_it(tmp_path: Path) -> None:
    engine = FakeEngine()
    service = TranslationService(engine, tmp_path / "a", use_termbase=False, brands=["하루담"])
    assert service.translate_texts(["하루담 가방"], "en")[0].text == "Harudam bag"
    assert engine.calls == [["⟦0⟧ 가방"]]  # still masked: the engine never sees the brand

    glossary = SellerGlossary({"*": {"하루담": "HARUDAM", "닥터지": "Dr.G"}})
    service = TranslationService(
        FakeEngine(),
        tmp_path / "b",
        use_termbase=False,
        brands=["하루담", "닥터지"],
        seller_glossary=glossary,
    )
    out = service.translate_texts(["하루담 가방", "닥터지 가방"], "en")
    assert [t.text for t in out] == ["HARUDAM bag", "Dr.G bag"]

    kept = TranslationService(
        FakeEngine(), tmp_path / "c", use_termbase=False, do_not_translate=["하루담"]
    )
    assert kept.translate_texts(["하루담 가방"], "en")[0].text == "하루담 bag"


def test_glued_sentences_get_a_space_in_spaced_languages(tmp_path: Path) -> None:
    service = TranslationService(FakeEngine(), tmp_path, use_termbase=False)
    text = "좋은 가방입니다.빨간 신발입니다."
    assert service.translate_texts([text], "en")[0].text == "good bag it is. red shoes it is."
    html = "<p>좋은 가방입니다.빨간 신발입니다.</p>"
    assert service.translate_texts([html], "en")[0].text == (
        "<p>good bag it is. red shoes it is.</p>"
    )
    # Japanese and Chinese have no spaces between sentences
    assert service.translate_texts([text], "ja")[0].text == "good bag it is.red shoes it is."


def _odd_products() -> list[Product]:
    loc = SourceLocation("c.csv", 2)
    return [
        Product(location=loc, sku="A", title="=특가= 빨간 가방", description="좋은\x0b가방"),
    ]


def test_review_sheet_keeps_formula_like_and_control_character_text(tmp_path: Path) -> None:
    service = TranslationService(FakeEngine(), tmp_path / "work", use_termbase=False)
    results = service.translate_products(_odd_products(), "en")
    sheet = tmp_path / "review.xlsx"
    assert write_review(sheet, results) == 2  # used to crash on \x0b
    book = load_workbook(sheet)
    review = book["review"]
    assert review["D2"].value == "=특가= 빨간 가방" and review["D2"].data_type == "s"
    review["F2"] = "=SALE= Red Bag"
    review["F2"].data_type = "s"
    review["F3"] = "Good bag"
    book.save(sheet)
    assert apply_review(sheet, service.memory) == 2
    out = service.translate_products(_odd_products(), "en")[0]
    assert (out.title, out.description) == ("=SALE= Red Bag", "Good bag")


def test_tmx_export_with_control_characters_reads_back(tmp_path: Path) -> None:
    service = TranslationService(FakeEngine(), tmp_path / "work", use_termbase=False)
    service.translate_texts(["좋은\x0b가방", "빨간 신발"], "en")
    tmx = tmp_path / "m.tmx"
    assert export_tmx(service.memory, tmx) == 2
    other = TranslationService(FakeEngine(), tmp_path / "other", use_termbase=False)
    assert import_tmx(tmx, other.memory) == 2
    with pytest.raises(InputError) as err:
        import_tmx(tmp_path / "missing.tmx", other.memory)
    assert "TMX" in (err.value.hint or "")


@pytest.mark.parametrize(
    ("name", "content", "japanese"),
    [
        ("korean-headers.csv", "한국어,영어,일본어\n가방,Tote,トート\n".encode(), True),
        ("english-names.tsv", "Korean\tEnglish\tJapanese\n가방\tTote\tトート\n".encode(), True),
        (
            "translation.csv",
            "source,translation,language\n가방,Tote,en\n가방,トート,ja\n".encode(),
            True,
        ),
        ("excel-cp949.csv", "가방,Tote\n".encode("cp949"), False),
        ("bom-utf16.txt", "가방\tTote\n".encode("utf-16"), False),
    ],
)
def test_seller_glossary_odd_files(
    tmp_path: Path, name: str, content: bytes, japanese: bool
) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    glossary = load_seller_glossary(path)
    assert glossary.for_lang("en") == {"가방": "Tote"}
    assert glossary.for_lang("ja") == {"가방": "トート" if japanese else "Tote"}


def test_seller_glossary_xlsx_and_chinese_scripts(tmp_path: Path) -> None:
    book = Workbook()
    book.active.append(["ko", "en", "zh-CN", "zh-TW", "메모"])
    book.active.append(["가방", "Tote", "包", "包包", "여름 시즌"])
    path = tmp_path / "terms.xlsx"
    book.save(path)
    glossary = load_seller_glossary(path)
    assert glossary.for_lang("en") == {"가방": "Tote"}
    assert glossary.for_lang("zh-Hant") == {"가방": "包包"}  # never the Simplified column
    assert glossary.for_lang("zh-Hans") == {"가방": "包"}
    # a third column that is not a language is a note, not a language nobody asks for
    notes = tmp_path / "notes.tsv"
    notes.write_text("가방\tTote\t여름 시즌\n", encoding="utf-8")
    assert load_seller_glossary(notes).for_lang("en") == {"가방": "Tote"}


def test_seller_glossary_unreadable_table_is_an_input_error(tmp_path: Path) -> None:
    path = tmp_path / "broken.xlsx"
    path.write_bytes(b"PK\x03\x04 not really a workbook")
    with pytest.raises(InputError):
        load_seller_glossary(path)


def test_records_list_the_korean_words_left(tmp_path: Path) -> None:
    loc = SourceLocation("c.csv", 2)
    product = Product(
        location=loc,
        sku="A",
        title="빨간 가방 뽀송이",
        description='<p>좋은 가방 <img alt="사진"> 몽실이</p>',
        options=[OptionAxis("색상", ["블랙", "꽃분홍"])],
    )
    service = TranslationService(FakeEngine(), tmp_path, use_termbase=False)
    out = service.translate_products([product], "en")[0]
    # alt text is not shown to buyers; title, description text and options are
    assert out.untranslated == ["뽀송이", "몽실이", "꽃분홍"]
    assert out.to_json()["untranslated"] == ["뽀송이", "몽실이", "꽃분홍"]


def test_cli_summary_names_the_korean_words_left(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from klisting.cli.app import app

    catalog = tmp_path / "c.csv"
    catalog.write_text("상품코드,상품명,판매가\nS1,여성 가디건 뽀송이,1000\n", encoding="utf-8")
    args = ["translate", str(catalog), "--to", "en", "--work-dir", str(tmp_path / "w")]
    result = CliRunner().invoke(app, [*args, "-o", str(tmp_path / "o.jsonl"), "--format", "json"])
    assert result.exit_code == 0, result.output
    summary = json.loads(result.stdout)
    assert summary["with_korean_left"] == 1 and summary["korean_left"] == ["뽀송이"]


def test_auto_without_a_route_names_the_install_commands(models_home: Path) -> None:
    from klisting.errors import DependencyError
    from klisting.translate.engines import get_engine

    with pytest.raises(DependencyError) as err:
        get_engine("auto", source="ko", target="de")
    assert "glossary engine only covers" in err.value.message
    assert "klisting models install ko-en && klisting models install en-de" in err.value.hint
    with pytest.raises(DependencyError) as err:
        GlossaryEngine().translate_batch(["가방"], "ko", "de")
    assert "en, zh-Hant, ja" in err.value.message
