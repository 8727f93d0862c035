"""The stages of ``klisting run`` as functions over plain data (see ``klisting.pipeline.run``)."""

from __future__ import annotations

import dataclasses
import threading
from pathlib import Path
from typing import TYPE_CHECKING, Any

from klisting.export.bundle import bundle_name
from klisting.export.model import LocalizedProduct
from klisting.markets.targets import Target
from klisting.model import Catalog, Finding, Product, Report, Severity
from klisting.pipeline import image_stage, price_stage, text_stage
from klisting.pipeline.assemble import assemble, export_images
from klisting.infra.cache import StageCache
from klisting.infra.executor import run_parallel

if TYPE_CHECKING:
    from klisting.pipeline.run import RunOptions, RunResult, _Timer


def read(options: RunOptions) -> Catalog:
    from klisting.catalog import read_catalog

    return read_catalog(
        options.catalog,
        profile=options.source_profile,
        sheet=options.sheet,
        encoding=options.encoding,
    )


def validate(catalog: Catalog, targets: list[Target]) -> Report:
    from klisting.validate import validate_catalog

    return validate_catalog(catalog, targets)


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


def _service(options: RunOptions, products: list[Product]) -> Any:
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


def localize_and_export(
    result: RunResult, targets: list[Target], options: RunOptions, cache: StageCache, timer: _Timer
) -> None:
    """Localize text, localize images, price and export every target."""
    products = [p for p in result.catalog.products if p.sku]
    groups_by_target = text_stage.group_targets(targets)
    groups = list(dict.fromkeys(groups_by_target.values()))
    with _service(options, products) as service:
        with timer.stage("localize text", len(products) * len(groups)) as (stat, advance):
            texts = text_stage.localize_text(products, groups, service, cache, advance)
            result.translation = service.stats.to_json()
            stat.note = (
                f"{result.translation.get('translated', 0)} segments translated, "
                f"{result.translation.get('from_memory', 0)} from memory, "
                f"{result.translation.get('reviewed', 0)} reviewed"
            )
        work = image_stage.ImageWork()
        if options.images:
            sources = len(image_stage.image_sources(products))
            with timer.stage("fetch images", sources) as (stat, advance):
                work.sources = image_stage.fetch_sources(products, cache, options.jobs, advance)
                stat.items = len(work.sources)
            total = len({s.sha256 for s in work.sources.values() if s.path}) * len(groups)
            with timer.stage("localize images", total) as (stat, advance):
                image_stage.localize_all(
                    work,
                    groups,
                    cache,
                    jobs=options.jobs,
                    translate_for=_image_translator(service),
                    settings_tag=_engine_tag(service, groups),
                    advance=advance,
                )
                result.images_localized = work.localized_count
                stat.note = f"{work.localized_count} localized now, {total - work.localized_count} from cache"
            result.findings.extend(work.findings)
    with timer.stage("price", len(targets)) as (stat, advance):
        pricers = _pricers(targets, options, result)
        advance(len(targets))
    fits: dict[tuple[str, str], list[dict[str, Any]]] = {}
    if options.images:
        jobs = _fit_jobs(products, targets, work, groups_by_target)
        with timer.stage("fit images", len(jobs)) as (stat, advance):
            results = run_parallel(
                lambda job: image_stage.fit_cached(Path(job[0]), job[1].platform.images, cache),
                jobs,
                jobs=options.jobs,
                on_done=lambda job, _: advance(1),
            )
            fits = {
                (path, target.id): parts
                for (path, target), parts in zip(jobs, results, strict=True)
            }
    report = result.report
    with timer.stage("export", len(targets)) as (stat, advance):
        from klisting.pipeline.export_stage import export_target, input_key

        for target in targets:
            group, pricer = groups_by_target[target.id], pricers.get(target.id)
            target_fits = [parts for (_, tid), parts in sorted(fits.items()) if tid == target.id]
            key = input_key(
                target, texts[group.id], target_fits, pricer.tag if pricer else "", result, options
            )

            def build(
                target: Target = target, group: text_stage.TextGroup = group, pricer: Any = pricer
            ) -> list:
                return _localized_products(
                    products, target, texts[group.id], work, group, pricer, options, fits, report
                )

            result.bundles.append(export_target(target, build, key, result, options))
            advance(1)


def _engine_tag(service: Any, groups: list[text_stage.TextGroup]) -> str:
    parts = []
    for group in groups:
        engine = service.engine_for("ko", group.language)
        parts.append(
            f"{group.id}:{engine.id}/{engine.version}/{service.glossary_hash(group.language)}"
        )
    return "|".join(parts)


def _image_translator(service: Any) -> Any:
    """A translate callable per text group for the image localizer, backed by the same service.

    Image jobs run in threads; the service (its SQLite memory, its counters) is used by one at a time.
    """
    lock = threading.Lock()

    def for_group(group: text_stage.TextGroup) -> Any:
        def translate(texts: list[str]) -> list[str]:
            with lock:
                found = service.translate_texts(list(texts), group.language, market=group.market)
            return [t.text for t in found]

        return translate

    return for_group


def _pricers(targets: list[Target], options: RunOptions, result: RunResult) -> dict[str, Any]:
    if not price_stage.pricing_available():
        result.findings.extend(price_stage.unavailable_finding(t) for t in targets)
        return {}
    rules = options.price_rules
    return {t.id: price_stage.Pricer(t, rules.get(t.id, rules.get("default"))) for t in targets}


def _fit_jobs(
    products: list[Any],
    targets: list[Target],
    work: image_stage.ImageWork,
    groups: dict[str, text_stage.TextGroup],
) -> list[tuple[str, Target]]:
    """Distinct (localized image, target) pairs to fit."""
    jobs: dict[tuple[str, str], tuple[str, Target]] = {}
    for target in targets:
        for product in products:
            for ref in product.images:
                source = work.sources.get(ref.src)
                if source is not None and source.path is not None:
                    path = str(
                        work.localized.get((source.sha256, groups[target.id].id), source.path)
                    )
                    jobs.setdefault((path, target.id), (path, target))
    return list(jobs.values())


def _localized_products(
    products: list[Any],
    target: Target,
    texts: dict[int, dict[str, Any]],
    work: image_stage.ImageWork,
    group: text_stage.TextGroup,
    pricer: Any,
    options: RunOptions,
    fits: dict[tuple[str, str], list[dict[str, Any]]],
    result_report: Report | None = None,
) -> list[LocalizedProduct]:
    """Every product assembled for ``target``, with its validation errors for that target."""
    out = []
    errors = _validation_errors(result_report, target, images=options.images)
    for index, product in enumerate(products):
        fitted, originals, localized = [], [], []
        findings = errors.get((product.sku, product.row), []) + errors.get((product.sku, None), [])
        for ref in product.images if options.images else []:
            source = work.sources.get(ref.src)
            if source is None or source.path is None:
                findings.append(
                    Finding(
                        "images.unreadable",
                        Severity.WARNING,
                        _unreadable(ref.src, source.error if source else "not fetched"),
                        "Fix the image path or URL; the image is left out.",
                        sku=product.sku,
                        row=product.row,
                        field="images",
                        target=target.id,
                    )
                )
                continue
            path = work.localized.get((source.sha256, group.id), source.path)
            findings += _image_notes(
                work.notes.get((source.sha256, group.id), []), ref.src, product, target
            )
            fitted.append(fits[(str(path), target.id)])
            originals.append(source.path)
            # "localized" in report.html means text was re-rendered, not merely that the
            # localizer looked at the image (a photo without text comes back unchanged)
            localized.append(work.rendered.get((source.sha256, group.id), False))
        images, dropped = export_images(
            _with_refs(product, work), target, fitted, originals, localized
        )
        item = assemble(
            product, target, texts.get(index, {}), images, pricer, options.profile, options.trade
        )
        item.findings.extend(findings + dropped)
        out.append(item)
    return out


def _image_notes(
    notes: list[dict[str, Any]], src: str, product: Any, target: Target
) -> list[Finding]:
    """The localizer's notes on one image as findings on the product (warnings: the image is still usable)."""
    return [
        Finding(
            note.get("code", "image.note"),
            Severity.WARNING if note.get("severity") != "info" else Severity.INFO,
            f"{src}: {note.get('message', '')}",
            "Check the image in report.html; fix the text in the image sidecar and re-render if needed.",
            sku=product.sku,
            row=product.row,
            field="images",
            target=target.id,
        )
        for note in notes
    ]


def _with_refs(product: Any, work: image_stage.ImageWork) -> Any:
    """The product with only its readable images (so refs line up with fitted results)."""
    kept = [
        ref for ref in product.images if work.sources.get(ref.src) and work.sources[ref.src].path
    ]
    return dataclasses.replace(product, images=kept)


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
    for finding in report.findings if report else []:
        if finding.severity is not Severity.ERROR or finding.sku is None or finding.target:
            continue
        if not images and finding.field == "images":
            continue  # a text-only run leaves images out, so their errors do not apply
        if finding.field in _QUANTITIES and finding.field not in target.platform.required:
            continue  # an unreadable weight is left out of listings that do not need one
        out.setdefault((finding.sku, finding.row), []).append(
            dataclasses.replace(finding, target=target.id)
        )
    return out
