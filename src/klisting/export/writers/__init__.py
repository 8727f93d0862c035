"""One writer per platform family; ``write_listing_files`` dispatches on the platform config."""

from __future__ import annotations

import json
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


def json_document(
    products: list[LocalizedProduct], spec: PlatformSpec, ctx: ListingContext
) -> dict[str, Any]:
    """The family's single JSON document (shopee, lazada, coupang, alibaba, qoo10)."""
    family = spec.family
    if family == "shopee":
        return shopee.payload(products, spec, ctx)
    if family == "lazada":
        return lazada.payload(products, spec, ctx)
    if family in ("coupang", "alibaba", "qoo10"):
        return marketplaces.payload(family, products, spec, ctx)
    raise ConfigError(
        f"platform '{spec.name}': family '{family}' has no JSON writer",
        hint="Use kind csv/tsv/xlsx with columns, or one of: shopee, lazada, coupang, alibaba, qoo10.",
    )


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


def _write_one(
    products: list[LocalizedProduct],
    spec: PlatformSpec,
    listing: ListingFile,
    directory: Path,
    ctx: ListingContext,
) -> list[Path]:
    path = directory / listing_name(listing, ctx)
    if listing.kind == "csv" and spec.family == "shopify" and not listing.columns:
        return [write_shopify(products, spec, path, ctx)]
    if listing.kind in ("csv", "tsv", "xlsx"):
        return [write_flat(products, spec, listing, path, ctx)]
    if listing.kind == "json-per-sku":
        paths = []
        for name, body in amazon.payloads(products, spec, ctx).items():
            paths.append(path / name)
            write_text_atomic(paths[-1], dumps(body))
        return paths
    if listing.kind == "json":
        write_text_atomic(path, dumps(json_document(products, spec, ctx)))
        return [path]
    raise ConfigError(
        f"platform '{spec.name}': unknown listing file kind '{listing.kind}'",
        hint="kind is one of csv, tsv, xlsx, json, json-per-sku.",
    )
