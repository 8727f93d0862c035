"""Build canonical Products from a Table and a profile match."""

from __future__ import annotations

import os
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

from klisting.catalog import values as v
from klisting.catalog.limits import cap_fields
from klisting.catalog.profiles import READER_FIELDS, ProfileMatch
from klisting.catalog.tables import Table
from klisting.infra.confine import image_roots, outside_roots
from klisting.model import ImageRef, Money, OptionAxis, Product, SourceLocation, Variant

_TEXT_FIELDS = (
    "sku", "parent_sku", "title", "title_en", "description", "brand", "manufacturer", "origin",
    "model", "barcode", "hs_code", "category", "material",
)  # fmt: skip
_QUANTITY_FIELDS = ("weight", "volume", "dimensions")


def column_letter(index: int) -> str:
    """0 -> A, 25 -> Z, 26 -> AA."""
    letters = ""
    index += 1
    while index:
        index, remainder = divmod(index - 1, 26)
        letters = chr(65 + remainder) + letters
    return letters


class ProductBuilder:
    """Turns rows into Products for one table; holds what is the same for every row."""

    def __init__(
        self, table: Table, match: ProfileMatch, path: Path, currency: str = "KRW"
    ) -> None:
        self.table = table
        self.path = path
        self.currency = currency
        self.fields = match.fields  # column index -> field
        self.unmapped = [i for i, h in enumerate(table.headers) if i not in self.fields and h]
        by_letter = table.format in ("xlsx", "xls")
        # One columns dict shared by every product of the file: same layout on every row.
        self.columns: dict[str, str] = {}
        for index, field_name in match.fields.items():
            canonical = READER_FIELDS.get(field_name, field_name)
            address = column_letter(index) if by_letter else table.headers[index]
            self.columns.setdefault(canonical, address)
        self.headers = table.headers
        self.file = str(path)
        self.base_dir = str(path.parent)
        self.image_roots = image_roots(path.parent)
        # Precomputed per file so the per-row loop only does the work the columns call for.
        self.field_items = sorted((i, f) for i, f in match.fields.items() if f != "option_axis")
        self.axis_columns = [
            (i, table.headers[i]) for i, f in sorted(match.fields.items()) if f == "option_axis"
        ]
        present = set(match.fields.values())
        self.text_fields = [name for name in _TEXT_FIELDS if name in present]
        self.quantity_fields = [
            (name, v.header_unit(table.headers[i]))
            for i, name in self.field_items
            if name in _QUANTITY_FIELDS
        ]
        self.has_images = bool(present & {"image_main", "image_extra", "image_detail"})
        self.has_options = bool(
            present
            & {"options", "option_names", "variant_option", "variant_option_name", "option_axis"}
        )
        self.unit = {"xlsx": "row", "xls": "row", "json": "item"}.get(table.format, "line")

    def stub(self, row_number: int, sku: str = "") -> Product:
        """A Product that knows only its row (and SKU): the shell ``build`` fills in."""
        location = SourceLocation(
            file=self.file,
            row=row_number,
            sheet=self.table.sheet,
            columns=self.columns,
            unit=self.unit,
        )
        return Product(location=location, sku=sku)

    def build(self, row_number: int, cells: list[Any]) -> Product:
        """One Product from one row."""
        product = self.stub(row_number)
        cell: dict[str, Any] = {}
        for index, field_name in self.field_items:
            value = cells[index]
            if value is not None and value != "":
                cell[field_name] = value.strip() if type(value) is str else value
        for name in self.text_fields:
            if name in cell:
                value = cell[name]
                setattr(product, name, value if type(value) is str else v.text(value))
        if cell:
            cap_fields(product, self.text_fields, self.table.notes)
        for name, unit in self.quantity_fields:
            if name in cell:
                setattr(product, name, v.with_header_unit(v.text(cell[name]), unit))
        if "price" in cell:
            self._money(product, cell["price"], "price")
        if "list_price" in cell:
            self._money(product, cell["list_price"], "list_price")
        if "stock" in cell:
            self._stock(product, cell["stock"])
        if self.has_images:
            self._images(product, cell)
        if self.has_options:
            axis_cells = [
                (header, cells[i]) for i, header in self.axis_columns if cells[i] not in (None, "")
            ]
            self._options(product, cell, axis_cells)
        if "certifications" in cell:
            product.certifications = v.split_list(cell["certifications"])
        for index in self.unmapped:
            value = cells[index]
            if value is not None and value != "":
                product.attributes[self.headers[index]] = v.text(value)
        return product

    def _money(self, product: Product, value: Any, name: str) -> None:
        product.raw[name] = v.text(value)
        try:
            amount = v.parse_price(value)
        except ValueError as exc:
            product.problems[name] = str(exc)
            return
        if amount is not None:
            setattr(product, name, Money(amount, self.currency))

    def _stock(self, product: Product, value: Any) -> None:
        product.raw["stock"] = v.text(value)
        try:
            product.stock = v.parse_int(value)
        except ValueError as exc:
            product.problems["stock"] = str(exc)

    def _images(self, product: Product, cell: dict[str, Any]) -> None:
        for field_name, role in (
            ("image_main", "main"),
            ("image_extra", "extra"),
            ("image_detail", "detail"),
        ):
            if field_name not in cell:
                continue
            for index, src in enumerate(v.split_list(cell[field_name])):
                use = role if role != "main" or index == 0 else "extra"
                path = self._resolve(src)
                refused = None if _is_remote(path) else outside_roots(path, self.image_roots)
                if refused:  # never read: validate reports it (images.outside-folder)
                    earlier = product.problems.get("images")
                    product.problems["images"] = f"{earlier}; {refused}" if earlier else refused
                    continue
                product.images.append(ImageRef(src=path, role=use))

    def _resolve(self, src: str) -> str:
        if _is_remote(src) or src.startswith("/") or Path(src).is_absolute():
            return src
        return os.path.join(self.base_dir, src)

    def _options(
        self, product: Product, cell: dict[str, Any], axis_cells: list[tuple[str, Any]]
    ) -> None:
        try:
            axes = v.parse_combined_options(cell.get("options"))
            if not axes and "option_names" in cell:
                axes = v.parse_option_columns(cell["option_names"], cell.get("option_values"))
            if not axes and axis_cells:  # one column per axis: header 색상, cell 블랙,화이트
                axes = [(header, v.split_values(value)) for header, value in axis_cells]
        except ValueError as exc:
            product.raw["options"] = v.text(cell.get("options") or cell.get("option_names"))
            product.problems["options"] = str(exc)
            return
        product.options = [OptionAxis(name, list(values)) for name, values in axes]
        for name in ("variant_option", "variant_option_name"):
            if name in cell:
                product.raw[name] = v.text(cell[name])
        deltas = v.split_values(cell.get("option_prices"))
        stocks = v.split_values(cell.get("option_stocks"))
        if not deltas and not stocks:
            return  # plain combinations are derived on demand (Product.variant_list)
        combos = v.combinations(axes)
        try:
            product.variants = [
                Variant(
                    options=combo,
                    price_delta=Money(v.parse_price(deltas[i]) or Decimal(0), self.currency)
                    if len(deltas) == len(combos)
                    else None,
                    stock=v.parse_int(stocks[i]) if len(stocks) == len(combos) else None,
                )
                for i, combo in enumerate(combos)
            ]
        except ValueError as exc:
            product.problems["options"] = f"option price or stock: {exc}"


def _is_remote(src: str) -> bool:
    """A URL or a data: reference (checked by validate and the fetcher, not as a path)."""
    return "://" in src or src.startswith(("data:", "//"))


def group_variants(products: Iterator[Product]) -> Iterator[Product]:
    """Merge rows that share a parent_sku into one product with one variant per row.

    Wing and Shopify-style sheets list one row per option; the first row of a group carries
    the product, every row (the first included) becomes a Variant.
    """
    groups: dict[str, Product] = {}
    order: list[Product] = []
    for product in products:
        parent = product.parent_sku
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
        product.sku = parent
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
