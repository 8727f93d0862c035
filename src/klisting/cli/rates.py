"""``klisting rates update`` / ``klisting rates show``: exchange rates for pricing."""

from __future__ import annotations

from pathlib import Path

import typer

from klisting.cli.output import FORMAT_OPTION, OutputFormat, print_json, stderr, stdout

rates_app = typer.Typer(help="Exchange rates used by `klisting price`.", no_args_is_help=True)


@rates_app.command("update")
def update_command(
    url: str | None = typer.Option(
        None,
        "--url",
        help="open.er-api.com style JSON endpoint (default: open.er-api.com, base USD).",
    ),
    output: Path | None = typer.Option(
        None,
        "--output",
        "-o",
        help="File to rewrite (default: $KLISTING_HOME/rates.yaml, used by price).",
    ),
    fmt: OutputFormat = FORMAT_OPTION,
) -> None:
    """Fetch current exchange rates and rewrite the rates file atomically."""
    from klisting.paths import data_home
    from klisting.pricing.fetch import DEFAULT_URL, fetch_rates, write_rates

    target = output or data_home() / "rates.yaml"
    rates = fetch_rates(url or DEFAULT_URL)
    unpriced = _missing_currencies(rates)
    write_rates(rates, target)
    summary = {
        "file": str(target),
        "date": rates.date.isoformat(),
        "base": rates.base,
        "source": rates.source,
        "currencies": len(rates.rates),
    }
    summary["markets_without_rate"] = unpriced
    if unpriced:
        stderr.print(
            f"warning: no rate for the currency of market(s) {', '.join(unpriced)}; "
            "`klisting price` fails there until the rate is added to the file",
            highlight=False,
        )
    if fmt is OutputFormat.json:
        print_json(summary)
        return
    stderr.print(
        f"wrote {summary['currencies']} rates (base {rates.base}, {rates.date}) to {target}",
        highlight=False,
    )


def _missing_currencies(rates) -> list[str]:
    """Markets whose currency ``rates`` lacks; refuses rates without KRW, the seller's currency.

    Raises:
        RemoteError: when KRW is missing: every price would fail, so the old file is kept.
    """
    from klisting.errors import RemoteError
    from klisting.markets.markets import load_markets

    known = {rates.base, *rates.rates}
    if "KRW" not in known:
        raise RemoteError(
            f"rates source sent no KRW rate (base {rates.base}, {len(rates.rates)} currencies)",
            hint="Seller prices are in KRW; use a source that quotes KRW. Nothing was written.",
        )
    markets = load_markets()
    return sorted(code for code, market in markets.items() if market.currency not in known)


@rates_app.command("show")
def show_command(
    rates_file: Path | None = typer.Option(
        None, "--rates", help="Rates file (default: the user copy, else configs/rates.yaml)."
    ),
    fmt: OutputFormat = FORMAT_OPTION,
) -> None:
    """Show the rates file in use: its date, source and rates."""
    from klisting.pricing.rates import load_rates

    rates = load_rates(rates_file)
    data = {"file": rates.path, "date": rates.date.isoformat(), "source": rates.source, "base": rates.base,
            "rates": {code: str(value) for code, value in sorted(rates.rates.items())}}  # fmt: skip
    if fmt is OutputFormat.json:
        print_json(data)
        return
    stdout.print(
        f"{data['file']}: base {rates.base}, {rates.date}, {rates.source}", highlight=False
    )
    for code, value in data["rates"].items():
        stdout.print(f"  {code} {value}", highlight=False)


def register(app: typer.Typer) -> None:
    app.add_typer(rates_app, name="rates")
