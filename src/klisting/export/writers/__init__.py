"""One writer per platform family; ``write_listing_files`` dispatches on the platform config."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from klisting.errors import ConfigError
from klisting.export.model import LocalizedProduct
from klisting.export.writers import amazon, lazada, marketplaces, shopee
from klisting.export.writers.flat import write_flat
from klisting.export.writers.shopify import write_shopify
from klisting.infra.atomic import write_text_atomic
from klisting.markets.platforms import ListingFile, PlatformSpec


def json_document(products: list[LocalizedProduct], spec: PlatformSpec) -> dict[str, Any]:
    """The family's single JSON document (shopee, lazada, coupang, alibaba, qoo10)."""
    family = spec.family
    if family == "shopee":
        return shopee.payload(products, spec)
    if family == "lazada":
        return lazada.payload(products, spec)
    if family in ("coupang", "alibaba", "qoo10"):
        return marketplaces.payload(family, products, spec)
    raise ConfigError(
        f"platform '{spec.name}': family '{family}' has no JSON writer",
        hint="Use kind csv/tsv/xlsx with columns, or one of: shopee, lazada, coupang, alibaba, qoo10.",
    )


def dumps(data: Any) -> str:
    """Stable JSON text: UTF-8, indented, keys in writer order, newline at the end."""
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def write_listing_files(
    products: list[LocalizedProduct], spec: PlatformSpec, directory: Path
) -> list[Path]:
    """Write every listing file ``spec.files`` names into ``directory``; returns the paths."""
    written: list[Path] = []
    for listing in spec.files:
        written.extend(_write_one(products, spec, listing, directory))
    return written


def _write_one(
    products: list[LocalizedProduct], spec: PlatformSpec, listing: ListingFile, directory: Path
) -> list[Path]:
    path = directory / listing.name
    if listing.kind == "csv" and spec.family == "shopify" and not listing.columns:
        return [write_shopify(products, spec, path)]
    if listing.kind in ("csv", "tsv", "xlsx"):
        return [write_flat(products, spec, listing, path)]
    if listing.kind == "json-per-sku":
        paths = []
        for name, body in amazon.payloads(products, spec).items():
            paths.append(directory / listing.name / name)
            write_text_atomic(paths[-1], dumps(body))
        return paths
    if listing.kind == "json":
        write_text_atomic(path, dumps(json_document(products, spec)))
        return [path]
    raise ConfigError(
        f"platform '{spec.name}': unknown listing file kind '{listing.kind}'",
        hint="kind is one of csv, tsv, xlsx, json, json-per-sku.",
    )
