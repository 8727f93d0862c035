"""Assemble every product for one target from the stage results, and export its bundle.

One product's failure (an image that could not be localized or fitted, data that breaks
assembly) refuses that product with a finding naming its row; the others still export.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import TYPE_CHECKING

from klisting.export.assemble import assemble, export_images
from klisting.export.bundle import BundleResult
from klisting.export.gates import image_file_name
from klisting.export.model import ExportImage, FittedPart, LocalizedProduct
from klisting.markets.targets import Target
from klisting.model import Finding, ImageRef, Product, Report, Severity
from klisting.model.codes import Code, declare, finding
from klisting.pipeline import export_stage, image_stage, price_stage
from klisting.pipeline.model import Fits, RunOptions, TextResults
from klisting.pipeline.text_stage import TextGroup

if TYPE_CHECKING:
    from klisting.translate.types import LocalizedText

declare(
    Code(
        "images.unreadable",
        Severity.WARNING,
        "images",
        "An image could not be read or fetched: it is left out of the listing",
        "Fix the image path or URL; the image is left out.",
    ),
    Code(
        "images.failed",
        Severity.ERROR,
        "images",
        "Localizing or fitting an image failed: the product is refused, the run goes on",
        "Open the image: re-save it as JPEG or PNG (or replace it), then run again.",
    ),
    Code(
        "export.assemble-failed",
        Severity.ERROR,
        None,
        "The product could not be assembled for the target: it is refused, the run goes on",
        "Check the product's row (the message says what failed) and run again.",
    ),
)


@dataclasses.dataclass
class ExportInputs:
    """What every target's export reads: the stage results shared across targets."""

    products: list[Product]
    texts: TextResults
    work: image_stage.ImageWork
    groups: dict[str, TextGroup]
    pricers: dict[str, price_stage.Pricer]
    fits: Fits
    report: Report | None
    run_findings: list[Finding]


def export(target: Target, inputs: ExportInputs, options: RunOptions) -> BundleResult:
    """Write ``target``'s bundle (or reuse an identical one already in place)."""
    group, pricer = inputs.groups[target.id], inputs.pricers.get(target.id)
    texts = inputs.texts[group.id]
    target_fits = [
        parts
        for (_, tid), parts in sorted(inputs.fits.items())
        if tid == target.id and not isinstance(parts, str)
    ]
    findings = export_stage.target_findings(target, inputs.report, inputs.run_findings)
    said = sorted(
        (sha, outcome.blocks, [n.to_json() for n in outcome.notes], outcome.error)
        for (sha, group_id), outcome in inputs.work.outcomes.items()
        if group_id == group.id
    )
    key = export_stage.input_key(
        target, texts, target_fits, pricer.tag if pricer else "", findings, options, said
    )

    def build() -> list[LocalizedProduct]:
        return _localized_products(target, inputs, options)

    return export_stage.export_target(target, build, key, findings, options)


def _localized_products(
    target: Target, inputs: ExportInputs, options: RunOptions
) -> list[LocalizedProduct]:
    """Every product assembled for ``target``, with its validation errors for that target."""
    group = inputs.groups[target.id]
    texts, pricer = inputs.texts[group.id], inputs.pricers.get(target.id)
    out = []
    errors = _validation_errors(inputs.report, target, images=options.images)
    for index, product in enumerate(inputs.products):
        findings = errors.get((product.sku, product.row), []) + errors.get((product.sku, None), [])
        refs = product.images if options.images else []
        gallery = _usable(product, refs, target, group.id, inputs, findings)
        described = image_stage.description_refs(product) if options.images else []
        in_description = _usable(product, described, target, group.id, inputs, findings)
        try:
            images, dropped = _exported(product, target, gallery)
            item = assemble(
                product, target, texts.get(index), images, pricer, options.profile, options.trade
            )
            if in_description.refs:
                extra, more = _exported(product, target, in_description, first=len(images) + 1)
                item.description_images, dropped = extra, dropped + more
                item.description = image_stage.rewrite_description(item.description, product, extra)
        except (ArithmeticError, ValueError, TypeError, KeyError, AttributeError) as error:
            # one product's data broke assembly: refuse it and keep the rest of the run
            item, dropped = _unassembled(product, target, texts.get(index)), []
            message = f"{type(error).__name__}: {error}"
            findings.append(_on(product, target, "export.assemble-failed", message))
        item.findings.extend(findings + dropped)
        out.append(item)
    return out


@dataclasses.dataclass
class _Usable:
    """A product's images that can be exported for one target, with what export needs of each."""

    refs: list[ImageRef] = dataclasses.field(default_factory=list)
    fitted: list[list[FittedPart]] = dataclasses.field(default_factory=list)
    originals: list[Path | None] = dataclasses.field(default_factory=list)
    localized: list[bool] = dataclasses.field(default_factory=list)
    #: per image source: its text blocks, for report.html
    blocks: dict[str, list[dict[str, str]]] = dataclasses.field(default_factory=dict)


def _usable(
    product: Product,
    refs: list[ImageRef],
    target: Target,
    group_id: str,
    inputs: ExportInputs,
    findings: list[Finding],
) -> _Usable:
    """The images of ``refs`` that were read and fitted; the others become findings."""
    usable = _Usable()
    for ref in refs:
        source = inputs.work.sources.get(ref.src)
        if source is None or source.path is None:
            message = _unreadable(ref.src, source.error if source else "not fetched")
            findings.append(_on(product, target, "images.unreadable", message))
            continue
        outcome = inputs.work.outcome(source, group_id)
        parts = inputs.fits.get((str(outcome.path), target.id), [])
        if outcome.error or isinstance(parts, str):
            # the decoders name the work-dir copy; the seller knows the image by its src
            error = str(outcome.error or parts)
            for cached in {str(source.path), str(outcome.path)}:
                error = error.replace(cached, ref.src)
            findings.append(_on(product, target, "images.failed", _unreadable(ref.src, error)))
            continue
        findings += _image_notes(outcome.notes, ref.src, product, target)
        usable.refs.append(ref)
        usable.fitted.append(parts)
        usable.originals.append(source.path)
        usable.localized.append(outcome.rendered)
        usable.blocks[ref.src] = list(outcome.blocks)
    return usable


def _exported(
    product: Product, target: Target, usable: _Usable, first: int = 1
) -> tuple[list[ExportImage], list[Finding]]:
    """Bundle images for ``usable``, named by the platform convention from number ``first``."""
    images, dropped = export_images(
        dataclasses.replace(product, images=usable.refs),
        target,
        usable.fitted,
        usable.originals,
        usable.localized,
    )
    for number, image in enumerate(images, start=first):
        image.blocks = usable.blocks.get(image.source, [])
        if first > 1:  # description images continue the gallery's numbering
            image.role = "description"
            image.name = image_file_name(
                target.platform, product.sku, number, Path(image.name).suffix.lstrip(".")
            )
    return images, dropped


def _on(product: Product, target: Target, code: str, message: str) -> Finding:
    """A finding about ``product`` in ``target``'s bundle (the catalog's severity, field and hint)."""
    return finding(code, message, sku=product.sku, row=product.row, target=target.id)


def _unassembled(product: Product, target: Target, text: LocalizedText | None) -> LocalizedProduct:
    """The product as far as it is known, so the bundle's report can list it as refused."""
    return LocalizedProduct(
        sku=product.sku,
        title=text.title if text else "",
        description="",
        source_title=product.title,
        source_description=product.description,
        language=target.platform.language,
        row=product.row,
    )


def _image_notes(
    notes: tuple[Finding, ...], src: str, product: Product, target: Target
) -> list[Finding]:
    """The localizer's notes on one image as findings on the product, naming the image."""
    return [
        dataclasses.replace(
            note,
            message=f"{src}: {note.message}",
            sku=product.sku,
            row=product.row,
            field="images",
            target=target.id,
        )
        for note in notes
    ]


def _unreadable(src: str, error: str) -> str:
    """The finding message for an image that could not be read, naming its source once.

    Fetch errors usually start with the path or URL already; repeating it made messages such as
    ``image a.jpg: a.jpg: cannot read image``.
    """
    text = error if error.startswith(src) else f"{src}: {error}"
    return f"image {text}"


_QUANTITIES = frozenset({"weight", "volume", "dimensions"})


def _validation_errors(
    report: Report | None, target: Target, *, images: bool = True
) -> dict[tuple[str | None, int | None], list[Finding]]:
    """The catalog's own errors by (sku, row): they refuse the product in ``target``'s bundle.

    Only target-independent findings (price 0, negative stock, unsafe HTML, bad barcode ...):
    a target's checks on the Korean source, such as its title length, are made again by the
    export gates on the localized text, which is fitted first. Keyed by row as well as SKU so
    a duplicate SKU's error stays on the row that has it.
    """
    out: dict[tuple[str | None, int | None], list[Finding]] = {}
    for item in report.findings if report else []:
        if item.severity is not Severity.ERROR or item.sku is None or item.target:
            continue
        if not images and item.field == "images":
            continue  # a text-only run leaves images out, so their errors do not apply
        if item.field in _QUANTITIES and item.field not in target.platform.required:
            continue  # an unreadable weight is left out of listings that do not need one
        out.setdefault((item.sku, item.row), []).append(dataclasses.replace(item, target=target.id))
    return out
