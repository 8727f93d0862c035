"""Catalog-level readiness rules: barcodes (or an exemption) and battery/DG declarations."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Literal

from klisting.model import Catalog, Product
from klisting.onboarding.groups import GroupIndex
from klisting.onboarding.rules import Rule
from klisting.project.model import ProjectConfig

Status = Literal["pass", "fail", "warn"]


@lru_cache(maxsize=65536)
def gtin_valid(code: str) -> bool:
    """True for an 8, 12, 13 or 14 digit GTIN (EAN/UPC/JAN/ITF-14) with a correct check digit."""
    digits = re.sub(r"[\s\-]", "", code or "")
    if not re.fullmatch(r"\d{8}|\d{12,14}", digits):
        return False
    body, check = digits[:-1], int(digits[-1])
    # Weights alternate 3,1,... from the digit next to the check digit.
    total = sum(
        int(digit) * (3 if index % 2 == 0 else 1) for index, digit in enumerate(reversed(body))
    )
    return (10 - total % 10) % 10 == check


def evaluate_catalog_rule(
    rule: Rule, project: ProjectConfig, catalog: Catalog, index: GroupIndex | None = None
) -> tuple[Status, str]:
    """Status and detail of a ``barcode`` or ``declaration`` rule over the catalog."""
    if rule.check == "barcode":
        return _barcodes(rule, project, catalog.products)
    return _declarations(rule, catalog.products, index or GroupIndex(catalog.products))


def _barcodes(rule: Rule, project: ProjectConfig, products: list[Product]) -> tuple[Status, str]:
    missing: list[str] = []
    invalid: list[str] = []
    for product in products:
        codes = _codes(product)
        label = product.sku or f"row {product.row}"
        if not codes or any(not code for code in codes):
            missing.append(label)
        elif any(not gtin_valid(code) for code in codes):
            invalid.append(label)
    exemption = [code for code in rule.any_of if code in project.seller.certifications]
    if not missing and not invalid:
        return "pass", f"all {len(products)} product(s) have a valid barcode"
    parts = []
    if missing:
        parts.append(f"{len(missing)} product(s) without a barcode ({_first(missing)})")
    if invalid:
        parts.append(f"{len(invalid)} with an invalid GTIN check digit ({_first(invalid)})")
    if exemption and not invalid:
        return "pass", f"{parts[0]}; covered by {exemption[0]}"
    return rule.severity, "; ".join(parts)


def _codes(product: Product) -> list[str]:
    """The product's barcode, or each variant's (falling back to the product's)."""
    if product.variants:
        return [variant.barcode or product.barcode for variant in product.variants]
    return [product.barcode]


def _declarations(rule: Rule, products: list[Product], index: GroupIndex) -> tuple[Status, str]:
    matches = {match.row: match for match in index.matching(rule.groups)}
    if not matches:
        return "pass", f"not needed: no {'/'.join(rule.groups)} products in the catalog"
    wanted = {key.lower() for key in rule.attribute_keys}
    undeclared = [
        f"{product.sku or f'row {product.row}'} ({matches[product.row].keyword})"
        for product in products
        if product.row in matches and not _declared(product, wanted)
    ]
    if not undeclared:
        return "pass", f"{len(matches)} product(s) declared"
    return (
        rule.severity,
        f"{len(undeclared)} product(s) without a declaration: {_first(undeclared)}",
    )


def _declared(product: Product, keys: set[str]) -> bool:
    return any(key.lower() in keys and value.strip() for key, value in product.attributes.items())


def _first(labels: list[str], count: int = 3) -> str:
    more = f" and {len(labels) - count} more" if len(labels) > count else ""
    return ", ".join(labels[:count]) + more
