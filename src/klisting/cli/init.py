"""``klisting init [DIR]``: guided setup that writes DIR/klisting.yaml.

Interactive by default (prompts with defaults, each answer checked before the next question);
``--no-input`` takes everything from flags for scripts and agencies. A bad value ends in a
clear message and exit 2 before anything is written.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import typer

from klisting.cli.output import stderr
from klisting.errors import ExitCode, UsageError
from klisting.translate.engines import engine_help

if TYPE_CHECKING:  # imported inside the commands so `klisting --help` stays fast
    from klisting.onboarding import setup
    from klisting.project.model import Brand, Party

T = TypeVar("T")


def _checked(parse: Callable[[str], T]) -> Callable[[str], T]:
    """Wrap a parse function so click shows its message and asks again."""

    def convert(text: str) -> T:
        try:
            return parse(text)
        except ValueError as error:
            raise typer.BadParameter(str(error)) from None

    return convert


def _from_flag(flag: str, parse: Callable[[Any], T], value: Any) -> T:
    """Parse a flag value for --no-input; a bad value is a UsageError naming the flag."""
    try:
        return parse(value)
    except ValueError as error:
        raise UsageError(f"{flag}: {error}", hint="Fix the value; nothing was written.") from None


def _ask(text: str, parse: Callable[[str], T], default: str | None) -> T:
    # Prompts go to stderr like every human message; stdout stays for data.
    return typer.prompt(
        text,
        default=default or "",
        show_default=bool(default),
        value_proc=_checked(parse),
        err=True,
    )


def init_command(
    directory: Path = typer.Argument(
        Path("."), help="Project directory; klisting.yaml is written inside it."
    ),
    no_input: bool = typer.Option(
        False, "--no-input", help="Do not prompt: take every value from the flags."
    ),
    force: bool = typer.Option(False, "--force", help="Overwrite an existing klisting.yaml."),
    name: str | None = typer.Option(None, "--name", help="Business name in Korean (상호)."),
    name_en: str | None = typer.Option(None, "--name-en", help="Business name in English."),
    brn: str | None = typer.Option(
        None, "--brn", help="사업자등록번호, XXX-XX-XXXXX (check digit verified)."
    ),
    mail_order: str | None = typer.Option(
        None, "--mail-order", help="통신판매업 신고번호, e.g. 제2024-서울강남-01234호."
    ),
    email: str | None = typer.Option(None, "--email", help="Contact e-mail."),
    phone: str | None = typer.Option(None, "--phone", help="Contact phone, e.g. 02-1234-5678."),
    return_address: str | None = typer.Option(
        None, "--return-address", help="Return address in Korea on one line (postal code last)."
    ),
    brand: list[str] | None = typer.Option(None, "--brand", help="A brand you sell (repeatable)."),
    trademark: list[str] | None = typer.Option(
        None, "--trademark", help="A brand that is a registered trademark (repeatable)."
    ),
    cert: list[str] | None = typer.Option(
        None,
        "--cert",
        help="A certification held, e.g. kc, cosmetics_notification, fda_food_facility (repeatable).",
    ),
    shipping: str | None = typer.Option(
        None, "--shipping", help="platform_fulfilment, consolidator or self_shipped."
    ),
    shipping_provider: str | None = typer.Option(
        None, "--shipping-provider", help="e.g. Coupang Rocket Growth, a consolidator's name, EMS."
    ),
    target: list[str] | None = typer.Option(
        None, "--target", "-t", help="platform:market, e.g. shopee:tw (repeatable)."
    ),
    markup: str | None = typer.Option(
        None,
        "--markup",
        help="Markup in percent on your KRW price (price_rules.default.markup_pct).",
    ),
    commission: str | None = typer.Option(
        None, "--commission", help="Platform commission in percent, grossed up into the price."
    ),
    shipping_cost: str | None = typer.Option(
        None, "--shipping-cost", help="Shipping cost per unit in KRW, added before markup."
    ),
    engine: str | None = typer.Option(
        None,
        "--engine",
        help=f"Translation engine: {engine_help(auto=False)}.",
    ),
    glossary: str | None = typer.Option(None, "--glossary", help="Seller glossary file."),
    catalog: str | None = typer.Option(None, "--catalog", help="Default catalog file."),
    eu_rp_name: str | None = typer.Option(
        None, "--eu-rp-name", help="EU responsible person (GPSR): company name."
    ),
    eu_rp_address: str | None = typer.Option(
        None, "--eu-rp-address", help="EU responsible person: address on one line."
    ),
    eu_rp_country: str | None = typer.Option(
        None, "--eu-rp-country", help="EU responsible person: ISO country code, e.g. DE."
    ),
    eu_rp_email: str | None = typer.Option(
        None, "--eu-rp-email", help="EU responsible person: e-mail."
    ),
    tw_importer_name: str | None = typer.Option(
        None, "--tw-importer-name", help="Taiwan importer: company name."
    ),
    tw_importer_address: str | None = typer.Option(
        None, "--tw-importer-address", help="Taiwan importer: address on one line."
    ),
    label_language: list[str] | None = typer.Option(
        None,
        "--label-language",
        help="Language printed on product labels, e.g. zh-Hant (repeatable).",
    ),
    account: list[str] | None = typer.Option(
        None,
        "--account",
        help="A seller account setting, platform.key=value, e.g. shopee.logistic_ids=30001,30005 "
        "or lazada.brand_ids=Harudam=30768 (repeatable; keys in README).",
    ),
    image_base_url: str | None = typer.Option(
        None, "--image-base-url", help="Where you upload the bundle's images/ (a CDN or shop URL)."
    ),
) -> None:
    """Set up a project: seller profile, shipping, targets, engine. Writes DIR/klisting.yaml."""
    from klisting.onboarding import setup
    from klisting.project import PROJECT_FILE, save_project

    path = directory / PROJECT_FILE
    overwrite = force or (not no_input and path.exists() and _confirm_overwrite(path))
    if path.exists() and not overwrite:
        raise UsageError(
            f"{path} already exists",
            hint="Pass --force to overwrite it, or choose another directory.",
        )
    flags = {
        "name": name,
        "name_en": name_en,
        "brn": brn,
        "mail_order": mail_order,
        "email": email,
        "phone": phone,
        "return_address": return_address,
        "brand": brand or [],
        "trademark": trademark or [],
        "cert": cert or [],
        "shipping": shipping,
        "shipping_provider": shipping_provider,
        "target": target or [],
        "markup": markup,
        "commission": commission,
        "shipping_cost": shipping_cost,
        "engine": engine,
        "glossary": glossary,
        "catalog": catalog,
        "eu_rp_name": eu_rp_name,
        "eu_rp_address": eu_rp_address,
        "eu_rp_country": eu_rp_country,
        "eu_rp_email": eu_rp_email,
        "tw_importer_name": tw_importer_name,
        "tw_importer_address": tw_importer_address,
        "label_language": label_language or [],
        "account": account or [],
        "image_base_url": image_base_url,
    }
    answers = _answers_from_flags(flags) if no_input else _answers_from_prompts(flags)
    config = setup.build_project(answers)
    written = save_project(config, path)
    stderr.print(f"[green]wrote[/green] {written}")
    for missing in setup.missing_files(answers):
        # said now: a mistyped path would otherwise first fail in a later command
        stderr.print(f"[yellow]warning:[/yellow] no file yet at {missing}", highlight=False)
    stderr.print(
        f"next: [bold]klisting readiness -c {written}[/bold]"
        + (" --catalog FILE" if not config.catalog else "")
    )


def _confirm_overwrite(path: Path) -> bool:
    try:
        return typer.confirm(f"{path} exists. Overwrite it?", default=False, err=True)
    except typer.Abort as abort:
        raise _stopped(abort) from None


def _answers_from_flags(flags: dict[str, Any]) -> setup.Answers:
    from klisting.onboarding import setup

    missing = [flag for flag, key in (("--name", "name"), ("--target", "target")) if not flags[key]]
    if missing:
        raise UsageError(
            f"--no-input needs {' and '.join(missing)}",
            hint="Pass the missing flags, or run without --no-input to be asked.",
        )
    return setup.Answers(
        name=_from_flag(
            "--name", lambda v: setup.parse_required(v, "business name"), flags["name"]
        ),
        name_en=(flags["name_en"] or "").strip(),
        brn=_from_flag("--brn", setup.parse_brn, flags["brn"]),
        mail_order=_from_flag("--mail-order", setup.parse_mail_order, flags["mail_order"]),
        email=_from_flag("--email", setup.parse_email, flags["email"]),
        phone=_from_flag("--phone", setup.parse_phone, flags["phone"]),
        return_address=_from_flag("--return-address", setup.parse_address, flags["return_address"]),
        brands=_brands(flags["brand"], flags["trademark"]),
        certifications=_from_flag("--cert", setup.parse_certifications, flags["cert"]),
        shipping=_from_flag(
            "--shipping", setup.parse_shipping, flags["shipping"] or "self_shipped"
        ),
        shipping_provider=(flags["shipping_provider"] or "").strip(),
        targets=_from_flag("--target", setup.parse_targets, flags["target"]),
        price_rules=setup.price_rules(
            _from_flag("--markup", lambda v: setup.parse_number(v, "markup"), flags["markup"]),
            _from_flag(
                "--commission",
                lambda v: setup.parse_number(v, "commission", 100),
                flags["commission"],
            ),
            _from_flag(
                "--shipping-cost",
                lambda v: setup.parse_number(v, "shipping cost"),
                flags["shipping_cost"],
            ),
        ),
        engine=_from_flag("--engine", setup.parse_engine, flags["engine"]),
        glossary=_from_flag("--glossary", setup.parse_path, flags["glossary"]),
        catalog=_from_flag("--catalog", setup.parse_path, flags["catalog"]),
        eu_responsible_person=_from_flag("--eu-rp-name", _eu_party, flags),
        importers=_from_flag("--tw-importer-name", _tw_importers, flags),
        label_languages=_from_flag(
            "--label-language", setup.parse_languages, flags["label_language"]
        ),
        accounts=_from_flag("--account", _accounts, flags["account"]),
        image_base_url=_from_flag("--image-base-url", setup.parse_url, flags["image_base_url"]),
    )


def _accounts(values: list[str]) -> dict[str, dict[str, Any]]:
    from klisting.onboarding.accounts import parse_flags

    return parse_flags(values)


def _eu_party(flags: dict[str, Any]) -> Party | None:
    from klisting.onboarding import setup

    country = setup.parse_country(flags["eu_rp_country"]) if flags["eu_rp_name"] else "DE"
    return setup.parse_party(
        flags["eu_rp_name"], flags["eu_rp_address"], country, flags["eu_rp_email"]
    )


def _tw_importers(flags: dict[str, Any]) -> dict[str, Party]:
    from klisting.onboarding import setup

    party = setup.parse_party(flags["tw_importer_name"], flags["tw_importer_address"], "TW")
    return {"tw": party} if party else {}


def _brands(names: list[str], trademarks: list[str]) -> list[Brand]:
    from klisting.project.model import Brand

    registered = {name.strip() for name in trademarks if name.strip()}
    ordered = list(
        dict.fromkeys([name.strip() for name in names if name.strip()] + sorted(registered))
    )
    return [Brand(name=name, trademark=name in registered) for name in ordered]


def _answers_from_prompts(flags: dict[str, Any]) -> setup.Answers:
    from klisting.onboarding.wizard import run_wizard

    stderr.print(
        "[bold]klisting setup[/bold]: press Enter to accept \\[default] or skip optional questions."
    )
    try:
        return run_wizard(flags, _ask, _confirm, lambda text: stderr.print(text, highlight=False))
    except typer.Abort as abort:
        raise _stopped(abort) from None


def _stopped(abort: typer.Abort) -> Exception:
    """The error for a prompt that was abandoned: end of input (exit 2) or Ctrl-C (exit 130).

    Typer's prompts turn both into one Abort (exit 1 "Aborted."); its ``__context__`` still
    says which it was.
    """
    stderr.print("")  # the prompt left the cursor mid-line
    if isinstance(abort.__context__, EOFError):
        return UsageError(
            "input ended before every question was answered; nothing was written",
            hint="Run `klisting init` in a terminal, or pass --no-input with --name and --target.",
        )
    stderr.print("interrupted; nothing was written", highlight=False)
    return typer.Exit(ExitCode.INTERRUPTED)


def _confirm(text: str, default: bool) -> bool:
    return typer.confirm(text, default=default, err=True)


def register(app: typer.Typer) -> None:
    app.command("init")(init_command)
