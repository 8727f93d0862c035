"""Checks on images, quantities (weight, volume, dimensions) and options."""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from functools import lru_cache
from typing import TYPE_CHECKING

from klisting.catalog.profiles import READER_FIELDS
from klisting.model import Finding, Product, Severity
from klisting.units import Measure, parse_measure
from klisting.validate.registry import CheckContext, Code, product_check

if TYPE_CHECKING:
    import polars as pl

    from klisting.validate.exprs import Cell

E, W = Severity.ERROR, Severity.WARNING

# scheme://host[:port][/path...]: no spaces, a non-empty host.
_HTTP_URL = re.compile(r"https?://[^\s/?#@]+(?::\d+)?(?:[/?#]\S*)?", re.IGNORECASE)

_EXPECTED_KIND = {"weight": ("mass",), "volume": ("volume",), "dimensions": ("dimensions",)}


_IMAGE_FIELDS = ("image_main", "image_extra", "image_detail")


def _images_screen(ctx: CheckContext, cell: Cell) -> pl.Expr:
    """Rows whose image cells are not all plain http(s) URLs separated by |, or too many/none.

    A plain URL (ASCII scheme, no whitespace or list separator) is one image that
    ``_check_image_ref`` accepts; anything else (local paths, lists, JSON) goes to the function.
    """
    import polars as pl

    from klisting.validate.exprs import SPACE, any_of

    url = rf"[hH][tT][tT][pP][sS]?://[^{SPACE}/?#@|,;\[]+(?::[0-9]+)?(?:[/?#][^{SPACE}|,;\[]*)?"
    plain = rf"^{url}(?:\|{url})*$"
    cells = [cell(name) for name in _IMAGE_FIELDS]
    unclear = any_of(c.is_not_null() & ~c.str.contains(plain).fill_null(False) for c in cells)
    count = pl.sum_horizontal(
        pl.when(c.is_null()).then(0).otherwise(c.str.count_matches(r"\|") + 1) for c in cells
    )
    mask = unclear | ((count == 0) & pl.lit("images" not in ctx.absent_columns))
    limit = ctx.target.platform.images.max_count if ctx.target else None
    return mask | (count > limit) if limit else mask


@product_check(
    Code(
        "images.missing",
        E,
        "images",
        "A product has no image.",
        "Add a main image (대표이미지) as an http(s) URL or a local path.",
    ),
    Code(
        "images.bad-scheme",
        E,
        "images",
        "An image reference is neither http(s) nor a local path.",
        "Use an http:// or https:// URL or a file path; ftp:, data: and other schemes are not fetched.",
    ),
    Code(
        "images.bad-url",
        E,
        "images",
        "An image URL is malformed.",
        "Check the URL: it needs a host, e.g. https://shop.example/img/1.jpg.",
    ),
    Code(
        "images.file-missing",
        E,
        "images",
        "A local image file does not exist.",
        "Local image paths are relative to the catalog file; check the path and file name.",
    ),
    Code(
        "images.file-unreadable",
        E,
        "images",
        "A local image file cannot be read.",
        "Check the file's permissions.",
    ),
    Code(
        "images.outside-folder",
        E,
        "images",
        "A local image path leads outside the catalog's folder; it is not read.",
        "Put the image in the catalog's folder (or a subfolder), or allow its folder in "
        "klisting.yaml under safety: image_roots.",
    ),
    Code(
        "images.too-many",
        W,
        "images",
        "More images than the target accepts; the extra ones are dropped.",
        "Order images by importance; only the first ones are exported.",
        needs_target=True,
    ),
    screen=_images_screen,
)
def check_images(product: Product, ctx: CheckContext) -> Iterator[Finding]:
    if "images" in product.problems:  # refused while reading (klisting.infra.confine)
        yield ctx.finding("images.outside-folder", product, product.problems["images"])
    if not product.images:
        if "images" in product.problems:
            return
        if "images" not in ctx.absent_columns:
            yield ctx.finding("images.missing", product, f"row {product.row} has no image")
        return
    for image in product.images:
        yield from _check_image_ref(image.src, product, ctx)
    if (
        ctx.target
        and ctx.target.platform.images.max_count
        and len(product.images) > ctx.target.platform.images.max_count
    ):
        yield ctx.finding(
            "images.too-many",
            product,
            f"{len(product.images)} images; {ctx.target.id} takes {ctx.target.platform.images.max_count}",
        )


def _check_image_ref(src: str, product: Product, ctx: CheckContext) -> Iterator[Finding]:
    scheme = src.split("://", 1)[0].lower() if "://" in src else ""
    if scheme in ("http", "https"):
        if not _HTTP_URL.fullmatch(src):
            yield ctx.finding("images.bad-url", product, f"image URL '{src}' is malformed")
        return
    if scheme or src.startswith(("data:", "//", "javascript:")):
        yield ctx.finding(
            "images.bad-scheme", product, f"image '{src[:80]}' uses an unsupported scheme"
        )
        return
    if not os.path.exists(src):
        yield ctx.finding("images.file-missing", product, f"image file '{src}' does not exist")
    elif not os.access(src, os.R_OK) or os.path.isdir(src):
        yield ctx.finding("images.file-unreadable", product, f"image file '{src}' cannot be read")


@product_check(
    Code(
        "quantity.unparseable",
        E,
        None,
        "A weight, volume or dimensions cell cannot be read as a quantity.",
        "Write a number with a unit: 1.2kg, 500g, 500ml, 30x20x10cm.",
    ),
    Code(
        "quantity.not-positive",
        E,
        None,
        "A weight, volume or dimensions value is zero or negative.",
        "Enter the real value; shipping and customs use it.",
    ),
    Code(
        "quantity.wrong-kind",
        E,
        None,
        "The unit does not fit the field (a volume in the weight column, say).",
        "Put weights in the weight column (g, kg), volumes in volume (ml, L), sizes in dimensions (cm).",
    ),
    Code(
        "quantity.missing",
        E,
        None,
        "The target needs this quantity and the product has none.",
        "Fill in the weight (and dimensions where named) for shipping.",
        needs_target=True,
    ),
    inputs=tuple(_EXPECTED_KIND),  # cells repeat (500g, 1kg): one parse per distinct cell
)
def check_quantities(product: Product, ctx: CheckContext) -> Iterator[Finding]:
    for name, kinds in _EXPECTED_KIND.items():
        text = getattr(product, name)
        if not text:
            if name in ctx.required and name not in ctx.absent_columns:
                yield ctx.finding(
                    "quantity.missing", product, f"{ctx.target} requires {name}", field=name
                )
            continue
        measure, error = _measure(text)
        if error:
            code = "quantity.not-positive" if "negative" in error else "quantity.unparseable"
            yield ctx.finding(code, product, f"{name}: {error}", field=name)
            continue
        if measure is None:
            continue
        if measure.kind not in kinds and not (name == "dimensions" and measure.kind == "length"):
            yield ctx.finding(
                "quantity.wrong-kind", product, f"{name} '{text}' is a {measure.kind}", field=name
            )
        elif min(measure.values) <= 0:
            yield ctx.finding(
                "quantity.not-positive", product, f"{name} '{text}' is zero", field=name
            )


@lru_cache(maxsize=8192)
def _measure(text: str) -> tuple[Measure | None, str | None]:
    """parse_measure's outcome, error included: weight and volume cells repeat across a catalog."""
    try:
        return parse_measure(text), None
    except ValueError as exc:
        return None, str(exc)


@product_check(
    Code(
        "options.unparseable",
        E,
        "options",
        "The option cell cannot be read.",
        "Write options as 색상:블랙,화이트/사이즈:S,M,L or fill 옵션명 and 옵션값 with the same number of groups.",
    ),
    Code(
        "options.empty-axis",
        E,
        "options",
        "An option has a name but no values.",
        "Add the values of the option or remove it.",
    ),
    Code(
        "options.duplicate-value",
        W,
        "options",
        "An option lists the same value twice.",
        "Remove the repeated value.",
    ),
    Code(
        "options.too-many-axes",
        E,
        "options",
        "More option axes than the target allows.",
        "Merge options (e.g. color-size into one) or split the product.",
        needs_target=True,
    ),
    Code(
        "options.too-many-values",
        E,
        "options",
        "An option has more values than the target allows.",
        "Split the product or drop rarely sold values.",
        needs_target=True,
    ),
    Code(
        "options.too-many-variants",
        E,
        "options",
        "More variants than the target allows.",
        "Split the product into several listings.",
        needs_target=True,
    ),
    Code(
        "options.name-too-long",
        W,
        "options",
        "An option name is longer than the target allows.",
        "Use a shorter option name such as Color or Size.",
        needs_target=True,
    ),
    Code(
        "options.value-too-long",
        W,
        "options",
        "An option value is longer than the target allows.",
        "Shorten the option value.",
        needs_target=True,
    ),
    # every reader field the builder turns into options and variants
    inputs=tuple(name for name, canonical in READER_FIELDS.items() if canonical == "options")
    + ("options",),
)
def check_options(product: Product, ctx: CheckContext) -> Iterator[Finding]:
    if "options" in product.problems:
        yield ctx.finding("options.unparseable", product, product.problems["options"])
        return
    for axis in product.options:
        if not axis.values:
            yield ctx.finding("options.empty-axis", product, f"option '{axis.name}' has no values")
        if len(set(axis.values)) != len(axis.values):
            repeated = sorted({value for value in axis.values if axis.values.count(value) > 1})
            yield ctx.finding(
                "options.duplicate-value",
                product,
                f"option '{axis.name}' repeats {', '.join(repeated)}",
            )
    if ctx.target is None or not product.options:
        return
    limits = ctx.target.platform.options
    target = ctx.target.id
    if limits.max_axes is not None and len(product.options) > limits.max_axes:
        yield ctx.finding(
            "options.too-many-axes",
            product,
            f"{len(product.options)} options; {target} allows {limits.max_axes}",
        )
    for axis in product.options:
        if limits.max_values_per_axis and len(axis.values) > limits.max_values_per_axis:
            yield ctx.finding(
                "options.too-many-values",
                product,
                f"option '{axis.name}' has {len(axis.values)} values; {target} allows {limits.max_values_per_axis}",
            )
        if limits.max_name_chars and len(axis.name) > limits.max_name_chars:
            yield ctx.finding(
                "options.name-too-long",
                product,
                f"option name '{axis.name}' exceeds {limits.max_name_chars} characters",
            )
        long_values = [
            value
            for value in axis.values
            if limits.max_value_chars and len(value) > limits.max_value_chars
        ]
        if long_values:
            yield ctx.finding(
                "options.value-too-long",
                product,
                f"option values over {limits.max_value_chars} characters: {', '.join(long_values[:3])}",
            )
    count = product.variant_count
    if limits.max_variants and count > limits.max_variants:
        yield ctx.finding(
            "options.too-many-variants",
            product,
            f"{count} variants; {target} allows {limits.max_variants}",
        )
