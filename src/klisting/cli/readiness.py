"""``klisting readiness``: per target, what the platform and market require and what is missing."""

from __future__ import annotations

from pathlib import Path

import typer

from klisting.cli.output import FORMAT_OPTION, OutputFormat, print_json, stderr, stdout
from klisting.errors import ExitCode, UsageError

_STYLE = {
    "pass": "[green]pass[/green]",
    "warn": "[yellow]warn[/yellow]",
    "fail": "[bold red]fail[/bold red]",
}


def readiness_command(
    config: Path | None = typer.Option(
        None, "--config", "-c", help="Project file; the nearest klisting.yaml when omitted."
    ),
    target: list[str] | None = typer.Option(
        None,
        "--target",
        "-t",
        help="platform:market (repeatable); the project's targets when omitted.",
    ),
    catalog: Path | None = typer.Option(
        None,
        "--catalog",
        help="Catalog file for catalog-level checks; the project's catalog when omitted.",
    ),
    fmt: OutputFormat = FORMAT_OPTION,
) -> None:
    """Checklist per target: pass, warn or fail with the next step. Exit 1 when any item fails."""
    from klisting.markets.targets import parse_targets
    from klisting.onboarding.readiness import check_project, summary

    project = _project(config)
    targets = parse_targets(target or project.targets)
    if not targets:
        raise UsageError(
            "no targets to check",
            hint="Add targets: to klisting.yaml or pass --target platform:market.",
        )
    catalog_path = catalog or project.catalog
    products = None
    if catalog_path is not None:
        from klisting.catalog import read_catalog

        products = read_catalog(catalog_path)
    items = check_project(project, targets, products)
    counts = summary(items)
    if fmt is OutputFormat.json:
        print_json(
            {
                "project": str(project.path) if project.path else None,
                "catalog": str(catalog_path) if catalog_path else None,
                "summary": counts,
                "items": [item.to_json() for item in items],
            }
        )
    else:
        _table(items)
        stderr.print(f"{counts['pass']} pass, {counts['warn']} warn, {counts['fail']} fail")
    if counts["fail"]:
        raise typer.Exit(ExitCode.FINDINGS)


def _project(config: Path | None):
    from klisting.project import find_project, load_project

    path = config or find_project()
    if path is None:
        raise UsageError(
            "no klisting.yaml here or in a parent directory",
            hint="Run `klisting init` first, or pass -c PATH.",
        )
    return load_project(path)


def _table(items) -> None:
    from rich.table import Table

    for target_id in dict.fromkeys(item.target for item in items):
        table = Table(title=f"[bold]{target_id}[/bold]", title_justify="left", show_lines=False)
        table.add_column("status", no_wrap=True)
        table.add_column("requirement")
        table.add_column("detail")
        table.add_column("next step")
        for item in (entry for entry in items if entry.target == target_id):
            table.add_row(_STYLE[item.status], item.title, item.detail, item.next_step)
        stdout.print(table)


def register(app: typer.Typer) -> None:
    app.command("readiness")(readiness_command)
