"""``klisting validate``: check a catalog, alone or against platform:market targets."""

from __future__ import annotations

import sys
from pathlib import Path

import typer

from klisting.cli.common import (
    ENCODING_OPTION,
    MAP_OPTION,
    PROFILE_OPTION,
    SHEET_OPTION,
    TARGET_OPTION,
    read_options,
)
from klisting.cli.output import stderr, stdout
from klisting.errors import ExitCode, UsageError
from klisting.model import Severity
from klisting.validate.render import ReportFormat


def validate_command(
    catalog: Path | None = typer.Argument(
        None, help="Catalog file: CSV, TSV, XLSX, XLS, JSON or JSON Lines.", show_default=False
    ),
    target: list[str] | None = TARGET_OPTION,
    fmt: ReportFormat = typer.Option(
        ReportFormat.table, "--format", "-f", help="table, json, junit, github or sarif."
    ),
    fail_on: Severity = typer.Option(
        Severity.ERROR, "--fail-on", help="Exit 1 when a finding is at or above this severity."
    ),
    select: list[str] | None = typer.Option(
        None, "--select", help="Only these codes (e.g. price.* or title.too-long); repeatable."
    ),
    ignore: list[str] | None = typer.Option(None, "--ignore", help="Drop these codes; repeatable."),
    output: Path | None = typer.Option(
        None, "--output", "-o", help="Write the report to this file instead of stdout."
    ),
    profile: str | None = PROFILE_OPTION,
    sheet: str | None = SHEET_OPTION,
    encoding: str | None = ENCODING_OPTION,
    mapping: list[str] | None = MAP_OPTION,
    jobs: int | None = typer.Option(
        None,
        "--jobs",
        "-j",
        help="Processes for large CSV/JSON catalogs (default 1; for machines with many cores).",
    ),
    list_codes: bool = typer.Option(
        False, "--list-codes", help="Print every finding code (markdown) and exit."
    ),
) -> None:
    """Check a catalog and report findings. Exit 0 clean, 1 findings at or above --fail-on."""
    from klisting.markets.targets import parse_targets
    from klisting.validate.parallel import validate_file
    from klisting.validate.render import codes_markdown, print_table, render

    if list_codes:
        sys.stdout.write(codes_markdown() + "\n")
        return
    if catalog is None:
        raise UsageError(
            "missing CATALOG", hint="Run: klisting validate CATALOG [--target platform:market]"
        )

    targets = parse_targets(target)
    report = validate_file(
        catalog,
        targets,
        select=select or (),
        ignore=ignore or (),
        jobs=jobs,
        **read_options(profile, sheet, encoding, mapping),
    )
    if fmt is ReportFormat.table and output is None:
        print_table(report, stdout)
    else:
        text = render(report, fmt)
        if output:
            from klisting.infra.atomic import write_text_atomic

            write_text_atomic(output, text + "\n")
            stderr.print(f"report written to {output}")
        else:
            sys.stdout.write(text + ("\n" if text else ""))
    if report.fails(fail_on):
        raise typer.Exit(ExitCode.FINDINGS)


def register(app: typer.Typer) -> None:
    app.command("validate")(validate_command)
