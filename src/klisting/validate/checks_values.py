"""Checks on what a real export holds: absent content columns, implausible values, Korean units.

These run without ``--target`` too: a title longer than every platform accepts, a catalog with no
description or image column, or a weight of 99,999 kg is wrong wherever the catalog goes.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import lru_cache
from typing import Any

from klisting.catalog.profiles import READER_FIELDS
from klisting.configfiles import per_config_dir
from klisting.model import Catalog, Finding, Product, Severity
from klisting.validate.registry import (
    CheckContext,
    Code,
    catalog_check,
    first_row,
    product_check,
)

E, W, INFO = Severity.ERROR, Severity.WARNING, Severity.INFO

#: Content a listing is made of; without any column for it the seller is told what was seen.
_CONTENT_COLUMNS = {"description": W, "images": W, "options": INFO, "weight": INFO}
#: Beyond these a value is a typo or a unit mix-up (grams typed as kg), not a product.
_MAX_KG, _MAX_LITERS, _MAX_CM = 1000.0, 1000.0, 1000.0
_MAX_STOCK = 10_000_000
_MAX_PRICE_KRW = 1_000_000_000
#: Titles up to this length fit every platform (the most generous limit is far above it), so
#: the platform specs are only loaded for a longer title: most catalogs never pay for them.
_TITLE_FLOOR = 50


@catalog_check(
    Code(
        "catalog.column-absent",
        W,
        None,
        "No column feeds a field most listings need (description, images; options and weight as info).",
        "Check the headers listed in the message: rename one to a known name, or map it with "
        "--map 'HEADER=FIELD' (or column_map in klisting.yaml).",
    ),
    rows=first_row,  # it asks only whether there are products: one stub, not one per row
)
def check_content_columns(catalog: Catalog, ctx: CheckContext) -> Iterator[Finding]:
    if not catalog.products or ctx.target is not None:
        return  # once per catalog; with a target, catalog.column-missing covers required fields
    present = {READER_FIELDS.get(f, f) for f in catalog.mapping.values()}
    seen = ", ".join(list(catalog.mapping) + catalog.unmapped) or "none"
    for name, severity in _CONTENT_COLUMNS.items():
        if name not in present:
            yield ctx.finding(
                "catalog.column-absent",
                None,
                f"no column for '{name}'; headers seen: {seen[:600]}",
                field=name,
                severity=severity,
            )


@per_config_dir
def _longest_title_limit() -> tuple[int, str]:
    """(characters, platform) of the most generous title limit of any platform."""
    from klisting.markets.platforms import load_platforms

    limits = [(p.title.max_chars, p.name) for p in load_platforms().values() if p.title.max_chars]
    longest = max(limits) if limits else (10**9, "")
    return max(longest, (_TITLE_FLOOR, longest[1]))


#: a quantity cell that is plausible whatever it says: up to 999 of a unit whose 1,000 is
#: still under the limits above (999 kg, 999 L, 999 cm); anything else is looked at
_PLAIN_QUANTITY = (
    r"^\d{1,3}(\.\d+)?\s*(?i:g|kg|mg|ml|l|cm|mm)?"
    r"(\s*[x×*]\s*\d{1,3}(\.\d+)?\s*(?i:cm|mm)?){0,2}$"
)


def _values_screen(ctx: CheckContext, cell: Any) -> Any:
    """Rows ``check_values`` may report on (a superset: the check itself decides).

    Long titles (without a target), quantity cells not plainly small, prices and stocks with
    many digits or a word multiplier (만, 억, 1e9), and option surcharge or stock lists.
    """
    from klisting.validate.exprs import any_of

    masks = []
    if ctx.target is None:
        masks.append(cell("title").str.len_chars() > _TITLE_FLOOR)
    for name in ("weight", "volume", "dimensions"):
        text = cell(name)  # stripped already (see klisting.validate.frames)
        masks.append(text.is_not_null() & ~text.str.contains(_PLAIN_QUANTITY))
    for name, digits in (("price", 10), ("stock", 8)):
        text = cell(name)
        masks.append((text.str.count_matches(r"\d") >= digits) | text.str.contains(r"[만억천eE]"))
    masks += [cell("option_prices").is_not_null(), cell("option_stocks").is_not_null()]
    return any_of(masks)


# One registered check for all the codes below: most products pass every test, and one
# generator per product costs less than five (bench_validate stays as fast as before).
@product_check(
    Code(
        "title.too-long-everywhere",
        W,
        "title",
        "The title is longer than any supported platform accepts.",
        "Shorten the title; every export would have to cut it.",
    ),
    Code(
        "quantity.implausible",
        W,
        None,
        "A weight, volume or size is far beyond any parcel (a typo or a unit mix-up).",
        "Check the number and its unit: 1.2kg, not 1200kg; 500ml, not 500L.",
    ),
    Code(
        "quantity.unit-unresolved",
        W,
        None,
        "A Korean unit (근, 평) cannot be turned into a weight without guessing; kept as an attribute.",
        "Write the weight in g or kg, or give the category (meat: 1근 = 600 g; produce: 375 g).",
    ),
    Code(
        "price.implausible",
        W,
        "price",
        "The price is over 1,000,000,000 won: most likely a typo.",
        "Check the price for extra digits.",
    ),
    Code(
        "stock.implausible",
        W,
        "stock",
        "The stock is over 10,000,000: most likely a typo.",
        "Check the stock for extra digits.",
    ),
    Code(
        "options.lists-mismatch",
        W,
        "options",
        "The option surcharges or stocks do not line up with the option combinations; they are not used.",
        "List one surcharge (옵션가) and one stock (옵션 재고수량) per combination, in the same order.",
    ),
    screen=_values_screen,
)
def check_values(product: Product, ctx: CheckContext) -> list[Finding] | tuple[()]:
    # A plain function returning a list (not a generator): nothing is allocated for the usual
    # product, which passes every test here.
    found: list[Finding] = []
    title = product.title
    if ctx.target is None and len(title) > _TITLE_FLOOR:
        limit, platform = _longest_title_limit()
        if len(title) > limit:
            found.append(
                ctx.finding(
                    "title.too-long-everywhere",
                    product,
                    f"title has {len(title)} characters; the most any platform takes is {limit} ({platform})",
                )
            )
    if product.problems:
        found.extend(_reader_problems(product, ctx))
    for name, text in (
        ("weight", product.weight),
        ("volume", product.volume),
        ("dimensions", product.dimensions),
    ):
        if text:
            too_big = _too_big(text)
            if too_big:
                found.append(
                    ctx.finding(
                        "quantity.implausible", product, f"{name} '{text}' {too_big}", field=name
                    )
                )
    price = product.price
    if price is not None and price.amount > _MAX_PRICE_KRW and price.currency == "KRW":
        found.append(ctx.finding("price.implausible", product, f"price is {price.amount:,} won"))
    if product.stock is not None and product.stock > _MAX_STOCK:
        found.append(ctx.finding("stock.implausible", product, f"stock is {product.stock:,}"))
    return found or ()


def _reader_problems(product: Product, ctx: CheckContext) -> Iterator[Finding]:
    for name in ("weight", "volume", "dimensions"):
        reason = product.problems.get(f"{name}_unit")
        if reason:
            yield ctx.finding("quantity.unit-unresolved", product, f"{name}: {reason}", field=name)
    reason = product.problems.get("option_lists")
    if reason:
        yield ctx.finding("options.lists-mismatch", product, reason)


@lru_cache(maxsize=8192)
def _too_big(text: str) -> str | None:
    from klisting.units.measure import parse_measure

    try:
        measure = parse_measure(text)
    except ValueError:
        return None  # quantity.unparseable reports it
    if measure is None:
        return None
    factor = _TO_BASE.get(measure.unit)
    if factor is None:
        return None
    biggest = max(measure.values) * factor
    limit, unit = _LIMITS.get(measure.kind, (_MAX_CM, "cm"))
    return f"is {biggest:,.0f} {unit}, over {limit:,.0f} {unit}" if biggest > limit else None


#: canonical unit -> kg, L or cm
_TO_BASE = {
    "kilogram": 1, "gram": 1e-3, "milligram": 1e-6, "pound": 0.4536, "ounce": 0.02835,
    "liter": 1, "milliliter": 1e-3, "fluid_ounce": 0.02957,
    "meter": 100, "centimeter": 1, "millimeter": 0.1, "inch": 2.54,
}  # fmt: skip
_LIMITS = {"mass": (_MAX_KG, "kg"), "volume": (_MAX_LITERS, "L")}
