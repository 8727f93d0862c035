"""Checks on price, stock, barcode and the fields a target requires."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from klisting.model import Finding, Product, Severity
from klisting.validate.registry import CheckContext, Code, product_check

if TYPE_CHECKING:
    import polars as pl

    from klisting.validate.exprs import Cell

E, W = Severity.ERROR, Severity.WARNING


def _missing(name: str, ctx: CheckContext, cell: Cell) -> pl.Expr:
    import polars as pl

    return cell(name).is_null() & pl.lit(name not in ctx.absent_columns)


def _won(value: pl.Expr) -> pl.Expr:
    """A price cell written as digits with the noise parse_price drops (12,900원), else null."""
    from klisting.validate.exprs import PY_WHITESPACE, whole_number

    # every noise character removed by one Aho-Corasick pass (a quarter cheaper than a regex)
    return whole_number(value.str.replace_many(dict.fromkeys(PY_WHITESPACE + ",₩￦원KRWkrw", "")))


def _price_screen(ctx: CheckContext, cell: Cell) -> pl.Expr:
    price, list_price = cell("price"), cell("list_price")
    amount, listed = _won(price), _won(list_price)
    unclear = price.is_not_null() & amount.is_null()
    discount = list_price.is_not_null() & (listed.is_null() | (listed < amount).fill_null(True))
    return _missing("price", ctx, cell) | unclear | (amount <= 0).fill_null(False) | discount


def _stock_screen(ctx: CheckContext, cell: Cell) -> pl.Expr:
    from klisting.validate.exprs import whole_number

    stock = cell("stock")
    return _missing("stock", ctx, cell) | (stock.is_not_null() & whole_number(stock).is_null())


@product_check(
    Code(
        "price.missing",
        E,
        "price",
        "A product has no price.",
        "Fill in the selling price (판매가) in won.",
    ),
    Code(
        "price.not-a-number",
        E,
        "price",
        "The price is not a number.",
        "Write the price as a number such as 12900 or 12,900원; '가격문의' cannot be listed abroad.",
    ),
    Code(
        "price.not-positive",
        E,
        "price",
        "The price is zero or negative.",
        "Set a selling price above zero.",
    ),
    Code(
        "price.above-list-price",
        W,
        "price",
        "The selling price is higher than the list price.",
        "Check 정가/소비자가: a list price lower than the price looks like a fake discount.",
    ),
    screen=_price_screen,
)
def check_price(product: Product, ctx: CheckContext) -> Iterator[Finding]:
    if "price" in product.problems:
        yield ctx.finding("price.not-a-number", product, product.problems["price"])
    elif product.price is None:
        if "price" not in ctx.absent_columns:
            yield ctx.finding("price.missing", product, f"row {product.row} has no price")
    elif product.price.amount <= 0:
        yield ctx.finding(
            "price.not-positive",
            product,
            f"price is {product.raw.get('price', product.price.amount)}",
        )
    elif product.list_price is not None and product.list_price.amount < product.price.amount:
        yield ctx.finding(
            "price.above-list-price",
            product,
            f"price {product.price.amount} is above list price {product.list_price.amount}",
            field="list_price",
        )


@product_check(
    Code(
        "stock.missing",
        W,
        "stock",
        "A product has no stock quantity.",
        "Fill in 재고수량; listings without stock are hidden.",
    ),
    Code(
        "stock.not-integer",
        E,
        "stock",
        "The stock is not a whole number.",
        "Write the stock as a whole number such as 100.",
    ),
    Code("stock.negative", E, "stock", "The stock is negative.", "Set the stock to 0 or more."),
    screen=_stock_screen,
)
def check_stock(product: Product, ctx: CheckContext) -> Iterator[Finding]:
    if "stock" in product.problems:
        yield ctx.finding("stock.not-integer", product, product.problems["stock"])
    elif product.stock is None:
        if "stock" not in ctx.absent_columns:
            yield ctx.finding(
                "stock.missing",
                product,
                f"row {product.row} has no stock",
                severity=E if "stock" in ctx.required else None,
            )
    elif product.stock < 0:
        yield ctx.finding("stock.negative", product, f"stock is {product.stock}")


def gtin_check_digit_ok(digits: str) -> bool:
    """GS1 mod-10 check digit for GTIN-8/12/13/14."""
    # Weights 3,1,3,1... from the digit left of the check digit.
    total = 3 * sum(map(int, digits[-2::-2])) + sum(map(int, digits[-3::-2]))
    return (10 - total % 10) % 10 == int(digits[-1])


def _barcode_screen(ctx: CheckContext, cell: Cell) -> pl.Expr:
    """Flag every barcode that is not a well-formed GTIN of ASCII digits, and required ones missing."""
    import polars as pl

    code = cell("barcode").str.replace_all("[- ]", "")
    empty = code.is_null() | (code == "")
    # 8-14 ASCII digits fit an Int64: the check digit is arithmetic on the number
    number = code.str.to_integer(strict=False)
    digit = [(number // 10**i) % 10 for i in range(14)]
    total = pl.sum_horizontal(d * (3 if i % 2 else 1) for i, d in enumerate(digit) if i)
    well_formed = (
        code.str.contains("^[0-9]+$")
        & code.str.len_bytes().is_in([8, 12, 13, 14])
        & (((10 - total % 10) % 10) == digit[0])
    )
    required = pl.lit("barcode" in ctx.required)
    return (empty & required) | (~empty & ~well_formed.fill_null(False))


@product_check(
    Code(
        "barcode.not-numeric",
        E,
        "barcode",
        "The barcode contains characters other than digits.",
        "A GTIN/EAN/UPC barcode is digits only; remove spaces and letters.",
    ),
    Code(
        "barcode.bad-length",
        E,
        "barcode",
        "The barcode is not 8, 12, 13 or 14 digits long.",
        "Check the barcode: EAN-13 (Korean 880...) has 13 digits, UPC-A 12.",
    ),
    Code(
        "barcode.bad-check-digit",
        E,
        "barcode",
        "The barcode's check digit is wrong.",
        "The barcode has a typo; copy it again from the package or GS1 Korea.",
    ),
    Code(
        "barcode.missing",
        E,
        "barcode",
        "The target requires a barcode (GTIN) and there is none.",
        "Add the product's GTIN, or apply for the platform's GTIN exemption.",
        needs_target=True,
    ),
    screen=_barcode_screen,
)
def check_barcode(product: Product, ctx: CheckContext) -> Iterator[Finding]:
    code = product.barcode.replace("-", "").replace(" ", "")
    if not code:
        if "barcode" in ctx.required:
            yield ctx.finding("barcode.missing", product, f"{ctx.target} requires a barcode")
        return
    if not code.isdigit():
        yield ctx.finding(
            "barcode.not-numeric", product, f"barcode '{product.barcode}' is not all digits"
        )
    elif len(code) not in (8, 12, 13, 14):
        yield ctx.finding(
            "barcode.bad-length", product, f"barcode '{product.barcode}' has {len(code)} digits"
        )
    elif not gtin_check_digit_ok(code):
        yield ctx.finding(
            "barcode.bad-check-digit",
            product,
            f"barcode '{product.barcode}' fails the GTIN check digit",
        )


_REQUIRED_TEXT = ("brand", "manufacturer", "origin", "hs_code", "model", "material")


def _required_screen(ctx: CheckContext, cell: Cell) -> pl.Expr:
    mask = _missing("category", ctx, cell)
    for name in _REQUIRED_TEXT:
        if name in ctx.required:
            mask |= _missing(name, ctx, cell)
    return mask


@product_check(
    Code(
        "category.missing",
        W,
        "category",
        "A product has no category.",
        "Fill in the category (카테고리); platforms need it to place and approve the listing.",
    ),
    Code(
        "field.required-missing",
        E,
        None,
        "A field the target requires is empty.",
        "Fill in the named field for this product.",
        needs_target=True,
    ),
    screen=_required_screen,
)
def check_required_fields(product: Product, ctx: CheckContext) -> Iterator[Finding]:
    if not product.category and "category" not in ctx.absent_columns:
        yield ctx.finding(
            "category.missing",
            product,
            f"row {product.row} has no category",
            severity=E if "category" in ctx.required else None,
        )
    for name in _REQUIRED_TEXT:
        if name in ctx.required and not getattr(product, name) and name not in ctx.absent_columns:
            yield ctx.finding(
                "field.required-missing", product, f"{ctx.target} requires '{name}'", field=name
            )
