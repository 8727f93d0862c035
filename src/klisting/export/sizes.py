"""Korean sizes in option values converted for the target market (through ``klisting.units.sizes``).

A Korean women's 55 or a 240 (mm) shoe means nothing to a US buyer. Values of a size axis are
converted with the units layer and written as ``<market size> (KR <korean size>)``, so the
Korean size stays visible; when a size on the axis is not decided by the charts (sources
disagree, gender unknown, off the table) the whole axis stays in Korean sizes and is flagged:
never guessed, and never two size systems on one axis.
"""

from __future__ import annotations

import re

from klisting.export.model import LocalizedProduct
from klisting.model import Finding, Severity
from klisting.model.codes import Code, declare, finding
from klisting.units.sizes import SizeResult, convert_apparel, shoe_size_for_market

declare(
    Code(
        "export.size-unconverted",
        Severity.WARNING,
        "options",
        "A Korean size could not be converted for the market and is listed as written",
        "Add a measurement chart (cm, plus inches for the US), or set the product's gender, "
        "so buyers can pick a size.",
    ),
    Code(
        "export.size-converted",
        Severity.INFO,
        "options",
        "Korean sizes converted for the market in option values (Korean size kept)",
        "Check the converted sizes against the brand's own size chart.",
    ),
)

_SIZE_AXIS = re.compile(
    r"size|사이즈|치수|サイズ|尺寸|尺碼|尺码|talla|taille|größe|ukuran|kích", re.I
)
_SHOE_MM = re.compile(r"^(2[0-9]{2}|3[0-2][0-9])\s*(mm)?$", re.I)
_KR_APPAREL = re.compile(r"^(44|55|66|77|88|85|90|95|100|105|110)(\s*(사이즈|호))?$")


def convert_sizes(product: LocalizedProduct, market: str, target: str) -> list[Finding]:
    """Rewrite the size axis values of ``product`` for ``market`` in place; returns findings."""
    findings: list[Finding] = []
    gender = _gender(product)
    for index, (name, values) in enumerate(product.options):
        if not _SIZE_AXIS.search(name) or not values:
            continue
        convert = _converter(values)
        if convert is None:
            continue
        mapping: dict[str, str] = {}
        unresolved: list[str] = []
        for value in values:
            result = convert(value, market, gender)
            if result.value is None:
                unresolved.append(
                    value + (f" ({' or '.join(result.candidates)})" if result.candidates else "")
                )
            elif result.system != "kr" and result.value != value:
                mapping[value] = f"{result.value} (KR {value})"
        if unresolved:
            # one axis, one size system: "250" next to "41 (KR 260)" would read as two charts
            mapping = {}
        product.options[index] = (name, [mapping.get(v, v) for v in values])
        for variant in product.variants:
            if name in variant.options:
                variant.options[name] = mapping.get(variant.options[name], variant.options[name])
        if unresolved:
            findings.append(finding(
                "export.size-unconverted",
                f"{name}: {', '.join(unresolved)} not decided for {target}; the axis keeps Korean sizes",
                sku=product.sku, row=product.row, target=target))  # fmt: skip
        if mapping:
            shown = ", ".join(f"{k} -> {v}" for k, v in list(mapping.items())[:4])
            findings.append(finding(
                "export.size-converted", f"{name}: {shown}", sku=product.sku, row=product.row,
                target=target))  # fmt: skip
    return findings


def _converter(values: list[str]):  # type: ignore[no-untyped-def]
    """Shoe (all values mm lengths) or Korean apparel (all values 44..110) conversion, or None."""
    cleaned = [v.strip() for v in values]
    if all(_SHOE_MM.match(v) for v in cleaned):
        return lambda v, m, g: _shoe(v, m, g)
    if all(_KR_APPAREL.match(v) for v in cleaned):
        return lambda v, m, g: convert_apparel(v, m, gender=g)
    return None


def _shoe(value: str, market: str, gender: str | None) -> SizeResult:
    return shoe_size_for_market(value, market, gender=gender)


def _gender(product: LocalizedProduct) -> str | None:
    from klisting.units.sizes import normalize_gender

    for key, value in product.attributes.items():
        if key.lower() in ("gender", "성별", "대상"):
            try:
                return normalize_gender(value)
            except ValueError:
                return None
    return None
