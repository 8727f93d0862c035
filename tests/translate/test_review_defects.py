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
    assert _en(bundled, "표백제를 사용하지 마세요", "ja") == "漂白剤使用禁止"
    assert "not" in _en(bundled, "번지지 않습니다").split()
    assert _en(bundled, "자극 없는 크림") == "no irritation cream"
    assert _en(bundled, "조립이 필요 없어요").split()[:2] == ["assembly", "no"]


def test_machine_wash_prohibition_is_not_machine_washable(bundled: GlossaryEngine) -> None:
    assert _en(bundled, "세탁기 사용 금지") == "do not machine wash"
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


def test_endings_only_segments_are_dropped_not_kept_in_korean(tmp_path: Path) -> None:
    # inline tags split "가디건 입니다" into a text node of endings only
    with TranslationService("glossary", tmp_path) as service:
        out = service.translate_texts(
            ["<p>빨간 <b>가디건</b> 입니다</p>", "니트 <b>예요</b>", "해요"], "en"
        )
    assert [t.text for t in out] == ["<p>red <b>cardigan</b> </p>", "knit <b></b>", ""]
    assert not any(t.findings for t in out)


def test_common_description_words(bundled: GlossaryEngine) -> None:
    assert _en(bundled, "이 제품은 좋아요") == "product good"
    assert _en(bundled, "가격 10,000원") == "price 10,000 KRW"
    assert _en(bundled, "원목 테이블") == "solid wood table"  # 원 only after a number
    assert _en(bundled, "민감한 피부를 위한 크림") == "sensitive skin for cream"


def test_cli_target_translates_into_the_language_run_uses(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from klisting.cli.app import app

    catalog = tmp_path / "c.csv"
    catalog.write_text("상품코드,상품명,판매가\nS1,여성 가디건,1000\n", encoding="utf-8")
    out = tmp_path / "o.jsonl"
    args = ["translate", str(catalog), "-t", "amazon:us", "--work-dir", str(tmp_path / "w")]
    result = CliRunner().invoke(app, [*args, "-o", str(out)])
    assert result.exit_code == 0, result.output
    # en-US would key memory, review locks and TMX units apart from `klisting run` (en)
    assert json.loads(out.read_text(encoding="utf-8"))["lang"] == "en"
    args = ["translate", str(catalog), "--to", "zh-TW", "--to", "EN", "--work-dir", str(tmp_path)]
    result = CliRunner().invoke(app, [*args, "-o", str(out)])
    assert result.exit_code == 0, result.output
    lines = out.read_text(encoding="utf-8").splitlines()
    assert [json.loads(line)["lang"] for line in lines] == ["zh-Hant", "en"]


def test_models_install_mistakes_fail_before_any_download(
    tmp_path: Path, models_home: Path
) -> None:
    from typer.testing import CliRunner

    from klisting.cli.app import app

    runner = CliRunner()
    # not a pair: refused before the (default, online) index is asked
    result = runner.invoke(app, ["models", "install", "ko", "--index-url", "http://127.0.0.1:9/"])
    assert result.exit_code == 3 and "not a language pair" in result.output
    folder = tmp_path / "models-folder"
    folder.mkdir()
    result = runner.invoke(app, ["models", "install", str(folder)])
    assert result.exit_code == 3 and "is a directory" in result.output
    # an index on disk (offline mirror), as a path or a file:// URL
    index = tmp_path / "index.json"
    index.write_text('[{"from_code": "ko", "to_code": "ja", "links": []}]', encoding="utf-8")
    for url in (str(index), index.as_uri()):
        result = runner.invoke(app, ["models", "install", "ko-en", "--index-url", url])
        assert result.exit_code == 4 and "ko-ja" in result.output, result.output
    result = runner.invoke(
        app, ["models", "install", "ko-en", "--index-url", str(tmp_path / "none.json")]
    )
    assert result.exit_code == 3 and "cannot read the package index" in result.output


def test_counters_after_numbers_are_not_particles(bundled: GlossaryEngine) -> None:
    assert _en(bundled, "한라봉 선물세트 3kg 9과") == "hallabong tangerine gift set 3kg 9 pcs"
    assert _en(bundled, "사과 10과", "ja") == "りんご 10個"
    assert _en(bundled, "크림과 로션") == "cream and lotion"  # still "and" after a noun
    assert _en(bundled, "실리콘 조리도구 내열 230도") == (
        "silicone cooking utensils heat-resistant 230°"
    )


def test_particles_glued_to_addresses_are_not_protected() -> None:
    from klisting.translate.protect import Protector

    masked = Protector().mask("문의는help@shop.kr로, 주문은 www.shop.kr에서")
    assert masked.text == "문의는⟦0⟧로, 주문은 ⟦1⟧에서"
    assert masked.restore == {0: "help@shop.kr", 1: "www.shop.kr"}
    assert Protector().mask("https://x.kr/a_b?c=1&d=2 문의").restore == {
        0: "https://x.kr/a_b?c=1&d=2"
    }


def test_unterminated_tag_at_the_end_stays_markup(tmp_path: Path) -> None:
    from klisting.translate.htmltext import split_html

    parts = split_html("<p>니트</p")
    assert [(p.text, p.translatable) for p in parts] == [
        ("<p>", False),
        ("니트", True),
        ("</p", False),
    ]
    with TranslationService(FakeEngine(), tmp_path, use_termbase=False) as service:
        assert service.translate_texts(["<p>좋은 가방</p"], "en")[0].text == "<p>good bag</p"


def test_output_to_a_pipe_or_device_is_written_in_place(tmp_path: Path) -> None:
    import os
    import threading

    from typer.testing import CliRunner

    from klisting.cli.app import app

    catalog = tmp_path / "c.csv"
    catalog.write_text("상품코드,상품명,판매가\nS1,여성 가디건,1000\n", encoding="utf-8")
    pipe = tmp_path / "pipe"
    os.mkfifo(pipe)
    received: list[str] = []
    reader = threading.Thread(
        target=lambda: received.append(pipe.read_text(encoding="utf-8")), daemon=True
    )
    reader.start()
    args = ["translate", str(catalog), "--to", "en", "--work-dir", str(tmp_path / "w")]
    result = CliRunner().invoke(app, [*args, "-o", str(pipe)])
    reader.join(timeout=30)
    assert result.exit_code == 0, result.output
    assert json.loads(received[0])["sku"] == "S1"
    assert pipe.is_fifo()  # not replaced by a regular file (as /dev/null was)
    result = CliRunner().invoke(app, [*args, "-o", str(tmp_path)])  # a directory
    assert result.exit_code == 6


def test_shipping_and_care_boilerplate(bundled: GlossaryEngine) -> None:
    assert _en(bundled, "서늘하고 건조한 곳") == "cool dry place"
    assert _en(bundled, "본 제품은 천연 원료") == "product natural ingredients"
    assert _en(bundled, "단순 변심 반품 시 왕복배송비 고객 부담") == (
        "change of mind return round-trip shipping fee paid by the buyer"
    )
    assert _en(bundled, "도서산간 지역", "ja") == "離島・山間部地域"


def test_seller_terms_win_over_the_bundled_short_terms(tmp_path: Path) -> None:
    glossary = SellerGlossary({"*": {"블랙": "Jet Black"}})
    service = TranslationService(FakeEngine(), tmp_path, seller_glossary=glossary)
    out = service.translate_texts(["블랙", "화이트"], "en", kind="option")
    assert [t.text for t in out] == ["Jet Black", "white"]  # 화이트 still from the termbase


def test_romanized_brands_are_flagged_on_the_product(tmp_path: Path) -> None:
    product = Product(location=SourceLocation("c.csv", 2), sku="A", title="하루담 가방")
    service = TranslationService(
        FakeEngine(), tmp_path / "a", use_termbase=False, brands=["하루담"]
    )
    out = service.translate_products([product], "en")[0]
    assert out.title == "Harudam bag" and "brand-romanized:하루담" in out.flags
    named = TranslationService(
        FakeEngine(),
        tmp_path / "b",
        use_termbase=False,
        brands=["하루담"],
        seller_glossary=SellerGlossary({"*": {"하루담": "HARUDAM"}}),
    )
    out = named.translate_products([product], "en")[0]
    assert out.title == "HARUDAM bag" and not any(f.startswith("brand-") for f in out.flags)


def test_kept_hangul_words_match_whole_words_only() -> None:
    from klisting.translate.protect import Protector

    protector = Protector(keep=("무", "설화", "하루담"), terms={"가방": "Tote"})
    masked = protector.mask("무료배송 설화수 크림 하루담의 여성가방")
    assert masked.text == "무료배송 설화수 크림 ⟦0⟧의 여성⟦1⟧"  # seller terms still match inside
    assert protector.mask("설화 크림 무 에디션").restore == {0: "설화", 1: "무"}


def test_large_seller_glossary_masks_fast() -> None:
    import time

    from klisting.translate.protect import Protector

    # 2,000 distinct three-syllable terms, as an agency glossary might hold
    syllables = [chr(0xAC00 + i) for i in range(0, 11172, 41)]
    terms = {
        a + b + c: f"T{a}{b}{c}" for a in syllables[:40] for b in syllables[:25] for c in "가나"
    }
    terms["가디건"] = "Cardigan"
    protector = Protector(keep=("하루담",), terms=terms)
    started = time.perf_counter()
    for n in range(200):
        masked = protector.mask(f"여성 니트 가디건 블랙 {n} 하루담 정품")
    assert time.perf_counter() - started < 3  # was about 10 s: one regex per term and text
    assert masked.restore == {0: "Cardigan", 1: "하루담"}
