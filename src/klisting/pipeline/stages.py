"""The stages of ``klisting run``, each a function over typed values (see ``klisting.pipeline.run``).

Stages return what they made; only ``run()`` puts results into the RunResult. Assembling the
products for each target and writing its bundle is in ``assembly.py``.
"""

from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from klisting.export.bundle import bundle_name
from klisting.export.model import FittedPart
from klisting.infra.cache import StageCache
from klisting.infra.executor import Executor
from klisting.infra.store import Store
from klisting.markets.targets import Target
from klisting.model import Catalog, Finding, Product, Report
from klisting.pipeline import image_localize, image_stage, price_stage, text_stage
from klisting.pipeline.model import Advance, Fits, RunOptions, TextResults
from klisting.pipeline.text_stage import TextGroup

if TYPE_CHECKING:
    from klisting.images.tasks import FitJob
    from klisting.translate.pending import PendingSheet
    from klisting.translate.service import TranslationService


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
    """Review sheets (one per language) in the output folder for the products not ready for a
    listing: text still incomplete, or image text blocks the localizer left as they were (the
    export gates refuse both), with those products' fields and image blocks."""
    from klisting.translate.pending import write_pending_reviews

    records = [text for group in texts.values() for text in group.values()]
    blocks = [
        row
        for group_id, group in texts.items()
        for index in group
        for row in image_stage.review_rows(products[index], group_id, work)
    ]
    return write_pending_reviews(options.out_dir, records, blocks)


def localize_images(
    work: image_stage.ImageWork,
    groups: list[TextGroup],
    cache: StageCache,
    service: TranslationService,
    *,
    executor: Executor,
    store: Store,
    advance: Advance,
) -> None:
    """Localize every fetched image once per text group, translating with the run's service.

    OCR and rendering are tasks on ``executor`` (their results in ``store``); the service is
    called here, once per text group for the blocks of every image.
    """
    image_stage.localize_all(
        work,
        groups,
        cache,
        jobs=executor.workers,
        translate_for=_image_translator(service),
        settings_tag=_engine_tag(service, groups),
        advance=advance,
        executor=executor,
        store=store,
    )


def _engine_tag(service: TranslationService, groups: list[TextGroup]) -> str:
    """What a localized image depends on besides its pixels: per group, the engine, the
    seller's terms and the reviewed (locked) translations, so a final applied from a review
    sheet re-renders the image (its OCR stays cached), and the renderer's version."""
    try:
        from klisting.images.pipeline import RENDER_VERSION
    except ImportError:  # no localizer: the images are kept as they are
        RENDER_VERSION = ""  # noqa: N806
    tags = [f"{group.id}:{service.cache_tag(group.language)}" for group in groups]
    return "|".join([RENDER_VERSION, *tags])


def _image_translator(
    service: TranslationService,
) -> Callable[[TextGroup], Callable[[list[str]], list[str]]]:
    """A translate callable per text group for the image localizer, backed by the same service.

    What it returns says whose translation it is: a person's (``Reviewed``, a locked review
    entry), a real engine's (a plain str), a curated whole-phrase term (a plain str: 제품 특징
    -> "Features"), or a composed offline draft (``Draft``), which the localizer never draws.
    It runs on the driver only (once per text group, for the blocks of every image of the run);
    the lock keeps the service (its SQLite memory, its counters) to one caller at a time anyway.
    """
    lock = threading.Lock()

    def for_group(group: TextGroup) -> Callable[[list[str]], list[str]]:
        def translate(texts: list[str]) -> list[str]:
            with lock:
                found = service.translate_texts(list(texts), group.language, market=group.market)
                return [_image_text(service, t, group.language) for t in found]

        return translate

    return for_group


def _image_text(service: TranslationService, result: Any, lang: str) -> str:
    """One translation for an image block, typed by who stands behind it (see above)."""
    from klisting.images.decide import Draft, Reviewed

    if result.quality == "reviewed":
        return Reviewed(result.text)  # a person's: it may settle a doubtful number
    if result.quality != "draft":
        return str(result.text)
    term = service.exact_term(result.source_text, lang)
    if term is None:
        return Draft(result.text)
    # a label in an image is a heading or a badge: "Features", "Free shipping"
    return term[:1].upper() + term[1:] if term[:1].islower() else term


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
    store: Store,
    root: Path,
    *,
    executor: Executor,
    advance: Advance,
) -> Fits:
    """Every distinct (localized image, target) pair fitted to the target's image spec.

    A pair that cannot be fitted (a damaged file) maps to the error message instead of parts.
    Each fit is a self-contained task (``images.tasks.FitJob``: the image's key in ``store``
    and the spec), so ``executor`` may be distributed; parts are stored by content and spec,
    and come back as files of the work dir ``root``, wherever they were fitted.
    """
    pairs = _fit_jobs(products, targets, work, groups)
    results: dict[int, list[FittedPart] | str] = {}
    jobs: dict[int, FitJob] = {}
    for index, (path, target) in enumerate(pairs):
        made: list[FitJob] = []
        spec = target.platform.images
        failed = image_localize.isolated(  # an image that failed to localize has no file
            lambda: made.append(image_stage.fit_job(Path(path), spec, store, root))  # noqa: B023
        )
        if failed:
            results[index] = failed
            advance(1)
        else:
            jobs[index] = made[0]
    # targets with the same image spec share a fit (and a task key must be unique in a map)
    unique = {job.prefix: job for job in jobs.values()}
    sharing = Counter(job.prefix for job in jobs.values())
    fitted = executor.map(
        _fit_one,
        list(unique.values()),
        keys=list(unique),
        on_done=lambda job, _result: advance(sharing[job.prefix]),  # every pair it serves
    )
    by_prefix = dict(zip(unique, fitted, strict=True))
    for index, job in jobs.items():
        result = by_prefix[job.prefix]
        results[index] = (
            result if isinstance(result, str) else image_stage.fitted_parts(result, store, root)
        )
    return {(path, target.id): results[i] for i, (path, target) in enumerate(pairs)}


def _fit_one(job: FitJob) -> list[dict[str, Any]] | str:
    """A fit task that reports a failure as its message (one bad image must not sink the run)."""
    from klisting.images.tasks import fit_task

    parts: list[dict[str, Any]] = []
    return image_localize.isolated(lambda: parts.extend(fit_task(job))) or parts


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
