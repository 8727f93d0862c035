"""Assemble one LocalizedProduct per (product, target) from the stage results.

The seam between the run's stages and the writers: translated text, priced amounts and fitted
images come in, the object every writer reads comes out.
"""

from __future__ import annotations

import dataclasses
import html
import itertools
import re
from decimal import Decimal
from pathlib import Path
from typing import Any, Protocol

from klisting.export.gates import image_file_name
from klisting.export.model import ExportImage, FittedPart, LocalizedProduct, LocalizedVariant
from klisting.export.rows import html_to_text
from klisting.markets.countries import country_code
from klisting.markets.targets import Target
from klisting.model import Finding, Money, Product, Severity
from klisting.model.codes import Code, declare, finding
from klisting.translate.fit import fit_title
from klisting.translate.types import LocalizedText
from klisting.units.measure import parse_measure

declare(
    Code(
        "export.variants-from-options",
        Severity.INFO,
        "options",
        "Variants were made from the option values (the catalog lists axes, not variant rows)",
        "List one row per variant (with its own SKU and stock) in the catalog to control them.",
    ),
    Code(
        "translate.draft",
        Severity.WARNING,
        None,
        "The listing text is an offline draft",
        "Install a translation model (`klisting models install`) or review the text before publishing.",
    ),
    Code(
        "images.dropped",
        Severity.WARNING,
        "images",
        "More images than the platform takes: the last ones are left out",
        "Order images by importance (main first).",
    ),
)


class Pricer(Protocol):
    """Converts a catalog amount for one target (``klisting.pipeline.price_stage.Pricer``)."""

    def price(
        self, amount: Money | None, product: Product
    ) -> tuple[Money | None, list[Finding]]: ...


_LI = re.compile(r"<li[^>]*>(.*?)</li>", re.IGNORECASE | re.DOTALL)
_SENTENCE = re.compile(r"(?<=[.!?。！？])\s+")

_TO_GRAMS = {
    "gram": Decimal(1),
    "kilogram": Decimal(1000),
    "milligram": Decimal("0.001"),
    "pound": Decimal("453.59237"),
    "ounce": Decimal("28.349523125"),
}
_TO_CM = {
    "centimeter": Decimal(1),
    "millimeter": Decimal("0.1"),
    "meter": Decimal(100),
    "inch": Decimal("2.54"),
}


def _measure(text: str) -> Any:
    """The parsed measure, or None when the cell is empty or not a quantity.

    Validation already reports an unparseable cell (``quantity.unparseable``); the export
    leaves the field empty instead of stopping the whole run on one seller's free text.
    """
    if not text:
        return None
    try:
        return parse_measure(text)
    except ValueError:
        return None


def weight_grams(text: str) -> Decimal | None:
    """Weight in grams from catalog text such as ``1.2kg``; None when empty or not a mass."""
    measure = _measure(text)
    if measure is None or measure.kind != "mass" or measure.unit not in _TO_GRAMS:
        return None
    return (Decimal(str(measure.values[0])) * _TO_GRAMS[measure.unit]).normalize()


def dimensions_cm(text: str) -> tuple[Decimal, Decimal, Decimal] | None:
    """Length, width, height in cm from text such as ``30x20x10cm``; None when not dimensions."""
    measure = _measure(text)
    if (
        measure is None
        or measure.kind != "dimensions"
        or len(measure.values) != 3
        or measure.unit not in _TO_CM
    ):
        return None
    a, b, c = (Decimal(str(v)) * _TO_CM[measure.unit] for v in measure.values)
    return a, b, c


def bullets(description: str, count: int, max_chars: int | None) -> list[str]:
    """Key features: the description's list items, else its first sentences."""
    if count <= 0:
        return []
    items = [html_to_text(html.unescape(item)) for item in _LI.findall(description)]
    if not items:
        items = [
            s for line in html_to_text(description).splitlines() for s in _SENTENCE.split(line)
        ]
    items = [item.strip() for item in items if item.strip()]
    if max_chars:
        items = [item[:max_chars] for item in items]
    return items[:count]


def assemble(
    product: Product,
    target: Target,
    text: LocalizedText | None,
    images: list[ExportImage],
    pricer: Pricer | None,
    profile: dict[str, str],
    trade: dict[str, Any],
) -> LocalizedProduct:
    """The product as the target will see it."""
    spec = target.platform
    if text is None:  # nothing translated (no text fields): the listing carries the source
        text = LocalizedText(product.sku, spec.language, "", "", [], {}, "", "")
    findings = [dataclasses.replace(f, target=target.id) for f in text.findings]
    price, found = pricer.price(product.price, product) if pricer else (None, [])
    list_price, _ = (
        pricer.price(product.list_price, product) if pricer and product.list_price else (None, [])
    )
    findings += found
    if list_price is not None and price is not None and list_price.amount <= price.amount:
        # A "was" price at or below the selling price is no discount: Shopify would show a
        # compare-at price under the price and Coupang rejects originalPrice < salePrice.
        # Validation already warns about it (price.above-list-price); the listing leaves it out.
        list_price = None
    axes = [(axis["name"], list(axis["values"])) for axis in text.options]
    variants = _variants(product, axes, price, pricer)
    if variants and not product.variants:
        findings.append(
            finding(
                "export.variants-from-options",
                f"{len(variants)} variants made from the option values"
                + (f"; stock {product.stock} split evenly among them" if product.stock else ""),
                sku=product.sku,
                row=product.row,
                target=target.id,
            )
        )
    if text.quality == "draft":
        findings.append(
            finding(
                "translate.draft",
                f"{text.lang} text is a draft (engine {text.engine})",
                sku=product.sku,
                row=product.row,
                target=target.id,
            )
        )
    title, steps = fit_title(text.title, spec.title.max_chars or 0)
    if steps:
        findings.append(
            finding(
                "translate.title-shortened",
                f"title shortened to {spec.title.max_chars} characters for {target.id} ({', '.join(steps)})",
                sku=product.sku,
                row=product.row,
                target=target.id,
            )
        )
    return LocalizedProduct(
        sku=product.sku,
        title=title,
        description=text.description,
        source_title=product.title,
        source_description=product.description,
        language=spec.language,
        bullets=bullets(text.description, spec.bullets, spec.bullet_max_chars),
        brand=_brand(product.brand, profile),
        manufacturer=profile.get("manufacturer_name") or _company(product.manufacturer),
        origin=country_code(product.origin),
        model=product.model,
        barcode=product.barcode,
        hs_code=product.hs_code,
        category=product.category,
        price=price,
        list_price=list_price,
        stock=product.stock,
        weight_g=weight_grams(product.weight),
        dimensions_cm=dimensions_cm(product.dimensions),
        options=axes,
        variants=variants,
        images=images,
        attributes=dict(product.attributes),
        profile=profile,
        trade=trade,
        findings=findings,
        row=product.row,
    )


def _variants(
    product: Product, axes: list[tuple[str, list[str]]], price: Money | None, pricer: Pricer | None
) -> list[LocalizedVariant]:
    """Variants with option names and values in the target language and their own localized price."""
    value_map = {
        src.name: (name, dict(zip(src.values, values, strict=False)))
        for src, (name, values) in zip(product.options, axes, strict=False)
    }
    if not product.variants:
        return _variants_from_axes(product, axes, price)
    out = []
    for variant in product.variants:
        options = {
            value_map[k][0]: value_map[k][1].get(v, v)
            for k, v in variant.options.items()
            if k in value_map
        }
        vprice = price
        if pricer and product.price and variant.price_delta:
            amount = Money(
                product.price.amount + variant.price_delta.amount, product.price.currency
            )
            vprice = pricer.price(amount, product)[0]
        out.append(
            LocalizedVariant(
                sku=variant.sku or product.sku,
                options=options,
                price=vprice,
                stock=variant.stock,
                barcode=variant.barcode or "",
            )
        )
    return out


def _variants_from_axes(
    product: Product, axes: list[tuple[str, list[str]]], price: Money | None
) -> list[LocalizedVariant]:
    """One variant per combination of option values, for a catalog that lists axes only.

    Korean exports often give ``색상:블랙,화이트`` without a row per variant; every platform
    sells a combination, not an axis, so without this an option name was exported with a
    blank value (Shopify rejects the row; Shopee and Amazon get no variations). SKUs follow
    the ``<sku>-01`` pattern Coupang Wing uses. The catalog gives no per-variant stock, and a
    Korean product's stock counts all its options, so it is split evenly (the total is kept:
    giving each variant the whole stock would oversell, 0 would list nothing for sale).
    """
    axes = [(name, values) for name, values in axes if values]
    if not axes:
        return []
    names = [name for name, _ in axes]
    combos = list(itertools.product(*(values for _, values in axes)))
    stocks: list[int | None] = [None] * len(combos)
    if product.stock is not None:
        share, extra = divmod(max(product.stock, 0), len(combos))
        stocks = [share + (1 if n < extra else 0) for n in range(len(combos))]
    return [
        LocalizedVariant(
            sku=f"{product.sku}-{number:02d}",
            options=dict(zip(names, combo, strict=True)),
            price=price,
            stock=stock,
        )
        for number, (combo, stock) in enumerate(zip(combos, stocks, strict=True), start=1)
    ]


def _brand(brand: str, profile: dict[str, str]) -> str:
    """The brand as listed abroad: the profile's English spelling, else a romanization of Hangul."""
    mapped = profile.get(f"brand_en:{brand}")
    if mapped:
        return mapped
    from klisting.export.gates import HANGUL

    if brand and HANGUL.search(brand):
        from klisting.translate.romanize import romanize

        return romanize(brand)
    return brand


_COMPANY_KO = re.compile(r"\(주\)|주식회사|㈜")


def _company(name: str) -> str:
    """A Korean company name for foreign listings: 주식회사/(주) becomes 'Co., Ltd.', Hangul romanized."""
    from klisting.export.gates import HANGUL

    if not name or not HANGUL.search(name):
        return name
    from klisting.translate.romanize import romanize

    corporate = bool(_COMPANY_KO.search(name))
    base = romanize(_COMPANY_KO.sub("", name).strip())
    return f"{base} Co., Ltd." if corporate else base


def export_images(
    product: Product,
    target: Target,
    fitted: list[list[FittedPart]],
    originals: list[Path | None],
    localized: list[bool],
) -> tuple[list[ExportImage], list[Finding]]:
    """Bundle images for one product: every fitted part, named by the platform convention, capped at max_count."""
    spec = target.platform
    out: list[ExportImage] = []
    for parts, original, was_localized, ref in zip(
        fitted, originals, localized, product.images, strict=True
    ):
        for part in parts:
            index = len(out) + 1
            out.append(
                ExportImage(
                    path=part.path,
                    name=image_file_name(spec, product.sku, index, part.ext),
                    source=ref.src,
                    role=ref.role if index > 1 else "main",
                    width=part.width,
                    height=part.height,
                    bytes=part.bytes,
                    format=part.format,
                    digest=part.path.stem,
                    original=original,
                    localized=was_localized,
                )
            )
    findings = []
    limit = spec.images.max_count
    if limit and len(out) > limit:
        findings.append(
            finding(
                "images.dropped",
                f"{len(out)} images after fitting; {target.id} takes {limit}, the rest are left out",
                sku=product.sku,
                row=product.row,
                target=target.id,
            )
        )
        out = out[:limit]
    return out, findings
