"""``klisting categories``: catalog categories without a platform category, with candidates."""

from __future__ import annotations

from pathlib import Path

import typer

from klisting.cli.common import TARGET_OPTION
from klisting.cli.output import FORMAT_OPTION, OutputFormat, print_json, stderr, stdout
from klisting.errors import ExitCode, UsageError


def categories_command(
    catalog: Path | None = typer.Argument(
        None, help="Catalog file; the project's catalog when omitted."
    ),
    config: Path | None = typer.Option(
        None, "--config", "-c", help="Project file; the nearest klisting.yaml when omitted."
    ),
    target: list[str] | None = TARGET_OPTION,
    fmt: OutputFormat = FORMAT_OPTION,
) -> None:
    """List each catalog category, its product count and the targets it has no id for.

    Unmapped categories get candidates from Shopify's open product taxonomy. Set the ids under
    ``categories:`` in klisting.yaml. Exit 1 while any category is unmapped.
    """
    from klisting.catalog import read_catalog
    from klisting.export.categories import category_rows
    from klisting.markets.targets import parse_targets

    project = _project(config)
    targets = parse_targets(target or (project.targets if project else []))
    path = catalog or (project.catalog if project else None)
    if path is None:
        raise UsageError("no catalog", hint="klisting categories catalog.xlsx -t shopee:tw")
    if not targets:
        raise UsageError(
            "no targets", hint="Pass --target platform:market or set targets: in klisting.yaml."
        )
    products = read_catalog(path).products
    rows = category_rows(products, project.categories if project else {}, [t.id for t in targets])
    if fmt is OutputFormat.json:
        print_json({"catalog": str(path), "categories": [row.to_json() for row in rows]})
    else:
        _table(rows)
    unmapped = [row for row in rows if row.unmapped]
    stderr.print(
        f"{len(rows)} categories, {len(unmapped)} unmapped for at least one target"
        + ("; add their ids under categories: in klisting.yaml" if unmapped else "")
    )
    if unmapped:
        raise typer.Exit(ExitCode.FINDINGS)


def _project(config: Path | None):
    from klisting.project import find_project, load_project

    path = config or find_project()
    return load_project(path) if path else None


def _table(rows) -> None:
    from rich.table import Table

    table = Table("category", "products", "unmapped for", "candidates (Shopify taxonomy)")
    for row in rows:
        table.add_row(
            row.category,
            str(row.products),
            ", ".join(row.unmapped) or "[green]all mapped[/green]",
            "\n".join(f"{c.id}  {c.path.split(' > ', 3)[-1]}" for c in row.candidates),
        )
    stdout.print(table)


def register(app: typer.Typer) -> None:
    app.command("categories")(categories_command)
