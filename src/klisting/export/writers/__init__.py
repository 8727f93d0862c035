"""One writer per platform family; ``write_listing_files`` dispatches on the platform config.

The registries below are the only lists of writers: a new JSON family is its module plus one
entry in ``JSON_DOCUMENTS`` (and its name in ``markets.platforms.Family``).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

from klisting.errors import ConfigError
from klisting.export.context import ListingContext
from klisting.export.model import LocalizedProduct
from klisting.export.writers import amazon, lazada, marketplaces, shopee
from klisting.export.writers.flat import write_flat
from klisting.export.writers.shopify import write_shopify
from klisting.infra.atomic import write_text_atomic
from klisting.markets.platforms import ListingFile, PlatformSpec

Document = Callable[[list[LocalizedProduct], PlatformSpec, ListingContext], dict[str, Any]]

#: family -> the builder of its single JSON document (listing kind "json")
JSON_DOCUMENTS: dict[str, Document] = {
    "shopee": shopee.payload,
    "lazada": lazada.payload,
    "coupang": partial(marketplaces.payload, "coupang"),
    "alibaba": partial(marketplaces.payload, "alibaba"),
    "qoo10": partial(marketplaces.payload, "qoo10"),
}


def json_document(
    products: list[LocalizedProduct], spec: PlatformSpec, ctx: ListingContext
) -> dict[str, Any]:
    """The family's single JSON document (see ``JSON_DOCUMENTS``)."""
    build = JSON_DOCUMENTS.get(spec.family)
    if build is None:
        raise ConfigError(
            f"platform '{spec.name}': family '{spec.family}' has no JSON writer",
            hint=f"Use kind csv/tsv/xlsx with columns, or one of: {', '.join(JSON_DOCUMENTS)}.",
        )
    return build(products, spec, ctx)


def dumps(data: Any) -> str:
    """Stable JSON text: UTF-8, indented, keys in writer order, newline at the end."""
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def listing_name(listing: ListingFile, ctx: ListingContext) -> str:
    """The file name in the bundle; ``{feed_name}`` comes from the account (Miravia's feed)."""
    return listing.name.format(feed_name=getattr(ctx.account, "feed_name", "klisting"))


def write_listing_files(
    products: list[LocalizedProduct],
    spec: PlatformSpec,
    directory: Path,
    ctx: ListingContext | None = None,
) -> list[Path]:
    """Write every listing file ``spec.files`` names into ``directory``; returns the paths.

    ``ctx`` carries the seller's account settings and collects the needs (a context without
    settings when None, so every account field is named as a need).
    """
    ctx = ctx or ListingContext(f"{spec.name}:{spec.markets[0]}")
    written: list[Path] = []
    for listing in spec.files:
        written.extend(_write_one(products, spec, listing, directory, ctx))
    return written


Writer = Callable[
    [list[LocalizedProduct], PlatformSpec, ListingFile, Path, ListingContext], list[Path]
]


def _flat(
    products: list[LocalizedProduct],
    spec: PlatformSpec,
    listing: ListingFile,
    path: Path,
    ctx: ListingContext,
) -> list[Path]:
    # Shopify's product CSV has its own fixed template; other flat files list their columns
    if spec.family == "shopify" and listing.kind == "csv" and not listing.columns:
        return [write_shopify(products, spec, path, ctx)]
    return [write_flat(products, spec, listing, path, ctx)]


def _per_sku(
    products: list[LocalizedProduct],
    spec: PlatformSpec,
    listing: ListingFile,
    path: Path,
    ctx: ListingContext,
) -> list[Path]:
    paths = []
    for name, body in amazon.payloads(products, spec, ctx).items():
        paths.append(path / name)
        write_text_atomic(paths[-1], dumps(body))
    return paths


def _document(
    products: list[LocalizedProduct],
    spec: PlatformSpec,
    listing: ListingFile,
    path: Path,
    ctx: ListingContext,
) -> list[Path]:
    write_text_atomic(path, dumps(json_document(products, spec, ctx)))
    return [path]


#: listing kind -> its writer (the kinds are markets.platforms.ListingKind)
WRITERS: dict[str, Writer] = {
    "csv": _flat,
    "tsv": _flat,
    "xlsx": _flat,
    "json-per-sku": _per_sku,
    "json": _document,
}


def _write_one(
    products: list[LocalizedProduct],
    spec: PlatformSpec,
    listing: ListingFile,
    directory: Path,
    ctx: ListingContext,
) -> list[Path]:
    path = directory / listing_name(listing, ctx)
    return WRITERS[listing.kind](products, spec, listing, path, ctx)
