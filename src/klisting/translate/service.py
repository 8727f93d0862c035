"""The translation service every stage calls: texts in, translations out, nothing twice.

One call batches every pending sentence of every text into one engine call per language
pair (argos turns that into one ``translate_batch``; remote engines into a few bounded
concurrent requests). Around the engine: segmentation, protected spans, the seller glossary,
the translation memory, and title length fitting.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from klisting.model import Product
from klisting.translate import guard
from klisting.translate.base import Engine
from klisting.translate.engines import get_engine
from klisting.translate.hints import wants_hints
from klisting.translate.memory import MemoryKey, TranslationMemory
from klisting.translate.protect import Protector
from klisting.translate.romanize import romanize
from klisting.translate.runner import Job, JobItem
from klisting.translate.sellerglossary import SellerGlossary, load_seller_glossary
from klisting.translate.shortterms import short_term_lookup
from klisting.translate.termbase import load_termbase, normalize_language, surface_key
from klisting.translate.types import LocalizedText, ServiceStats, TranslatedText

MEMORY_FILE = "translation_memory.sqlite"
_HANGUL = re.compile(r"[\uac00-\ud7a3]")


class TranslationService:
    """Translate catalog text with one engine, a seller glossary and a translation memory.

    Args:
        engine: engine name ("auto", "argos", "glossary", "libretranslate", "deepl", "openai")
            or an Engine instance.
        work_dir: where the translation memory lives (created when missing).
        seller_glossary: a SellerGlossary or the path of a TSV/CSV/TBX glossary file.
        do_not_translate: terms kept verbatim.
        brands: brand names kept verbatim.
        engine_options: keyword options for the engine (model dirs, URLs, beam size ...).
        splitter: sentence splitter, "regex" (default) or "kiwi".
        use_termbase: answer short segments (one or two words, e.g. option values) that are
            exactly a term of the bundled e-commerce termbase from the termbase, even with a
            machine engine (small NMT models translate single words poorly).
        check_meaning: refuse engine output that loses a negation, number or unit (see
            ``klisting.translate.guard``). Only a benchmark timing a random-weight model,
            whose output is noise by design, turns it off.
    """

    def __init__(
        self,
        engine: str | Engine = "auto",
        work_dir: Path = Path(".klisting"),
        *,
        seller_glossary: SellerGlossary | Path | str | None = None,
        do_not_translate: Iterable[str] = (),
        brands: Iterable[str] = (),
        engine_options: dict[str, Any] | None = None,
        splitter: str = "regex",
        use_termbase: bool = True,
        check_meaning: bool = True,
    ) -> None:
        self.engine_spec = engine
        self.engine_options = dict(engine_options or {})
        self.work_dir = Path(work_dir)
        self.memory = TranslationMemory(self.work_dir / MEMORY_FILE)
        if isinstance(seller_glossary, str | Path):
            seller_glossary = load_seller_glossary(seller_glossary)
        self.glossary = seller_glossary or SellerGlossary()
        self.keep = tuple(
            dict.fromkeys(t.strip() for t in (*do_not_translate, *brands) if t and t.strip())
        )
        # A Hangul brand kept verbatim would leave Korean in every listing (and the export
        # gates refuse that); it is romanized instead, unless the seller glossary names it
        # or the seller asked to keep it as written (--keep).
        dnt = {t.strip() for t in do_not_translate if t}
        self.romanized_brands = {
            b: romanize(b) for b in self.keep if b not in dnt and _HANGUL.search(b)
        }
        self.splitter = splitter
        self.stats = ServiceStats()
        self.use_termbase = use_termbase
        self.check_meaning = check_meaning
        self._engines: dict[tuple[str, str], Engine] = {}

    def engine_for(self, source: str, target: str) -> Engine:
        """The engine used for this language pair (resolved once; "auto" picks per pair)."""
        pair = (source, target)
        if pair not in self._engines:
            if isinstance(self.engine_spec, str):
                self._engines[pair] = get_engine(
                    self.engine_spec, source=source, target=target, **self.engine_options
                )
            else:
                self._engines[pair] = self.engine_spec
        return self._engines[pair]

    def glossary_hash(self, target: str) -> str:
        """Hash of the seller's side of the output: glossary terms and kept words."""
        table = SellerGlossary({"*": {**{k: k for k in self.keep}, **self._terms(target)}})
        # The bundled termbase is not part of the key: texts answered from it are never
        # stored whole (see runner), so editing configs/glossary does not void the memory.
        return table.digest()

    def cache_tag(self, target: str, source: str = "ko") -> str:
        """What a cached translation of a product depends on besides its text: the engine and
        its version, the seller's terms and the reviewed (locked) translations of the pair."""
        engine = self.engine_for(source, target)
        locked = self.memory.locked_digest(source, target)
        revision = guard.revision()  # a cached product is as old as the guard that passed it
        return f"{engine.id}/{engine.version}/{self.glossary_hash(target)}/{locked}/{revision}"

    def _terms(self, target: str) -> dict[str, str]:
        """Seller glossary terms for ``target``, plus romanized Hangul brands it does not name."""
        terms = self.glossary.for_lang(target)
        if target.split("-")[0].lower() == "ko":
            return terms
        return {**self.romanized_brands, **terms}

    def exact_term(self, text: str, target: str) -> str | None:
        """The curated translation of ``text`` as one whole phrase, or None.

        The seller glossary's entry for exactly this text (spacing and case ignored), else the
        bundled termbase's (제품 특징 -> "features"). A composed draft is not a term: this
        tells a translation a seller can stand behind from one the glossary engine strung
        together word by word.
        """
        key = surface_key(text)
        if not key:
            return None
        for source, translation in self.glossary.for_lang(target).items():
            if surface_key(source) == key and translation.strip():
                return translation.strip()
        column = normalize_language(target)
        term = _termbase_or_none()
        found = term.exact(key) if term is not None and column else None
        return found.get(column) if found is not None else None

    def translate_texts(
        self,
        texts: Sequence[str],
        target: str,
        *,
        source: str = "ko",
        kind: str = "plain",
        market: str | None = None,
        max_chars: int | None = None,
    ) -> list[TranslatedText]:
        """Translate ``texts`` (one engine call per language pair for all their sentences).

        Args:
            texts: source texts.
            target: target language (BCP 47: "en", "zh-Hant", "ja" ...).
            source: source language.
            kind: "plain", "html" (text nodes only), "title" (fitted to ``max_chars``) or
                "option" ("name:value" structures kept).
            market: market id for converting numbers with units (e.g. "us").
            max_chars: title limit; longer titles are shortened with a finding.

        Returns:
            One TranslatedText per input, in order.
        """
        items = [JobItem(text, kind, max_chars) for text in texts]
        return self._run(items, source, target, market)

    def translate_products(
        self,
        products: Sequence[Product],
        target: str,
        *,
        source: str = "ko",
        market: str | None = None,
        title_max_chars: int | None = None,
    ) -> list[LocalizedText]:
        """Translate titles, descriptions and options of all ``products`` in one job."""
        items: list[JobItem] = []
        layout: list[tuple[Product, int, int, list[int]]] = []
        for product in products:
            title = len(items)
            context = (product.title, product.category)
            items.append(JobItem(product.title, "title", title_max_chars, context=context))
            items.append(JobItem(product.description, "plain", None, context=context))
            axes: list[int] = []
            for axis in product.options:
                axes.append(len(items))
                items.append(JobItem(axis.name, "option", None, context=context))
                items += [JobItem(v, "option", None, context=context) for v in axis.values]
            layout.append((product, title, title + 1, axes))
        results = self._run(items, source, target, market)
        engine = self.engine_for(source, target)
        localized = [_localized(p, target, results, t, d, axes, engine) for p, t, d, axes in layout]
        romanized = self._terms(target)
        for text in localized:
            # say which brands were romanized, so the seller can put the official spelling
            # in the glossary (닥터지 is "Dr.G", not "Dakteoji")
            source = f"{text.source['title']} {text.source['description']}"
            text.flags += sorted(
                f"brand-romanized:{brand}"
                for brand in self.romanized_brands
                if brand in source and romanized.get(brand) == self.romanized_brands[brand]
            )
        return localized

    def _run(
        self, items: list[JobItem], source: str, target: str, market: str | None
    ) -> list[TranslatedText]:
        engine = self.engine_for(source, target)
        protector = Protector(
            keep=self.keep, terms=self._terms(target), market=market, language=target
        )
        key = MemoryKey(source, target, engine.id, engine.version, self.glossary_hash(target), "")
        shortcut = short_term_lookup(target, self.use_termbase and engine.id != "glossary")
        job = Job(items, engine, self.memory, key, protector, market, self.splitter, self.stats)
        job.short_terms = shortcut
        job.check_meaning = self.check_meaning
        if wants_hints(engine):
            job.hint_source = (_termbase_or_none(), normalize_language(target), self._terms(target))
        results = job.run()
        self._collect_usage()
        return results

    def _collect_usage(self) -> None:
        """Tokens and cost of paid engines over this service's life (one engine per pair)."""
        reports = [
            engine.usage_report()  # type: ignore[attr-defined]
            for engine in {id(e): e for e in self._engines.values()}.values()
            if callable(getattr(engine, "usage_report", None))
        ]
        if not reports:
            return
        total: dict[str, Any] = {}
        for report in reports:
            for key, value in report.items():
                if isinstance(value, int | float):
                    total[key] = round(total.get(key, 0) + value, 6)
        if any(report.get("cost_usd") is None for report in reports):
            total["cost_usd"] = None  # unpriced: tokens only
        self.stats.usage = total

    def close(self) -> None:
        """Close the translation memory."""
        self.memory.close()

    def __enter__(self) -> TranslationService:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _termbase_or_none() -> Any:
    """The bundled termbase for engine hints; None when it cannot be loaded (hints are extra)."""
    try:
        return load_termbase()
    except Exception:  # a broken termbase must not stop a remote engine
        return None


def _localized(
    product: Product,
    lang: str,
    results: list[TranslatedText],
    title: int,
    description: int,
    axes: list[int],
    engine: Engine,
) -> LocalizedText:
    options: list[dict[str, Any]] = []
    used = [results[title], results[description]]
    for axis, start in zip(product.options, axes, strict=True):
        values = results[start + 1 : start + 1 + len(axis.values)]
        used += [results[start], *values]
        options.append({"name": results[start].text, "values": [v.text for v in values]})
    findings = [f for r in used for f in r.findings]
    for finding in findings:
        finding.sku = product.sku or None
        finding.row = product.location.row
        finding.target = lang
    flags = sorted({flag for r in used for flag in r.flags})
    qualities = {r.quality for r in used if r.source_text.strip() and r.quality != "unchanged"}
    quality = (
        engine.quality if not qualities else min(qualities, key=lambda q: _QUALITY_RANK.get(q, 2))
    )
    texts = [results[title].text, *_text_nodes(results[description].text)]
    texts += [o["name"] for o in options] + [v for o in options for v in o["values"]]
    return LocalizedText(
        untranslated=korean_words(texts) if lang.split("-")[0].lower() != "ko" else [],
        sku=product.sku,
        lang=lang,
        title=results[title].text,
        description=results[description].text,
        options=options,
        source={
            "title": product.title,
            "description": product.description,
            "options": [a.to_json() for a in product.options],
        },
        engine=engine.id,
        quality=quality,
        flags=flags,
        findings=findings,
    )


#: The weakest quality of a product's fields is the product's quality.
_QUALITY_RANK = {"source": 0, "draft": 1, "machine": 2, "reviewed": 3}


_KOREAN_WORD = re.compile(r"[\w]*[\uac00-\ud7a3][\w]*")


def korean_words(texts: Iterable[str], limit: int = 20) -> list[str]:
    """Distinct Korean words left in ``texts``, in order of appearance (at most ``limit``)."""
    words: dict[str, None] = {}
    for text in texts:
        for word in _KOREAN_WORD.findall(text):
            words.setdefault(word, None)
    return list(words)[:limit]


def _text_nodes(text: str) -> list[str]:
    """The text a buyer reads: HTML text nodes only (alt text and attributes are not shown)."""
    from klisting.translate.htmltext import looks_like_html, split_html

    if not looks_like_html(text):
        return [text]
    return [part.text for part in split_html(text) if part.translatable]
