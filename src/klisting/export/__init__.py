"""Export: one writer per platform family, gates, the bundle (files, manifest, report, zip)."""

from klisting.export.bundle import BundleResult, write_bundle
from klisting.export.model import ExportImage, LocalizedProduct, LocalizedVariant

__all__ = ["BundleResult", "ExportImage", "LocalizedProduct", "LocalizedVariant", "write_bundle"]
