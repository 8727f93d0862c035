"""Amazon SP-API Listings Items payloads (PUT /listings/2021-08-01/items/{sellerId}/{sku}).

One JSON per SKU: a parent for products with variants, then each child. Text attributes carry
``language_tag`` and ``marketplace_id``, measurements ``unit`` + ``value`` (Product Type
Definitions conventions).
"""

from __future__ import annotations

from typing import Any

from klisting.export.model import LocalizedProduct
from klisting.export.rows import (
    format_amount,
    format_decimal,
    html_to_text,
    variant_barcode,
    variant_rows,
)
from klisting.markets.platforms import PlatformSpec


def _text(value: str, spec: PlatformSpec) -> list[dict[str, str]]:
    return [
        {
            "value": value,
            "language_tag": spec.language.replace("-", "_"),
            "marketplace_id": _market_id(spec),
        }
    ]


def _plain(value: Any, spec: PlatformSpec) -> list[dict[str, Any]]:
    return [{"value": value, "marketplace_id": _market_id(spec)}]


def _market_id(spec: PlatformSpec) -> str:
    return spec.defaults.get("marketplace_id", "")


def payloads(products: list[LocalizedProduct], spec: PlatformSpec) -> dict[str, dict[str, Any]]:
    """File name (``<sku>.json``) -> listings item body, in product order."""
    out: dict[str, dict[str, Any]] = {}
    for product in products:
        common = _common(product, spec)
        if product.variants:
            theme = "/".join(name.upper().replace(" ", "_") for name, _ in product.options)
            parent = dict(
                common, parentage_level=_plain("parent", spec), variation_theme=[{"name": theme}]
            )
            out[f"{product.sku}.json"] = _body(spec, parent)
        for variant in variant_rows(product):
            attrs = dict(common)
            price = variant.price or product.price
            if price is not None:
                attrs["purchasable_offer"] = [
                    {
                        "marketplace_id": _market_id(spec),
                        "currency": spec.currency,
                        "our_price": [
                            {
                                "schedule": [
                                    {
                                        "value_with_tax": float(
                                            format_amount(price, spec.price_decimals)
                                        )
                                    }
                                ]
                            }
                        ],
                    }
                ]
            attrs["fulfillment_availability"] = [
                {"fulfillment_channel_code": "DEFAULT", "quantity": variant.stock or 0}
            ]
            code = variant_barcode(product, variant)
            if code:
                attrs["externally_assigned_product_identifier"] = [
                    {
                        "type": "ean" if len(code) == 13 else "upc",
                        "value": code,
                        "marketplace_id": _market_id(spec),
                    }
                ]
            if product.variants:
                attrs["parentage_level"] = _plain("child", spec)
                attrs["child_parent_sku_relationship"] = [
                    {
                        "child_relationship_type": "variation",
                        "parent_sku": product.sku,
                        "marketplace_id": _market_id(spec),
                    }
                ]
                for name, value in variant.options.items():
                    key = (
                        "color"
                        if name.lower() in ("color", "colour")
                        else "size"
                        if name.lower() == "size"
                        else "style"
                    )
                    attrs.setdefault(key, _text(value, spec))
            out[f"{variant.sku}.json"] = _body(spec, attrs)
    return out


def _body(spec: PlatformSpec, attributes: dict[str, Any]) -> dict[str, Any]:
    return {
        "productType": spec.defaults.get("product_type", "PRODUCT"),
        "requirements": "LISTING",
        "attributes": attributes,
    }


def _common(product: LocalizedProduct, spec: PlatformSpec) -> dict[str, Any]:
    attrs: dict[str, Any] = {
        "item_name": _text(product.title, spec),
        "brand": _text(product.brand, spec),
        "product_description": _text(html_to_text(product.description), spec),
        "bullet_point": [
            entry for bullet in product.bullets[: spec.bullets] for entry in _text(bullet, spec)
        ],
        "supplier_declared_dg_hz_regulation": _plain("not_applicable", spec),
    }
    if product.manufacturer:
        attrs["manufacturer"] = _text(product.manufacturer, spec)
    if product.origin:
        attrs["country_of_origin"] = _plain(product.origin, spec)
    if product.model:
        attrs["model_number"] = _plain(product.model, spec)
    if product.weight_g is not None:
        attrs["item_weight"] = [
            {
                "unit": "kilograms",
                "value": float(format_decimal(product.weight_kg, 3)),
                "marketplace_id": _market_id(spec),
            }
        ]
    if product.dimensions_cm:
        length, width, height = (float(format_decimal(v, 2)) for v in product.dimensions_cm)
        attrs["item_package_dimensions"] = [
            {
                "length": {"unit": "centimeters", "value": length},
                "width": {"unit": "centimeters", "value": width},
                "height": {"unit": "centimeters", "value": height},
                "marketplace_id": _market_id(spec),
            }
        ]
    for index, image in enumerate(product.images[:9]):
        key = "main_product_image_locator" if index == 0 else f"other_product_image_locator_{index}"
        attrs[key] = [{"media_location": image.name, "marketplace_id": _market_id(spec)}]
    return attrs
