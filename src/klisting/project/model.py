"""The project file (``klisting.yaml``) as pydantic models.

One project file per seller (or per agency client): who sells, how it ships, where it sells,
how prices and text are made. It never holds secrets: API keys stay in environment variables.
Paths in the file are relative to the file; ``load_project`` resolves them to absolute paths
and ``save_project`` writes them back relative.
"""

from __future__ import annotations

import re
from enum import StrEnum
from pathlib import Path
from typing import Any

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    ValidationError,
    ValidationInfo,
    field_validator,
    model_validator,
)

from klisting.export.accounts import validate_accounts
from klisting.project.identifiers import (
    normalize_brn,
    normalize_email,
    normalize_mail_order_number,
    normalize_phone,
)
from klisting.translate.engines import DEFAULT_ENGINE

#: Keys whose names suggest a secret; the project file refuses them (keys belong in env vars).
_SECRET_WORDS = ("api_key", "apikey", "secret", "password", "token")


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class Address(_Strict):
    """A postal address; ``country`` is an ISO 3166 alpha-2 code."""

    line1: str
    line2: str = ""
    city: str = ""
    region: str = ""
    postal_code: str = ""
    country: str = "KR"

    @field_validator("country")
    @classmethod
    def _country(cls, value: str) -> str:
        if len(value) != 2 or not value.isalpha():
            raise ValueError(f"country '{value}' must be a two-letter ISO code such as KR or DE")
        return value.upper()

    def one_line(self) -> str:
        """The address on one line, for listing files and reports."""
        parts = [self.line1, self.line2, self.city, self.region, self.postal_code, self.country]
        return ", ".join(part for part in parts if part)


class Party(_Strict):
    """A company or person named on listings: EU responsible person, importer, manufacturer."""

    name: str
    address: Address | None = None
    email: str | None = None
    phone: str | None = None

    _email = field_validator("email", mode="before")(lambda cls, v: _opt(normalize_email, v))
    _phone = field_validator("phone", mode="before")(lambda cls, v: _opt(normalize_phone, v))


class Brand(_Strict):
    """A brand the seller sells under, and whether it is a registered trademark."""

    name: str
    trademark: bool = False
    #: markets (ISO codes or ``eu``) where the trademark is registered, e.g. [kr, us]
    trademark_markets: list[str] = Field(default_factory=list)


class SellerProfile(_Strict):
    """Who sells: feeds exports (manufacturer, importer, return address, brand)."""

    business_name_ko: str = ""
    business_name_en: str = ""
    #: 사업자등록번호, stored as XXX-XX-XXXXX after check-digit validation
    brn: str | None = None
    #: 통신판매업 신고번호, e.g. 제2024-서울강남-01234호
    mail_order_number: str | None = None
    email: str | None = None
    phone: str | None = None
    return_address: Address | None = None
    brands: list[Brand] = Field(default_factory=list)
    #: certifications held, by code (configs/readiness/_certifications.yaml): kc, kc_emc,
    #: cosmetics_notification, fda_food_facility, cpnp, ncc ...
    certifications: list[str] = Field(default_factory=list)
    manufacturer: Party | None = None
    #: EU responsible person (GPSR, Regulation (EU) 2023/988)
    eu_responsible_person: Party | None = None
    #: importer of record per market code (us, tw, eu ...)
    importers: dict[str, Party] = Field(default_factory=dict)
    #: languages the physical product labels exist in (e.g. zh-Hant for Taiwan food/cosmetics)
    label_languages: list[str] = Field(default_factory=list)

    _brn = field_validator("brn", mode="before")(lambda cls, v: _opt(normalize_brn, v))
    _mo = field_validator("mail_order_number", mode="before")(
        lambda cls, v: _opt(normalize_mail_order_number, v)
    )
    _email = field_validator("email", mode="before")(lambda cls, v: _opt(normalize_email, v))
    _phone = field_validator("phone", mode="before")(lambda cls, v: _opt(normalize_phone, v))

    @field_validator("certifications", "label_languages")
    @classmethod
    def _codes(cls, values: list[str]) -> list[str]:
        return list(dict.fromkeys(value.strip() for value in values if value.strip()))


class ShippingMode(StrEnum):
    """How orders reach buyers abroad."""

    platform_fulfilment = "platform_fulfilment"  # e.g. Coupang Rocket Growth, FBA, Shopee SLS
    consolidator = "consolidator"  # a cross-border consolidator / forwarder
    self_shipped = "self_shipped"  # the seller posts each order (EMS, K-Packet, courier)


class Shipping(_Strict):
    """Shipping mode plus the provider's name (free text) and where parcels leave from."""

    mode: ShippingMode = ShippingMode.self_shipped
    provider: str = ""


class Safety(_Strict):
    """What a catalog may make klisting read beyond its own folder and the public internet.

    Attributes:
        allow_hosts: host names, addresses or networks (CIDR) image URLs may point to even
            though they are local or private (a NAS, an office image server).
        image_roots: folders local image paths may lie in besides the catalog's own folder.
    """

    allow_hosts: list[str] = Field(default_factory=list)
    image_roots: list[Path] = Field(default_factory=list)

    @field_validator("image_roots")
    @classmethod
    def _roots_relative_to_file(cls, values: list[Path], info: ValidationInfo) -> list[Path]:
        base = (info.context or {}).get("base_dir")
        return [(Path(base) / v).resolve() if base and not v.is_absolute() else v for v in values]

    def apply(self) -> None:
        """Make these allowances for the rest of the process (fetcher and catalog reader)."""
        from klisting.infra.confine import allow_roots
        from klisting.infra.netpolicy import allow_hosts

        allow_hosts(self.allow_hosts)
        allow_roots(self.image_roots)


# ---------------------------------------------------------------- catalog source (issue 16)


class CatalogSource(_Strict):
    """How the seller's catalog file is read (``source:`` in klisting.yaml).

    ``profile`` fixes the source profile (configs/sources) instead of detecting it;
    ``column_map`` forces header -> field choices (``상세 HTML: description``); ``attribute``
    keeps a column as an attribute; ``image_base`` is the URL relative image paths (Cafe24's
    ``20250730/x.jpg``) are relative to. ``--profile`` / ``--map`` on the command line win.
    """

    profile: str | None = None
    sheet: str | None = None
    column_map: dict[str, str] = Field(default_factory=dict)
    #: where relative image paths live, e.g. https://myshop.cafe24.com/web/product/big/
    image_base: str | None = None

    @field_validator("image_base")
    @classmethod
    def _http_base(cls, value: str | None) -> str | None:
        if value and not value.lower().startswith(("http://", "https://")):
            raise ValueError(f"image_base '{value}' must be an http(s) URL")
        return value

    @field_validator("profile")
    @classmethod
    def _known_profile(cls, value: str | None) -> str | None:
        from klisting.catalog.profiles import load_profiles

        if value and value not in load_profiles():
            raise ValueError(
                f"unknown source profile '{value}'; use one of {', '.join(sorted(load_profiles()))}"
            )
        return value

    @field_validator("column_map")
    @classmethod
    def _known_fields(cls, value: dict[str, str]) -> dict[str, str]:
        from klisting.catalog.profiles import MAPPABLE_FIELDS

        for header, field_name in value.items():
            if field_name not in MAPPABLE_FIELDS:
                raise ValueError(
                    f"'{header}: {field_name}': '{field_name}' is not a field; use one of "
                    + ", ".join(sorted(MAPPABLE_FIELDS))
                )
        return value


class ProjectConfig(_Strict):
    """The whole ``klisting.yaml``.

    Attributes:
        version: file format version (1).
        seller: the seller profile.
        shipping: shipping mode and provider.
        targets: ``platform:market`` ids, checked against configs/platforms.
        price_rules: per target id (or ``default``), a mapping validated by
            ``klisting.pricing.PriceRules`` when that module is installed.
        engine: translation engine id (glossary, argos, libretranslate, deepl, openai).
        glossary: seller glossary file (absolute after loading), or None.
        do_not_translate: terms kept as written (brand names are added automatically).
        catalog: default catalog file, or None.
        source: how the catalog is read (profile, sheet, column map).
        output_dir: where export bundles go.
        work_dir: cache and intermediate results.
        store: where image tasks keep their results when workers do not share the work dir
            (a shared path, or an fsspec URL such as ``s3://bucket/prefix``), or None.
        safety: hosts and folders a catalog may point to beyond the defaults.
        path: the file this config was loaded from (not written to the file).
    """

    version: int = 1
    seller: SellerProfile = Field(default_factory=SellerProfile)
    shipping: Shipping = Field(default_factory=Shipping)
    targets: list[str] = Field(default_factory=list)
    price_rules: dict[str, dict[str, Any]] = Field(default_factory=dict)
    engine: str = DEFAULT_ENGINE
    glossary: Path | None = None
    do_not_translate: list[str] = Field(default_factory=list)
    catalog: Path | None = None
    #: how the catalog is read: profile and column map (issue 16)
    source: CatalogSource | None = None
    # validate_default: defaults are relative to the project file too
    output_dir: Path = Field(default=Path("bundle"), validate_default=True)
    work_dir: Path = Field(default=Path(".klisting"), validate_default=True)
    store: str | None = None
    safety: Safety = Field(default_factory=Safety)
    #: per-platform seller account settings (see "Per-platform seller account settings" below)
    accounts: dict[str, dict[str, Any]] = Field(default_factory=dict)
    #: catalog category -> {platform or platform:market -> category id / product type}
    categories: dict[str, dict[str, str]] = Field(default_factory=dict)
    #: where the seller uploads a bundle's images/; listing files carry <base>/<file name>
    image_base_url: str = ""
    path: Path | None = Field(default=None, exclude=True)

    @model_validator(mode="before")
    @classmethod
    def _no_secrets(cls, data: Any) -> Any:
        if isinstance(data, dict):
            _refuse_secrets(data, "")
        return data

    @field_validator("targets", mode="before")
    @classmethod
    def _targets_text(cls, value: Any) -> Any:
        # "targets: shopee:tw" or "targets: shopee:tw, amazon:us" is what people write by
        # hand; a target id never holds a comma or a space, so splitting is safe
        if isinstance(value, str):
            return [part for part in re.split(r"[,;\s]+", value) if part]
        return value

    @field_validator("targets")
    @classmethod
    def _targets(cls, values: list[str]) -> list[str]:
        return _target_ids(values)

    @field_validator("price_rules")
    @classmethod
    def _price_rules(cls, rules: dict[str, dict[str, Any]]) -> dict[str, dict[str, Any]]:
        """Keys are ``default`` or a target id; values must validate as PriceRules."""
        price_rules_model = _price_rules_model()
        checked: dict[str, dict[str, Any]] = {}
        for key, value in rules.items():
            name = "default" if key == "default" else _target_ids([key])[0]
            if price_rules_model is not None:
                try:
                    price_rules_model.model_validate(value)
                except ValidationError as error:
                    first = error.errors()[0]
                    where = ".".join(str(part) for part in first["loc"])
                    raise ValueError(f"price rules for '{key}': {where}: {first['msg']}") from None
            checked[name] = value
        return checked

    @field_validator("accounts")
    @classmethod
    def _accounts(cls, accounts: dict[str, dict[str, Any]]) -> dict[str, dict[str, Any]]:
        return validate_accounts(accounts)

    @field_validator("categories", mode="before")
    @classmethod
    def _category_ids_text(cls, value: Any) -> Any:
        # YAML reads an all-digit id (shopee: 100630) as a number; ids are kept as text
        if isinstance(value, dict):
            return {
                str(k): {str(p): str(i) for p, i in (v or {}).items()} for k, v in value.items()
            }
        return value

    @field_validator("glossary", "catalog", "output_dir", "work_dir")
    @classmethod
    def _relative_to_file(cls, value: Path | None, info: ValidationInfo) -> Path | None:
        base = (info.context or {}).get("base_dir")
        if value is None or base is None:
            return value
        value = Path(value).expanduser()
        return value if value.is_absolute() else (Path(base) / value).resolve()

    @field_validator("store")
    @classmethod
    def _store_relative_to_file(cls, value: str | None, info: ValidationInfo) -> str | None:
        # a URL is used as written; a plain path is relative to the project file, like work_dir
        base = (info.context or {}).get("base_dir")
        if not value or "://" in value or base is None:
            return value
        path = Path(value).expanduser()
        return str(path if path.is_absolute() else (Path(base) / path).resolve())

    @property
    def base_dir(self) -> Path:
        """Directory of the project file (the current directory when not loaded from a file)."""
        return self.path.parent if self.path else Path.cwd()

    def protected_terms(self) -> list[str]:
        """Do-not-translate terms plus every brand name, without repeats."""
        terms = [brand.name for brand in self.seller.brands] + list(self.do_not_translate)
        return list(dict.fromkeys(term for term in terms if term))


def _target_ids(values: list[str]) -> list[str]:
    """Canonical target ids (``qoo10`` -> ``qoo10:jp``) without repeats; ValueError when unknown."""
    from klisting.errors import KlistingError
    from klisting.markets.targets import parse_target

    ids: list[str] = []
    for value in values:
        try:
            target_id = parse_target(value).id
        except KlistingError as error:
            raise ValueError(f"{error.message} ({error.hint})") from None
        if target_id not in ids:
            ids.append(target_id)
    return ids


def _opt(normalize: Any, value: Any) -> str | None:
    """Apply ``normalize`` to a present value; YAML may give numbers for digit-only fields."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    return normalize(str(value))


def _refuse_secrets(data: dict[str, Any], prefix: str) -> None:
    for key, value in data.items():
        lowered = str(key).lower()
        if any(word in lowered for word in _SECRET_WORDS):
            raise ValueError(
                f"key '{prefix}{key}' looks like a secret; keep API keys in environment variables"
            )
        if isinstance(value, dict):
            _refuse_secrets(value, f"{prefix}{key}.")


def _price_rules_model() -> Any:
    """``klisting.pricing.PriceRules`` when the pricing module exists, else None."""
    try:
        from klisting.pricing import PriceRules  # type: ignore[attr-defined]
    except ImportError:
        return None
    return PriceRules


# --- Per-platform seller account settings, category mapping, image URLs (issue 12) -------------
# The account models live in klisting.export.accounts (the writers read them; export sits below
# project). ProjectConfig keeps ``accounts``, ``categories`` and ``image_base_url`` (above) and
# validates each accounts entry against its platform's model.
