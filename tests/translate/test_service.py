"""TranslationService around an engine: batching, HTML, options, protection, memory, fitting."""

from __future__ import annotations

from pathlib import Path

from klisting.model import OptionAxis, Product, SourceLocation
from klisting.translate.htmltext import split_html
from klisting.translate.sellerglossary import SellerGlossary
from klisting.translate.service import TranslationService
from tests.translate.conftest import FakeEngine


def _product(
    sku: str, title: str, description: str = "", options: list[OptionAxis] | None = None
) -> Product:
    return Product(
        location=SourceLocation("c.csv", 2),
        sku=sku,
        title=title,
        description=description,
        options=options or [],
    )


def test_one_engine_call_for_all_texts(fake_engine: FakeEngine, tmp_path: Path) -> None:
    service = TranslationService(fake_engine, tmp_path, use_termbase=False)
    out = service.translate_texts(["빨간 가방", "좋은 신발. 빨간 신발!", "가방"], "en")
    assert [t.text for t in out] == ["red bag", "good shoes. red shoes!", "bag"]
    assert len(fake_engine.calls) == 1
    assert sorted(fake_engine.calls[0]) == ["가방", "빨간 가방", "빨간 신발!", "좋은 신발."]


def test_products_batched_across_catalog(fake_engine: FakeEngine, tmp_path: Path) -> None:
    products = [
        _product("A-1", "빨간 가방", "<p>좋은 가방</p>", [OptionAxis("색상", ["블랙", "빨간"])]),
        _product("A-2", "신발", "좋은 신발"),
    ]
    out = TranslationService(fake_engine, tmp_path, use_termbase=False).translate_products(
        products, "en"
    )
    assert len(fake_engine.calls) == 1
    assert out[0].title == "red bag" and out[0].description == "<p>good bag</p>"
    assert out[0].options == [{"name": "color", "values": ["black", "red"]}]
    assert out[1].to_json()["source"]["title"] == "신발"
    assert out[0].engine == "fake" and out[0].lang == "en"


def test_html_structure_kept(fake_engine: FakeEngine, tmp_path: Path) -> None:
    html = (
        '<div class="d" data-x="가방"><h2>좋은 가방</h2><p>빨간 &amp; 검정 <b>가방</b><br/>'
        '<a href="https://shop.kr/가방?a=1&amp;b=2">신발</a></p><img alt="가방" src="x.jpg">'
        '<script>var t = "가방";</script><span class="notranslate">가방</span><!-- 가방 --></div>'
    )
    out = (
        TranslationService(fake_engine, tmp_path, use_termbase=False)
        .translate_texts([html], "en", kind="html")[0]
        .text
    )
    assert out == (
        '<div class="d" data-x="가방"><h2>good bag</h2><p>red &amp; 검정 <b>bag</b><br/>'
        '<a href="https://shop.kr/가방?a=1&amp;b=2">shoes</a></p><img alt="가방" src="x.jpg">'
        '<script>var t = "가방";</script><span class="notranslate">가방</span><!-- 가방 --></div>'
    )
    tags = [p.text for p in split_html(html) if not p.translatable]
    assert tags == [p.text for p in split_html(out) if not p.translatable]
    assert all("<" not in s and "href" not in s for call in fake_engine.calls for s in call)


def test_option_structure(fake_engine: FakeEngine, tmp_path: Path) -> None:
    out = TranslationService(fake_engine, tmp_path, use_termbase=False).translate_texts(
        ["색상: 블랙, 빨간", "색상=블랙/가방"], "en", kind="option"
    )
    assert [t.text for t in out] == ["color: black, red", "color=black/bag"]


def test_protected_spans_reach_engine_as_placeholders(
    fake_engine: FakeEngine, tmp_path: Path
) -> None:
    service = TranslationService(
        fake_engine, tmp_path, use_termbase=False, brands=["나이키"], do_not_translate=["빨간맛"]
    )
    text = "나이키 빨간맛 가방 KB-FD-002 230mm https://x.kr/a_b 문의"
    out = service.translate_texts([text], "en")[0]
    # the Hangul brand is romanized on the way back (a kept-Korean brand fails every export
    # language gate); the --keep term stays as written
    assert out.text == "Naiki 빨간맛 bag KB-FD-002 230mm https://x.kr/a_b 문의"
    sent = fake_engine.calls[0][0]
    for span in ("나이키", "빨간맛", "KB-FD-002", "230mm", "https://"):
        assert span not in sent
    assert sent.count("⟦") == 5


def test_damaged_placeholder_retried_split(tmp_path: Path) -> None:
    engine = FakeEngine(damage=True)
    out = TranslationService(engine, tmp_path, use_termbase=False).translate_texts(
        ["빨간 가방 AB-12 검정 신발"], "en"
    )[0]
    assert out.text == "red bag AB-12 검정 shoes"
    assert len(engine.calls) == 2 and "빨간 가방" in engine.calls[1]
    assert out.findings == []


class _Mangler(FakeEngine):
    def translate_batch(self, segments: list[str], source: str, target: str) -> list[str]:
        self.calls.append(list(segments))
        return ["⟦9⟧ broken" for _ in segments]


def test_unrecoverable_keeps_source_with_finding(tmp_path: Path) -> None:
    service = TranslationService(_Mangler(), tmp_path, use_termbase=False)
    out = service.translate_texts(["빨간 가방 AB-12 검정"], "en")[0]
    assert out.text == "빨간 가방 AB-12 검정"
    assert "kept-source" in out.flags
    assert out.findings[0].code == "translate.placeholder-damaged"
    assert service.stats.failed == 1


def test_memory_hits_and_misses(fake_engine: FakeEngine, tmp_path: Path) -> None:
    first = TranslationService(fake_engine, tmp_path, use_termbase=False)
    first.translate_texts(["빨간 가방", "좋은 신발"], "en")
    first.close()
    second = TranslationService(fake_engine, tmp_path, use_termbase=False)
    out = second.translate_texts(["빨간 가방", "좋은 신발", "빨간 신발"], "en")
    assert [t.from_memory for t in out] == [True, True, False]
    assert fake_engine.calls[-1] == ["빨간 신발"]
    assert second.stats.from_memory == 2 and second.stats.translated == 1
    # another language or another glossary misses
    second.translate_texts(["빨간 가방"], "ja")
    assert fake_engine.calls[-1] == ["빨간 가방"]
    third = TranslationService(
        fake_engine,
        tmp_path,
        use_termbase=False,
        seller_glossary=SellerGlossary({"*": {"가방": "tote"}}),
    )
    assert third.translate_texts(["빨간 가방"], "en")[0].text == "red tote"


def test_sentence_memory_shared_between_texts(fake_engine: FakeEngine, tmp_path: Path) -> None:
    service = TranslationService(fake_engine, tmp_path, use_termbase=False)
    service.translate_texts(["좋은 가방."], "en")
    out = service.translate_texts(["좋은 가방. 빨간 신발."], "en")[0]
    assert out.text == "good bag. red shoes."
    assert fake_engine.calls[-1] == ["빨간 신발."]


def test_seller_glossary_overrides(fake_engine: FakeEngine, tmp_path: Path) -> None:
    glossary = SellerGlossary({"en": {"가방": "Tote Bag", "신발": "Sneakers"}})
    service = TranslationService(
        fake_engine, tmp_path, use_termbase=False, seller_glossary=glossary
    )
    out = service.translate_texts(["빨간 가방", "신발"], "en")
    assert [t.text for t in out] == ["red Tote Bag", "Sneakers"]
    assert fake_engine.calls == [["빨간 ⟦0⟧"]]


def test_title_fitting_with_finding(tmp_path: Path) -> None:
    class Long(FakeEngine):
        def translate_batch(self, segments: list[str], source: str, target: str) -> list[str]:
            return [
                "[Free Shipping] Best Women's Leather Tote Bag Leather Bag Large Capacity Daily Shoulder"
                for _ in segments
            ]

    out = TranslationService(Long(), tmp_path, use_termbase=False).translate_texts(
        ["무료배송 베스트 여성 가죽 토트백 대용량 데일리 숄더백"], "en", kind="title", max_chars=50
    )[0]
    assert len(out.text) <= 50
    assert out.text.startswith("Women's Leather Tote Bag")
    assert "Free Shipping" not in out.text and "Best" not in out.text
    assert out.findings[0].code == "translate.title-shortened"
    assert not out.text.endswith(" ")
    again = TranslationService(Long(), tmp_path, use_termbase=False)
    hit = again.translate_texts(
        ["무료배송 베스트 여성 가죽 토트백 대용량 데일리 숄더백"], "en", kind="title", max_chars=50
    )[0]
    assert hit.from_memory and hit.text == out.text and "shortened" in hit.flags


def test_text_without_korean_not_sent(fake_engine: FakeEngine, tmp_path: Path) -> None:
    out = TranslationService(fake_engine, tmp_path, use_termbase=False).translate_texts(
        ["AB-100 500ml", "", "<p>100%</p>"], "en"
    )
    assert [t.text for t in out] == ["AB-100 500ml", "", "<p>100%</p>"]
    assert fake_engine.calls == []


def test_service_with_tiny_argos(installed: Path, tmp_path: Path) -> None:
    service = TranslationService(
        "auto", tmp_path, use_termbase=False, engine_options={"intra_threads": 1}
    )
    products = [
        _product(
            "S_1",
            "여성용 빨간 가방 AB_123",
            "<p>정품 검정 신발 세트</p>",
            [OptionAxis("색상", ["검정", "흰색"])],
        )
    ]
    en = service.translate_products(products, "en")[0]
    assert (en.title, en.description) == (
        "women's red bag AB_123",
        "<p>genuine black shoes set</p>",
    )
    assert en.options == [{"name": "color", "values": ["black", "white"]}]
    zt = service.translate_products(products, "zh-Hant")[0]
    assert zt.title == "women's 紅色 包 AB_123" and zt.engine == "argos"
    again = TranslationService(
        "auto", tmp_path, use_termbase=False, engine_options={"intra_threads": 1}
    )
    again.translate_products(products, "en")
    assert again.stats.engine_calls == 0 and again.stats.from_memory == 5


def test_looping_output_keeps_source_without_retry(tmp_path: Path) -> None:
    class Looping(FakeEngine):
        def translate_batch(self, segments: list[str], source: str, target: str) -> list[str]:
            self.calls.append(list(segments))
            return ["bag bag bag bag bag bag" for _ in segments]

    engine = Looping()
    service = TranslationService(engine, tmp_path, use_termbase=False)
    out = service.translate_texts(["빨간 가방"], "en")[0]
    assert out.text == "빨간 가방" and out.findings[0].code == "translate.bad-output"
    assert len(engine.calls) == 1 and service.stats.failed == 1
    # a failed text is not stored: the next run asks the engine again
    TranslationService(engine, tmp_path, use_termbase=False).translate_texts(["빨간 가방"], "en")
    assert len(engine.calls) == 2


def test_quantities_converted_for_market(fake_engine: FakeEngine, tmp_path: Path) -> None:
    out = TranslationService(fake_engine, tmp_path, use_termbase=False).translate_texts(
        ["빨간 가방 총장 68cm", "빨간 가방 총장 68cm"], "en", market="us"
    )
    assert "26.8 in (68 cm)" in out[0].text and out[0].text.startswith("red bag")
    assert "68cm" not in fake_engine.calls[0][0]
    plain = TranslationService(fake_engine, tmp_path, use_termbase=False).translate_texts(
        ["빨간 가방 총장 68cm"], "en"
    )[0]
    assert plain.text.endswith("68cm")  # no market: the seller's notation stays


def test_short_terms_from_termbase_before_engine(fake_engine: FakeEngine, tmp_path: Path) -> None:
    from klisting.translate.termbase import load_termbase

    expected = load_termbase().lookup("아이보리").get("en")
    assert expected  # the bundled termbase knows this colour
    service = TranslationService(fake_engine, tmp_path)
    out = service.translate_texts(
        ["아이보리", "색상: 아이보리", "좋은 신발 아이보리 색상"], "en", kind="option"
    )
    assert out[0].text == expected and out[1].text.endswith(f": {expected}")
    assert all(s != "아이보리" for call in fake_engine.calls for s in call)


def test_auto_without_model_uses_glossary_draft(models_home: Path, tmp_path: Path) -> None:
    import re

    titles = [
        "여성 오버핏 니트 가디건 블랙",
        "남성 경량 러닝화 화이트 270",
        "스테인리스 진공 텀블러 500ml",
        "유기농 현미 누룽지 300g 5봉",
        "호텔 극세사 이불 퀸 사이즈",
        "캔버스 에코백 대용량 숄더백",
    ]
    service = TranslationService("auto", tmp_path)
    out = service.translate_texts(titles, "en", kind="title")
    assert {t.engine for t in out} == {"glossary"} and {t.quality for t in out} == {"draft"}
    assert all("draft" in t.flags and t.coverage is not None for t in out)
    hangul = re.compile(r"[\uac00-\ud7a3]")
    left = sum(len(hangul.findall(t.text)) for t in out) / sum(
        len(hangul.findall(s)) for s in titles
    )
    assert left < 0.25, [t.text for t in out]


def test_a_locked_entry_answers_text_with_nothing_to_translate(tmp_path):
    # an image block whose Hangul the OCR read as Latin noise: a person's final still applies
    from klisting.translate.service import TranslationService

    with TranslationService("glossary", work_dir=tmp_path) as service:
        service.memory.lock_many([("Ss 2.5kg", "Weight 2.5 kg")], "ko", "en")
        [found] = service.translate_texts(["Ss 2.5kg"], "en")
    assert (found.text, found.quality) == ("Weight 2.5 kg", "reviewed")
