"""The ``klisting`` Typer app, its global options, and the one error handler.

Each command group lives in its own module under ``klisting.cli`` and exposes
``register(app)``; ``COMMAND_MODULES`` lists them in help order.
"""

from __future__ import annotations

import importlib
import sys
import traceback

import typer
from rich.markup import escape
from typer.core import TyperGroup

from klisting import __version__
from klisting.cli.output import stderr
from klisting.errors import ExitCode, KlistingError

COMMAND_MODULES = (
    "init",
    "inspect",
    "validate",
    "readiness",
    "categories",
    "doctor",
    "translate",
    "models",
    "images",
    "markets",
    "units",
    "price",
    "rates",
    "run",
)


class KlistingGroup(TyperGroup):
    """The root command group: turns KlistingError into a message, a hint and its exit code.

    Doing this in ``invoke`` (not only in ``main``) means tests driving the app through
    typer's CliRunner see exactly what a user sees.
    """

    def invoke(self, ctx):  # type: ignore[no-untyped-def]
        try:
            return super().invoke(ctx)
        except KlistingError as error:
            _report(error)
            raise typer.Exit(error.exit_code) from None
        except KeyboardInterrupt:
            stderr.print("[red]interrupted[/red]; finished work is kept in the work dir cache")
            raise typer.Exit(ExitCode.INTERRUPTED) from None


app = typer.Typer(
    cls=KlistingGroup,
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
    verbose: bool = typer.Option(
        False, "--verbose", "-v", help="Show tracebacks and debug detail on errors."
    ),
    version: bool = typer.Option(
        False, "--version", callback=_version, is_eager=True, help="Print the version."
    ),
) -> None:
    """klisting: validate, translate, localize images and export catalogs for overseas marketplaces."""
    _state["verbose"] = verbose


for _name in COMMAND_MODULES:
    importlib.import_module(f"klisting.cli.{_name}").register(app)


def main() -> None:
    """Console entry point. Click's standalone mode handles usage errors (exit 2) and exit codes;
    KlistingGroup handles KlistingError and interrupts; anything else is a bug."""
    try:
        app()
    except Exception as error:  # a bug, not a user's mistake: show everything
        traceback.print_exception(error, file=sys.stderr)
        stderr.print(
            "[bold red]internal error[/bold red]: this is a bug in klisting; please report it with the traceback above"
        )
        sys.exit(ExitCode.INTERNAL)


def _report(error: KlistingError) -> None:
    if _state["verbose"]:
        traceback.print_exception(error, file=sys.stderr)
    # Messages quote file names and cell text, which may contain [brackets]: never markup.
    stderr.print(f"[bold red]error:[/bold red] {escape(error.message)}", highlight=False)
    if error.hint:
        stderr.print(f"[yellow]hint:[/yellow] {escape(error.hint)}", highlight=False)
