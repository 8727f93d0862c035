"""The ``klisting`` Typer app, its global options, and the one error handler.

Each command group lives in its own module under ``klisting.cli`` and exposes
``register(app)``; ``COMMAND_MODULES`` lists them in help order. A module is imported when its
command is looked up, not at start-up: ``klisting validate`` imports the validate command alone
(``--help`` imports them all, each light at import time), so no command pays for another's
start-up (tests/cli/test_app.py holds the list of what validate must not import).
"""

from __future__ import annotations

import importlib
import sys

import typer
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
    "batch",
)


class KlistingGroup(TyperGroup):
    """The root command group: turns KlistingError into a message, a hint and its exit code.

    Doing this in ``invoke`` (not only in ``main``) means tests driving the app through
    typer's CliRunner see exactly what a user sees.
    """

    def list_commands(self, ctx):  # type: ignore[no-untyped-def]
        return list(COMMAND_MODULES)

    def get_command(self, ctx, cmd_name):  # type: ignore[no-untyped-def]
        if cmd_name not in self.commands and cmd_name in COMMAND_MODULES:
            self.commands.update(_load_commands(cmd_name))
        return self.commands.get(cmd_name)

    def resolve_command(self, ctx, args):  # type: ignore[no-untyped-def]
        if args and args[0] not in COMMAND_MODULES:  # "Did you mean ...?" needs every name
            for name in COMMAND_MODULES:
                self.get_command(ctx, name)
        return super().resolve_command(ctx, args)

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


def _load_commands(name: str) -> dict:
    """The click command(s) that module ``klisting.cli.<name>`` registers, built as the root
    app would build them."""
    holder = typer.Typer(rich_markup_mode="rich", add_completion=False)
    importlib.import_module(f"klisting.cli.{name}").register(holder)
    return dict(typer.main.get_group(holder).commands)


def main() -> None:
    """Console entry point. Click's standalone mode handles usage errors (exit 2) and exit codes;
    KlistingGroup handles KlistingError and interrupts; anything else is a bug."""
    try:
        app()
    except Exception as error:  # a bug, not a user's mistake: show everything
        import traceback

        from klisting.infra.redact import redact_text

        # a traceback quotes local values (URLs, server replies): keys are masked there too
        sys.stderr.write(redact_text("".join(traceback.format_exception(error))))
        stderr.print(
            "[bold red]internal error[/bold red]: this is a bug in klisting; please report it with the traceback above"
        )
        sys.exit(ExitCode.INTERNAL)


def _report(error: KlistingError) -> None:
    from rich.markup import escape

    from klisting.infra.redact import redact_text

    if _state["verbose"]:
        import traceback

        sys.stderr.write(redact_text("".join(traceback.format_exception(error))))
    # Messages quote file names and cell text, which may contain [brackets]: never markup.
    # messages quote URLs (?token=) and server replies (an echoed Authorization header)
    stderr.print(
        f"[bold red]error:[/bold red] {escape(redact_text(error.message))}", highlight=False
    )
    if error.hint:
        stderr.print(f"[yellow]hint:[/yellow] {escape(redact_text(error.hint))}", highlight=False)
