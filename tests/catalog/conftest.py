"""Tiny catalogs written with the real header sets of Korean templates (never stored copies)."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture
def write_xlsx(tmp_path: Path):
    """Write rows (lists of cells) to one sheet of an XLSX workbook and return its path."""
    from openpyxl import Workbook

    def _write(rows: list[list[object]], name: str = "catalog.xlsx", sheet: str = "data") -> Path:
        book = Workbook()
        page = book.active
        page.title = sheet
        for row in rows:
            page.append(row)
        path = tmp_path / name
        book.save(path)
        return path

    return _write
