"""Options shared by the commands that read a catalog."""

from __future__ import annotations

from pathlib import Path

import typer

CATALOG_ARG = typer.Argument(
    ..., help="Catalog file: CSV, TSV, XLSX, XLS, JSON or JSON Lines.", show_default=False
)
PROFILE_OPTION = typer.Option(
    None,
    "--profile",
    "-p",
    help="Source profile (smartstore, wing, cafe24, generic); detected when omitted.",
)
SHEET_OPTION = typer.Option(
    None, "--sheet", help="Workbook sheet to read; the first sheet when omitted."
)
ENCODING_OPTION = typer.Option(
    None, "--encoding", help="Text encoding (utf-8, cp949, utf-16 ...); detected when omitted."
)
TARGET_OPTION = typer.Option(
    None, "--target", "-t", help="platform:market, e.g. shopee:tw (repeatable)."
)


def read(
    path: Path,
    profile: str | None,
    sheet: str | None,
    encoding: str | None,
    limit: int | None = None,
):
    """Read a catalog with the CLI's options (keeps imports out of CLI start-up)."""
    from klisting.catalog import read_catalog

    return read_catalog(path, profile=profile, sheet=sheet, encoding=encoding, limit=limit)
