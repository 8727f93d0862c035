"""Turn ``klisting init`` answers (prompts or flags) into a validated ``ProjectConfig``.

Each ``parse_*`` function takes the text a seller typed and returns the value or raises
``ValueError`` with a message saying what is expected; the wizard shows it and asks again,
``--no-input`` turns it into exit 2 before anything is written.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path

from pydantic import ValidationError

from klisting.errors import KlistingError, UsageError
from klisting.onboarding.rules import certifications
from klisting.project.identifiers import (
    normalize_brn,
    normalize_email,
    normalize_mail_order_number,
    normalize_phone,
)
from klisting.project.model import (
    Address,
    Brand,
    Party,
    ProjectConfig,
    SellerProfile,
    Shipping,
    ShippingMode,
)
from klisting.translate.engines import engine_ids

ENGINES = engine_ids()  # declared once in klisting.translate.engines


@dataclass
class Answers:
    """Everything ``klisting init`` asks, as typed (already validated by the parse functions)."""

    name: str = ""
    name_en: str = ""
    brn: str | None = None
    mail_order: str | None = None
    email: str | None = None
    phone: str | None = None
    return_address: Address | None = None
    brands: list[Brand] = field(default_factory=list)
    certifications: list[str] = field(default_factory=list)
    shipping: ShippingMode = ShippingMode.self_shipped
    shipping_provider: str = ""
    targets: list[str] = field(default_factory=list)
    price_rules: dict[str, dict[str, object]] = field(default_factory=dict)
    engine: str = "glossary"
    glossary: Path | None = None
    catalog: Path | None = None
    eu_responsible_person: Party | None = None
    importers: dict[str, Party] = field(default_factory=dict)
    label_languages: list[str] = field(default_factory=list)
    #: per-platform account settings (accounts.<platform>.<key>) and the image base URL
    accounts: dict[str, dict[str, object]] = field(default_factory=dict)
    image_base_url: str = ""


def _optional(text: str | None) -> str | None:
    return text.strip() if text and text.strip() else None


def parse_required(text: str | None, what: str) -> str:
    """Non-empty text, else ValueError naming ``what``."""
    if not text or not text.strip():
        raise ValueError(f"{what} is required")
    return text.strip()


def parse_brn(text: str | None) -> str | None:
    """Blank (skip) or a valid 사업자등록번호."""
    return normalize_brn(text) if _optional(text) else None


def parse_mail_order(text: str | None) -> str | None:
    """Blank (skip) or a 통신판매업 신고번호."""
    return normalize_mail_order_number(text) if _optional(text) else None


def parse_email(text: str | None) -> str | None:
    """Blank (skip) or an e-mail address."""
    return normalize_email(text) if _optional(text) else None


def parse_phone(text: str | None) -> str | None:
    """Blank (skip) or a phone number (stored as E.164)."""
    return normalize_phone(text) if _optional(text) else None


def parse_address(text: str | None) -> Address | None:
    """A one-line Korean address; a trailing 5-digit group is taken as the postal code."""
    value = _optional(text)
    if value is None:
        return None
    match = re.search(r"[,\s(]*\(?(\d{5})\)?\s*$", value)
    if match:
        return Address(
            line1=value[: match.start()].strip(" ,") or value, postal_code=match.group(1)
        )
    return Address(line1=value)


def parse_country(text: str | None) -> str:
    """A two-letter ISO country code such as DE."""
    value = (text or "").strip().upper()
    if len(value) != 2 or not value.isalpha():
        raise ValueError(f"country '{text or ''}' must be a two-letter ISO code such as DE or TW")
    return value


def parse_party(
    name: str | None, address: str | None, country: str, email: str | None = None
) -> Party | None:
    """A company named on listings (EU responsible person, importer), or None without a name.

    Raises:
        ValueError: a name without an address, or a bad e-mail.
    """
    if not _optional(name):
        return None
    if not _optional(address):
        raise ValueError(f"'{name}' needs an address")
    postal = parse_address(address)
    assert postal is not None
    return Party(
        name=str(name).strip(),
        address=postal.model_copy(update={"country": country}),
        email=parse_email(email),
    )


def parse_languages(values: list[str]) -> list[str]:
    """Language tags such as ko, en, zh-Hant (letters and hyphens)."""
    tags = [value.strip() for value in values if value.strip()]
    bad = [tag for tag in tags if not re.fullmatch(r"[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*", tag)]
    if bad:
        raise ValueError(f"language tag(s) {', '.join(bad)} should look like ko, en or zh-Hant")
    return list(dict.fromkeys(tags))


def parse_list(text: str | None) -> list[str]:
    """Comma- or semicolon-separated items, trimmed, without blanks or repeats."""
    items = re.split(r"[,;]", text or "")
    return list(dict.fromkeys(item.strip() for item in items if item.strip()))


def parse_certifications(values: list[str]) -> list[str]:
    """Certification codes, checked against configs/readiness/_certifications.yaml."""
    known = certifications()
    codes = [
        value.strip().lower().replace("-", "_").replace(" ", "_")
        for value in values
        if value.strip()
    ]
    unknown = [code for code in codes if code not in known]
    if unknown:
        raise ValueError(
            f"unknown certification(s) {', '.join(unknown)}; known: {', '.join(known)}"
        )
    return list(dict.fromkeys(codes))


def parse_targets(values: list[str]) -> list[str]:
    """``platform:market`` ids, each checked against configs/platforms.

    A value may hold several ids separated by commas, semicolons or spaces
    (``--target "shopee:tw,amazon:us"``, or ``shopee:tw amazon:us`` typed at the prompt):
    an id never contains a space, and a seller reading "comma-separated" should not be
    told that market ``'tw amazon:us'`` does not exist.
    """
    from klisting.markets.targets import parse_target

    ids: list[str] = []
    for value in (part for text in values for part in re.split(r"[,;\s]+", text) if part):
        try:
            target_id = parse_target(value).id
        except KlistingError as error:
            raise ValueError(f"{error.message}. {error.hint}") from None
        if target_id not in ids:
            ids.append(target_id)
    return ids


def parse_shipping(text: str | None) -> ShippingMode:
    """A shipping mode by name or number (1 platform fulfilment, 2 consolidator, 3 self-shipped)."""
    value = (text or "").strip().lower().replace("-", "_").replace(" ", "_")
    modes = list(ShippingMode)
    if value.isdigit() and 1 <= int(value) <= len(modes):
        return modes[int(value) - 1]
    aliases = {
        "platform": "platform_fulfilment",
        "fulfilment": "platform_fulfilment",
        "fulfillment": "platform_fulfilment",
        "platform_fulfillment": "platform_fulfilment",
        "self": "self_shipped",
        "forwarder": "consolidator",
    }
    value = aliases.get(value, value)
    try:
        return ShippingMode(value)
    except ValueError:
        raise ValueError(
            f"shipping mode '{text}' must be one of {', '.join(mode.value for mode in modes)}"
        ) from None


def parse_engine(text: str | None) -> str:
    """A translation engine id."""
    value = (text or "glossary").strip().lower()
    if value not in ENGINES:
        raise ValueError(f"engine '{text}' must be one of {', '.join(ENGINES)}")
    return value


def parse_path(text: str | None) -> Path | None:
    """Blank (skip) or a path, made absolute against the current directory.

    The file need not exist yet (an agency may set up a client before the catalog arrives);
    ``missing_files`` lists what ``init`` should warn about.
    """
    value = _optional(text)
    return Path(value).expanduser().resolve() if value else None


def missing_files(answers: Answers) -> list[str]:
    """Each named catalog or glossary file that does not exist (yet), as "catalog /path"."""
    named = (("catalog", answers.catalog), ("glossary", answers.glossary))
    return [f"{what} {path}" for what, path in named if path is not None and not path.is_file()]


def parse_number(text: str | None, what: str, upper: float | None = None) -> Decimal | None:
    """Blank (skip) or a non-negative number such as ``30`` or ``2.5`` (``%`` and commas allowed)."""
    value = (text or "").strip().rstrip("%").replace(",", "").strip()
    if not value:
        return None
    try:
        number = Decimal(value)
    except InvalidOperation:
        number = None
    # Decimal reads "nan" and "inf" too; neither is a number a seller means
    if number is None or not number.is_finite():
        raise ValueError(f"{what} '{text}' is not a number") from None
    if number < 0 or (upper is not None and number >= upper):
        limit = f" and below {upper:g}" if upper is not None else ""
        raise ValueError(f"{what} '{text}' must be 0 or more{limit}")
    return number


def parse_url(text: str | None) -> str:
    """Blank (skip) or an http(s) URL, without a trailing slash."""
    value = (text or "").strip().rstrip("/")
    if value and not re.match(r"^https?://[^\s/]+", value):
        raise ValueError(f"'{value}' is not an http(s) URL, e.g. https://cdn.example.com/shop")
    return value


def price_rules(
    markup: Decimal | None, commission: Decimal | None, shipping: Decimal | None
) -> dict[str, dict[str, object]]:
    """``{"default": {...}}`` for klisting.pricing.PriceRules, or {} when nothing was given."""
    rules: dict[str, object] = {}
    for key, number in (
        ("markup_pct", markup),
        ("commission_pct", commission),
        ("shipping_cost", shipping),
    ):
        if number:
            # Whole numbers stay ints so the YAML reads naturally; fractions stay exact text.
            rules[key] = int(number) if number == number.to_integral_value() else str(number)
    return {"default": rules} if rules else {}


def build_project(answers: Answers) -> ProjectConfig:
    """A validated ProjectConfig from the answers.

    Raises:
        UsageError: a value does not validate (the message names the key).
    """
    seller = {
        "business_name_ko": answers.name,
        "business_name_en": answers.name_en,
        "brn": answers.brn,
        "mail_order_number": answers.mail_order,
        "email": answers.email,
        "phone": answers.phone,
        "return_address": answers.return_address,
        "brands": answers.brands,
        "certifications": answers.certifications,
        "eu_responsible_person": answers.eu_responsible_person,
        "importers": answers.importers,
        "label_languages": answers.label_languages,
    }
    try:
        return ProjectConfig(
            seller=SellerProfile.model_validate(seller),
            shipping=Shipping(mode=answers.shipping, provider=answers.shipping_provider),
            targets=answers.targets,
            price_rules=answers.price_rules,
            engine=answers.engine,
            glossary=answers.glossary,
            catalog=answers.catalog,
            accounts=answers.accounts,
            image_base_url=answers.image_base_url,
        )
    except ValidationError as exc:
        first = exc.errors()[0]
        key = ".".join(str(part) for part in first["loc"])
        raise UsageError(f"{key}: {str(first['msg']).removeprefix('Value error, ')}") from None
