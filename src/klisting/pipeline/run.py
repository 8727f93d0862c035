"""``klisting run``: read, validate, localize text, localize images, price and export, per target.

``run()`` is the table of contents of a run: every stage, in order, as a plain call. Work is
shared across targets (one translation per language and unit system, one OCR per image and
language) and every stage result is cached in the work dir by the hash of its inputs, so a
rerun redoes only what changed and a killed run resumes.
"""

from __future__ import annotations

from pathlib import Path

from klisting.errors import UsageError
from klisting.infra.cache import StageCache
from klisting.infra.executor import Executor, make_executor
from klisting.infra.store import open_store
from klisting.markets.targets import Target, parse_targets
from klisting.pipeline import assembly, image_stage, stages, text_stage
from klisting.pipeline.model import (
    Fits,
    ProgressHook,
    RunOptions,
    RunResult,
    StageStat,
    StageTimer,
)

__all__ = ["ProgressHook", "RunOptions", "RunResult", "StageStat", "run"]


def run(
    options: RunOptions, hook: ProgressHook | None = None, *, executor: Executor | None = None
) -> RunResult:
    """Run every stage for every target; see the module docstring.

    ``executor`` runs the image stages' tasks (``klisting batch`` shares one across runs);
    by default the one ``options.executor`` names is made for this run and closed after it.

    Raises:
        UsageError: no targets or a bad target; InputError: unreadable catalog.
    """
    targets = _targets(options)
    if executor is not None:
        return _run(options, targets, hook, executor)
    with make_executor(options.executor, jobs=options.jobs, scheduler=options.scheduler) as own:
        return _run(options, targets, hook, own)


def _run(
    options: RunOptions, targets: list[Target], hook: ProgressHook | None, executor: Executor
) -> RunResult:
    timer = StageTimer(hook or ProgressHook())
    cache = StageCache(Path(options.work_dir))
    result = RunResult(stages=timer.stats)

    # 1. read the catalog into products
    with timer.stage("read", 1) as (stat, advance):
        result.catalog = stages.read(options)
        stat.items = len(result.catalog.products)
        advance(1)
    # 2. validate it for every target (its errors refuse products at export)
    with timer.stage("validate", len(targets)) as (_, advance):
        result.report = stages.validate(result.catalog, targets)
        advance(len(targets))
    if options.dry_run:
        result.plan = stages.plan(result.catalog, targets, options, cache)
        return result

    products = stages.listable(result.catalog)
    groups = text_stage.group_targets(targets)  # target id -> the text group it reads
    text_groups = list(dict.fromkeys(groups.values()))
    work = image_stage.ImageWork()
    # where the image tasks keep their results: the work dir, or a path/URL all workers share
    store = open_store(options.store, Path(options.work_dir))
    with stages.translation_service(options, products) as service:
        if options.apply_review:  # the seller's finals from the last run's review sheets
            result.reviews_applied = stages.apply_reviews(options, service)
        # 3. translate titles, descriptions and options once per text group
        with timer.stage("localize text", len(products) * len(text_groups)) as (stat, advance):
            texts = text_stage.localize_text(products, text_groups, service, cache, advance)
            result.translation = service.stats.to_json()
            stat.note = stages.text_note(result.translation)
        if options.images:
            # 4. fetch every distinct image once
            total = len(image_stage.image_sources(products))
            with timer.stage("fetch images", total) as (stat, advance):
                work.sources = image_stage.fetch_sources(products, cache, options.jobs, advance)
            # 5. localize the text inside each image once per text group (progress: each
            # image read, then each image rendered per group)
            images = len({s.sha256 for s in work.sources.values() if s.path})
            total = images * len(text_groups)
            with timer.stage("localize images", images + total) as (stat, advance):
                stages.localize_images(
                    work,
                    text_groups,
                    cache,
                    service,
                    executor=executor,
                    store=store,
                    advance=advance,
                )
                result.images_localized = work.localized_count
                stat.note = f"{work.localized_count} localized now, {total - work.localized_count} from cache"
            result.findings.extend(work.findings)
    # 6. prices per target (exchange rate, fees, rounding)
    with timer.stage("price", len(targets)) as (_, advance):
        pricers, missing = stages.pricers(targets, options)
        result.findings.extend(missing)
        advance(len(targets))
    # 7. fit each localized image to each target's image spec
    fits: Fits = {}
    if options.images:
        total = stages.fit_count(products, targets, work, groups)
        with timer.stage("fit images", total) as (_, advance):
            fits = stages.fit_images(
                products,
                targets,
                work,
                groups,
                store,
                Path(options.work_dir),
                executor=executor,
                advance=advance,
            )
    # 8. assemble and write one bundle per target
    inputs = assembly.ExportInputs(
        products, texts, work, groups, pricers, fits, result.report, result.findings
    )
    with timer.stage("export", len(targets)) as (_, advance):
        for target in targets:
            result.bundles.append(assembly.export(target, inputs, options))
            advance(1)
    # 9. a review sheet per language for the products whose text is incomplete
    result.pending_reviews = stages.write_reviews(texts, options, products, work)
    return result


def _targets(options: RunOptions) -> list[Target]:
    targets = parse_targets(options.targets)
    if not targets:
        raise UsageError(
            "no targets: give --target platform:market (repeatable) or list targets in klisting.yaml",
            hint="For example: klisting run catalog.xlsx --target shopee:tw --target amazon:us",
        )
    return targets
