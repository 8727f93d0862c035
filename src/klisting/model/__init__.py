"""Canonical data model: products as read from a catalog, and validation findings."""

from klisting.model.finding import Finding, Report, Severity
from klisting.model.money import Money
from klisting.model.product import (
    CANONICAL_FIELDS,
    Catalog,
    ImageRef,
    OptionAxis,
    Product,
    SourceLocation,
    Variant,
)

__all__ = [
    "CANONICAL_FIELDS",
    "Catalog",
    "Finding",
    "ImageRef",
    "Money",
    "OptionAxis",
    "Product",
    "Report",
    "Severity",
    "SourceLocation",
    "Variant",
]
