"""Lazada (and Daraz) ``CreateProduct`` payloads: the JSON form of the documented request body."""

from __future__ import annotations

import html
from typing import Any

from klisting.export.model import LocalizedProduct
from klisting.export.rows import format_amount, format_decimal, variant_rows
from klisting.markets.platforms import PlatformSpec


def short_description(product: LocalizedProduct) -> str:
    """Highlights: only <ul><li> is allowed, so bullets become a plain list."""
    if not product.bullets:
        return ""
    return (
        "<ul>" + "".join(f"<li>{html.escape(bullet)}</li>" for bullet in product.bullets) + "</ul>"
    )


def create_product(product: LocalizedProduct, spec: PlatformSpec) -> dict[str, Any]:
    """The CreateProduct ``Request`` for one product."""
    axes = product.options[:2]
    skus = []
    for variant in variant_rows(product):
        sku: dict[str, Any] = {
            "SellerSku": variant.sku,
            "quantity": variant.stock or 0,
            "price": format_amount(variant.price or product.price, spec.price_decimals),
            "package_weight": format_decimal(product.weight_kg, 2) or "",
        }
        if product.dimensions_cm:
            sku.update(
                zip(
                    ("package_length", "package_width", "package_height"),
                    (format_decimal(v, 2) for v in product.dimensions_cm),
                    strict=True,
                )
            )
        if variant.options:
            sku["saleProp"] = {name: variant.options.get(name, "") for name, _ in axes}
        skus.append(sku)
    request: dict[str, Any] = {
        "PrimaryCategory": "",
        "Images": {"Image": [image.name for image in product.images[: spec.images.max_count or 8]]},
        "Attributes": {
            "name": product.title,
            "description": product.description,
            "short_description": short_description(product),
            "brand": product.brand or "No Brand",
            "Hazmat": "None",
            "warranty_type": "No Warranty",
            "package_content": f"1 x {product.title}",
        },
        "Skus": {"Sku": skus},
        "x_klisting": {
            "source_category": product.category,
            "currency": spec.currency,
            "language": spec.language,
        },
    }
    if axes:
        request["variation"] = {
            f"variation{index}": {
                "name": name,
                "hasImage": index == 1 and any(v.image for v in product.variants),
                "customize": True,
                "options": {"option": values},
            }
            for index, (name, values) in enumerate(axes, start=1)
        }
    return {"Request": {"Product": request}}


def payload(products: list[LocalizedProduct], spec: PlatformSpec) -> dict[str, Any]:
    """create_product.json: one request per product, in order."""
    return {"products": [create_product(product, spec) for product in products]}
