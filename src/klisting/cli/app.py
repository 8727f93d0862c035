"""The ``klisting`` Typer app, its global options, and the one error handler.

Each command group lives in its own module under ``klisting.cli`` and exposes
``register(app)``; ``COMMAND_MODULES`` lists them in help order.
"""

from __future__ import annotations

import importlib
import sys
import traceback

import typer

from klisting import __version__
from klisting.cli.output import stderr
from klisting.errors import ExitCode, KlistingError

COMMAND_MODULES = (
    "inspect",
    "validate",
)

app = typer.Typer(
    name="klisting",
    help="Make a Korean seller's product catalog ready to sell abroad.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode="rich",
)

_state = {"verbose": False}


def _version(value: bool) -> None:
    if value:
        print(f"klisting {__version__}")
        raise typer.Exit()


@app.callback()
def _global_options(
    verbose: bool = typer.Option(False, "--verbose", "-v", help="Show tracebacks and debug detail on errors."),
    version: bool = typer.Option(False, "--version", callback=_version, is_eager=True, help="Print the version."),
) -> None:
    """klisting: validate, translate, localize images and export catalogs for overseas marketplaces."""
    _state["verbose"] = verbose


for _name in COMMAND_MODULES:
    importlib.import_module(f"klisting.cli.{_name}").register(app)


def main() -> None:
    """Console entry point: run the app and map errors to exit codes and one-line messages."""
    try:
        app(standalone_mode=False)
    except KlistingError as error:
        _report(error)
        sys.exit(error.exit_code)
    except KeyboardInterrupt:
        stderr.print("[red]interrupted[/red]; finished work is kept in the work dir cache")
        sys.exit(ExitCode.INTERRUPTED)
    except typer.Exit as done:
        sys.exit(done.exit_code)
    except typer.Abort:
        stderr.print("[red]aborted[/red]")
        sys.exit(ExitCode.INTERRUPTED)
    except Exception as error:  # click's usage errors and anything unexpected
        _handle_other(error)


def _report(error: KlistingError) -> None:
    if _state["verbose"]:
        traceback.print_exception(error, file=sys.stderr)
    stderr.print(f"[bold red]error:[/bold red] {error.message}", highlight=False)
    if error.hint:
        stderr.print(f"[yellow]hint:[/yellow] {error.hint}", highlight=False)


def _handle_other(error: Exception) -> None:
    import click

    if isinstance(error, click.exceptions.ClickException):
        error.show(file=sys.stderr)
        sys.exit(ExitCode.USAGE if isinstance(error, click.UsageError) else error.exit_code)
    if isinstance(error, click.exceptions.Exit):
        sys.exit(error.exit_code)
    if isinstance(error, click.exceptions.Abort):
        sys.exit(ExitCode.INTERRUPTED)
    if isinstance(error, BrokenPipeError):
        sys.exit(ExitCode.OK)
    traceback.print_exception(error, file=sys.stderr)
    stderr.print("[bold red]internal error[/bold red]: this is a bug in klisting; please report it with the traceback above")
    sys.exit(70)
