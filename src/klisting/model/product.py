"""Product, Variant, OptionAxis, ImageRef, SourceLocation and Catalog.

Readers fill these from any source layout; every later stage reads only these. Values a
reader could not interpret stay available as the raw text in ``Product.raw`` so validation
can say exactly what was wrong and where.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from klisting.model.money import Money

#: The canonical field names: the vocabulary of findings, configs and exports.
CANONICAL_FIELDS: tuple[str, ...] = (
    "sku",
    "parent_sku",
    "title",
    "title_en",
    "description",
    "brand",
    "manufacturer",
    "origin",
    "model",
    "price",
    "list_price",
    "stock",
    "images",
    "options",
    "variants",
    "weight",
    "volume",
    "dimensions",
    "barcode",
    "hs_code",
    "category",
    "certifications",
    "material",
    "attributes",
)


@dataclass(slots=True)
class SourceLocation:
    """Where a product came from: file, sheet, 1-based row, and the column of each field."""

    file: str
    row: int
    sheet: str | None = None
    columns: dict[str, str] = field(default_factory=dict)
    #: what ``row`` counts: "line" (CSV, JSON Lines), "item" (JSON array index) or "row" (sheets)
    unit: str = "line"

    def cell(self, field_name: str | None = None) -> str:
        """Human address such as ``Sheet1!C12`` or ``catalog.csv:12``."""
        column = self.columns.get(field_name or "", "")
        if self.sheet is not None and column:
            return f"{self.sheet}!{column}{self.row}"
        if self.sheet is not None:
            return f"{self.sheet}!{self.row}"
        name = Path(self.file).name
        where = f"{name} item {self.row}" if self.unit == "item" else f"{name}:{self.row}"
        return f"{where} ({column})" if column else where

    def to_json(self) -> dict[str, Any]:
        return {
            "file": self.file,
            "sheet": self.sheet,
            "row": self.row,
            "unit": self.unit,
            "columns": self.columns,
        }


@dataclass(slots=True)
class ImageRef:
    """One product image: an http(s) URL or a local path (already resolved against the catalog)."""

    src: str
    role: str = "main"  # main | extra | detail

    @property
    def is_url(self) -> bool:
        return self.src.lower().startswith(("http://", "https://"))

    def to_json(self) -> dict[str, str]:
        return {"src": self.src, "role": self.role}


@dataclass(slots=True)
class OptionAxis:
    """One option dimension, e.g. 색상 with values 블랙, 화이트."""

    name: str
    values: list[str]

    def to_json(self) -> dict[str, Any]:
        return {"name": self.name, "values": list(self.values)}


@dataclass(slots=True)
class Variant:
    """One sellable combination of option values."""

    options: dict[str, str]
    sku: str | None = None
    price_delta: Money | None = None
    stock: int | None = None
    barcode: str | None = None
    row: int | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "options": dict(self.options),
            "sku": self.sku,
            "price_delta": self.price_delta.to_json() if self.price_delta else None,
            "stock": self.stock,
            "barcode": self.barcode,
        }


@dataclass(slots=True)
class Product:
    """A product in canonical form. Text fields are the seller's Korean source text."""

    location: SourceLocation
    sku: str = ""
    parent_sku: str = ""
    title: str = ""
    title_en: str = ""
    description: str = ""
    brand: str = ""
    manufacturer: str = ""
    origin: str = ""
    model: str = ""
    price: Money | None = None
    list_price: Money | None = None
    stock: int | None = None
    images: list[ImageRef] = field(default_factory=list)
    options: list[OptionAxis] = field(default_factory=list)
    variants: list[Variant] = field(default_factory=list)
    weight: str = ""
    volume: str = ""
    dimensions: str = ""
    barcode: str = ""
    hs_code: str = ""
    category: str = ""
    certifications: list[str] = field(default_factory=list)
    material: str = ""
    attributes: dict[str, str] = field(default_factory=dict)
    #: Raw cell text per canonical field, kept for validation messages.
    raw: dict[str, str] = field(default_factory=dict)
    #: Reader's reasons for cells it could not interpret, per canonical field.
    problems: dict[str, str] = field(default_factory=dict)

    @property
    def row(self) -> int:
        return self.location.row

    def variant_list(self) -> list[Variant]:
        """Explicit variants, or every combination of the option values when none were listed.

        Readers leave ``variants`` empty for plain option axes so a 100k-row catalog does not
        build millions of objects it may never need.
        """
        if self.variants or not self.options:
            return self.variants
        combos: list[dict[str, str]] = [{}]
        for axis in self.options:
            combos = [{**combo, axis.name: value} for combo in combos for value in axis.values]
        return [Variant(options=combo) for combo in combos]

    @property
    def variant_count(self) -> int:
        """Number of variants without building them."""
        if self.variants:
            return len(self.variants)
        count = 1 if self.options else 0
        for axis in self.options:
            count *= len(axis.values)
        return count

    def to_json(self) -> dict[str, Any]:
        """JSON form with the canonical field names."""
        return {
            "sku": self.sku,
            "parent_sku": self.parent_sku or None,
            "title": self.title,
            "title_en": self.title_en or None,
            "description": self.description,
            "brand": self.brand,
            "manufacturer": self.manufacturer,
            "origin": self.origin,
            "model": self.model,
            "price": self.price.to_json() if self.price else None,
            "list_price": self.list_price.to_json() if self.list_price else None,
            "stock": self.stock,
            "images": [image.to_json() for image in self.images],
            "options": [axis.to_json() for axis in self.options],
            "variants": [variant.to_json() for variant in self.variant_list()],
            "weight": self.weight or None,
            "volume": self.volume or None,
            "dimensions": self.dimensions or None,
            "barcode": self.barcode or None,
            "hs_code": self.hs_code or None,
            "category": self.category,
            "certifications": list(self.certifications),
            "material": self.material or None,
            "attributes": dict(self.attributes),
            "location": self.location.to_json(),
        }


@dataclass(slots=True)
class Catalog:
    """Products read from one file, with what the reader detected about that file."""

    path: str
    products: list[Product]
    format: str
    encoding: str | None
    sheet: str | None
    header_row: int
    profile: str
    #: source column header -> canonical field
    mapping: dict[str, str]
    unmapped: list[str]
    #: problems found while reading (ragged rows, dropped empty rows ...), as findings
    read_findings: list[Any] = field(default_factory=list)

    def __len__(self) -> int:
        return len(self.products)
