"""Error hierarchy: every user-facing failure carries an exit code and a next step.

The CLI has one handler (``klisting.cli.app.main``) that turns a ``KlistingError`` into a
one-line message plus hint on stderr and exits with ``exit_code``. Library code raises
these; it never calls ``sys.exit``.
"""

from __future__ import annotations

from enum import IntEnum


class ExitCode(IntEnum):
    """Process exit codes, as documented in DESIGN.md and README."""

    OK = 0
    FINDINGS = 1
    USAGE = 2
    INPUT = 3
    DEPENDENCY = 4
    REMOTE = 5
    OUTPUT = 6
    #: a bug in klisting (a traceback): never a user's mistake
    INTERNAL = 70
    INTERRUPTED = 130


class KlistingError(Exception):
    """Base class: a message for the user, a hint saying what to do next, an exit code."""

    exit_code = ExitCode.USAGE
    default_hint = ""

    def __init__(self, message: str, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint if hint is not None else self.default_hint

    def __str__(self) -> str:
        return self.message


class UsageError(KlistingError):
    """Bad command-line usage or configuration (exit 2)."""

    exit_code = ExitCode.USAGE
    default_hint = "Run the command with --help to see the accepted options."


class ConfigError(UsageError):
    """A config file (project, market, platform, profile) is invalid (exit 2)."""

    default_hint = "Fix the named key in the file and run again."


class InputError(KlistingError):
    """An input file cannot be read or understood (exit 3)."""

    exit_code = ExitCode.INPUT
    default_hint = "Check the file path and format (CSV, TSV, XLSX, JSON or JSON Lines)."


class DependencyError(KlistingError):
    """A required program, language pack, font or model is missing (exit 4)."""

    exit_code = ExitCode.DEPENDENCY
    default_hint = "Run `klisting doctor` to see what is missing and how to install it."


class RemoteError(KlistingError):
    """A remote service (translation API, image host, rates source) failed (exit 5)."""

    exit_code = ExitCode.REMOTE
    default_hint = (
        "Check the network and the service's status, then run again; finished work is cached."
    )


class OutputError(KlistingError):
    """An output file or directory cannot be written (exit 6)."""

    exit_code = ExitCode.OUTPUT
    default_hint = "Check that the output directory exists, is writable and has free space."
