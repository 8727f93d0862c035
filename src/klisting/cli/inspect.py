"""``klisting inspect``: what klisting understands of a catalog file."""

from __future__ import annotations

from pathlib import Path

import typer

from klisting.cli.common import CATALOG_ARG, ENCODING_OPTION, PROFILE_OPTION, SHEET_OPTION, read
from klisting.cli.output import FORMAT_OPTION, OutputFormat, print_json, stdout


def inspect_command(
    catalog: Path = CATALOG_ARG,
    profile: str | None = PROFILE_OPTION,
    sheet: str | None = SHEET_OPTION,
    encoding: str | None = ENCODING_OPTION,
    rows: int = typer.Option(3, "--rows", "-n", help="How many products to show."),
    fmt: OutputFormat = FORMAT_OPTION,
) -> None:
    """Show the detected format, encoding, header row, profile, column mapping and first products."""
    result = read(catalog, profile, sheet, encoding, limit=max(rows, 0) or None)
    data = {
        "file": str(catalog),
        "format": result.format,
        "encoding": result.encoding,
        "sheet": result.sheet,
        "header_row": result.header_row,
        "profile": result.profile,
        "mapping": result.mapping,
        "unmapped": result.unmapped,
        "products": [p.to_json() for p in result.products[:rows]],
    }
    if fmt is OutputFormat.json:
        print_json(data)
        return
    _print_human(data)


def _print_human(data: dict) -> None:
    from rich.table import Table

    stdout.print(f"[bold]{data['file']}[/bold]")
    sheet = f", sheet '{data['sheet']}'" if data["sheet"] else ""
    stdout.print(
        f"format {data['format']}{sheet}, encoding {data['encoding'] or 'n/a'}, "
        f"header row {data['header_row']}, profile [bold]{data['profile']}[/bold]"
    )
    mapping = Table("column", "field", title="Column mapping", title_justify="left")
    for column, field_name in data["mapping"].items():
        mapping.add_row(column, field_name)
    for column in data["unmapped"]:
        mapping.add_row(column, "[dim](unmapped: kept in attributes)[/dim]")
    stdout.print(mapping)
    for product in data["products"]:
        products = Table(
            "field",
            "value",
            title=f"row {product['location']['row']}",
            title_justify="left",
            show_header=False,
        )
        for key in (
            "sku",
            "title",
            "price",
            "stock",
            "options",
            "images",
            "weight",
            "volume",
            "dimensions",
            "barcode",
            "category",
            "brand",
        ):
            value = product.get(key)
            if value in (None, "", [], {}):
                continue
            if key == "price":
                value = f"{value['amount']} {value['currency']}"
            elif key == "options":
                value = " / ".join(f"{o['name']}: {', '.join(o['values'])}" for o in value)
            elif key == "images":
                value = "\n".join(i["src"] for i in value)
            products.add_row(key, str(value))
        stdout.print(products)


def register(app: typer.Typer) -> None:
    app.command("inspect")(inspect_command)
