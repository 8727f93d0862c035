"""tests/ mirrors src/klisting/ package by package, so a package's tests are where one looks."""

from __future__ import annotations

from tests.conftest import REPO


def test_every_package_has_a_test_folder():
    src = REPO / "src" / "klisting"
    packages = {p.name for p in src.iterdir() if (p / "__init__.py").is_file()}
    tests = {p.name for p in (REPO / "tests").iterdir() if p.is_dir() and any(p.glob("test_*.py"))}
    assert packages - tests == set(), f"add tests/<package>/ for: {sorted(packages - tests)}"
