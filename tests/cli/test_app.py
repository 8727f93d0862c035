"""The root command: every command group registered, errors become exit codes, no literal exits."""

from __future__ import annotations

import ast
import json
import os
import subprocess
import sys

import pytest
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


#: what no command needs before it runs: other commands' engines and their libraries
NEVER_AT_START = (
    "klisting.images",
    "klisting.pipeline",
    "klisting.export",
    "klisting.project",
    "klisting.onboarding",
    "klisting.pricing",
    "klisting.translate.engines.",  # the engines themselves (the registry module is light)
    "pandas",
    "httpx",
    "PIL",
    "numpy",
    "cv2",
    "onnxruntime",
    "pytesseract",
    "argostranslate",
    "ctranslate2",
    "dask",
    "distributed",
)
#: ... and what validating a CSV does not need either
NOT_FOR_A_CSV = (
    *NEVER_AT_START,
    "openpyxl",
    "xlrd",
    "xml",
    "klisting.cli.run",
    "klisting.cli.images",
    # typer 0.29 coerces options with pydantic (0.13 CPU-s a start): pyproject holds typer below it,
    # and a plain source profile needs no pydantic model
    "pydantic",
)
#: --help and --version do not read a catalog
NOT_FOR_HELP = (*NEVER_AT_START, "polars", "klisting.validate.columnar")

_PROBE = """
import json, sys
sys.argv = ["klisting", *json.loads(sys.argv[1])]
from klisting.cli.app import main
try:
    main()
except SystemExit:
    pass
sys.stderr.write("\\nMODULES " + json.dumps(sorted(sys.modules)))
"""


def _imported_by(args: list[str]) -> list[str]:
    """Modules a fresh interpreter holds after running ``klisting ARGS`` (stdout dropped)."""
    env = {**os.environ, "PYTHONPATH": str(REPO / "src")}
    done = subprocess.run(
        [sys.executable, "-c", _PROBE, json.dumps(args)],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    return json.loads(done.stderr.rsplit("MODULES ", 1)[1])


def _heavy(modules: list[str], banned: tuple[str, ...]) -> list[str]:
    return [m for m in modules if any(m == b or m.startswith(b.rstrip(".") + ".") for b in banned)]


def test_validate_imports_only_what_validating_needs(write_csv):
    """Start-up is most of a validate's time: each command imports its modules when it runs."""
    path = write_csv([["상품코드", "상품명", "판매가"], ["A-1", "크림", "가격문의"]])
    modules = _imported_by(["validate", "--format", "json", str(path)])
    assert "klisting.validate.columnar" in modules  # it did validate
    assert _heavy(modules, NOT_FOR_A_CSV) == []
    assert "rich" not in modules  # a JSON report needs no console


@pytest.mark.parametrize("args", [["--help"], ["--version"]])
def test_help_and_version_import_no_engine(args):
    modules = _imported_by(args)
    assert "klisting.cli.app" in modules
    assert _heavy(modules, NOT_FOR_HELP) == []


def test_a_command_is_loaded_when_it_is_looked_up():
    modules = _imported_by(["markets", "--format", "json"])
    assert "klisting.cli.markets" in modules
    assert not {"klisting.cli.run", "klisting.cli.images", "klisting.cli.translate"} & set(modules)
