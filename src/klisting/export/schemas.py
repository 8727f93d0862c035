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


def check_payloads(spec: PlatformSpec, folder: Path, target: str) -> tuple[str, list[Finding]]:
    """Validate every JSON listing file in ``folder``; returns (status, findings).

    status is "passed", "failed", or "none" when the platform's files are not JSON payloads
    (CSV/XLSX uploads have no request schema).
    """
    findings: list[Finding] = []
    checked = False
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
    return ("failed" if findings else "passed") if checked else "none", findings
