"""``klisting run``: read, validate, localize text, localize images, price and export, per target.

The run is the short list of stages below, each a plain function over plain data. Work is
shared across targets (one translation per language and unit system, one OCR per image and
language) and every stage result is cached in the work dir by the hash of its inputs.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from klisting.export.bundle import BundleResult
from klisting.markets.targets import Target, parse_targets
from klisting.model import Catalog, Finding, Report
from klisting.infra.cache import StageCache

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
    engine: Any = "auto"
    jobs: int = 2
    dry_run: bool = False
    images: bool = True
    source_profile: str | None = None
    sheet: str | None = None
    encoding: str | None = None
    #: target id (or "default") -> price rules mapping (klisting.pricing.PriceRules)
    price_rules: dict[str, dict[str, Any]] = field(default_factory=dict)
    #: flattened seller profile: manufacturer_address, eu_responsible_person, brand_en:<name> ...
    profile: dict[str, str] = field(default_factory=dict)
    glossary: Path | None = None
    do_not_translate: list[str] = field(default_factory=list)
    #: B2B terms for alibaba (moq, tiers, supply)
    trade: dict[str, Any] = field(default_factory=dict)


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

    @property
    def refused(self) -> int:
        return sum(len(b.refused) for b in self.bundles)

    @property
    def exported(self) -> int:
        return sum(len(b.exported) for b in self.bundles)

    @property
    def exit_code(self) -> int:
        from klisting.errors import ExitCode

        errors = any(f.severity.value == "error" for f in self.findings)
        # an error on a row without a SKU: that row is in no bundle, so the run is not complete
        dropped = self.report is not None and any(
            f.severity.value == "error" and f.sku is None and f.target is None
            for f in self.report.findings
        )
        broken = any(f.code == "export.schema-violation" for b in self.bundles for f in b.findings)
        return ExitCode.FINDINGS if (self.refused or errors or broken or dropped) else ExitCode.OK


class _Timer:
    def __init__(self, result: RunResult, hook: ProgressHook) -> None:
        self.result, self.hook = result, hook

    @contextmanager
    def stage(self, name: str, total: int) -> Iterator[tuple[StageStat, Advance]]:
        stat = StageStat(name, items=total)
        advance = self.hook.stage(name, total)
        start = time.perf_counter()
        try:
            yield stat, advance
        finally:
            stat.seconds = time.perf_counter() - start
            self.result.stages.append(stat)
            self.hook.done(name)


def run(options: RunOptions, hook: ProgressHook | None = None) -> RunResult:
    """Run every stage for every target; see the module docstring.

    Raises:
        UsageError: no targets or a bad target; InputError: unreadable catalog.
    """
    from klisting.pipeline import stages

    hook = hook or ProgressHook()
    targets = _targets(options)
    result = RunResult()
    timer = _Timer(result, hook)
    cache = StageCache(Path(options.work_dir))
    with timer.stage("read", 1) as (stat, advance):
        result.catalog = stages.read(options)
        stat.items = len(result.catalog.products)
        advance(1)
    with timer.stage("validate", len(targets)) as (stat, advance):
        result.report = stages.validate(result.catalog, targets)
        advance(len(targets))
    if options.dry_run:
        result.plan = stages.plan(result.catalog, targets, options, cache)
        return result
    stages.localize_and_export(result, targets, options, cache, timer)
    return result


def _targets(options: RunOptions) -> list[Target]:
    from klisting.errors import UsageError

    targets = parse_targets(options.targets)
    if not targets:
        raise UsageError(
            "no targets: give --target platform:market (repeatable) or list targets in klisting.yaml",
            hint="For example: klisting run catalog.xlsx --target shopee:tw --target amazon:us",
        )
    return targets
