"""``klisting units convert|size|scan``: quantities and sizes for a market, in text or a catalog."""

from __future__ import annotations

from pathlib import Path

import typer

from klisting.cli.common import CATALOG_ARG, ENCODING_OPTION, PROFILE_OPTION, SHEET_OPTION, read
from klisting.cli.output import FORMAT_OPTION, OutputFormat, print_json, stdout
from klisting.errors import ExitCode

units_app = typer.Typer(
    help="Convert quantities in text and sizes for a market.", no_args_is_help=True
)

MARKET_OPTION = typer.Option(
    ..., "--market", "-m", help="Market code (see `klisting markets`), e.g. us, tw, es."
)


@units_app.command("convert")
def convert_command(
    text: str = typer.Argument(..., help="Text with quantities, e.g. '생수 500ml x 20병'."),
    market: str = MARKET_OPTION,
    category: str | None = typer.Option(
        None, "--category", "-c", help="Product category (decides 근: meat 600 g, produce 375 g)."
    ),
    geun: str | None = typer.Option(
        None, "--geun", help="Which 근: meat (600 g) or produce (375 g)."
    ),
    fmt: OutputFormat = FORMAT_OPTION,
) -> None:
    """Rewrite every quantity in TEXT for MARKET; count words (개입, 병) stay counts."""
    from klisting.units.convert import convert_text

    result = convert_text(text, market, category=category, geun=geun)
    if fmt is OutputFormat.json:
        print_json(result.to_json())
    else:
        _print_conversion(result)
    if any(f.severity.value == "error" for f in result.findings):
        raise typer.Exit(ExitCode.FINDINGS)


def _print_conversion(result) -> None:
    from rich.table import Table

    from klisting.cli.output import stderr

    stdout.print(result.text, highlight=False)
    if result.matches:
        table = Table("source", "kind", "converted")
        for item in result.matches:
            table.add_row(item.match.source, item.match.kind, item.converted)
        stderr.print(table)
    for finding in result.findings:
        stderr.print(
            f"[red]{finding.severity.value}[/red] {finding.code}: {finding.message}\n  hint: {finding.hint}",
            highlight=False,
        )


@units_app.command("size")
def size_command(
    size: str = typer.Argument(
        ..., help="Korean size: shoe mm (240) or apparel (55, 66, 100, FREE)."
    ),
    market: str = MARKET_OPTION,
    kind: str = typer.Option("shoe", "--kind", "-k", help="shoe or apparel."),
    gender: str | None = typer.Option(
        None, "--gender", "-g", help="men or women (US/UK shoes differ)."
    ),
    fmt: OutputFormat = FORMAT_OPTION,
) -> None:
    """Convert a Korean shoe or apparel size to MARKET's size system; ambiguous sizes are flagged."""
    from klisting.errors import UsageError
    from klisting.units.sizes import convert_apparel, normalize_gender, shoe_size_for_market

    if kind not in ("shoe", "apparel"):
        raise UsageError(f"unknown size kind '{kind}'", hint="Use --kind shoe or --kind apparel.")
    try:
        gender = normalize_gender(gender)
    except ValueError as error:
        # an unknown --gender used to be ignored, and the answer then asked for a gender
        raise UsageError(str(error), hint="Pass --gender men or --gender women.") from None
    result = (
        shoe_size_for_market(size, market, gender=gender)
        if kind == "shoe"
        else convert_apparel(size, market, gender=gender)
    )
    if fmt is OutputFormat.json:
        print_json(result.to_json())
        return
    value = result.value if result.value is not None else "[yellow]not decided[/yellow]"
    note = " (approximate)" if result.approximate and result.value else ""
    stdout.print(f"{result.source} -> {value} {result.system.upper()}{note}")
    if result.candidates and result.value is None:
        stdout.print(f"candidates: {', '.join(result.candidates)}")
    for finding in result.findings:
        stdout.print(f"{finding.code}: {finding.message}\n  hint: {finding.hint}", highlight=False)


@units_app.command("scan")
def scan_command(
    catalog: Path = CATALOG_ARG,
    market: str = MARKET_OPTION,
    geun: str | None = typer.Option(
        None, "--geun", help="Which 근 for the whole catalog: meat or produce."
    ),
    profile: str | None = PROFILE_OPTION,
    sheet: str | None = SHEET_OPTION,
    encoding: str | None = ENCODING_OPTION,
    fmt: OutputFormat = FORMAT_OPTION,
) -> None:
    """Convert the quantities in every product of CATALOG (title, options, weight, volume, dimensions)."""
    from klisting.cli.output import progress
    from klisting.markets.markets import get_market
    from klisting.units.catalog import convert_product

    get_market(market)
    products = read(catalog, profile, sheet, encoding).products
    results = []
    with progress() as bar:
        task = bar.add_task("converting quantities", total=len(products))
        for product in products:
            results.append(convert_product(product, market, geun=geun))
            bar.advance(task)
    if fmt is OutputFormat.json:
        print_json({"market": market, "products": [r.to_json() for r in results]})
    else:
        _print_scan(results)
    if any(f.severity.value == "error" for r in results for f in r.findings):
        raise typer.Exit(ExitCode.FINDINGS)


def _print_scan(results) -> None:
    from rich.table import Table

    from klisting.cli.output import stderr

    table = Table("sku", "row", "field", "source", "converted")
    for result in results:
        for item in result.fields:
            table.add_row(result.sku, str(result.row), item.field, item.source, item.converted)
    stdout.print(table)
    for result in results:
        for finding in result.findings:
            stderr.print(f"{finding.severity.value} {finding.code} (sku {finding.sku}, row {finding.row}, {finding.field}): "
                         f"{finding.message}\n  hint: {finding.hint}", highlight=False)  # fmt: skip


def register(app: typer.Typer) -> None:
    app.add_typer(units_app, name="units")
