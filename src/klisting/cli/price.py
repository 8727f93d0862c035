"""``klisting price``: a seller's price as a market price, with every step shown."""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from pathlib import Path

import typer

from klisting.cli.output import FORMAT_OPTION, OutputFormat, print_json, stderr, stdout
from klisting.errors import ExitCode, UsageError


def _number(text: str) -> Decimal:
    """A percent or fee option as a finite Decimal (a float would round 0.1 in the price steps)."""
    try:
        value = Decimal(text.strip())
    except InvalidOperation:
        value = None
    if value is None or not value.is_finite():
        raise typer.BadParameter(f"'{text}' is not a number (write digits, e.g. 12.5)")
    return value


def price_command(
    amount: str = typer.Argument(..., help="The seller's price, e.g. 12900 (commas allowed)."),
    market: str | None = typer.Option(None, "--market", "-m", help="Market code, e.g. tw."),
    target: str | None = typer.Option(
        None, "--target", "-t", help="platform:market, e.g. shopee:tw (platform decimals rule)."
    ),
    currency: str = typer.Option("KRW", "--currency", help="Currency of AMOUNT."),
    rules_file: Path | None = typer.Option(
        None, "--rules", help="YAML file with price rules (markup_pct, commission_pct, ...)."
    ),
    markup: Decimal | None = typer.Option(
        None, "--markup", parser=_number, help="Markup in percent."
    ),
    commission: Decimal | None = typer.Option(
        None, "--commission", parser=_number, help="Platform commission in percent."
    ),
    shipping: Decimal | None = typer.Option(
        None, "--shipping", parser=_number, help="Shipping cost per unit (in --fee-currency)."
    ),
    fixed_fee: Decimal | None = typer.Option(
        None, "--fixed-fee", parser=_number, help="Fixed fee per sale (in --fee-currency)."
    ),
    fee_currency: str | None = typer.Option(
        None, "--fee-currency", help="Currency of shipping and fixed fee (default KRW)."
    ),
    rounding: str | None = typer.Option(None, "--rounding", help="up, nearest or down."),
    charm: str | None = typer.Option(
        None, "--charm", help="Charm ending: .99, .90, 9, 900; 'none' for no charm."
    ),
    min_margin: Decimal | None = typer.Option(
        None, "--min-margin", parser=_number, help="Minimum margin in percent."
    ),
    rates_file: Path | None = typer.Option(
        None, "--rates", help="Rates file (default: user copy, else configs/rates.yaml)."
    ),
    fmt: OutputFormat = FORMAT_OPTION,
) -> None:
    """Print the localized price for a market and each step (exit 1 when it sells below cost)."""
    from klisting.model import Money
    from klisting.pricing import localize_price

    market_code, platform = _resolve(market, target)
    # currency codes are upper case in rules; "usd" typed on the command line means USD
    fee_currency = fee_currency.strip().upper() if fee_currency else None
    overrides = {"markup_pct": markup, "commission_pct": commission, "shipping_cost": shipping, "fixed_fee": fixed_fee,
                 "fee_currency": fee_currency, "rounding": rounding, "min_margin_pct": min_margin,
                 "charm": "" if charm == "none" else charm}  # fmt: skip
    rules = _rules(rules_file, {k: v for k, v in overrides.items() if v is not None})
    result = localize_price(
        Money(_amount(amount), currency.upper()),
        market_code,
        rules,
        platform=platform,
        rates=rates_file,
    )
    if fmt is OutputFormat.json:
        print_json({"market": market_code, "platform": platform, **result.to_json()})
    else:
        _print(result)
    if any(f.severity.value == "error" for f in result.findings):
        raise typer.Exit(ExitCode.FINDINGS)


def _resolve(market: str | None, target: str | None) -> tuple[str, str | None]:
    if target:
        from klisting.markets.targets import parse_target

        parsed = parse_target(target)
        if market and market.lower() != parsed.market:
            raise UsageError(
                f"--market {market} does not match --target {target}",
                hint="Give one of them, or matching ones.",
            )
        return parsed.market, parsed.platform.name
    if not market:
        raise UsageError(
            "klisting price needs --market or --target",
            hint="For example: klisting price 12900 --market tw",
        )
    return market, None


#: what Korean sellers write around a won amount: "12,900원", "₩12,900", "12900 KRW"
_WON_MARKS = re.compile(r"^\s*[₩￦]?\s*|\s*(?:원|KRW)?\s*$", re.IGNORECASE)


def _amount(text: str) -> Decimal:
    """The seller's price as a finite positive Decimal ("12,900원" and "₩12,900" accepted)."""
    try:
        value = Decimal(_WON_MARKS.sub("", text).replace(",", ""))
    except InvalidOperation:
        value = None
    # Decimal also reads "NaN" and "Infinity", which no price step can round
    if value is None or not value.is_finite():
        raise UsageError(
            f"'{text}' is not an amount", hint="Write digits, e.g. 12900 or 12,900."
        ) from None
    if value <= 0:
        raise UsageError(
            f"amount must be positive, got {text}", hint="Give the seller's price, e.g. 12900."
        )
    return value


def _rules(path: Path | None, overrides: dict):
    from pydantic import ValidationError

    from klisting.configfiles import load_model
    from klisting.pricing import PriceRules

    base = load_model(path, PriceRules).model_dump() if path else {}
    try:
        return PriceRules.model_validate({**base, **overrides})
    except ValidationError as exc:
        first = exc.errors()[0]
        raise UsageError(
            f"price rule '{'.'.join(map(str, first['loc']))}': {first['msg']}"
        ) from None


def _print(result) -> None:
    from rich.table import Table

    stdout.print(
        f"[bold]{result.display}[/bold]  ({result.price.amount} {result.price.currency}, margin {result.margin_pct}%)",
        highlight=False,
    )
    table = Table("step", "amount")
    for step in result.steps:
        shown = step.to_json()
        table.add_row(step.label, f"{shown['amount']} {shown['currency']}")
    stdout.print(table)
    for finding in result.findings:
        stderr.print(
            f"{finding.severity.value} {finding.code}: {finding.message}\n  hint: {finding.hint}",
            highlight=False,
        )


def register(app: typer.Typer) -> None:
    app.command("price")(price_command)
