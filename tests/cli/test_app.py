"""The root command: every command group registered, errors become exit codes, no literal exits."""

from __future__ import annotations

import ast

from typer.testing import CliRunner

from klisting import __version__
from klisting.cli.app import COMMAND_MODULES, app
from klisting.errors import ExitCode, InputError, KlistingError, OutputError, UsageError
from tests.conftest import REPO

runner = CliRunner()


def test_every_command_module_is_registered_and_listed_in_help():
    result = runner.invoke(app, ["--help"])
    assert result.exit_code == ExitCode.OK
    for name in COMMAND_MODULES:
        assert name in result.output


def test_version():
    result = runner.invoke(app, ["--version"])
    assert result.exit_code == ExitCode.OK and __version__ in result.output


def test_a_klisting_error_becomes_its_exit_code_and_a_hint(tmp_path):
    result = runner.invoke(app, ["validate", str(tmp_path / "missing.csv")])
    assert result.exit_code == ExitCode.INPUT
    assert "missing.csv" in result.output and "hint" in result.output


def test_exit_codes_are_an_int_enum_with_the_documented_values():
    assert [int(c) for c in ExitCode] == [0, 1, 2, 3, 4, 5, 6, 70, 130]
    assert UsageError("x").exit_code is ExitCode.USAGE
    assert InputError("x").exit_code is ExitCode.INPUT
    assert OutputError("x").exit_code is ExitCode.OUTPUT
    assert issubclass(InputError, KlistingError)


def test_no_literal_exit_codes_in_the_source():
    """Exits go through ExitCode, so the documented table is the only place numbers live."""
    literal = []
    for path in (REPO / "src" / "klisting").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call) or not node.args:
                continue
            name = getattr(node.func, "attr", getattr(node.func, "id", ""))
            if name in ("Exit", "exit") and isinstance(node.args[0], ast.Constant):
                literal.append(f"{path.relative_to(REPO)}:{node.lineno}")
    assert not literal, literal
