"""Validate a large text catalog (CSV/TSV/JSON) on every core.

Building products and running the per-product checks cost far more than parsing the file. Each
worker parses the file itself and builds and checks only every N-th row, sending back findings
and (sku, row) pairs; the catalog-wide checks (duplicate SKUs, missing columns, reader notes)
then run once in the parent on light products that carry just the SKU and location.

Workers parse rather than inherit rows the parent parsed: touching inherited objects writes
their reference counts, which faults in copy-on-write pages. Workbooks stay serial: opening one
is most of the cost. On the 2-core benchmark machine two workers are no faster than one process
(100k rows: 3.3-3.5 s vs 3.0-3.25 s; every worker parses the whole file and the parent rebuilds
the catalog-wide view), so one process is the default and ``--jobs`` is for machines with more
cores, where the per-product work dominates.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Iterable
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

from klisting.catalog import build_catalog, open_catalog
from klisting.catalog.build import ProductBuilder
from klisting.catalog.sniff import OLE2_MAGIC, ZIP_MAGIC
from klisting.markets.targets import Target
from klisting.model import Finding, Report
from klisting.validate import validate_catalog

#: Smaller files (about 20,000 rows of a typical export) are validated in one process.
PARALLEL_MIN_BYTES = 2_000_000

# Set in the parent just before forking; workers only read it.
_JOB: dict[str, Any] = {}


def validate_file(
    path: str | Path,
    targets: Iterable[Target] = (),
    *,
    select: Iterable[str] = (),
    ignore: Iterable[str] = (),
    jobs: int | None = None,
    **read_options: Any,
) -> Report:
    """Read and validate ``path`` with up to ``jobs`` processes (default: one).

    The result equals ``validate_catalog(read_catalog(path), targets, ...)``.
    """
    targets, select, ignore = list(targets), list(select), list(ignore)
    path = Path(path)
    opened = open_catalog(path, **read_options)  # unreadable input fails here, in the parent
    workers = min(jobs or 1, os.cpu_count() or 1)
    if workers < 2 or not _worth_splitting(path) or opened.groups_variants or not _can_fork():
        return validate_catalog(build_catalog(opened), targets, select=select, ignore=ignore)
    _JOB.update(
        path=path,
        read_options=read_options,
        targets=targets,
        select=select,
        ignore=ignore,
        workers=workers,
    )
    try:
        with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork")) as pool:
            results = list(pool.map(_validate_share, range(workers)))
    finally:
        _JOB.clear()
    findings: list[Finding] = [f for share, _, _ in results for f in share]
    opened.table.notes = results[0][2]  # every worker read every row; the first one's notes suffice
    light = build_catalog(opened, [])
    builder = ProductBuilder(opened.table, opened.match, opened.path)
    pairs = sorted((row, sku) for _, share_pairs, _ in results for sku, row in share_pairs)
    light.products = [builder.stub(row, sku) for row, sku in pairs]
    report = validate_catalog(light, targets, select=select, ignore=ignore, product_checks=False)
    report.findings.extend(findings)
    report.findings.sort(key=lambda f: (f.row or 0, -f.severity.rank, f.code))
    return report


def _validate_share(index: int) -> tuple[list[Finding], list[tuple[str, int]], list]:
    """Worker: parse the file, build and check every ``workers``-th product starting at ``index``."""
    workers = _JOB["workers"]
    opened = open_catalog(_JOB["path"], **_JOB["read_options"])
    rows = (row for number, row in enumerate(opened.table.rows) if number % workers == index)
    catalog = build_catalog(opened, rows)
    report = validate_catalog(
        catalog, _JOB["targets"], select=_JOB["select"], ignore=_JOB["ignore"], catalog_checks=False
    )
    return report.findings, [(p.sku, p.row) for p in catalog.products], opened.table.notes


def _worth_splitting(path: Path) -> bool:
    with path.open("rb") as handle:
        head = handle.read(8)
    is_workbook = head.startswith((ZIP_MAGIC, OLE2_MAGIC))
    return not is_workbook and path.stat().st_size >= PARALLEL_MIN_BYTES


def _can_fork() -> bool:
    return "fork" in multiprocessing.get_all_start_methods()
