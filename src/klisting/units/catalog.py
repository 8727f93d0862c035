"""Quantities of whole products: title, options and the weight / volume / dimensions columns.

Used by ``klisting units scan`` and by stages that localize a catalog: every field with a
quantity comes back converted, and an ambiguous 근 becomes a finding that names the SKU,
row and field.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from klisting.model import Finding, Product
from klisting.units.convert import convert_text

#: product fields whose text may hold quantities, in listing order
FIELDS = ("title", "weight", "volume", "dimensions")


@dataclass(slots=True)
class FieldConversion:
    """One field of one product before and after conversion."""

    field: str
    source: str
    converted: str

    def to_json(self) -> dict[str, Any]:
        return {"field": self.field, "source": self.source, "converted": self.converted}


@dataclass(slots=True)
class ProductQuantities:
    """All converted fields of one product, plus findings (ambiguous 근 ...)."""

    sku: str
    row: int
    fields: list[FieldConversion] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {
            "sku": self.sku,
            "row": self.row,
            "fields": [f.to_json() for f in self.fields],
            "findings": [f.to_json() for f in self.findings],
        }


def convert_product(product: Product, market: str, *, geun: str | None = None) -> ProductQuantities:
    """Convert the quantities in ``product``'s title, option values and measure fields.

    Args:
        product: a catalog product; its ``category`` decides which 근 is meant.
        market: market code.
        geun: explicit 근 choice for the whole catalog (meat or produce).
    """
    result = ProductQuantities(product.sku, product.location.row)
    texts = [(name, getattr(product, name) or "") for name in FIELDS]
    texts += [(f"options.{axis.name}", value) for axis in product.options for value in axis.values]
    for name, text in texts:
        if not text:
            continue
        converted = convert_text(text, market, category=product.category or None, geun=geun)
        if converted.matches:
            result.fields.append(FieldConversion(name, text, converted.text))
        for finding in converted.findings:
            finding.sku, finding.row, finding.field = product.sku, product.location.row, name
            result.findings.append(finding)
    return result
