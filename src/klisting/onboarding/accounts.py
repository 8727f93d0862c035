"""Seller account settings per target: what ``klisting init`` asks and ``klisting readiness`` checks.

The keys are the account models' in ``klisting.project.model`` (``accounts.<platform>``);
the same keys are what a bundle's manifest names as needs when they are unset, so readiness
and the manifest always agree on what to set.
"""

from __future__ import annotations

from typing import Any

from pydantic import ValidationError

from klisting.export.accounts import ACCOUNT_MODELS, account_model, resolve_account
from klisting.markets.targets import Target
from klisting.model import Catalog
from klisting.project.model import ProjectConfig


def required_keys(platform: str) -> tuple[str, ...]:
    return ACCOUNT_MODELS[platform].REQUIRED if platform in ACCOUNT_MODELS else ()


def brand_map_key(platform: str) -> str:
    return ACCOUNT_MODELS[platform].BRAND_MAP if platform in ACCOUNT_MODELS else ""


def parse_value(platform: str, key: str, text: str) -> Any:
    """The typed value of ``accounts.<platform>.<key>`` typed as text; ValueError when invalid.

    Lists are comma-separated (``30001, 30005``); brand maps ``Brand=id`` pairs.
    """
    model = account_model(platform)
    annotation = str(model.model_fields[key].annotation)
    raw: Any = text.strip()
    if annotation.startswith("list"):
        raw = [part.strip() for part in raw.split(",") if part.strip()]
    elif annotation.startswith("dict"):
        raw = dict(_pair(part) for part in raw.split(",") if part.strip())
    try:
        return getattr(model.model_validate({key: raw}), key)
    except ValidationError as error:
        first = error.errors()[0]
        raise ValueError(f"accounts.{platform}.{key}: {first['msg']}") from None


def _pair(text: str) -> tuple[str, str]:
    name, sep, value = text.partition("=")
    if not sep or not name.strip() or not value.strip():
        raise ValueError(f"'{text.strip()}' is not Brand=id")
    return name.strip(), value.strip()


def missing(project: ProjectConfig, target: Target, brands: list[str]) -> list[str]:
    """The klisting.yaml keys this target's listings need and the project does not set."""
    platform = target.platform.name
    account = resolve_account(project.accounts, target.id)
    keys = [
        f"accounts.{platform}.{key}"
        for key in required_keys(platform)
        if getattr(account, key) in (None, "", [], {})
    ]
    brand_key = brand_map_key(platform)
    if brand_key:
        from klisting.translate.romanize import romanize

        known = {key.casefold() for key in getattr(account, brand_key)}
        # a listing carries the brand romanized: either spelling of the key is the same brand
        keys += [
            f"accounts.{platform}.{brand_key}.{b}"
            for b in brands
            if b.casefold() not in known and romanize(b).casefold() not in known
        ]
    return keys


#: per platform, the category-map keys a listing needs besides the category id itself, each
#: with the account key that may stand in for every category
_EXTRA_CATEGORY_KEYS = {"amazon": {"amazon.item_type_keyword": "item_type_keyword"}}


def unmapped_categories(project: ProjectConfig, target: Target, catalog: Catalog) -> dict[str, int]:
    """Catalog category -> product count, for the categories with no id for this target.

    Amazon also needs an ``item_type_keyword`` per category (the map's
    ``amazon.item_type_keyword`` or the account's); its product type may come from the account.
    """
    platform = target.platform.name
    account = resolve_account(project.accounts, target.id)
    fallback = getattr(account, "product_type", "")
    extra = {
        key: getattr(account, attr) for key, attr in _EXTRA_CATEGORY_KEYS.get(platform, {}).items()
    }
    counts: dict[str, int] = {}
    for product in catalog.products:
        mapped = project.categories.get(product.category, {})
        found = mapped.get(target.id) or mapped.get(platform) or fallback
        if not found or any(not (mapped.get(k) or v) for k, v in extra.items()):
            counts[product.category or "(no category)"] = (
                counts.get(product.category or "(no category)", 0) + 1
            )
    return counts


def parse_flags(values: list[str]) -> dict[str, dict[str, Any]]:
    """``--account`` values (``platform.key=value``, ``lazada:sg.brand_ids=Brand=id``) as accounts."""
    out: dict[str, dict[str, Any]] = {}
    for text in values:
        where, sep, value = text.partition("=")
        entry, dot, key = where.strip().partition(".")
        if not sep or not dot or not key:
            raise ValueError(f"'{text}' is not platform.key=value (e.g. shopee.logistic_ids=30001)")
        platform = entry.split(":")[0]
        if key not in account_model(platform).model_fields:
            raise ValueError(f"accounts.{entry}: unknown key '{key}'")
        parsed = parse_value(platform, key, value)
        settings = out.setdefault(entry, {})
        if isinstance(parsed, dict):
            settings[key] = {**settings.get(key, {}), **parsed}
        else:
            settings[key] = parsed
    return out


def questions(platform: str, brands: list[str]) -> list[tuple[str, str]]:
    """(key, prompt) pairs ``klisting init`` asks for one platform; brand map keys are per brand."""
    model = ACCOUNT_MODELS.get(platform)
    if model is None:
        return []
    asked = [(key, f"  accounts.{platform}.{key}") for key in (*model.REQUIRED, *model.ASK)]
    if model.BRAND_MAP:
        asked += [(f"{model.BRAND_MAP}.{b}", f"  {b}: brand id on {platform}") for b in brands]
    return asked
