"""``klisting markets``: the markets (and platforms) klisting can target."""

from __future__ import annotations

import typer

from klisting.cli.output import FORMAT_OPTION, OutputFormat, print_json, stdout


def markets_command(fmt: OutputFormat = FORMAT_OPTION) -> None:
    """List markets: languages, currency, units, size systems, number locale, tax display; then platforms."""
    from klisting.markets.markets import load_markets
    from klisting.markets.platforms import load_platforms

    markets = [m.model_dump(mode="json") for m in load_markets().values()]
    platforms = [
        {"name": p.name, "display_name": p.display_name, "markets": p.markets}
        for p in load_platforms().values()
    ]
    if fmt is OutputFormat.json:
        print_json({"markets": markets, "platforms": platforms})
        return
    _print_tables(markets, platforms)


def _print_tables(markets: list[dict], platforms: list[dict]) -> None:
    from rich.table import Table

    table = Table(
        "market",
        "name",
        "languages",
        "currency",
        "units",
        "shoes",
        "apparel",
        "locale",
        "tax incl.",
        title="Markets",
        title_justify="left",
    )
    for m in markets:
        currency = f"{m['currency']} ({m['currency_decimals']} dp)"
        tax = f"yes, {m['vat_pct']}%" if m["tax_inclusive"] else "no"
        sizes = m["size_systems"]
        table.add_row(m["code"], m["name"], ", ".join(m["languages"]), currency, m["unit_system"],
                      sizes.get("shoes", ""), sizes.get("apparel", ""), m["locale"], tax)  # fmt: skip
    stdout.print(table)
    if platforms:
        listing = Table("platform", "name", "markets", title="Platforms", title_justify="left")
        for p in platforms:
            listing.add_row(p["name"], p["display_name"], ", ".join(p["markets"]))
        stdout.print(listing)


def register(app: typer.Typer) -> None:
    app.command("markets")(markets_command)
