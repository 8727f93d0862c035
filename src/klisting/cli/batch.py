"""``klisting batch``: many project files (an agency's clients) through one executor.

Each client is a full ``klisting run`` of its own klisting.yaml (its catalog, targets, work dir
and bundles), one after another on one shared executor: one local Dask cluster (or one
existing scheduler) for all of them, or one thread pool. Content-addressed caches are shared
wherever clients point at the same work dir. A client that fails (unreadable catalog, bad
project file, a bug) is reported in the summary and the others still run.
"""

from __future__ import annotations

import time
import traceback
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import typer

from klisting.cli.output import FORMAT_OPTION, OutputFormat, print_json, stderr, stdout
from klisting.errors import ExitCode, KlistingError, UsageError


@dataclass
class ClientResult:
    """One project file's outcome: its run's figures, or why it did not run."""

    project: str
    seconds: float = 0.0
    products: int = 0
    exported: int = 0
    refused: int = 0
    bundles: list[str] = field(default_factory=list)
    exit_code: int = ExitCode.OK
    error: str = ""

    def to_json(self) -> dict[str, Any]:
        return {
            "project": self.project,
            "seconds": round(self.seconds, 3),
            "products": self.products,
            "exported": self.exported,
            "refused": self.refused,
            "bundles": self.bundles,
            "exit_code": int(self.exit_code),
            "error": self.error or None,
        }


class ClientHook:
    """Progress for one client inside the batch's single display: one bar per stage."""

    def __init__(self, progress: Any, client: str) -> None:
        self.progress, self.client = progress, client
        self.tasks: dict[str, Any] = {}

    def stage(self, name: str, total: int) -> Any:
        task = self.progress.add_task(f"{self.client}: {name}", total=max(total, 1))
        self.tasks[name] = task
        return lambda n=1: self.progress.advance(task, n)

    def done(self, name: str) -> None:
        task = self.tasks.pop(name, None)
        if task is not None:
            self.progress.remove_task(task)


def batch_command(
    projects: list[Path] = typer.Argument(
        ...,
        help="Project files (klisting.yaml) or folders holding one, e.g. clients/*/klisting.yaml.",
    ),
    executor: str = typer.Option(
        "thread", "--executor", help="thread (default) or dask (a local cluster, or --scheduler)."
    ),
    scheduler: str | None = typer.Option(
        None,
        "--scheduler",
        help="An existing Dask scheduler, tcp://host:8786 (default: $KLISTING_DASK_SCHEDULER).",
    ),
    jobs: int | None = typer.Option(None, "--jobs", "-j", min=1, help="Threads (thread executor)."),
    no_images: bool = typer.Option(False, "--no-images", help="Text only, for every client."),
    work_dir: Path | None = typer.Option(
        None,
        "--work-dir",
        help="One work dir for every client: the content-addressed cache (and translation memory) "
        "is shared wherever content is the same. Default: each project's own.",
    ),
    fmt: OutputFormat = FORMAT_OPTION,
) -> None:
    """Run every client's project through one executor; a summary table (or --format json).

    Exit 0 when every client ran and exported everything, 1 when a client refused products or
    failed.
    """
    from klisting.cli.output import progress
    from klisting.infra.executor import make_executor

    if not projects:
        raise UsageError("no project files", hint="klisting batch clients/*/klisting.yaml")
    results: list[ClientResult] = []
    with (
        make_executor(executor, jobs=jobs or 2, scheduler=scheduler) as shared,
        progress() as bar,
    ):
        overall = bar.add_task(f"batch ({shared.kind})", total=len(projects))
        for project in projects:
            results.append(
                run_client(project, shared, bar, images=not no_images, work_dir=work_dir)
            )
            bar.advance(overall, 1)
    if fmt is OutputFormat.json:
        print_json({"executor": executor, "clients": [r.to_json() for r in results]})
    else:
        print_summary(results)
    worst = max((r.exit_code for r in results), default=ExitCode.OK)
    raise typer.Exit(ExitCode.FINDINGS if worst else ExitCode.OK)


def run_client(
    project: Path, executor: Any, bar: Any, *, images: bool, work_dir: Path | None = None
) -> ClientResult:
    """One client's run; its failure becomes the result's error, never the batch's."""
    from klisting.pipeline.project_options import build_options
    from klisting.pipeline.run import run

    outcome = ClientResult(str(project))
    start = time.perf_counter()
    try:
        options = build_options(
            None, None, project, images=None if images else False, work_dir=work_dir
        )
        result = run(options, ClientHook(bar, _client_name(project)), executor=executor)
    except KlistingError as error:
        outcome.exit_code, outcome.error = error.exit_code, error.message
    except Exception as error:  # a bug in one client's run must not stop the others
        outcome.exit_code = ExitCode.INTERNAL
        outcome.error = f"internal error: {error!r}"
        stderr.print("".join(traceback.format_exception(error)), highlight=False, markup=False)
    else:
        outcome.products = len(result.catalog.products) if result.catalog else 0
        outcome.exported, outcome.refused = result.exported, result.refused
        outcome.bundles = [str(b.zip_path) for b in result.bundles]
        outcome.exit_code = result.exit_code
    outcome.seconds = time.perf_counter() - start
    return outcome


def _client_name(project: Path) -> str:
    """clients/acme/klisting.yaml -> acme (the folder names the client)."""
    path = Path(project)
    return path.parent.name if path.suffix in (".yaml", ".yml") else path.name


def print_summary(results: list[ClientResult]) -> None:
    from rich.markup import escape
    from rich.table import Table

    table = Table(title="batch")
    for column in ("client", "products", "exported", "refused", "seconds", "exit", "error"):
        table.add_column(column)
    for r in results:
        table.add_row(
            escape(_client_name(Path(r.project))),
            str(r.products),
            str(r.exported),
            str(r.refused),
            f"{r.seconds:.1f}",
            str(int(r.exit_code)),
            escape(r.error),
        )
    stdout.print(table)


def register(app: typer.Typer) -> None:
    app.command("batch")(batch_command)
