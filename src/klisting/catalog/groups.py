"""Rows that are variants of one product: grouped by a parent code or the profile's group field.

Wing and Shopify-style sheets list one row per option; the first row of a group carries the
product, every row (the first included) becomes a Variant.
"""

from __future__ import annotations

from collections.abc import Iterator

from klisting.model import Money, OptionAxis, Product, Variant


def group_variants(products: Iterator[Product]) -> Iterator[Product]:
    """Merge rows that share a parent_sku (or the profile's group field) into one product.

    Wing and Shopify-style sheets list one row per option; the first row of a group carries
    the product, every row (the first included) becomes a Variant.
    """
    groups: dict[str, Product] = {}
    order: list[Product] = []
    for product in products:
        parent = product.parent_sku or product.raw.get("group", "")
        if not parent:
            order.append(product)
            continue
        head = groups.get(parent)
        if head is None:
            groups[parent] = head = product
            order.append(product)
        head.variants.append(_variant_of(product, head))
    for parent, head in groups.items():
        _finish_group(head, parent)
    return iter(order)


def _variant_of(row: Product, head: Product) -> Variant:
    label = row.raw.get("variant_option", "")
    # A value without a name takes the option name column (Shopify's "Option1 Name", given on
    # the group's first row only), else 옵션1, 옵션2 ...
    axis_name = row.raw.get("variant_option_name") or head.raw.get("variant_option_name")
    options: dict[str, str] = {}
    for part in filter(None, (p.strip() for p in label.replace("/", ",").split(","))):
        name, sep, value = part.partition(":")
        if sep:
            options[name.strip()] = value.strip()
        else:
            options[axis_name if axis_name and not options else f"옵션{len(options) + 1}"] = part
    delta = None
    if row.price and head.price:
        delta = Money(row.price.amount - head.price.amount, row.price.currency)
    return Variant(
        options=options,
        sku=row.sku or None,
        price_delta=delta,
        stock=row.stock,
        barcode=row.barcode or None,
        row=row.row,
    )


def _finish_group(product: Product, parent: str) -> None:
    """A multi-row group is known by its parent code and holds the stock of all its rows."""
    if len(product.variants) > 1:
        if product.parent_sku:
            product.sku = parent  # a title group (Wing's sheet) keeps its first row's code
        stocks = [variant.stock for variant in product.variants]
        if all(stock is not None for stock in stocks):
            product.stock = sum(stocks)  # type: ignore[arg-type]
    names: dict[str, list[str]] = {}
    for variant in product.variants:
        for name, value in variant.options.items():
            values = names.setdefault(name, [])
            if value not in values:
                values.append(value)
    if names and not product.options:
        product.options = [OptionAxis(name, values) for name, values in names.items()]
