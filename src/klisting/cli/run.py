"""``klisting run``: the whole pipeline for one catalog and several targets."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import typer

from klisting.cli.common import (
    ENCODING_OPTION,
    MAP_OPTION,
    PROFILE_OPTION,
    SHEET_OPTION,
    TARGET_OPTION,
    parse_map,
)
from klisting.cli.output import FORMAT_OPTION, OutputFormat, print_json, stderr, stdout
from klisting.translate.engines import engine_help


class RichHook:
    """Overall and per-stage progress bars on stderr."""

    def __init__(self, progress: Any, stages: int) -> None:
        self.progress = progress
        self.overall = progress.add_task("run", total=stages)
        self.tasks: dict[str, Any] = {}

    def stage(self, name: str, total: int) -> Any:
        task = self.progress.add_task(name, total=max(total, 1))
        self.tasks[name] = task
        return lambda n=1: self.progress.advance(task, n)

    def done(self, name: str) -> None:
        task = self.tasks.get(name)
        if task is not None:
            self.progress.update(task, completed=self.progress.tasks[task].total)
        self.progress.advance(self.overall, 1)


def run_command(
    catalog: Path | None = typer.Argument(
        None,
        help="Catalog file (CSV, TSV, XLSX, JSON, JSON Lines); default: 'catalog' in klisting.yaml.",
        show_default=False,
    ),
    target: list[str] | None = TARGET_OPTION,
    output: Path | None = typer.Option(
        None,
        "--output",
        "-o",
        help="Folder for the bundles (default: bundles/ or output_dir in klisting.yaml).",
    ),
    config: Path | None = typer.Option(
        None, "--config", "-c", help="Project file klisting.yaml; flags override it."
    ),
    engine: str | None = typer.Option(
        None,
        "--engine",
        "-e",
        help=f"Translation engine: {engine_help()}.",
    ),
    jobs: int | None = typer.Option(
        None, "--jobs", "-j", min=1, help="Parallel image jobs (default 2)."
    ),
    executor: str | None = typer.Option(
        None,
        "--executor",
        help="thread (default) or dask: a local Dask cluster sized to the machine, or --scheduler.",
    ),
    scheduler: str | None = typer.Option(
        None,
        "--scheduler",
        help="An existing Dask scheduler, tcp://host:8786 (default: $KLISTING_DASK_SCHEDULER).",
    ),
    store: str | None = typer.Option(
        None,
        "--store",
        help="Where image tasks keep their results: a path every worker shares, or an fsspec "
        "URL such as s3://bucket/prefix (default: $KLISTING_STORE, else the work dir).",
    ),
    work_dir: Path | None = typer.Option(
        None, "--work-dir", help="Cache and intermediate results (default .klisting/)."
    ),
    dry_run: bool = typer.Option(
        False, "--dry-run", help="Read and validate, print the plan; translate and write nothing."
    ),
    no_images: bool = typer.Option(
        False, "--no-images", help="Text only: leave image localization and images out."
    ),
    apply_review: bool = typer.Option(
        False,
        "--apply-review",
        help="First lock the 'final' cells filled in the review sheets the last run wrote "
        "next to the bundles (review-<lang>.xlsx), then run.",
    ),
    fmt: OutputFormat = FORMAT_OPTION,
    profile: str | None = PROFILE_OPTION,
    sheet: str | None = SHEET_OPTION,
    encoding: str | None = ENCODING_OPTION,
    mapping: list[str] | None = MAP_OPTION,
) -> None:
    """Read, validate, translate, localize images, price and export bundles for every target.

    Exit 0 when every product was exported with every required field filled, 1 when a bundle has
    needs (manifest.json), a target refused products or a catalog row
    is in no bundle (no SKU); see the findings.
    """
    from klisting.catalog.profiles import check_column_map
    from klisting.cli.output import progress
    from klisting.pipeline.project_options import build_options
    from klisting.pipeline.run import run

    options = build_options(
        catalog,
        target,
        config,
        out_dir=output,
        engine=engine,
        jobs=jobs,
        executor=executor,
        scheduler=scheduler,
        store=store,
        work_dir=work_dir,
        dry_run=dry_run or None,
        images=False if no_images else None,
        apply_review=apply_review or None,
        source_profile=profile,
        sheet=sheet,
        encoding=encoding,
        column_map=check_column_map(parse_map(mapping), "--map"),
    )
    with progress() as bar:
        result = run(options, RichHook(bar, 2 if options.dry_run else 8))
    if options.dry_run:
        _print_plan(result, fmt)
        return
    if fmt is OutputFormat.json:
        print_json(summary_json(result))
    else:
        print_summary(result)
    raise typer.Exit(result.exit_code)


def summary_json(result: Any) -> dict[str, Any]:
    """The run summary for machines."""
    return {
        "products": len(result.catalog.products) if result.catalog else 0,
        "bundles": [
            {
                "target": b.target,
                "path": str(b.path),
                "zip": str(b.zip_path),
                "exported": len(b.exported),
                "refused": b.refused,
                "needs": len(b.needs),
                "findings": len(b.findings),
            }
            for b in result.bundles
        ],
        "stages": [
            {"name": s.name, "seconds": round(s.seconds, 3), "items": s.items, "note": s.note}
            for s in result.stages
        ],
        "translation": result.translation,
        "reviews_applied": result.reviews_applied,
        "pending_reviews": [sheet.to_json() for sheet in result.pending_reviews],
        "images_localized": result.images_localized,
        "validation": result.report.summary() if result.report else None,
        "findings": [f.to_json() for f in result.findings],
        "exit_code": result.exit_code,
    }


def print_summary(result: Any) -> None:
    """Tables on stdout: per target, per stage; where the bundles are."""
    from rich.table import Table

    table = Table(title="bundles")
    for column in ("target", "exported", "refused", "images", "bundle"):
        table.add_column(column)
    for bundle in result.bundles:
        images = sum(1 for f in bundle.files if f["path"].startswith("images/"))
        table.add_row(
            bundle.target,
            str(len(bundle.exported)),
            str(len(bundle.refused)),
            str(images),
            bundle.zip_path.name,
        )
    stdout.print(table)
    stages = Table(title="stages")
    for column in ("stage", "items", "seconds", "note"):
        stages.add_column(column)
    for stat in result.stages:
        stages.add_row(stat.name, str(stat.items), f"{stat.seconds:.2f}", stat.note)
    stdout.print(stages)
    for bundle in result.bundles:
        for sku, reasons in sorted(bundle.refused.items()):
            stdout.print(
                f"[red]refused[/red] {bundle.target} {sku}: {reasons[0]}"
                + (f" (+{len(reasons) - 1} more)" if len(reasons) > 1 else ""),
                highlight=False,
            )
    for finding in result.findings:
        stderr.print(
            f"[yellow]{finding.severity.value}[/yellow] {finding.code}: {finding.message}",
            highlight=False,
        )
    for bundle in result.bundles:
        if bundle.needs:
            stdout.print(f"[red]needs[/red] {bundle.needs_summary()}", highlight=False)
    if result.bundles:
        stderr.print(
            f"bundles and report.html in {result.bundles[0].path.parent}/<platform>-<market>/",
            highlight=False,
        )
    _print_reviews(result)


def _print_reviews(result: Any) -> None:
    """How many texts the review sheets finished, and which products wait for one."""
    if result.reviews_applied:
        stderr.print(f"{result.reviews_applied} reviewed texts applied", highlight=False)
    for sheet in result.pending_reviews:
        if sheet.kept:
            stderr.print(
                f"[yellow]{sheet.path}[/yellow] holds {sheet.rows} filled translations not applied "
                "yet (kept as it is): run again with --apply-review",
                highlight=False,
            )
            continue
        count = len(sheet.skus)
        waits = "product waits" if count == 1 else "products wait"
        stderr.print(
            f"[yellow]{count} {waits} for review[/yellow] ({sheet.lang}): fill the "
            f"'final' column of {sheet.path}, then run again with --apply-review",
            highlight=False,
        )


def _print_plan(result: Any, fmt: OutputFormat) -> None:
    plan = {**result.plan, "validation": result.report.summary() if result.report else None}
    if fmt is OutputFormat.json:
        print_json(plan)
        return
    for key, value in plan.items():
        stdout.print(f"{key}: {value}", highlight=False)


def register(app: typer.Typer) -> None:
    app.command("run")(run_command)
