"""Build canonical Products from a Table and a profile match."""

from __future__ import annotations

import os
from decimal import Decimal
from functools import lru_cache
from pathlib import Path
from typing import Any

from klisting.catalog import values as v
from klisting.catalog.mapping import MULTI_FIELDS
from klisting.catalog.profiles import READER_FIELDS, ProfileMatch
from klisting.catalog.tables import Table
from klisting.configfiles import load_yaml, per_config_dir
from klisting.model import ImageRef, Money, OptionAxis, Product, SourceLocation, Variant
from klisting.paths import config_dir
from klisting.units.geun import resolve_geun

_TEXT_FIELDS = (
    "sku", "parent_sku", "title", "title_en", "description", "brand", "manufacturer", "origin",
    "model", "barcode", "hs_code", "category", "material",
)  # fmt: skip
_QUANTITY_FIELDS = ("weight", "volume", "dimensions")
#: Option labels that mean "this item has no option" (Coupang Wing's price export).
_SINGLE_ITEM = frozenset({"단일상품", "단일 상품", "단품"})
#: Fields where 해당없음 / 없음 / N/A mean "none" (never a sku, title, price or stock value).
_NONE_FIELDS = (
    "brand", "manufacturer", "origin", "model", "barcode", "hs_code", "material", "title_en",
    "weight", "volume", "dimensions", "list_price", "origin_code",
)  # fmt: skip


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
        self,
        table: Table,
        match: ProfileMatch,
        path: Path,
        currency: str = "KRW",
        image_base: str | None = None,
    ) -> None:
        self.table = table
        self.image_base = image_base.rstrip("/") + "/" if image_base else None
        self.path = path
        self.currency = currency
        self.fields = match.fields  # column index -> field
        self.unmapped = [i for i, h in enumerate(table.headers) if i not in self.fields and h]
        #: unmapped columns seen non-empty, and per-column notes (column -> (code, message))
        self.filled_unmapped: set[int] = set()
        self.column_notes: dict[tuple[int, str], str] = {}
        by_letter = table.format in ("xlsx", "xls")
        # One columns dict shared by every product of the file: same layout on every row.
        self.columns: dict[str, str] = {}
        for index, field_name in sorted(match.fields.items()):
            canonical = READER_FIELDS.get(field_name, field_name)
            address = column_letter(index) if by_letter else table.headers[index]
            self.columns.setdefault(canonical, address)
        self.headers = table.headers
        self.file = str(path)
        self.base_dir = str(path.parent)
        # Precomputed per file so the per-row loop only does the work the columns call for.
        self.field_items = sorted((i, f) for i, f in match.fields.items() if f not in MULTI_FIELDS)
        self.multi_images = sorted(
            (i, f) for i, f in match.fields.items() if f in ("image_extra", "image_detail")
        )
        self.axis_columns = [
            (i, table.headers[i]) for i, f in sorted(match.fields.items()) if f == "option_axis"
        ]
        self.axis_pairs = _numbered_pairs(match)
        present = set(match.fields.values())
        self.text_fields = [name for name in _TEXT_FIELDS if name in present]
        self.none_fields = frozenset(_NONE_FIELDS)
        self.quantity_fields = [
            (name, v.header_unit(table.headers[i]), i, _KIND.get(name))
            for i, name in self.field_items
            if name in _QUANTITY_FIELDS
        ]
        self.has_images = bool(present & {"image_main", "image_extra", "image_detail"})
        self.has_options = bool(
            present
            & {"options", "option_names", "variant_option", "variant_option_name", "option_axis"}
        ) or bool(self.axis_pairs)
        self.rare_fields = bool(present & {"variant_option", "sku_fallback", "origin_code"})
        self.group_by = match.profile.group_by
        self.origin_codes = _origin_table(match.profile.origin_codes)
        self.origin_code_column = next(
            (i for i, f in match.fields.items() if f == "origin_code"), None
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

    def header_cell(self, index: int) -> str:
        """Where a column's header is: ``Sheet!C2``, or ``file.csv:1 (header)``."""
        if self.table.format in ("xlsx", "xls"):
            return f"{self.table.sheet}!{column_letter(index)}{self.table.header_row}"
        return f"{self.path.name}:{self.table.header_row} ({self.headers[index]})"

    def build(self, row_number: int, cells: list[Any]) -> Product:
        """One Product from one row."""
        product = self.stub(row_number)
        cell: dict[str, Any] = {}
        none_fields = self.none_fields
        for index, field_name in self.field_items:
            value = cells[index]
            if value is not None and value != "":
                if type(value) is str:
                    value = value.strip()
                    # 해당없음 / 없음 / N/A: the field is empty, not "해당없음"
                    if value in v.NONE_WORDS and field_name in none_fields:
                        continue
                cell[field_name] = value
        if self.rare_fields:
            self._rare_fields(product, cell)
        for name in self.text_fields:
            if name in cell:
                value = cell[name]
                setattr(product, name, value if type(value) is str else v.text(value))
        for name, unit, index, kind in self.quantity_fields:
            if name in cell:
                text = v.with_header_unit(v.text(cell[name]), unit)
                # The usual cell: weight/volume of the kind the column expects; dimensions
                # without a Korean unit (평). Anything else gets the closer look of _quantity.
                usual = not text.endswith(_KOREAN_UNITS) if kind is None else _kind(text) == kind
                if usual:
                    setattr(product, name, text)
                else:
                    self._quantity(product, name, text, index)
        if "price" in cell:
            self._money(product, cell["price"], "price")
        if "list_price" in cell:
            self._money(product, cell["list_price"], "list_price")
        if "stock" in cell:
            self._stock(product, cell["stock"])
        if self.has_images:
            self._images(product, cell, cells)
        if self.has_options:
            axis_cells = [
                (header, cells[i]) for i, header in self.axis_columns if cells[i] not in (None, "")
            ]
            self._options(product, cell, axis_cells)
            if self.axis_pairs:
                self._axis_pairs(product, cells)
        if "certifications" in cell:
            product.certifications = [
                c for c in v.split_list(cell["certifications"]) if not v.means_none(c)
            ]
        if self.group_by and self.group_by in cell:
            product.raw["group"] = v.text(cell[self.group_by])
        for index in self.unmapped:
            value = cells[index]
            if value is not None and value != "":
                product.attributes[self.headers[index]] = v.text(value)
                self.filled_unmapped.add(index)
        return product

    def _rare_fields(self, product: Product, cell: dict[str, Any]) -> None:
        """Fields only some templates have (kept out of the per-row path of the others)."""
        if v.text(cell.get("variant_option")) in _SINGLE_ITEM:  # Wing's 단일상품: no option
            del cell["variant_option"]
        if "sku" not in cell and "sku_fallback" in cell:  # Cafe24: 자체 상품코드, else 상품코드
            cell["sku"] = cell["sku_fallback"]
            if "sku" not in self.text_fields:
                product.sku = v.text(cell["sku"])
        if "origin_code" in cell:
            self._origin_code(product, v.text(cell["origin_code"]))

    def _origin_code(self, product: Product, code: str) -> None:
        """원산지코드 decoded from the profile's table; an unknown code stays an attribute."""
        name = self.origin_codes.get(code)
        if name is None and code.isdigit():
            # A numeric cell loses the leading zeros (0200037 -> 200037, 00 -> 0): put them back
            # only where that gives a listed code of that length.
            name = self.origin_codes.get(code.zfill(7)) or self.origin_codes.get(code.zfill(2))
        if name and not product.origin:
            product.origin = name
        elif not name:
            header = self.headers[self.origin_code_column or 0]
            product.attributes[header] = code
            self.column_notes[(self.origin_code_column or 0, "catalog.code-undecoded")] = code

    def _quantity(self, product: Product, name: str, text: str, index: int) -> None:
        """Set a weight/volume/dimensions text, reading 근/돈 and routing mass/volume by kind."""
        product.raw[name] = text
        korean = v.korean_quantity(text) if text.endswith(_KOREAN_UNITS) else None
        if korean:
            text = self._korean_quantity(product, name, text, korean)
            if not text:
                return
        if name in ("weight", "volume"):
            kind = _kind(text)
            other = "volume" if name == "weight" else "weight"
            if kind == _KIND[other]:
                self._other_kind(product, name, other, text, index)
                return
        setattr(product, name, text)

    def _korean_quantity(
        self, product: Product, name: str, text: str, korean: tuple[float, str]
    ) -> str:
        amount, unit = korean
        if unit == "돈" and name == "weight":
            return v.grams_text(amount * v.DON_GRAMS)
        if unit == "근" and name == "weight":
            kind = resolve_geun(product.category or None, None, product.title)
            if kind:
                return v.grams_text(amount * v.GEUN_GRAMS[kind])
            reason = f"'{text}': 1근 is 600 g for meat and 375 g for fruit and vegetables; category and title do not say which"
        else:
            reason = f"'{text}': {unit} is not a {name} unit klisting converts"
        product.problems[f"{name}_unit"] = reason
        product.attributes[self.headers[self._column_of(name)]] = text
        return ""

    def _other_kind(self, product: Product, name: str, other: str, text: str, index: int) -> None:
        """A mass under 용량 (or a volume under 중량): net content, not the column's field."""
        if other == "volume" and not product.volume:
            product.volume = text  # a volume is the product's volume whatever the header
            code = "catalog.volume-in-weight-column"
        else:
            # A net mass (용량 120g) is not the shipping weight: kept, never guessed into weight.
            product.attributes[self.headers[index]] = text
            code = "catalog.mass-in-volume-column"
        self.column_notes.setdefault((index, code), text)

    def _column_of(self, name: str) -> int:
        return next(i for i, f in self.field_items if f == name)

    def _money(self, product: Product, value: Any, name: str) -> None:
        product.raw[name] = v.text(value)
        try:
            amount = v.parse_price(value)
        except ValueError as exc:
            product.problems[name] = str(exc)
            return
        if amount is not None and not (name == "list_price" and amount == 0):
            # a list price of 0 (Cafe24's 소비자가 0.00) means "none", never a real price
            setattr(product, name, Money(amount, self.currency))

    def _stock(self, product: Product, value: Any) -> None:
        product.raw["stock"] = v.text(value)
        try:
            product.stock = v.parse_int(value)
        except ValueError as exc:
            product.problems["stock"] = str(exc)

    def _images(self, product: Product, cell: dict[str, Any], cells: list[Any]) -> None:
        if "image_main" in cell:
            for index, src in enumerate(v.split_list(cell["image_main"])):
                product.images.append(
                    ImageRef(src=self._resolve(src), role="main" if index == 0 else "extra")
                )
        for column, field_name in self.multi_images:
            value = cells[column]
            if value is None or value == "" or v.means_none(value):
                continue
            role = "extra" if field_name == "image_extra" else "detail"
            for src in v.split_list(value):
                product.images.append(ImageRef(src=self._resolve(src), role=role))

    def _resolve(self, src: str) -> str:
        if "://" in src or src.startswith(("data:", "//")):
            return src
        if self.image_base:  # the seller said where the shop's images live
            return self.image_base + src.lstrip("/")
        if src.startswith("/") or Path(src).is_absolute():
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
        deltas = v.split_option_list(cell.get("option_prices"))
        stocks = v.split_option_list(cell.get("option_stocks"))
        if not deltas and not stocks:
            return  # plain combinations are derived on demand (Product.variant_list)
        combos = v.combinations(axes)
        for label, values in (("option prices", deltas), ("option stocks", stocks)):
            if values and len(values) != len(combos):
                product.problems["option_lists"] = (
                    f"{len(values)} {label} for {len(combos)} option combinations; "
                    "they are not used"
                )
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

    def _axis_pairs(self, product: Product, cells: list[Any]) -> None:
        """Wing's 옵션유형N / 옵션값N: this row's own option values, one pair per axis."""
        parts = []
        for name_column, value_column in self.axis_pairs:
            name, value = v.text(cells[name_column]), v.text(cells[value_column])
            if value:
                parts.append(f"{name or '옵션' + str(len(parts) + 1)}:{value}")
        if parts:
            product.raw["variant_option"] = ",".join(parts)


def _numbered_pairs(match: ProfileMatch) -> list[tuple[int, int]]:
    """(name column, value column) of each numbered option pair (옵션유형1 + 옵션값1 ...)."""
    names = {match.number(i): i for i, f in match.fields.items() if f == "variant_axis_name"}
    values = {match.number(i): i for i, f in match.fields.items() if f == "variant_axis_value"}
    return [(names[n], values[n]) for n in sorted(values, key=lambda n: n or 0) if n in names]


_KIND = {"weight": "mass", "volume": "volume"}
_KOREAN_UNITS = ("근", "돈", "평")


@lru_cache(maxsize=8192)
def _kind(text: str) -> str | None:
    from klisting.units.measure import parse_measure

    try:
        measure = parse_measure(text)
    except ValueError:
        return None
    return measure.kind if measure else None


@per_config_dir
def _origin_table(name: str | None) -> dict[str, str]:
    if not name:
        return {}
    data = load_yaml(config_dir() / "sources" / "codes" / f"{name}.yaml") or {}
    return {str(code): str(country) for code, country in (data.get("codes") or {}).items()}
