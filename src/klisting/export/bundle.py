"""The export bundle: ``<out>/<platform>-<market>/`` plus a zip beside it, written atomically.

Layout: listing file(s), images/, report.html, report_assets/ (before thumbnails),
klisting_sidecar.json (klisting's bookkeeping: source category, image files, variants; never
inside an API body), manifest.json with ``needs`` (every required field the bundle could not
fill, with the klisting.yaml key or catalog column that fills it) and ``steps``. The folder is built under a temporary name and renamed into place, so it
exists complete or not at all; the zip is written the same way after the folder.
"""

from __future__ import annotations

import hashlib
import io
import shutil
import tempfile
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from klisting import __version__
from klisting.errors import KlistingError
from klisting.export.context import ListingContext, ListingSettings
from klisting.export.gates import check_product
from klisting.export.hazmat import detect, hazard_finding
from klisting.export.model import ExportImage, LocalizedProduct
from klisting.export.report import render_report
from klisting.export.report_assets import write_block_crops, write_thumbnail
from klisting.export.schemas import check_payloads
from klisting.export.sizes import convert_sizes
from klisting.export.writers import dumps, write_listing_files
from klisting.infra.atomic import atomic_directory, write_bytes_atomic, write_text_atomic
from klisting.infra.htmlsafe import clean_html
from klisting.markets.targets import Target
from klisting.model import Finding, Severity
from klisting.model.codes import Code, declare, finding

declare(
    Code(
        "export.writer-failed",
        Severity.ERROR,
        None,
        "The platform's writer failed on this product: it is refused, the other products are written",
        "Check the product's text for unusual characters (the message says what failed); report it if it persists.",
    )
)


@dataclass
class BundleResult:
    """What one target's export produced."""

    target: str
    path: Path
    zip_path: Path
    exported: list[str] = field(default_factory=list)
    refused: dict[str, list[str]] = field(default_factory=dict)
    findings: list[Finding] = field(default_factory=list)
    files: list[dict[str, Any]] = field(default_factory=list)
    #: required fields left unfilled: {"sku", "field", "set"} (what would fill it)
    needs: list[dict[str, str]] = field(default_factory=list)
    #: upload-time steps klisting cannot do offline (image ids, item ids)
    steps: list[str] = field(default_factory=list)

    @property
    def failed(self) -> bool:
        return any(f.severity is Severity.ERROR for f in self.findings)

    def needs_summary(self) -> str:
        """One line: how many fields on how many products, and the most common keys to set."""
        if not self.needs:
            return ""
        skus = {need["sku"] for need in self.needs}
        counts: dict[str, int] = {}
        for need in self.needs:
            counts[need["field"]] = counts.get(need["field"], 0) + 1
        top = ", ".join(name for name, _ in sorted(counts.items(), key=lambda kv: -kv[1])[:4])
        return f"{self.target}: {len(self.needs)} required field(s) unfilled on {len(skus)} SKU(s) ({top}); see manifest.json needs"


def sha256_file(path: Path) -> str:
    """Hex SHA-256 of a file, read in chunks."""
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def bundle_name(target: Target) -> str:
    return f"{target.platform.name}-{target.market}"


def write_bundle(
    target: Target,
    products: list[LocalizedProduct],
    out_root: Path,
    *,
    source: Path,
    settings: dict[str, Any],
    findings: list[Finding] | None = None,
    listing: ListingSettings | None = None,
) -> BundleResult:
    """Gate, write and zip one target's bundle.

    Args:
        target: platform:market.
        products: products localized for ``target`` (images already fitted).
        out_root: the output folder; the bundle goes to ``out_root/<platform>-<market>``.
        source: the catalog file (its path and SHA-256 go into the manifest).
        settings: run settings recorded in the manifest (engine, rules ...); no secrets.
        findings: findings from earlier stages for this target (validation, localization).
        listing: the project's account settings, category map and image base URL; without
            them every account field and category is listed as a need.
    """
    spec = target.platform
    path = Path(out_root) / bundle_name(target)
    result = BundleResult(
        target=target.id,
        path=path,
        zip_path=path.with_suffix(".zip"),
        findings=list(findings or []),
    )
    exported, refused = [], []
    for product in products:
        gate = [*_market_facts(product, target), *check_product(
            product, spec, target.id, images=settings.get("images", True))]  # fmt: skip
        result.findings.extend([*product.findings, *gate])
        # an error found earlier (validation, pricing) refuses the product as a gate does:
        # a price of 0 or a <script> in the description must not reach a listing file
        errors = [f.message for f in [*product.findings, *gate] if f.severity is Severity.ERROR]
        (refused if errors else exported).append(product)
        if errors:
            result.refused[product.sku] = errors
    result.exported = [p.sku for p in exported]
    for product in exported:  # the allow-list validate reported on (description.unsafe-html)
        product.description = clean_html(product.description)
    _remove_leftovers(path)
    with atomic_directory(path) as tmp:
        written, ctx = _write_isolated(exported, refused, target, tmp, listing, result)
        views = _copy_images(exported, refused, tmp)
        result.needs, result.steps = _sorted_needs(ctx.needs, exported), list(ctx.steps)
        write_text_atomic(tmp / SIDECAR, dumps(_sidecar(exported, spec, written, tmp)))
        # a text-only run has no images, which every platform schema requires
        schema_status, violations = (
            check_payloads(spec, tmp, target.id, needed={n["field"] for n in result.needs})
            if settings.get("images", True)
            else ("skipped", [])
        )
        result.findings.extend(violations)
        write_text_atomic(
            tmp / "report.html",
            render_report(
                target.id, exported, refused, result.findings, views, result.needs, result.steps
            ),
        )
        result.files = _file_entries(tmp)
        manifest = {
            "klisting_version": __version__,
            "target": target.id,
            "source": {
                "path": str(source),
                "sha256": sha256_file(Path(source)) if Path(source).is_file() else None,
            },
            "settings": settings,
            "checks": {"json_schema": schema_status},
            "needs": result.needs,
            "steps": result.steps,
            "files": result.files,
            "counts": {
                "products": len(products),
                "exported": len(exported),
                "refused": len(refused),
                "variants": sum(max(1, len(p.variants)) for p in exported),
                "images": sum(len(p.images) for p in exported),
            },
            "exported_skus": result.exported,
            "refused": result.refused,
            "findings": [f.to_json() for f in result.findings],
        }
        write_text_atomic(tmp / "manifest.json", dumps(manifest))
    write_bytes_atomic(result.zip_path, zip_folder(path))
    return result


def _write_isolated(
    exported: list[LocalizedProduct],
    refused: list[LocalizedProduct],
    target: Target,
    folder: Path,
    listing: ListingSettings | None,
    result: BundleResult,
) -> tuple[list[Path], ListingContext]:
    """Write the listing files; a product a writer cannot write is refused, the rest are written.

    Writers take all products at once, so when one fails each product is tried alone in a
    scratch folder to find the ones at fault. A failure that no single product causes, a
    disk error or a config error is not about a product and is raised.
    """
    settings = listing or ListingSettings()
    ctx = settings.context(target.id)
    try:
        return write_listing_files(exported, target.platform, folder, ctx), ctx
    except (OSError, KlistingError):
        raise
    except Exception:
        at_fault = _writer_failures(exported, target, settings)
        if not at_fault:
            raise
    for product, error in at_fault:
        exported.remove(product)
        refused.append(product)
        message = f"the {target.platform.name} writer failed on this product: {error}"
        item = finding("export.writer-failed", message, sku=product.sku, row=product.row,
                       target=target.id)  # fmt: skip
        result.findings.append(item)
        result.refused[product.sku] = [message]
    result.exported = [p.sku for p in exported]
    ctx = settings.context(target.id)  # the failed attempt's needs are not this bundle's
    return write_listing_files(exported, target.platform, folder, ctx), ctx


def _writer_failures(
    products: list[LocalizedProduct], target: Target, settings: ListingSettings
) -> list[tuple[LocalizedProduct, str]]:
    failures = []
    for product in products:
        with tempfile.TemporaryDirectory(prefix="klisting-probe-") as scratch:
            try:
                write_listing_files(
                    [product], target.platform, Path(scratch), settings.context(target.id)
                )
            except (OSError, KlistingError):
                raise
            except Exception as error:
                failures.append((product, f"{type(error).__name__}: {error}"))
    return failures


#: klisting's own bookkeeping beside the listing files (never inside an API request body)
SIDECAR = "klisting_sidecar.json"


def _market_facts(product: LocalizedProduct, target: Target) -> list[Finding]:
    """Market sizes in option values and dangerous goods, found before gating and writing."""
    found = convert_sizes(product, target.market, target.id)
    hazard = detect(product)
    if hazard:
        found.append(hazard_finding(product, hazard, target.id))
    return found


def _sorted_needs(
    needs: list[dict[str, str]], exported: list[LocalizedProduct]
) -> list[dict[str, str]]:
    """Needs in product order (then as the writers recorded them): stable across runs."""
    order = {product.sku: index for index, product in enumerate(exported)}
    for index, product in enumerate(exported):
        for variant in product.variants:
            order.setdefault(variant.sku, index)
    return sorted(needs, key=lambda need: order.get(need["sku"], len(order)))


def _sidecar(
    exported: list[LocalizedProduct], spec: Any, written: list[Path], folder: Path
) -> dict[str, Any]:
    """What klisting knows about each exported product that no request body may carry."""
    return {
        "platform": spec.name,
        "currency": spec.currency,
        "language": spec.language,
        "listing_files": sorted(p.relative_to(folder).as_posix() for p in written),
        "products": {
            product.sku: {
                "source_category": product.category,
                "brand": product.brand,
                "images": [f"images/{image.name}" for image in product.images],
                "variants": [
                    {"sku": v.sku, "options": v.options, "stock": v.stock,
                     "price": None if v.price is None else str(v.price.amount)}
                    for v in product.variants
                ],
            }
            for product in exported
        },
    }  # fmt: skip


def _remove_leftovers(path: Path) -> None:
    """Delete temporary folders and files a killed run left beside the bundle (never complete ones)."""
    for stale in path.parent.glob(f".{path.name}.*"):
        if stale.name.endswith(".tmp") or ".old-" in stale.name:
            shutil.rmtree(stale, ignore_errors=True) if stale.is_dir() else stale.unlink(
                missing_ok=True
            )
    for stale in path.parent.glob(f".{path.name}.zip.*.tmp"):
        stale.unlink(missing_ok=True)


def _block_crops(image: ExportImage, stem: str, folder: Path) -> None:
    """A crop of each text block's place in the original, linked from report.html's block table."""
    if image.original is None:
        return
    wanted = {
        block["bbox"]: f"report_assets/{stem}.block-{block.get('id')}.jpg"
        for block in image.blocks
        if block.get("bbox")
    }
    written = write_block_crops(image.original, {b: folder / c for b, c in wanted.items()})
    # new dicts: the block notes are shared by every target's bundle and are part of their
    # export keys, so writing into them made the next target's key differ on every rerun
    image.blocks = [
        {**block, "crop": wanted[block["bbox"]]} if block.get("bbox") in written else block
        for block in image.blocks
    ]


def _copy_images(
    exported: list[LocalizedProduct], refused: list[LocalizedProduct], folder: Path
) -> dict[str, tuple[str, str]]:
    """Fitted images of exported products into images/; refused ones only as report thumbnails.

    Returns image name -> (before thumbnail or '', after path) for report.html.
    """
    views: dict[str, tuple[str, str]] = {}
    # by position, not `product in exported`: that compared whole products (images, findings,
    # variants) field by field against every exported one, quadratic in the catalog size
    for listed, product in [*((True, p) for p in exported), *((False, p) for p in refused)]:
        for image in [*product.images, *product.description_images]:
            stem = Path(image.name).stem
            if listed:
                after = f"images/{image.name}"
                (folder / "images").mkdir(parents=True, exist_ok=True)
                shutil.copyfile(image.path, folder / after)
            else:  # not part of the listing: a thumbnail for the report is enough
                after = f"report_assets/{stem}.after.jpg"
                after = after if write_thumbnail(image.path, folder / after) else ""
            before = f"report_assets/{stem}.before.jpg"
            if image.original is None or not write_thumbnail(image.original, folder / before):
                before = ""
            views[image.name] = (before, after)
            _block_crops(image, stem, folder)
    return views


def _file_entries(folder: Path) -> list[dict[str, Any]]:
    """Every file in the bundle (sorted), with SHA-256 and size; the manifest lists itself out."""
    return [
        {
            "path": p.relative_to(folder).as_posix(),
            "sha256": sha256_file(p),
            "bytes": p.stat().st_size,
        }
        for p in sorted(folder.rglob("*"))
        if p.is_file() and p.name != "manifest.json"
    ]


def zip_folder(folder: Path) -> bytes:
    """A reproducible zip of ``folder``: sorted members under the folder's name, fixed times."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for file in sorted(p for p in folder.rglob("*") if p.is_file()):
            info = zipfile.ZipInfo(
                f"{folder.name}/{file.relative_to(folder).as_posix()}",
                date_time=(2000, 1, 1, 0, 0, 0),
            )
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, file.read_bytes())
    return buffer.getvalue()
