"""Validate a catalog file on every core: the entry point of ``klisting validate``.

The work runs in the columnar engine (``klisting.validate.columnar``): polars parses the CSV
and evaluates each check's screen on its own thread pool, so one process uses every core and
no rows are copied between processes. (An earlier version forked workers that each parsed the
whole file; on the 2-core machine it was no faster than one process.) ``jobs`` caps polars'
threads when it is given before polars is first imported, as it is in the CLI.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from klisting.markets.targets import Target
from klisting.model import Report


def validate_file(
    path: str | Path,
    targets: Iterable[Target] = (),
    *,
    select: Iterable[str] = (),
    ignore: Iterable[str] = (),
    jobs: int | None = None,
    **read_options: Any,
) -> Report:
    """Read and validate ``path``; equals ``validate_catalog(read_catalog(path), targets, ...)``."""
    if jobs and "polars" not in sys.modules:
        os.environ.setdefault("POLARS_MAX_THREADS", str(max(1, jobs)))
    from klisting.validate.columnar import validate_path

    return validate_path(path, targets, select=select, ignore=ignore, **read_options)
