"""Check a bundle's JSON payloads against the JSON Schemas in data/schemas/ (written from the public API docs).

Run on every bundle; a violation is an error finding naming the file and the JSON path, so a
payload the API would refuse never passes silently. A platform config that names a schema the
package does not have is a broken install, raised as an error (never reported as "skipped").
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path
from typing import Any

from klisting.errors import DependencyError
from klisting.markets.platforms import PlatformSpec
from klisting.model import Finding, Severity
from klisting.model.codes import Code, declare, finding
from klisting.paths import schema_dir

declare(
    Code(
        "export.schema-violation",
        Severity.ERROR,
        None,
        "A listing payload breaks the platform's published request schema",
        "The payload breaks the platform's schema; fix the product's data (or the writer) and run again.",
    )
)


@lru_cache(maxsize=32)
def _validator(name: str) -> Any:
    from jsonschema import Draft202012Validator

    path = schema_dir() / name
    if not path.is_file():
        raise DependencyError(
            f"the JSON Schema {name} that the platform config names is missing from {path.parent}",
            "Reinstall klisting; its bundled schemas are incomplete.",
        )
    return Draft202012Validator(json.loads(path.read_text(encoding="utf-8")))


def check_payloads(
    spec: PlatformSpec, folder: Path, target: str, needed: set[str] | frozenset[str] = frozenset()
) -> tuple[str, list[Finding]]:
    """Validate every JSON listing file in ``folder``; returns (status, findings).

    status is "passed", "failed", "incomplete" (the only violations are required fields the
    manifest names as needs: ``needed`` holds their names), or "none" when the platform's
    files are not JSON payloads (CSV/XLSX uploads have no request schema).
    """
    findings: list[Finding] = []
    checked = incomplete = False
    for listing in spec.files:
        if not listing.schema_name:
            continue
        path = folder / listing.name
        for file in (
            sorted(path.glob("*.json")) if path.is_dir() else [path] if path.is_file() else []
        ):
            checked = True
            for error in _validator(listing.schema_name).iter_errors(
                json.loads(file.read_text(encoding="utf-8"))
            ):
                if _is_need(error, needed):
                    incomplete = True
                    continue
                where = "/".join(str(part) for part in error.absolute_path) or "(top)"
                findings.append(
                    finding(
                        "export.schema-violation",
                        f"{file.relative_to(folder).as_posix()} breaks {listing.schema_name} at {where}: {error.message[:200]}",
                        field=listing.name,
                        target=target,
                        file=file.name,
                    )
                )
    if not checked:
        return "none", findings
    return ("failed" if findings else "incomplete" if incomplete else "passed"), findings


def _is_need(error: Any, needed: set[str] | frozenset[str]) -> bool:
    """True for a "required property" error whose missing properties are all named as needs.

    An ``anyOf`` of alternatives (a GTIN or an exemption) is a need when one alternative is.
    """
    if error.validator == "anyOf":
        return any(_is_need(sub, needed) for sub in error.context or [])
    if error.validator != "required" or not isinstance(error.instance, dict):
        return False
    missing = [name for name in error.validator_value if name not in error.instance]
    return bool(missing) and all(_need_name(name, needed) for name in missing)


def _need_name(name: str, needed: set[str] | frozenset[str]) -> bool:
    # needs name nested fields by their path (sourcing_trade.moq, brand.brand_id)
    return name in needed or any(n.split(".")[-1] == name or n.endswith("." + name) for n in needed)
