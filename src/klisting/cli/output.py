"""Shared CLI output: stderr console for humans, stdout for data, and the --format option."""

from __future__ import annotations

import json
import sys
from enum import StrEnum
from typing import TYPE_CHECKING, Any

import typer

if TYPE_CHECKING:
    from rich.console import Console


class LazyConsole:
    """A rich Console made on first use: a command that writes only JSON (validate --format
    json in CI) never imports rich, which is a tenth of its start-up."""

    def __init__(self, **options: Any) -> None:
        self._options = options
        self._console: Console | None = None

    @property
    def console(self) -> Console:
        if self._console is None:
            from rich.console import Console

            self._console = Console(**self._options)
        return self._console

    def __getattr__(self, name: str) -> Any:  # only for what the instance itself lacks
        return getattr(self.console, name)


#: Human messages and progress go to stderr so stdout stays machine-readable.
stderr = LazyConsole(stderr=True, soft_wrap=True)
#: Data (tables, JSON) goes to stdout.
stdout = LazyConsole(soft_wrap=True)


class OutputFormat(StrEnum):
    table = "table"
    json = "json"


FORMAT_OPTION = typer.Option(
    OutputFormat.table, "--format", "-f", help="table for people, json for machines."
)


def print_json(data: Any) -> None:
    """Write ``data`` as JSON to stdout (UTF-8, Korean unescaped)."""
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2, default=str))
    sys.stdout.write("\n")
    sys.stdout.flush()


def progress() -> Any:
    """A rich progress bar on stderr; hidden when stderr is not a terminal and not forced."""
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeElapsedColumn,
        TimeRemainingColumn,
    )

    return Progress(
        TextColumn("[bold]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        TimeRemainingColumn(),
        console=stderr.console,
        transient=False,
    )
