"""Localize text: each (language, unit system) group of targets is translated once.

Targets that share a listing language and a unit system (amazon:us and shopify:us) share one
translation; the translation memory then serves repeated segments across groups. Results are
cached per product, in chunks, so a killed run keeps every finished chunk.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from klisting.infra.cache import StageCache, digest
from klisting.markets.targets import Target
from klisting.model import Product
from klisting.pipeline.model import TextResults
from klisting.translate.types import LocalizedText

if TYPE_CHECKING:
    from klisting.translate.service import TranslationService

STAGE = "text-v1"
#: products per translation call: big enough to batch the engine, small enough to resume
CHUNK = 100


@dataclass(frozen=True)
class TextGroup:
    """Targets sharing one translation: listing language and the market whose units to use.

    Titles are translated whole; each target's title limit is applied when its listing is
    assembled, so Amazon keeps 200 characters while Alibaba gets 128 from the same English.
    """

    language: str
    market: str

    @property
    def id(self) -> str:
        return f"{self.language}@{self.market}"


def unit_system(market: str) -> str:
    """The market's unit system (us or metric); metric when the market is unknown."""
    try:
        from klisting.markets.markets import get_market

        return get_market(market).unit_system
    except Exception:  # an unknown market only changes unit wording, never fails the run
        return "metric"


def translation_language(tag: str) -> str:
    """The tag to translate into: the script matters for Chinese (zh-Hant), the region for pt-BR only."""
    if tag.startswith("zh") or tag == "pt-BR":
        return tag
    return tag.split("-")[0]


def group_targets(targets: Sequence[Target]) -> dict[str, TextGroup]:
    """Target id -> the text group it reads from."""
    keys: dict[tuple[str, str], list[Target]] = {}
    for target in targets:
        key = (translation_language(target.platform.language), unit_system(target.market))
        keys.setdefault(key, []).append(target)
    out: dict[str, TextGroup] = {}
    for (language, _), members in keys.items():
        group = TextGroup(language, members[0].market)
        out.update({t.id: group for t in members})
    return out


def product_text_key(product: Product, group: TextGroup, engine_tag: str) -> str:
    return digest(
        STAGE,
        group.language,
        unit_system(group.market),
        engine_tag,
        product.title,
        product.description,
        [axis.to_json() for axis in product.options],
    )


def localize_text(
    products: Sequence[Product],
    groups: Sequence[TextGroup],
    service: TranslationService,
    cache: StageCache,
    advance: Callable[[int], None] | None = None,
) -> TextResults:
    """Translate every product into every group; returns group id -> product index -> LocalizedText.

    Args:
        products: catalog products (source text in Korean).
        groups: distinct text groups (see ``group_targets``).
        service: a ``klisting.translate.service.TranslationService``.
        cache: the stage cache.
        advance: progress callback, called with the number of products finished.
    """
    out: TextResults = {}
    for group in groups:
        # engine, seller terms and reviewed translations: an applied review redoes the product
        tag = service.cache_tag(group.language)
        results: dict[int, LocalizedText] = {}
        todo: list[tuple[int, str]] = []
        for index, product in enumerate(products):
            key = product_text_key(product, group, tag)
            cached = cache.get(STAGE, key)
            if cached is None:
                todo.append((index, key))
            else:
                results[index] = _own(cached, products[index])
        if advance and len(results):
            advance(len(results))
        for start in range(0, len(todo), CHUNK):
            chunk = todo[start : start + CHUNK]
            texts = service.translate_products(
                [products[i] for i, _ in chunk],
                group.language,
                market=group.market,
            )
            for (index, key), text in zip(chunk, texts, strict=True):
                record = text.to_json()
                cache.put(STAGE, key, record)
                results[index] = _own(record, products[index])
            if advance:
                advance(len(chunk))
        out[group.id] = results
    return out


def _own(record: dict[str, Any], product: Product) -> LocalizedText:
    """A cached record for ``product``: entries are shared by identical texts, so set its SKU and row."""
    text = LocalizedText.from_json(record)
    text.sku = product.sku
    text.findings = [
        dataclasses.replace(f, sku=product.sku or None, row=product.row) for f in text.findings
    ]
    return text
