"""The one finding catalog: every code the source emits is declared, and README's table is its copy."""

from __future__ import annotations

import importlib.util
import re

import pytest

from klisting.model.codes import CODES, Code, catalog, declare, finding
from klisting.model.finding import Finding, Severity
from tests.conftest import REPO

SRC = REPO / "src" / "klisting"
SLUG = r"[a-z][a-z0-9_]*\.[a-z0-9][a-z0-9.-]*"
#: the ways a code literal reaches a Finding: finding(...), ctx.finding(...), Finding(...),
#: a helper's first argument, code="...", or a {"code": "..."} dict written to a sidecar
EMITTED = [
    re.compile(r"\b(?:finding|Finding|_f|_finding|_note|note)\(\s*\n?\s*\"(" + SLUG + r")\""),
    re.compile(r"\bcode\s*=\s*\"(" + SLUG + r")\""),
    re.compile(r"\"code\"\s*:\s*\"(" + SLUG + r")\""),
]


def emitted_codes() -> dict[str, str]:
    found: dict[str, str] = {}
    for path in sorted(SRC.rglob("*.py")):
        text = path.read_text(encoding="utf-8")
        for pattern in EMITTED:
            for match in pattern.finditer(text):
                found.setdefault(match.group(1), str(path.relative_to(REPO)))
    return found


def test_every_emitted_code_is_declared_in_the_catalog():
    declared = {code.code for code in catalog()}
    emitted = emitted_codes()
    assert len(emitted) > 40  # the scan itself works
    missing = {code: where for code, where in emitted.items() if code not in declared}
    assert not missing, f"declare these codes with klisting.model.codes.declare: {missing}"


def test_every_declared_code_has_a_summary_and_a_hint():
    codes = catalog()
    assert len(codes) >= 60
    assert all(c.summary and c.hint for c in codes), [c.code for c in codes if not c.hint]


def test_finding_takes_severity_field_and_hint_from_the_catalog():
    made = finding("price.unavailable", "no pricing", target="shopee:tw")
    info = CODES["price.unavailable"]
    assert (made.severity, made.hint, made.target) == (info.severity, info.hint, "shopee:tw")
    with pytest.raises(KeyError):
        finding("no.such-code", "x")


def test_a_code_cannot_be_declared_twice_with_other_details():
    code = Code("test.twice", Severity.INFO, None, "a test code", "nothing to do")
    declare(code)
    declare(code)  # the same declaration again is harmless
    with pytest.raises(ValueError):
        declare(Code("test.twice", Severity.ERROR, None, "a test code", "nothing to do"))
    del CODES["test.twice"]


def test_finding_round_trips_through_json():
    original = Finding(
        "price.not-positive",
        Severity.ERROR,
        "price 0",
        "fix it",
        "A1",
        7,
        "price",
        "Sheet!C7",
        "amazon:us",
    )
    assert Finding.from_json(original.to_json()) == original


def _readme_tool():
    spec = importlib.util.spec_from_file_location(
        "update_readme_codes", REPO / "scripts" / "update_readme_codes.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_readme_code_table_is_the_catalog():
    text = (REPO / "README.md").read_text(encoding="utf-8")
    assert _readme_tool().updated(text) == text, (
        "run: .venv/bin/python scripts/update_readme_codes.py"
    )
    for code in catalog():
        assert f"| `{code.code}` |" in text


def test_the_readme_check_notices_a_stale_table():
    text = (REPO / "README.md").read_text(encoding="utf-8")
    stale = re.sub(r"\| `price\.unavailable` \|[^\n]*\n", "", text)
    assert stale != text
    assert _readme_tool().updated(stale) != stale
