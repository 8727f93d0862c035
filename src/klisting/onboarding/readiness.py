"""Readiness: per target, what the platform and market require and whether the seller has it.

Rules come from configs/readiness (see ``klisting.onboarding.rules``); installed pieces
(translation model, fonts, OCR) are probed on this machine. Every item is pass, fail or warn
with the next step, so a seller knows what to do before the first export.
"""

from __future__ import annotations

from typing import Any

from klisting.markets.targets import Target
from klisting.model import Catalog
from klisting.onboarding import installed
from klisting.onboarding.catalog_rules import evaluate_catalog_rule
from klisting.onboarding.groups import GroupIndex
from klisting.onboarding.items import Item, Status
from klisting.onboarding.rules import Rule, rules_for
from klisting.project.model import ProjectConfig


def check_target(
    project: ProjectConfig,
    target: Target,
    catalog: Catalog | None = None,
    index: GroupIndex | None = None,
) -> list[Item]:
    """Every readiness item for one target.

    Args:
        project: the seller's project config.
        target: the platform:market target.
        catalog: the catalog, for catalog-level rules; without it those rules are listed as
            warnings that ask for ``--catalog``.
        index: the catalog's product groups, when already computed (check_project shares one).
    """
    items: list[Item] = []
    skipped_catalog_rules = 0
    if catalog is not None and index is None:
        index = GroupIndex(catalog.products)
    for rule in rules_for(target.platform.name):
        if not rule.applies_to(target.market):
            continue
        if rule.check in ("barcode", "declaration") and catalog is None:
            skipped_catalog_rules += 1
            continue
        status, detail = _evaluate(rule, project, catalog, index)
        kind = (
            "catalog"
            if rule.check in ("barcode", "declaration") or (rule.groups and catalog)
            else "profile"
        )
        step = "" if status == "pass" else rule.next_step
        items.append(Item(target.id, rule.id, rule.title, kind, status, detail, step, rule.source))
    if skipped_catalog_rules:
        items.append(_catalog_hint(target.id, skipped_catalog_rules))
    items.extend(listing_items(project, target, catalog))
    items.extend(installed.items_for(project, target))
    return items


#: platforms whose listings carry a category id the seller maps (Shopify's is optional)
_CATEGORY_OPTIONAL = ("shopify",)


def listing_items(project: ProjectConfig, target: Target, catalog: Catalog | None) -> list[Item]:
    """Account settings, image URLs and category mapping: what the bundle's needs would name."""
    from klisting.onboarding import accounts

    brands = [brand.name for brand in project.seller.brands]
    if catalog is not None:
        brands += [p.brand for p in catalog.products if p.brand and p.brand not in brands]
    keys = accounts.missing(project, target, list(dict.fromkeys(brands)))
    source = "platform account (klisting.yaml accounts)"
    items = [
        Item(target.id, "account.settings", f"{target.platform.display_name} account settings",
             "profile", "fail" if keys else "pass",
             f"missing {', '.join(keys)}" if keys else "all set",
             "" if not keys else "Set them in klisting.yaml (or run `klisting init` again); "
             "the values are in your seller centre.", source),
    ]  # fmt: skip
    account = accounts.resolve_account(project.accounts, target.id)
    base = account.image_base_url or project.image_base_url
    items.append(Item(
        target.id, "listing.image-urls", "Image URLs in listing files", "profile",
        "pass" if base else "fail",
        f"images listed as {base}/<file>" if base else "no image_base_url: listings carry bare file names",
        "" if base else "Set image_base_url in klisting.yaml to where you upload the bundle's images/ "
        f"(or accounts.{target.platform.name}.image_base_url).", source))  # fmt: skip
    if target.platform.name not in _CATEGORY_OPTIONAL:
        items.append(_category_item(project, target, catalog))
    return items


def _category_item(project: ProjectConfig, target: Target, catalog: Catalog | None) -> Item:
    from klisting.onboarding import accounts

    title = f"Catalog categories mapped to {target.platform.display_name} categories"
    step = "Run `klisting categories` and add the ids under categories: in klisting.yaml."
    if catalog is None:
        return Item(target.id, "listing.categories", title, "catalog", "warn",
                    "not checked: no catalog given", step, "")  # fmt: skip
    unmapped = accounts.unmapped_categories(project, target, catalog)
    if not unmapped:
        return Item(target.id, "listing.categories", title, "catalog", "pass", "all mapped")
    shown = ", ".join(f"{name} ({count})" for name, count in list(unmapped.items())[:3])
    more = f" and {len(unmapped) - 3} more" if len(unmapped) > 3 else ""
    return Item(target.id, "listing.categories", title, "catalog", "fail",
                f"{len(unmapped)} unmapped: {shown}{more}", step)  # fmt: skip


def check_project(
    project: ProjectConfig, targets: list[Target], catalog: Catalog | None = None
) -> list[Item]:
    """Readiness items for several targets, in target order."""
    index = GroupIndex(catalog.products) if catalog is not None else None
    return [item for target in targets for item in check_target(project, target, catalog, index)]


def _catalog_hint(target_id: str, count: int) -> Item:
    return Item(
        target_id,
        "catalog.not-checked",
        "Catalog-level requirements (barcodes, battery and dangerous-goods declarations)",
        "catalog",
        "warn",
        f"{count} catalog rule(s) not checked: no catalog given",
        "Run `klisting readiness --catalog FILE` (or set catalog: in klisting.yaml).",
    )


def _evaluate(
    rule: Rule, project: ProjectConfig, catalog: Catalog | None, index: GroupIndex | None
) -> tuple[Status, str]:
    if rule.check in ("barcode", "declaration"):
        assert catalog is not None and index is not None
        return evaluate_catalog_rule(rule, project, catalog, index)
    met, detail = _profile_met(rule, project)
    if met:
        return "pass", detail
    if not rule.groups:
        return rule.severity, detail
    if index is None:
        return "warn", f"{detail}; needed if you sell {' or '.join(rule.groups)} products"
    matches = index.matching(rule.groups)
    if not matches:
        return "pass", f"not needed: no {'/'.join(rule.groups)} products in the catalog"
    return rule.severity, f"{detail}; {_describe_matches(matches)}"


def _describe_matches(matches: list[Any]) -> str:
    shown = ", ".join(
        f"{match.sku or 'row ' + str(match.row)} ({match.keyword})" for match in matches[:3]
    )
    more = f" and {len(matches) - 3} more" if len(matches) > 3 else ""
    return f"{len(matches)} product(s) affected: {shown}{more}"


def _profile_met(rule: Rule, project: ProjectConfig) -> tuple[bool, str]:
    seller = project.seller
    if rule.check == "profile":
        missing = [key for key in rule.fields if not _lookup(project, key)]
        return (not missing, "all set" if not missing else f"missing {', '.join(missing)}")
    if rule.check == "certification":
        held = [code for code in rule.any_of if code in seller.certifications]
        return (
            bool(held),
            f"holds {held[0]}"
            if held
            else f"none of {', '.join(rule.any_of)} in seller.certifications",
        )
    if rule.check == "label":
        wanted = {code.lower() for code in rule.any_of}
        held = [lang for lang in seller.label_languages if lang.lower() in wanted]
        return (
            bool(held),
            f"labels in {held[0]}"
            if held
            else f"no {'/'.join(rule.any_of)} in seller.label_languages",
        )
    if rule.check == "trademark":
        return _trademarks(project)
    return False, f"unknown check {rule.check}"


def _trademarks(project: ProjectConfig) -> tuple[bool, str]:
    brands = project.seller.brands
    if not brands:
        return False, "no brands in seller.brands"
    plain = [brand.name for brand in brands if not brand.trademark]
    if plain:
        return False, f"not registered: {', '.join(plain)}"
    return True, f"{len(brands)} brand(s) registered"


def _lookup(project: ProjectConfig, dotted: str) -> Any:
    """Value at a dotted key such as ``seller.importers.tw.name``; None when absent or empty."""
    value: Any = project
    for part in dotted.split("."):
        if value is None:
            return None
        value = value.get(part) if isinstance(value, dict) else getattr(value, part, None)
    if isinstance(value, str | list | dict) and not value:
        return None
    return value


def summary(items: list[Item]) -> dict[str, int]:
    """Counts of pass / warn / fail."""
    counts = {"pass": 0, "warn": 0, "fail": 0}
    for item in items:
        counts[item.status] += 1
    return counts
