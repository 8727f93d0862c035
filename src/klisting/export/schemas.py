"""Check a bundle's JSON payloads against the JSON Schemas in schemas/ (written from the public API docs).

Run on every bundle when jsonschema is installed; a violation is an error finding naming the
file and the JSON path, so a payload the API would refuse never passes silently.
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path
from typing import Any

from klisting.markets.platforms import PlatformSpec
from klisting.model import Finding, Severity

#: schemas/ beside configs/ at the repository root
SCHEMA_DIR = Path(__file__).resolve().parents[3] / "schemas"


@lru_cache(maxsize=32)
def _validator(name: str) -> Any:
    from jsonschema import Draft202012Validator

    return Draft202012Validator(json.loads((SCHEMA_DIR / name).read_text(encoding="utf-8")))


def check_payloads(spec: PlatformSpec, folder: Path, target: str) -> tuple[str, list[Finding]]:
    """Validate every JSON listing file in ``folder``; returns (status, findings).

    status is "passed", "failed" or "skipped" (jsonschema not installed or no schema).
    """
    try:
        import jsonschema  # noqa: F401
    except ImportError:
        return "skipped", []
    findings: list[Finding] = []
    checked = False
    for listing in spec.files:
        if not listing.schema_name or not (SCHEMA_DIR / listing.schema_name).is_file():
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
                    Finding(
                        "export.schema-violation",
                        Severity.ERROR,
                        f"{file.relative_to(folder).as_posix()} at {where}: {error.message[:200]}",
                        f"The payload breaks {listing.schema_name}; fix the product's data (or the writer) and run again.",
                        field=listing.name,
                        target=target,
                        file=file.name,
                    )
                )
    return ("failed" if findings else "passed") if checked else "skipped", findings
