"""The stages of ``klisting run``, each a function over typed values (see ``klisting.pipeline.run``).

Stages return what they made; only ``run()`` puts results into the RunResult.
"""

from __future__ import annotations

import dataclasses
import threading
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from klisting.export.assemble import assemble, export_images
from klisting.export.bundle import BundleResult, bundle_name
from klisting.export.gates import image_file_name
from klisting.export.model import ExportImage, FittedPart, LocalizedProduct
from klisting.infra.cache import StageCache
from klisting.infra.executor import Executor
from klisting.markets.targets import Target
from klisting.model import Catalog, Finding, ImageRef, Product, Report, Severity
from klisting.model.codes import Code, declare, finding
from klisting.pipeline import export_stage, image_stage, price_stage, text_stage
from klisting.pipeline.model import Advance, Fits, RunOptions, TextResults
from klisting.pipeline.text_stage import TextGroup

if TYPE_CHECKING:
    from klisting.translate.pending import PendingSheet
    from klisting.translate.service import TranslationService
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


def read(options: RunOptions) -> Catalog:
    from klisting.catalog import read_catalog

    return read_catalog(
        options.catalog,
        profile=options.source_profile,
        sheet=options.sheet,
        encoding=options.encoding,
        column_map=options.column_map or None,
        image_base=options.image_base,
    )


def validate(catalog: Catalog, targets: list[Target]) -> Report:
    from klisting.validate import validate_catalog

    return validate_catalog(catalog, targets)


def listable(catalog: Catalog) -> list[Product]:
    """The products a bundle can hold: those with a SKU (a row without one is reported by validate)."""
    return [p for p in catalog.products if p.sku]


def plan(
    catalog: Catalog, targets: list[Target], options: RunOptions, cache: StageCache
) -> dict[str, Any]:
    """What a run would do (for --dry-run): groups, images, bundles, nothing written."""
    groups = text_stage.group_targets(targets)
    images = {image.src for product in catalog.products for image in product.images}
    return {
        "products": len(catalog.products),
        "targets": [t.id for t in targets],
        "text_groups": sorted({g.id for g in groups.values()}),
        "images": len(images) if options.images else 0,
        "image_localizations": len(images) * len(set(groups.values())) if options.images else 0,
        "bundles": [str(Path(options.out_dir) / bundle_name(t)) for t in targets],
        "work_dir": str(options.work_dir),
    }


def translation_service(options: RunOptions, products: list[Product]) -> TranslationService:
    """The run's one translation service (engine, glossary, memory); use it as a context manager."""
    from klisting.translate.service import TranslationService

    # The same brands `klisting translate` protects: the profile's and the catalog's brand column.
    profile_brands = [options.profile[k] for k in options.profile if k.startswith("brand:")]
    catalog_brands = sorted({p.brand.strip() for p in products if p.brand.strip()})
    brands = list(dict.fromkeys([*profile_brands, *catalog_brands]))
    return TranslationService(
        options.engine,
        work_dir=Path(options.work_dir),
        seller_glossary=options.glossary,
        do_not_translate=options.do_not_translate,
        brands=brands,
    )


def text_note(stats: dict[str, Any]) -> str:
    note = (
        f"{stats.get('translated', 0)} segments translated, "
        f"{stats.get('from_memory', 0)} from memory, "
        f"{stats.get('reviewed', 0)} reviewed"
    )
    if stats.get("meaning_checks"):
        note += f", {stats['meaning_checks']} kept in Korean by the meaning check"
    return note


def apply_reviews(options: RunOptions, service: TranslationService) -> int:
    """Lock the filled finals of the review sheets a previous run wrote in the output folder."""
    from klisting.translate.pending import apply_pending_reviews, find_pending_reviews

    return apply_pending_reviews(find_pending_reviews(options.out_dir), service.memory)


def write_reviews(
    texts: TextResults, options: RunOptions, products: list[Product], work: image_stage.ImageWork
) -> list[PendingSheet]:
    """Review sheets (one per language) in the output folder for incomplete product texts,
    with the image blocks of those products that the localizer left for review."""
    from klisting.translate.pending import incomplete_reasons, write_pending_reviews

    records = [text for group in texts.values() for text in group.values()]
    blocks = [
        row
        for group_id, group in texts.items()
        for index, text in group.items()
        if incomplete_reasons(text.to_json())
        for row in image_stage.review_rows(products[index], group_id, work)
    ]
    return write_pending_reviews(options.out_dir, records, blocks)


def localize_images(
    work: image_stage.ImageWork,
    groups: list[TextGroup],
    cache: StageCache,
    service: TranslationService,
    *,
    jobs: int,
    advance: Advance,
) -> None:
    """Localize every fetched image once per text group, translating with the run's service."""
    image_stage.localize_all(
        work,
        groups,
        cache,
        jobs=jobs,
        translate_for=_image_translator(service),
        settings_tag=_engine_tag(service, groups),
        advance=advance,
    )


def _engine_tag(service: TranslationService, groups: list[TextGroup]) -> str:
    parts = []
    for group in groups:
        engine = service.engine_for("ko", group.language)
        parts.append(
            f"{group.id}:{engine.id}/{engine.version}/{service.glossary_hash(group.language)}"
        )
    return "|".join(parts)


def _image_translator(
    service: TranslationService,
) -> Callable[[TextGroup], Callable[[list[str]], list[str]]]:
    """A translate callable per text group for the image localizer, backed by the same service.

    Image jobs run in threads; the service (its SQLite memory, its counters) is used by one at a time.
    """
    lock = threading.Lock()

    def for_group(group: TextGroup) -> Callable[[list[str]], list[str]]:
        def translate(texts: list[str]) -> list[str]:
            from klisting.images.decide import Reviewed

            with lock:
                found = service.translate_texts(list(texts), group.language, market=group.market)
            # a reviewed (locked) translation is a person's: it may settle a doubtful number
            return [Reviewed(t.text) if t.quality == "reviewed" else t.text for t in found]

        return translate

    return for_group


def pricers(
    targets: list[Target], options: RunOptions
) -> tuple[dict[str, price_stage.Pricer], list[Finding]]:
    """One Pricer per target with the project's rules for it, or a finding per target when pricing is missing."""
    if not price_stage.pricing_available():
        return {}, [price_stage.unavailable_finding(t) for t in targets]
    rules = options.price_rules
    return {t.id: price_stage.Pricer(t, rules.get(t.id, rules.get("default"))) for t in targets}, []


def fit_images(
    products: list[Product],
    targets: list[Target],
    work: image_stage.ImageWork,
    groups: dict[str, TextGroup],
    cache: StageCache,
    *,
    executor: Executor,
    advance: Advance,
) -> Fits:
    """Every distinct (localized image, target) pair fitted to the target's image spec.

    A pair that cannot be fitted (a damaged file) maps to the error message instead of parts.
    The tasks are self-contained (a path, a spec, the cache's root), so ``executor`` may be
    distributed; parts are stored by content and spec, so results do not depend on where
    they ran.
    """
    pairs = _fit_jobs(products, targets, work, groups)

    def fit(job: tuple[str, Target]) -> list[FittedPart] | str:
        parts: list[FittedPart] = []
        failed = image_stage.isolated(
            lambda: parts.extend(
                image_stage.fit_cached(Path(job[0]), job[1].platform.images, cache)
            )
        )
        return failed or parts

    results = executor.map(fit, pairs, on_done=lambda job, _: advance(1))
    return {(path, target.id): parts for (path, target), parts in zip(pairs, results, strict=True)}


def fit_count(
    products: list[Product],
    targets: list[Target],
    work: image_stage.ImageWork,
    groups: dict[str, TextGroup],
) -> int:
    return len(_fit_jobs(products, targets, work, groups))


def _fit_jobs(
    products: list[Product],
    targets: list[Target],
    work: image_stage.ImageWork,
    groups: dict[str, TextGroup],
) -> list[tuple[str, Target]]:
    """Distinct (localized image, target) pairs to fit."""
    jobs: dict[tuple[str, str], tuple[str, Target]] = {}
    for target in targets:
        for product in products:
            for ref in [*product.images, *image_stage.description_refs(product)]:
                source = work.sources.get(ref.src)
                if source is not None and source.path is not None:
                    path = str(work.outcome(source, groups[target.id].id).path)
                    jobs.setdefault((path, target.id), (path, target))
    return list(jobs.values())


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
    key = export_stage.input_key(
        target, texts, target_fits, pricer.tag if pricer else "", findings, options
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
