"""Shared fixtures: every test builds the files it needs under tmp_path."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest

# Tests never touch the user's model dir: each test session gets an empty one.
os.environ["KLISTING_HOME"] = tempfile.mkdtemp(prefix="klisting-home-")
# Tests serve images from a local HTTP server; klisting refuses loopback hosts unless allowed
# (klisting.infra.netpolicy). tests/hostile/ removes this to check the refusal itself.
os.environ["KLISTING_ALLOW_HOSTS"] = "127.0.0.1,localhost"

REPO = Path(__file__).resolve().parents[1]
SAMPLES = REPO / "sample_catalogs"


@pytest.fixture
def write_csv(tmp_path: Path):
    """Write rows (lists) as a CSV file in the given encoding and return its path."""
    import csv
    import io

    def _write(
        rows: list[list[object]],
        name: str = "catalog.csv",
        encoding: str = "utf-8",
        delimiter: str = ",",
    ) -> Path:
        buffer = io.StringIO()
        csv.writer(buffer, delimiter=delimiter, lineterminator="\n").writerows(rows)
        path = tmp_path / name
        path.write_bytes(buffer.getvalue().encode(encoding))
        return path

    return _write
