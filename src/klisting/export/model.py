"""What the pipeline hands to the export writers: products already localized for one target.

Writers never translate, convert or fetch: everything they write is in these objects, so a
writer is a pure function of (products, target) and golden-file tests can build them directly.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from klisting.model import Finding, Money


@dataclass(frozen=True)
class FittedPart:
    """One file an image became after fitting it to a platform's spec (a tall page may split)."""

    path: Path
    width: int
    height: int
    bytes: int
    format: str
    ext: str

    def to_json(self) -> dict[str, Any]:
        return {
            "path": str(self.path),
            "width": self.width,
            "height": self.height,
            "bytes": self.bytes,
            "format": self.format,
            "ext": self.ext,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> FittedPart:
        return cls(
            Path(data["path"]),
            int(data["width"]),
            int(data["height"]),
            int(data["bytes"]),
            str(data["format"]),
            str(data["ext"]),
        )


@dataclass(slots=True)
class ExportImage:
    """One image ready for the bundle: a fitted file on disk and the name it gets in images/."""

    #: the fitted file (in the work dir cache; not part of repr so hashes are work-dir independent)
    path: Path = field(repr=False)
    name: str
    source: str
    role: str = "main"
    width: int = 0
    height: int = 0
    bytes: int = 0
    format: str = "jpeg"
    #: the original image (for the before/after view in report.html), when different from path
    original: Path | None = field(default=None, repr=False)
    #: content hash of the fitted file (its cache name)
    digest: str = ""
    #: True when the text inside was re-rendered in the target language
    localized: bool = False
    #: per text block of the localized image: id, read, rendered, status, reason (report.html)
    blocks: list[dict[str, str]] = field(default_factory=list, repr=False)


@dataclass(slots=True)
class LocalizedVariant:
    """One variant: option values in the target language, its own SKU, price and stock."""

    sku: str
    options: dict[str, str]
    price: Money | None = None
    stock: int | None = None
    barcode: str = ""
    image: str = ""


@dataclass(slots=True)
class LocalizedProduct:
    """A product translated, converted and priced for one target (platform:market)."""

    sku: str
    title: str
    description: str
    source_title: str = ""
    source_description: str = ""
    language: str = "en"
    bullets: list[str] = field(default_factory=list)
    brand: str = ""
    manufacturer: str = ""
    #: ISO 3166 alpha-2 country of origin when known (KR for 국산)
    origin: str = ""
    model: str = ""
    barcode: str = ""
    hs_code: str = ""
    category: str = ""
    price: Money | None = None
    list_price: Money | None = None
    stock: int | None = None
    weight_g: Decimal | None = None
    #: package length, width, height in cm
    dimensions_cm: tuple[Decimal, Decimal, Decimal] | None = None
    #: option axes in order: (localized name, localized values)
    options: list[tuple[str, list[str]]] = field(default_factory=list)
    variants: list[LocalizedVariant] = field(default_factory=list)
    images: list[ExportImage] = field(default_factory=list)
    #: images the description's HTML shows (its <img src> point at their names); not gallery images
    description_images: list[ExportImage] = field(default_factory=list)
    attributes: dict[str, str] = field(default_factory=dict)
    #: seller-profile facts (manufacturer address, EU responsible person, safety warnings ...)
    profile: dict[str, str] = field(default_factory=dict)
    #: B2B terms (alibaba): moq, tiers, supply ability
    trade: dict[str, Any] = field(default_factory=dict)
    #: what localizing this product found (draft translation, unconverted unit ...)
    findings: list[Finding] = field(default_factory=list)
    row: int | None = None

    @property
    def weight_kg(self) -> Decimal | None:
        return None if self.weight_g is None else self.weight_g / Decimal(1000)
