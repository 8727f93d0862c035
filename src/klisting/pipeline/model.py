"""The run's types: what goes in (RunOptions), what each stage hands the next, what comes out.

Kept apart from ``run.py`` so the stages import the types without importing the orchestrator
(and the orchestrator imports the stages without a circle).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from klisting.errors import ExitCode
from klisting.export.bundle import BundleResult
from klisting.export.context import ListingSettings
from klisting.export.model import FittedPart
from klisting.model import Catalog, Finding, Report, Severity
from klisting.translate.engines import DEFAULT_ENGINE
from klisting.translate.pending import PendingSheet
from klisting.translate.types import LocalizedText

Advance = Callable[[int], None]


class ProgressHook:
    """Progress reporting; the CLI passes a rich implementation, the library default is silent."""

    def stage(self, name: str, total: int) -> Advance:
        """Start stage ``name`` with ``total`` items; returns a callback to advance it."""
        return lambda n=1: None

    def done(self, name: str) -> None:
        """Stage ``name`` finished."""


@dataclass
class RunOptions:
    """Everything a run needs; the CLI fills it from flags over the project file."""

    catalog: Path
    targets: list[str]
    out_dir: Path = Path("bundles")
    work_dir: Path = Path(".klisting")
    #: an engine id (see klisting.translate.engines) or an Engine object (tests, plugins)
    engine: Any = DEFAULT_ENGINE
    jobs: int = 2
    dry_run: bool = False
    images: bool = True
    source_profile: str | None = None
    sheet: str | None = None
    encoding: str | None = None
    #: header -> field choices over the reader's evidence (source.column_map, --map)
    column_map: dict[str, str] = field(default_factory=dict)
    #: URL relative image paths are relative to (source.image_base)
    image_base: str | None = None
    #: target id (or "default") -> price rules mapping (klisting.pricing.PriceRules)
    price_rules: dict[str, dict[str, Any]] = field(default_factory=dict)
    #: flattened seller profile: manufacturer_address, eu_responsible_person, brand_en:<name> ...
    profile: dict[str, str] = field(default_factory=dict)
    glossary: Path | None = None
    do_not_translate: list[str] = field(default_factory=list)
    #: B2B terms for alibaba (moq, tiers, supply)
    trade: dict[str, Any] = field(default_factory=dict)
    #: the project's account settings, category map and image base URL (klisting.export.context)
    listing: ListingSettings = field(default_factory=ListingSettings)
    #: "thread" (default) or "dask" (klisting.infra.executor.make_executor)
    executor: str = "thread"
    #: an existing Dask scheduler (tcp://host:8786); default $KLISTING_DASK_SCHEDULER or a local cluster
    scheduler: str | None = None
    #: where image tasks keep their results (a shared path or an fsspec URL such as
    #: s3://bucket/prefix); default $KLISTING_STORE, else the work dir (klisting.infra.store)
    store: str | None = None
    #: lock the filled "final" cells of the review sheets in out_dir before translating
    apply_review: bool = False

    @property
    def engine_id(self) -> str:
        """The engine's id as recorded in manifests ("custom" for an object without one)."""
        if isinstance(self.engine, str):
            return self.engine
        return getattr(self.engine, "id", "custom")


#: text group id -> product index -> that product's translated fields
TextResults = dict[str, dict[int, LocalizedText]]


#: (localized image path, target id) -> the parts it was fitted into
Fits = dict[tuple[str, str], list[FittedPart]]


@dataclass
class StageStat:
    name: str
    seconds: float = 0.0
    items: int = 0
    note: str = ""


@dataclass
class RunResult:
    """What a run did: bundles, validation report, per-stage figures, run-level findings."""

    catalog: Catalog | None = None
    report: Report | None = None
    bundles: list[BundleResult] = field(default_factory=list)
    stages: list[StageStat] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    translation: dict[str, int] = field(default_factory=dict)
    images_localized: int = 0
    plan: dict[str, Any] = field(default_factory=dict)
    #: texts locked from review sheets at the start of the run (--apply-review)
    reviews_applied: int = 0
    #: review sheets written for the products whose text is incomplete (one per language)
    pending_reviews: list[PendingSheet] = field(default_factory=list)

    @property
    def refused(self) -> int:
        return sum(len(b.refused) for b in self.bundles)

    @property
    def exported(self) -> int:
        return sum(len(b.exported) for b in self.bundles)

    @property
    def exit_code(self) -> ExitCode:
        errors = any(f.severity is Severity.ERROR for f in self.findings)
        # an error on a row without a SKU: that row is in no bundle, so the run is not complete
        dropped = self.report is not None and any(
            f.severity is Severity.ERROR and f.sku is None and f.target is None
            for f in self.report.findings
        )
        broken = any(f.code == "export.schema-violation" for b in self.bundles for f in b.findings)
        # a bundle with required fields unfilled would be rejected on upload
        needs = any(b.needs for b in self.bundles)
        failed = self.refused or errors or broken or dropped or needs
        return ExitCode.FINDINGS if failed else ExitCode.OK


class StageTimer:
    """Times each stage, drives the progress hook and records a StageStat per stage."""

    def __init__(self, hook: ProgressHook) -> None:
        self.hook = hook
        self.stats: list[StageStat] = []

    @contextmanager
    def stage(self, name: str, total: int) -> Iterator[tuple[StageStat, Advance]]:
        stat = StageStat(name, items=total)
        advance = self.hook.stage(name, total)
        start = time.perf_counter()
        try:
            yield stat, advance
        finally:
            stat.seconds = time.perf_counter() - start
            self.stats.append(stat)
            self.hook.done(name)
