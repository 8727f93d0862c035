"""``klisting inspect``: what klisting understands of a catalog file, and why."""

from __future__ import annotations

from pathlib import Path

import typer

from klisting.cli.common import (
    CATALOG_ARG,
    ENCODING_OPTION,
    MAP_OPTION,
    PROFILE_OPTION,
    SHEET_OPTION,
    read_options,
)
from klisting.cli.output import FORMAT_OPTION, OutputFormat, print_json, stdout

_SHOWN = (
    "sku", "title", "price", "stock", "options", "images", "weight", "volume", "dimensions",
    "barcode", "category", "brand", "origin", "attributes",
)  # fmt: skip


def inspect_command(
    catalog: Path = CATALOG_ARG,
    profile: str | None = PROFILE_OPTION,
    sheet: str | None = SHEET_OPTION,
    encoding: str | None = ENCODING_OPTION,
    mapping: list[str] | None = MAP_OPTION,
    rows: int = typer.Option(3, "--rows", "-n", help="How many products to show."),
    fmt: OutputFormat = FORMAT_OPTION,
) -> None:
    """Show format, encoding, header row, profile, how each column was mapped and why, and the first products."""
    from klisting.catalog import build_catalog, open_catalog

    opened = open_catalog(catalog, **read_options(profile, sheet, encoding, mapping))
    result = build_catalog(opened, limit=max(rows, 0) or None)
    data = {
        "file": str(catalog),
        "format": result.format,
        "encoding": result.encoding,
        "sheet": result.sheet,
        "header_row": result.header_row,
        "profile": result.profile,
        "profile_reason": opened.match.reason,
        "profile_source": opened.match.profile.source,
        "columns": [d.to_json() for d in opened.match.decisions if d.header],
        "mapping": result.mapping,
        "unmapped": result.unmapped,
        "notes": [f.to_json() for f in result.read_findings],
        "products": [p.to_json() for p in result.products[:rows]],
    }
    if fmt is OutputFormat.json:
        print_json(data)
        return
    _print_human(data)


def _print_human(data: dict) -> None:
    from rich.markup import escape
    from rich.table import Table

    stdout.print(f"[bold]{escape(data['file'])}[/bold]")
    sheet = f", sheet '{escape(data['sheet'])}'" if data["sheet"] else ""
    stdout.print(
        f"format {data['format']}{sheet}, encoding {data['encoding'] or 'n/a'}, "
        f"header row {data['header_row']}, profile [bold]{data['profile']}[/bold] "
        f"({escape(data['profile_reason'])})"
    )
    mapping = Table(
        "col",
        "header",
        "field",
        "evidence",
        "runner-up",
        title="Column mapping",
        title_justify="left",
    )
    for column in data["columns"]:
        runner = column["runner_up"]
        field_name = column["field"] or "[dim]attribute[/dim]"
        mapping.add_row(
            str(column["column"]),
            escape(column["header"]),
            field_name,
            escape(column["evidence"]),
            escape(f"{runner['field']} ({runner['evidence']})") if runner else "",
        )
    stdout.print(mapping)
    for note in data["notes"]:
        stdout.print(
            f"[yellow]{note['severity']}[/yellow] {note['code']}: {escape(note['message'])}"
        )
    for product in data["products"]:
        _print_product(product)


def _print_product(product: dict) -> None:
    from rich.markup import escape
    from rich.table import Table

    table = Table(
        "field", "value", title=f"row {product['location']['row']}", title_justify="left",
        show_header=False,
    )  # fmt: skip
    for key in _SHOWN:
        value = product.get(key)
        if value in (None, "", [], {}):
            continue
        if key == "price":
            value = f"{value['amount']} {value['currency']}"
        elif key == "options":
            value = " / ".join(f"{o['name']}: {', '.join(o['values'])}" for o in value)
        elif key == "images":
            value = "\n".join(f"{i['src']} ({i['role']})" for i in value)
        elif key == "attributes":
            value = "\n".join(f"{k}: {v}" for k, v in value.items())
        table.add_row(key, escape(str(value)))
    stdout.print(table)


def register(app: typer.Typer) -> None:
    app.command("inspect")(inspect_command)
