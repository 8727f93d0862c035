"""Validation: run the registered checks over a catalog, once per target, into one Report."""

from __future__ import annotations

import fnmatch
from collections.abc import Iterable

from klisting.catalog.profiles import READER_FIELDS
from klisting.markets.targets import Target
from klisting.model import Catalog, Finding, Report
from klisting.validate import (  # noqa: F401  (register)
    checks_catalog,
    checks_commerce,
    checks_media,
    checks_text,
    checks_values,  # noqa: F401  (register)
)
from klisting.validate.checks_catalog import reader_findings
from klisting.validate.registry import CATALOG_CHECKS, PRODUCT_CHECKS, CheckContext, Code

#: Fields every catalog needs whatever the target.
BASE_REQUIRED = frozenset({"sku", "title", "price"})


def validate_catalog(
    catalog: Catalog,
    targets: Iterable[Target] = (),
    *,
    select: Iterable[str] = (),
    ignore: Iterable[str] = (),
    product_checks: bool = True,
    catalog_checks: bool = True,
) -> Report:
    """Check ``catalog`` without a target, then against each target's limits.

    Args:
        catalog: what ``read_catalog`` returned.
        targets: platform:market targets whose limits and required fields apply.
        select: only keep codes matching these patterns (``price.*`` style globs or prefixes).
        ignore: drop codes matching these patterns.
        product_checks: run the per-product checks (a parallel run splits them across workers).
        catalog_checks: run the catalog-wide checks and report the reader's notes.
    """
    targets = list(targets)
    report = Report(
        source=catalog.path, products=len(catalog.products), targets=[t.id for t in targets]
    )
    present = {READER_FIELDS.get(f, f) for f in catalog.mapping.values()}
    kept: dict[tuple, Finding] = {}
    for target in [None, *targets]:
        required = BASE_REQUIRED | frozenset(target.platform.required if target else ())
        ctx = CheckContext(
            catalog=catalog,
            target=target,
            required=required,
            absent_columns=frozenset(_all_fields() - present),
        )
        for finding in _run(catalog, ctx, target is None, product_checks, catalog_checks):
            key = (finding.code, finding.row, finding.field, finding.message)
            earlier = kept.get(key)
            if earlier is None or finding.severity.rank > earlier.severity.rank:
                kept[key] = finding
    report.findings = [f for f in kept.values() if _wanted(f.code, select, ignore)]
    report.findings.sort(key=lambda f: (f.row or 0, -f.severity.rank, f.code))
    return report


def _run(
    catalog: Catalog, ctx: CheckContext, first_pass: bool, per_product: bool, catalog_wide: bool
) -> Iterable[Finding]:
    if catalog_wide:
        if first_pass:
            yield from reader_findings(catalog, ctx)
        for check in CATALOG_CHECKS:
            yield from check(catalog, ctx)
    if per_product:
        checks = PRODUCT_CHECKS
        for product in catalog.products:
            for check in checks:
                yield from check(product, ctx)


def _all_fields() -> set[str]:
    from klisting.model import CANONICAL_FIELDS

    return set(CANONICAL_FIELDS)


def _matches(code: str, patterns: Iterable[str]) -> bool:
    return any(
        fnmatch.fnmatch(code, p) or code == p or code.startswith(p.rstrip(".*") + ".")
        for p in patterns
    )


def _wanted(code: str, select: Iterable[str], ignore: Iterable[str]) -> bool:
    select, ignore = list(select), list(ignore)
    if select and not _matches(code, select):
        return False
    return not (ignore and _matches(code, ignore))


def code_catalog() -> list[Code]:
    """Every finding code of the program, sorted: the source of README's code table."""
    from klisting.model.codes import catalog

    return catalog()


__all__ = ["BASE_REQUIRED", "code_catalog", "validate_catalog"]
