"""Engines fed with what the seller knows, and the meaning guard around every one of them.

Each remote engine runs against a local 127.0.0.1 server that records the requests, so the
tests can assert what went out: the termbase and seller terms, placeholders, product context.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from klisting.model import Product, SourceLocation
from klisting.translate.engines.glossary import GlossaryEngine
from klisting.translate.guard import MEANING_CHECK
from klisting.translate.sellerglossary import SellerGlossary
from klisting.translate.service import TranslationService
from klisting.translate.termbase import HEADER, build_termbase

FAST = {"backoff": 0.01, "timeout": 2.0}


def _service(name: str, server, tmp_path: Path, **options: object) -> TranslationService:
    base = server.url + ("/v1" if name == "openai" else "")
    return TranslationService(
        name,
        tmp_path,
        engine_options={"base_url": base, **FAST, **options},
        brands=["하루담"],
        seller_glossary=SellerGlossary({"en": {"꿀보습": "honey moisture"}}),
    )


def _product() -> Product:
    return Product(
        location=SourceLocation("c.csv", 2),
        sku="A-1",
        title="하루담 꿀보습 빨간 가방 무료배송",
        description="좋은 가방",
        category="패션잡화>가방",
    )


@pytest.fixture(autouse=True)
def _keys(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DEEPL_AUTH_KEY", "secret-key-123")
    monkeypatch.setenv("OPENAI_API_KEY", "sk-secret-456")


def test_openai_request_carries_glossary_placeholders_and_context(server, tmp_path: Path) -> None:
    server.override = {"⟦0⟧ ⟦1⟧ 빨간 가방 무료배송": "⟦0⟧ ⟦1⟧ red bag free shipping"}
    service = _service("openai", server, tmp_path, price_input=0.15, price_output=0.6)
    out = service.translate_products([_product()], "en")[0]
    assert out.title == "Harudam honey moisture red bag free shipping"
    body = server.requests[0]["body"]
    assert body["response_format"]["type"] == "json_schema"
    sent = json.loads(body["messages"][-1]["content"])
    glossary = {entry["source"]: entry["target"] for entry in sent["glossary"]}
    assert glossary["무료배송"] == "free shipping"  # bundled termbase term found in the title
    assert set(sent["placeholders"].values()) == {"Harudam", "honey moisture"}
    assert sent["products"] == [{"title": _product().title, "category": "패션잡화>가방"}]
    usage = service.stats.usage
    assert usage["requests"] == 1 and usage["prompt_tokens"] == 100
    assert usage["cost_usd"] == pytest.approx((100 * 0.15 + 20 * 0.6) / 1e6)


def test_openai_falls_back_to_json_mode_without_schema_support(server, tmp_path: Path) -> None:
    server.reject_schema = True
    out = _service("openai", server, tmp_path).translate_texts(["빨간 가방"], "en")
    assert out[0].text == "red bag"
    formats = [r["body"]["response_format"]["type"] for r in server.requests]
    assert formats == ["json_schema", "json_object"]
    assert _service("openai", server, tmp_path).stats.usage == {}  # no call yet: nothing spent


def test_openai_asks_again_when_a_placeholder_is_dropped(server, tmp_path: Path) -> None:
    server.override = {"⟦0⟧ 가방": "bag"}
    out = _service("openai", server, tmp_path).translate_texts(["하루담 가방"], "en")
    asked = [json.loads(r["body"]["messages"][-1]["content"]) for r in server.requests]
    assert asked[0]["segments"] == asked[1]["segments"] == ["⟦0⟧ 가방"]  # asked twice
    assert asked[2]["segments"] == ["가방"]  # then the service translates around the brand
    assert out[0].text == "Harudam bag"


def test_deepl_uses_a_glossary_created_once(server, tmp_path: Path) -> None:
    service = _service("deepl", server, tmp_path)
    service.translate_products([_product()], "en")
    service.translate_texts(["무료배송 빨간 가방"], "en")  # same terms: same glossary
    created = [r for r in server.requests if r["path"] == "/v2/glossaries"]
    assert len(created) == 1
    entries = created[0]["body"]["entries"].splitlines()
    assert "무료배송\tfree shipping" in entries
    assert created[0]["body"]["entries_format"] == "tsv"
    translated = [r for r in server.requests if r["path"] == "/v2/translate"]
    assert all(r["body"]["glossary_id"] == "g-1" for r in translated)
    assert translated[0]["headers"]["Authorization"] == "DeepL-Auth-Key secret-key-123"


def test_deepl_thai_goes_without_glossary(server, tmp_path: Path) -> None:
    _service("deepl", server, tmp_path).translate_texts(["무료배송 가방"], "th")
    assert [r["path"] for r in server.requests] == ["/v2/translate"]


@pytest.mark.parametrize("name", ["libretranslate", "deepl", "openai"])
def test_remote_engine_that_drops_a_negation_is_refused(name: str, server, tmp_path: Path) -> None:
    server.override = {
        "냉장 보관 금지 제품": "keep refrigerated product",
        "조립이 필요 없는 선반": "shelf that needs assembly",
    }
    texts = ["냉장 보관 금지 제품", "조립이 필요 없는 선반"]
    out = _service(name, server, tmp_path).translate_texts(texts, "en")
    assert [t.text for t in out] == texts
    assert all(t.findings[0].code == MEANING_CHECK for t in out)
    assert "'조립이 필요 없는 선반' -> 'shelf that needs assembly'" in out[1].findings[0].message


def test_argos_output_without_the_negation_is_refused(installed: Path, tmp_path: Path) -> None:
    # the tiny ko->en model copies words it does not know: 금지 comes back untranslated
    service = TranslationService("argos", tmp_path, engine_options={"intra_threads": 1})
    out = service.translate_texts(["빨간 가방 금지", "빨간 가방"], "en")
    assert out[0].text == "빨간 가방 금지" and out[0].findings[0].code == MEANING_CHECK
    assert out[1].text == "red bag"


def test_glossary_engine_is_guarded_too(tmp_path: Path) -> None:
    # a termbase row that loses the negation (as a careless edit would) never reaches a listing
    path = tmp_path / "bad.tsv"
    rows = [
        ("금지", "allowed", "", "", "", "", "", "", "", "general"),
        ("가방", "bag", "", "", "", "", "", "", "", "bag"),
    ]
    path.write_text("\n".join("\t".join(r) for r in [HEADER, *rows]) + "\n", encoding="utf-8")
    engine = GlossaryEngine(termbase=build_termbase([path]))
    out = TranslationService(engine, tmp_path).translate_texts(["가방 금지"], "en")[0]
    assert out.text == "가방 금지" and out.findings[0].code == MEANING_CHECK


def test_hints_find_multiword_terms_whatever_the_spacing() -> None:
    from klisting.translate.hints import segment_hints
    from klisting.translate.protect import Masked
    from klisting.translate.termbase import load_termbase

    hints = segment_hints(
        Masked("냉장보관 금지 제품"), ("토너", "화장품"), load_termbase(), "en", {}
    )
    assert hints.terms["냉장 보관 금지"] == "do not refrigerate"
    assert (hints.title, hints.category) == ("토너", "화장품")
