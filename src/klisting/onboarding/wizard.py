"""The ``klisting init`` question flow, independent of the terminal.

``run_wizard`` asks through three callables (``ask``, ``confirm``, ``say``) so the CLI can back
them with typer prompts and tests or other front ends with anything else. Questions about an
EU responsible person or a Taiwan importer are asked only when a chosen target needs them.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Protocol, TypeVar

from klisting.onboarding import setup
from klisting.onboarding.rules import certifications, markets
from klisting.project.model import Brand, ShippingMode

T = TypeVar("T")


class Ask(Protocol):
    def __call__(self, text: str, parse: Callable[[str], T], default: str | None) -> T: ...


Confirm = Callable[[str, bool], bool]
Say = Callable[[str], None]


def run_wizard(flags: dict[str, Any], ask: Ask, confirm: Confirm, say: Say) -> setup.Answers:
    """Ask every ``init`` question; flag values are the defaults.

    Args:
        flags: the ``init`` flags by name (None or [] when not given).
        ask: prompts with a default and re-asks until ``parse`` accepts the answer.
        confirm: a yes/no question with a default.
        say: shows a line of guidance.

    Returns:
        The validated answers.
    """
    answers = setup.Answers()
    _seller(answers, flags, ask, confirm, say)
    _shipping_and_targets(answers, flags, ask, say)
    _market_questions(answers, flags, ask, say)
    _account_questions(answers, flags, ask, say)
    _prices_and_text(answers, flags, ask)
    return answers


def _seller(
    answers: setup.Answers, flags: dict[str, Any], ask: Ask, confirm: Confirm, say: Say
) -> None:
    answers.name = ask(
        "상호 (business name in Korean)",
        lambda v: setup.parse_required(v, "business name"),
        flags["name"],
    )
    answers.name_en = ask("Business name in English", str.strip, flags["name_en"])
    answers.brn = ask("사업자등록번호 (XXX-XX-XXXXX, optional)", setup.parse_brn, flags["brn"])
    answers.mail_order = ask(
        "통신판매업 신고번호 (optional)", setup.parse_mail_order, flags["mail_order"]
    )
    answers.email = ask("Contact e-mail", setup.parse_email, flags["email"])
    answers.phone = ask("Contact phone", setup.parse_phone, flags["phone"])
    answers.return_address = ask(
        "Return address in Korea (one line, postal code last; optional)",
        setup.parse_address,
        flags["return_address"],
    )
    names = ask(
        "Brands you sell (comma-separated, optional)",
        setup.parse_list,
        ", ".join(flags["brand"] + flags["trademark"]),
    )
    answers.brands = [
        Brand(
            name=name,
            trademark=confirm(f"  Is '{name}' a registered trademark?", name in flags["trademark"]),
        )
        for name in names
    ]
    say("Certification codes: " + ", ".join(certifications()))
    answers.certifications = ask(
        "Certifications held (comma-separated codes, optional)",
        lambda v: setup.parse_certifications(setup.parse_list(v)),
        ", ".join(flags["cert"]),
    )


def _shipping_and_targets(
    answers: setup.Answers, flags: dict[str, Any], ask: Ask, say: Say
) -> None:
    from klisting.markets.platforms import load_platforms

    say(
        "Shipping: "
        + ", ".join(f"{index} {mode.value}" for index, mode in enumerate(ShippingMode, 1))
    )
    answers.shipping = ask(
        "Shipping mode", setup.parse_shipping, flags["shipping"] or "self_shipped"
    )
    answers.shipping_provider = ask(
        "Shipping provider (e.g. Coupang Rocket Growth, EMS; optional)",
        str.strip,
        flags["shipping_provider"],
    )
    say(
        "Platforms: "
        + ", ".join(f"{spec.name} ({'/'.join(spec.markets)})" for spec in load_platforms().values())
    )
    answers.targets = ask(
        "Targets (platform:market, comma-separated)", _targets_answer, ", ".join(flags["target"])
    )


def _market_questions(answers: setup.Answers, flags: dict[str, Any], ask: Ask, say: Say) -> None:
    """EU responsible person and Taiwan importer/labels, only when a target needs them."""
    chosen = {target.split(":")[1] for target in answers.targets}
    if chosen & set(markets().eu_markets):
        say(
            "EU targets need an EU responsible person (GPSR): an EU company named on every listing."
        )
        name = ask(
            "  EU responsible person: company name (optional)", str.strip, flags["eu_rp_name"]
        )
        if name:
            address = ask(
                "  Its address (one line)",
                lambda v: setup.parse_required(v, "address"),
                flags["eu_rp_address"],
            )
            country = ask(
                "  Its country (ISO code, e.g. DE)", setup.parse_country, flags["eu_rp_country"]
            )
            email = ask("  Its e-mail", setup.parse_email, flags["eu_rp_email"])
            answers.eu_responsible_person = setup.parse_party(name, address, country, email)
    if "tw" in chosen:
        say("Taiwan: food and cosmetics need a Traditional Chinese label and a Taiwan importer.")
        name = ask(
            "  Taiwan importer: company name (optional)", str.strip, flags["tw_importer_name"]
        )
        if name:
            address = ask(
                "  Its address (one line)",
                lambda v: setup.parse_required(v, "address"),
                flags["tw_importer_address"],
            )
            party = setup.parse_party(name, address, "TW")
            answers.importers = {"tw": party} if party else {}
    answers.label_languages = ask(
        "Languages printed on your product labels (e.g. ko, en, zh-Hant; optional)",
        lambda v: setup.parse_languages(setup.parse_list(v)),
        ", ".join(flags["label_language"]),
    )


def _account_questions(answers: setup.Answers, flags: dict[str, Any], ask: Ask, say: Say) -> None:
    """The seller-centre values each chosen platform's listings need (blank skips one)."""
    from klisting.onboarding import accounts

    given = accounts.parse_flags(flags.get("account") or [])
    platforms = list(dict.fromkeys(target.split(":")[0] for target in answers.targets))
    brands = [brand.name for brand in answers.brands]
    for platform in platforms:
        asked = accounts.questions(platform, brands)
        if not asked:
            continue
        say(
            f"{platform}: account settings from your seller centre (blank skips; `klisting readiness` lists what is left)"
        )
        settings = dict(given.get(platform, {}))
        for key, prompt in asked:
            name, _, brand = key.partition(".")
            current = settings.get(name)
            default = current.get(brand) if brand and isinstance(current, dict) else current
            value = ask(prompt, _account_parser(platform, name, brand), _text(default))
            if value is None:
                continue
            settings[name] = {**(current or {}), **value} if brand else value
        answers.accounts[platform] = settings
    answers.accounts.update({k: v for k, v in given.items() if k not in answers.accounts})
    answers.image_base_url = ask(
        "Where you upload the bundle's images/ (image_base_url, optional)",
        setup.parse_url,
        flags.get("image_base_url"),
    )


def _account_parser(platform: str, name: str, brand: str) -> Callable[[str], Any]:
    """Parse one answer (blank = skip) so a bad value is asked again, not raised."""
    from klisting.onboarding import accounts

    def parse(text: str) -> Any:
        if not text.strip():
            return None
        return accounts.parse_value(platform, name, f"{brand}={text}" if brand else text)

    return parse


def _text(value: Any) -> str | None:
    if value is None or value == "":
        return None
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    return str(value)


def _prices_and_text(answers: setup.Answers, flags: dict[str, Any], ask: Ask) -> None:
    answers.price_rules = setup.price_rules(
        ask(
            "Markup % on your KRW price (optional)",
            lambda v: setup.parse_number(v, "markup"),
            flags["markup"],
        ),
        ask(
            "Platform commission % (optional)",
            lambda v: setup.parse_number(v, "commission", 100),
            flags["commission"],
        ),
        ask(
            "Shipping cost per unit in KRW (optional)",
            lambda v: setup.parse_number(v, "shipping cost"),
            flags["shipping_cost"],
        ),
    )
    answers.engine = ask(
        f"Translation engine ({'/'.join(setup.ENGINES)})",
        setup.parse_engine,
        flags["engine"] or "glossary",
    )
    answers.glossary = ask("Glossary file (optional)", setup.parse_path, flags["glossary"])
    answers.catalog = ask("Catalog file (optional)", setup.parse_path, flags["catalog"])


def _targets_answer(text: str) -> list[str]:
    targets = setup.parse_targets(setup.parse_list(text))
    if not targets:
        raise ValueError("name at least one target, e.g. shopee:tw")
    return targets
