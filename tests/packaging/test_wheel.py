"""The wheel works outside the checkout: configs and schemas ship inside the package.

Builds klisting's wheel, installs it (without its dependencies, which come from the test's own
environment through a path file) into a new virtualenv in a temporary folder, and runs
``klisting validate`` and a text-only ``klisting run`` from there on a copy of a sample catalog.
Nothing in the checkout is on that interpreter's path, so a data file found relative to the
repository instead of the package fails here.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest

from tests.conftest import REPO

pytestmark = pytest.mark.slow


def _run(args: list[str], cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True, timeout=600)


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> tuple[Path, dict[str, str]]:
    root = tmp_path_factory.mktemp("wheel")
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "KLISTING_CONFIG_DIR")}
    env["KLISTING_HOME"] = str(root / "home")
    built = _run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q",
         "-w", str(root / "dist"), str(REPO)],
        root, env,
    )  # fmt: skip
    assert built.returncode == 0, built.stderr
    (wheel,) = (root / "dist").glob("klisting-*.whl")
    venv = root / "venv"
    made = _run([sys.executable, "-m", "venv", "--without-pip", str(venv)], root, env)
    assert made.returncode == 0, made.stderr
    python = venv / "bin" / "python"
    site = Path(
        _run([str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
             root, env).stdout.strip()
    )  # fmt: skip
    # The dependencies (not klisting) from this environment: a plain path entry, so the
    # checkout's editable-install hook in that site-packages is not run.
    (site / "_klisting_test_deps.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    install = _run(
        [sys.executable, "-m", "pip", "--python", str(python), "install", "--no-deps", "-q",
         str(wheel)],
        root, env,
    )  # fmt: skip
    assert install.returncode == 0, install.stderr
    return venv, env


def test_the_installed_package_is_the_wheel_not_the_checkout(installed, tmp_path):
    venv, env = installed
    where = _run(
        [str(venv / "bin" / "python"), "-c",
         "import klisting.paths as p; print(p.__file__); print(p.config_dir()); print(p.schema_dir())"],
        tmp_path, env,
    )  # fmt: skip
    assert where.returncode == 0, where.stderr
    for line in where.stdout.split():
        assert str(venv) in line and str(REPO) not in line
    # every schema a platform config names loads from the installed package
    schemas = _run(
        [str(venv / "bin" / "python"), "-c",
         "from klisting.markets.platforms import load_platforms\n"
         "from klisting.export.schemas import _validator\n"
         "names = {f.schema_name for p in load_platforms().values() for f in p.files if f.schema_name}\n"
         "[_validator(n) for n in names]; print(len(names))"],
        tmp_path, env,
    )  # fmt: skip
    assert schemas.returncode == 0, schemas.stderr
    assert int(schemas.stdout) >= 5


def test_validate_and_a_text_only_run_work_from_the_wheel(installed, tmp_path):
    venv, env = installed
    catalog = tmp_path / "products.csv"
    shutil.copyfile(REPO / "sample_catalogs" / "wing_products.csv", catalog)
    klisting = str(venv / "bin" / "klisting")
    checked = _run(
        [klisting, "validate", str(catalog), "-t", "shopify:us", "--format", "json"], tmp_path, env
    )
    assert checked.returncode in (0, 1), checked.stderr
    assert '"findings"' in checked.stdout and "Traceback" not in checked.stderr
    ran = _run(
        [klisting, "run", str(catalog), "-t", "shopify:us", "-t", "amazon:us", "--no-images",
         "--engine", "glossary", "-o", "out", "--work-dir", "work"],
        tmp_path, env,
    )  # fmt: skip
    assert ran.returncode in (0, 1), ran.stderr
    assert "Traceback" not in ran.stderr
    manifest = json.loads((tmp_path / "out" / "amazon-us" / "manifest.json").read_text("utf-8"))
    # a text-only bundle has no images, which every platform schema requires: not checked
    assert manifest["checks"]["json_schema"] == "skipped"
    assert manifest["exported_skus"] or manifest["refused"]
    assert (tmp_path / "out" / "shopify-us" / "products.csv").is_file()
