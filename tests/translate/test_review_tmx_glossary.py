"""Review sheet and TMX round trips, seller glossary files (TSV, CSV, TBX)."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import load_workbook

from klisting.errors import InputError
from klisting.model import OptionAxis, Product, SourceLocation
from klisting.translate.review import apply_review, write_review
from klisting.translate.sellerglossary import load_seller_glossary
from klisting.translate.service import TranslationService
from klisting.translate.tmx import export_tmx, import_tmx
from tests.translate.conftest import FakeEngine


def _products() -> list[Product]:
    loc = SourceLocation("c.csv", 2)
    return [
        Product(
            location=loc,
            sku="A",
            title="빨간 가방",
            description="좋은 가방",
            options=[OptionAxis("색상", ["블랙"])],
        ),
        Product(location=loc, sku="B", title="검정 신발"),
    ]


def test_review_round_trip_locks_edits(fake_engine: FakeEngine, tmp_path: Path) -> None:
    service = TranslationService(fake_engine, tmp_path / "work", use_termbase=False)
    results = service.translate_products(_products(), "en")
    sheet = tmp_path / "review.xlsx"
    assert write_review(sheet, results) == 5
    book = load_workbook(sheet)
    rows = list(book["review"].iter_rows(values_only=True))
    assert rows[0][:6] == ("lang", "sku", "field", "source", "machine", "final")
    assert rows[1][:6] == ("en", "A", "title", "빨간 가방", "red bag", None)
    book["review"]["F2"] = "Red Leather Bag"
    book["review"]["F4"] = "Colour"
    book.save(sheet)
    assert apply_review(sheet, service.memory) == 2
    calls = len(fake_engine.calls)
    reviewed_before = service.stats.reviewed
    out = service.translate_products(_products(), "en")
    assert service.stats.reviewed - reviewed_before == 2  # the two locked texts are counted
    assert out[0].title == "Red Leather Bag" and out[0].options[0]["name"] == "Colour"
    assert out[0].quality == "machine" and "reviewed" in out[0].flags
    assert len(fake_engine.calls) == calls  # nothing new for the engine
    # another engine never overwrites a locked entry
    other = TranslationService(FakeEngine(), tmp_path / "work", use_termbase=False)
    assert other.translate_texts(["빨간 가방"], "en", kind="title")[0].text == "Red Leather Bag"


def test_apply_review_rejects_other_sheets(tmp_path: Path) -> None:
    from openpyxl import Workbook

    book = Workbook()
    book.active.append(["a", "b"])
    path = tmp_path / "x.xlsx"
    book.save(path)
    service = TranslationService(FakeEngine(), tmp_path)
    with pytest.raises(InputError, match="no lang, source, final column"):
        apply_review(path, service.memory)


def test_tmx_round_trip(fake_engine: FakeEngine, tmp_path: Path) -> None:
    service = TranslationService(fake_engine, tmp_path / "a", use_termbase=False)
    service.translate_texts(["빨간 가방", "좋은 신발 & 가방"], "en")
    tmx = tmp_path / "out.tmx"
    assert export_tmx(service.memory, tmx) == 2
    text = tmx.read_text(encoding="utf-8")
    assert 'srclang="ko"' in text and "good shoes &amp; bag" in text
    fresh = TranslationService(FakeEngine(), tmp_path / "b", use_termbase=False)
    assert import_tmx(tmx, fresh.memory) == 2
    out = fresh.translate_texts(["빨간 가방", "좋은 신발 & 가방"], "en")
    assert [t.text for t in out] == ["red bag", "good shoes & bag"]
    assert all(t.quality == "reviewed" for t in out)


def test_tmx_import_from_cat_tool(tmp_path: Path) -> None:
    tmx = tmp_path / "agency.tmx"
    tmx.write_text(
        '<?xml version="1.0"?><tmx version="1.4"><header srclang="ko-KR" segtype="sentence"/><body>'
        '<tu><tuv xml:lang="ko-KR"><seg>정품 가방</seg></tuv><tuv xml:lang="en-US"><seg>Authentic <ph>x</ph>bag</seg></tuv>'
        '<tuv xml:lang="zh-TW"><seg>正品包</seg></tuv></tu></body></tmx>',
        encoding="utf-8",
    )
    service = TranslationService(FakeEngine(), tmp_path / "w", use_termbase=False)
    assert import_tmx(tmx, service.memory) == 2
    assert service.translate_texts(["정품 가방"], "zh-Hant")[0].text == "正品包"
    assert service.translate_texts(["정품  가방 "], "en")[0].text == "Authentic xbag"
    bad = tmp_path / "bad.tmx"
    bad.write_text("<tmx><body>", encoding="utf-8")
    with pytest.raises(InputError):
        import_tmx(bad, service.memory)


def test_glossary_files(tmp_path: Path) -> None:
    tsv = tmp_path / "g.tsv"
    tsv.write_text("# seller terms\n가방\tTote\n신발\t鞋\tzh-Hant\n", encoding="utf-8")
    g = load_seller_glossary(tsv)
    assert g.for_lang("en") == {"가방": "Tote"}
    assert g.for_lang("zh-Hant") == {"가방": "Tote", "신발": "鞋"}
    csv = tmp_path / "g.csv"
    csv.write_text("ko,en,ja\n가방,bag,バッグ\n", encoding="utf-8-sig")
    assert load_seller_glossary(csv).for_lang("ja") == {"가방": "バッグ"}
    tbx = tmp_path / "g.tbx"
    tbx.write_text(
        '<tbx type="TBX-Basic" xmlns="urn:iso:std:iso:30042:ed-2"><text><body>'
        '<conceptEntry id="c1"><langSec xml:lang="ko"><termSec><term>정품</term></termSec></langSec>'
        '<langSec xml:lang="en"><termSec><term>authentic</term></termSec></langSec></conceptEntry>'
        "</body></text></tbx>",
        encoding="utf-8",
    )
    assert load_seller_glossary(tbx).for_lang("en") == {"정품": "authentic"}
    empty = tmp_path / "e.tsv"
    empty.write_text("\n", encoding="utf-8")
    with pytest.raises(InputError, match="no glossary entries"):
        load_seller_glossary(empty)
