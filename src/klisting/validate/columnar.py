"""The columnar validator: the registered checks over Arrow batches, Products only where needed.

For each batch every check's screen (see ``klisting.validate.registry``) is one polars
expression per pass (no target, then each target); checks declared by their ``inputs`` are
run once per distinct combination of those cells. Only rows some check flags are built into
Products, and only the flagged checks run on them, so the findings are the ones the
per-product path (``validate_catalog``) makes, from the same functions. Catalog-wide checks
run once at the end on light products chosen by a group-by over (row, SKU), which is all a
batch leaves behind.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import polars as pl

from klisting.catalog import OpenedCatalog, build_catalog, open_catalog
from klisting.catalog.build import ProductBuilder
from klisting.markets.targets import Target
from klisting.model import Catalog, Finding, Report
from klisting.validate import (
    Findings,
    check_contexts,
    validate_catalog,
)
from klisting.validate.checks_catalog import reader_findings
from klisting.validate.exprs import Cell
from klisting.validate.frames import Batch, CatalogFrames, NotPlainCsv, column, open_frames
from klisting.validate.registry import CATALOG_CHECKS, COLUMNAR, PRODUCT_CHECKS, CheckContext


def validate_path(
    path: str | Path,
    targets: Iterable[Target] = (),
    *,
    select: Iterable[str] = (),
    ignore: Iterable[str] = (),
    **read_options: Any,
) -> Report:
    """``validate_catalog(read_catalog(path, **read_options), targets, ...)``, in columns.

    Raises:
        InputError: as ``read_catalog`` does.
    """
    targets, select, ignore = list(targets), list(select), list(ignore)
    try:
        return _validate(open_frames(path, **read_options), targets, select, ignore)
    except NotPlainCsv:  # numbering rows needs the reader after all (a quoted line break ...)
        frames = open_frames(path, fast=False, **read_options)
        return _validate(frames, targets, select, ignore)


@dataclass
class _Plan:
    """One check in one pass, and how its candidate rows are found."""

    ctx: CheckContext
    check: Callable[..., Iterable[Finding]]
    mask: pl.Expr | None = None  # a screen's expression
    inputs: list[int] | None = None  # column indexes for a check declared by its inputs


def _validate(
    frames: CatalogFrames, targets: list[Target], select: list[str], ignore: list[str]
) -> Report:
    opened = frames.opened
    if opened.groups_variants:  # rows merge into products: they cannot be checked one by one
        if frames.fast:
            name = opened.match.profile.name
            opened = open_catalog(opened.path, profile=name, currency=opened.currency)
        return validate_catalog(build_catalog(opened), targets, select=select, ignore=ignore)
    catalog = build_catalog(opened, [])
    contexts = check_contexts(catalog, targets)
    builder = ProductBuilder(opened.table, opened.match, opened.path, opened.currency)
    cell = _cell_accessor(opened.match.fields)
    plans = [
        _plan(ctx, check, cell, opened.match.fields) for ctx in contexts for check in PRODUCT_CHECKS
    ]
    outcomes: list[dict[tuple, bool]] = [{} for _ in plans]
    screens = [
        (plan.mask if plan.mask is not None else pl.lit(plan.inputs is None))
        .fill_null(True)
        .alias(f"_f{k}")
        for k, plan in enumerate(plans)
    ]
    kept = Findings()
    pairs: list[pl.DataFrame] = []
    notes = _ColumnNotes(opened)
    count = 0
    for batch in frames.batches(screens):
        count += batch.frame.height
        kept.add_all(_batch_findings(batch, plans, outcomes, builder))
        notes.see(batch)
        pairs.append(batch.frame.select("row", cell("sku").alias("sku")))
    # notes made while reading: the header's, and the columns' from every row's cells
    catalog.read_findings = build_catalog(opened, [], builder=notes.builder).read_findings
    # after the rows: ties in the report's order are within one code, never across these two
    kept.add_all(_catalog_findings(catalog, contexts, builder, pairs))
    report = Report(source=catalog.path, products=count, targets=[t.id for t in targets])
    report.findings = kept.result(select, ignore)
    return report


class _ColumnNotes:
    """What the reader notes about columns from their cells, seen once per distinct value.

    The per-product reader notes a filled unmapped column, a mass under 용량 or an undecoded
    origin code as it builds each row; here every batch shows the same builder the distinct
    values of those columns (in file order, so each note's example is the file's first), and
    which unmapped columns hold anything.
    """

    def __init__(self, opened: OpenedCatalog) -> None:
        self.builder = ProductBuilder(opened.table, opened.match, opened.path, opened.currency)
        quantity = [index for _, _, index, _ in self.builder.quantity_fields]
        origin = self.builder.origin_code_column
        self.inputs = sorted({*quantity, *([origin] if origin is not None else [])})
        self.width = len(opened.table.headers)
        self.seen: set[tuple] = set()

    def see(self, batch: Batch) -> None:
        frame = batch.frame
        filled = self.builder.filled_unmapped
        for index in self.builder.unmapped:
            if (
                index not in filled
                and frame.select(pl.col(column(index)).is_not_null().any()).item()
            ):
                filled.add(index)
        if not self.inputs:
            return
        names = [column(i) for i in self.inputs]
        for combination in frame.select(names).unique(maintain_order=True).iter_rows():
            if combination in self.seen:
                continue
            self.seen.add(combination)
            row: list[Any] = [None] * self.width
            for index, value in zip(self.inputs, combination, strict=True):
                row[index] = value
            self.builder.build(0, row)


def _cell_accessor(fields: dict[int, str]) -> Cell:
    """field -> the column of its (first) cell, or a null literal when no column maps to it."""
    first: dict[str, int] = {}
    for index, name in sorted(fields.items()):
        first.setdefault(name, index)

    def cell(name: str) -> pl.Expr:
        if name in first:
            return pl.col(column(first[name]))
        return pl.lit(None, dtype=pl.String)

    return cell


def _plan(ctx: CheckContext, check: Callable, cell: Cell, fields: dict[int, str]) -> _Plan:
    form = COLUMNAR.get(check)
    if form is None:
        return _Plan(ctx, check)
    if form.inputs is not None:
        wanted = set(form.inputs)
        return _Plan(ctx, check, inputs=sorted(i for i, f in fields.items() if f in wanted))
    return _Plan(ctx, check, mask=form.screen(ctx, cell))


def _batch_findings(
    batch: Batch, plans: list[_Plan], outcomes: list[dict[tuple, bool]], builder: ProductBuilder
) -> Iterator[Finding]:
    """Findings of one batch: the screens' flags are columns of the batch; checks declared by
    their inputs add theirs; the flagged checks then run on the flagged rows."""
    frame = batch.frame
    by_inputs = {
        f"_f{k}": _by_inputs(frame, plan, outcome, builder, batch.width)
        for k, (plan, outcome) in enumerate(zip(plans, outcomes, strict=True))
        if plan.mask is None and plan.inputs is not None
    }
    flags = frame.select(
        pl.int_range(pl.len()).alias("_i"),
        *(pl.col(f"_f{k}") for k in range(len(plans))),
    ).with_columns(**by_inputs)
    flagged = flags.filter(pl.any_horizontal(pl.exclude("_i")))
    rows = frame["row"]
    for index, *bits in flagged.iter_rows():
        product = builder.build(rows[index], batch.row_cells(index))
        for plan, bit in zip(plans, bits, strict=True):
            if bit:
                yield from plan.check(product, plan.ctx)


def _by_inputs(
    frame: pl.DataFrame,
    plan: _Plan,
    outcome: dict[tuple, bool],
    builder: ProductBuilder,
    width: int,
) -> pl.Series:
    """Run a check declared by its inputs once per distinct combination of those cells."""
    names = [column(i) for i in plan.inputs or []]
    if not names:
        if () not in outcome:
            outcome[()] = _fails(plan, builder, [None] * width)
        return pl.Series([outcome[()]] * frame.height, dtype=pl.Boolean)
    cells = frame.select(names)
    distinct = cells.unique().rows()
    for combination in distinct:
        if combination not in outcome:
            row: list[Any] = [None] * width
            for index, value in zip(plan.inputs or [], combination, strict=True):
                row[index] = value
            outcome[combination] = _fails(plan, builder, row)
    bad = [c for c in distinct if outcome[c]]
    if not bad:
        return pl.Series([False] * frame.height, dtype=pl.Boolean)
    bad_frame = pl.DataFrame(bad, schema={n: pl.String for n in names}, orient="row")
    marked = cells.join(
        bad_frame.with_columns(pl.lit(True).alias("_bad")),
        on=names,
        how="left",
        nulls_equal=True,
        maintain_order="left",
    )
    return marked["_bad"].fill_null(False)


def _fails(plan: _Plan, builder: ProductBuilder, row: list[Any]) -> bool:
    return any(True for _ in plan.check(builder.build(0, row), plan.ctx))


def _catalog_findings(
    catalog: Catalog,
    contexts: list[CheckContext],
    builder: ProductBuilder,
    pairs: list[pl.DataFrame],
) -> Iterator[Finding]:
    """Reader notes and catalog-wide checks, each on the light products it asks for."""
    table = pl.concat(pairs) if pairs else pl.DataFrame(schema={"row": pl.Int64, "sku": pl.String})
    light = {check: _light(catalog, builder, table, check) for check in CATALOG_CHECKS}
    for ctx in contexts:
        if ctx.target is None:
            yield from reader_findings(catalog, ctx)
        for check in CATALOG_CHECKS:
            yield from check(light[check], ctx)


def _light(
    catalog: Catalog, builder: ProductBuilder, table: pl.DataFrame, check: Callable
) -> Catalog:
    form = COLUMNAR.get(check)
    chosen = table.filter(form.rows(pl.col("sku"))) if form and form.rows else table
    products = [builder.stub(row, sku or "") for row, sku in chosen.iter_rows()]
    return dataclasses.replace(catalog, products=products)
