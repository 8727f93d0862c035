"""Options shared by the commands that read a catalog."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import typer

CATALOG_ARG = typer.Argument(
    ..., help="Catalog file: CSV, TSV, XLSX, XLS, JSON or JSON Lines.", show_default=False
)
PROFILE_OPTION = typer.Option(
    None,
    "--profile",
    "-p",
    help="Source profile (smartstore, wing, cafe24, esm, elevenst, generic); detected from the "
    "headers when omitted (or taken from source.profile in klisting.yaml).",
)
SHEET_OPTION = typer.Option(
    None,
    "--sheet",
    help="Workbook sheet to read. When omitted, the sheet whose header row holds the most known "
    "column names (상품명, 판매가 ...) is read, so a leading guide sheet is skipped; on a tie, "
    "the first sheet.",
)
ENCODING_OPTION = typer.Option(
    None, "--encoding", help="Text encoding (utf-8, cp949, utf-16 ...); detected when omitted."
)
TARGET_OPTION = typer.Option(
    None, "--target", "-t", help="platform:market, e.g. shopee:tw (repeatable)."
)
MAP_OPTION = typer.Option(
    None,
    "--map",
    "-m",
    help="Force a column's field: 'HEADER=FIELD', e.g. '상세 HTML=description' or "
    "'브랜드 ID=attribute' (repeatable; overrides source.column_map in klisting.yaml).",
)


def parse_map(items: list[str] | None) -> dict[str, str]:
    """``['상세=description']`` -> ``{'상세': 'description'}``; UsageError for a malformed item."""
    from klisting.errors import UsageError

    result: dict[str, str] = {}
    for item in items or []:
        header, sep, field_name = item.rpartition("=")
        if not sep or not header.strip() or not field_name.strip():
            raise UsageError(
                f"--map '{item}': write it as HEADER=FIELD",
                hint="For example: --map '상세설명 HTML=description'.",
            )
        result[header.strip()] = field_name.strip()
    return result


def read_options(
    profile: str | None,
    sheet: str | None,
    encoding: str | None,
    mapping: list[str] | None = None,
) -> dict[str, Any]:
    """Reader options from the CLI, completed by the ``source`` section of klisting.yaml."""
    from klisting.catalog.profiles import check_column_map

    source = _project_source()
    column_map = dict(source.column_map) if source else {}
    column_map.update(check_column_map(parse_map(mapping), "--map"))
    return {
        "profile": profile or (source.profile if source else None),
        "sheet": sheet or (source.sheet if source else None),
        "encoding": encoding,
        "column_map": column_map or None,
        "image_base": source.image_base if source else None,
    }


def _project_source() -> Any:
    """The ``source`` section of the nearest klisting.yaml, or None.

    The file is looked for before ``klisting.project`` is imported: building its models costs
    more start-up time than a small validate takes, and most runs have no project file.
    """
    here = Path.cwd().resolve()
    if not any((directory / "klisting.yaml").is_file() for directory in (here, *here.parents)):
        return None
    from klisting.project import find_project, load_project

    path = find_project()
    return load_project(path).source if path else None


def read(
    path: Path,
    profile: str | None,
    sheet: str | None,
    encoding: str | None,
    limit: int | None = None,
    mapping: list[str] | None = None,
):
    """Read a catalog with the CLI's options (keeps imports out of CLI start-up)."""
    from klisting.catalog import read_catalog

    return read_catalog(path, limit=limit, **read_options(profile, sheet, encoding, mapping))
