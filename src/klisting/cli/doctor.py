"""``klisting doctor``: tesseract, fonts, the detection model, translation models, work dir."""

from __future__ import annotations

from pathlib import Path

import typer

from klisting.cli.output import FORMAT_OPTION, OutputFormat, print_json, stderr, stdout
from klisting.errors import ExitCode

_STYLE = {
    "ok": "[green]ok[/green]",
    "warn": "[yellow]warn[/yellow]",
    "missing": "[bold red]missing[/bold red]",
}


def doctor_command(
    config: Path | None = typer.Option(
        None, "--config", "-c", help="Project file: check its targets' scripts and its work dir."
    ),
    target: list[str] | None = typer.Option(
        None,
        "--target",
        "-t",
        help="platform:market (repeatable): check only these targets' scripts.",
    ),
    work_dir: Path | None = typer.Option(
        None, "--work-dir", help="Directory that must be writable."
    ),
    fmt: OutputFormat = FORMAT_OPTION,
) -> None:
    """Check this machine. Exit 4 with the install command when something required is missing."""
    from klisting.markets.targets import parse_targets
    from klisting.onboarding.doctor import missing, run_checks
    from klisting.project import find_project, load_project

    project_path = config or find_project()
    project = load_project(project_path) if project_path else None
    target_ids = target or (project.targets if project and project.targets else None)
    markets = [parsed.market for parsed in parse_targets(target_ids)] if target_ids else None
    checks = run_checks(
        markets,
        work_dir or (project.work_dir if project else None),
        engine=project.engine if project else None,
    )
    absent = missing(checks)
    if fmt is OutputFormat.json:
        print_json({"ok": not absent, "checks": [check.to_json() for check in checks]})
    else:
        _table(checks)
    if absent:
        stderr.print(
            "[bold red]missing:[/bold red] "
            # a fix is a command or advice ("pass --work-dir ..."), so it is not called a command
            + "; ".join(f"{check.name}: {check.fix}" for check in absent),
            highlight=False,
        )
        raise typer.Exit(ExitCode.DEPENDENCY)


def _table(checks) -> None:
    from rich.table import Table

    table = Table(title="klisting doctor", title_justify="left")
    table.add_column("check", no_wrap=True)
    table.add_column("status", no_wrap=True)
    table.add_column("detail")
    table.add_column("fix")
    for check in checks:
        table.add_row(check.name, _STYLE[check.status], check.detail, check.fix)
    stdout.print(table)


def register(app: typer.Typer) -> None:
    app.command("doctor")(doctor_command)
