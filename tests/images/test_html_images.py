"""Images referenced from description HTML are found (resolved like image columns) and rewritten."""

from __future__ import annotations

from pathlib import Path

from klisting.images.html_images import description_sources, rewrite_sources

HTML = (
    "<p>상세</p><img src='detail/page1.jpg' alt='x'><IMG SRC=\"https://cdn.example.com/d2.png?w=860\">"
    "<img src=//cdn.example.com/d3.jpg><img src='data:image/png;base64,AAAA'>"
    "<img src='detail/page1.jpg'>"
)


def test_description_sources_are_resolved_and_distinct(tmp_path):
    found = description_sources(HTML, tmp_path)
    assert found == [
        str((tmp_path / "detail/page1.jpg").resolve()),
        "https://cdn.example.com/d2.png?w=860",
        "https://cdn.example.com/d3.jpg",
    ]


def test_rewrite_points_each_img_at_its_exported_name(tmp_path):
    names = {
        str((tmp_path / "detail/page1.jpg").resolve()): "SKU1-3.jpg",
        "https://cdn.example.com/d2.png?w=860": "SKU1-4.jpg",
    }
    out = rewrite_sources(HTML, names.get, tmp_path)
    assert out.count("src='SKU1-3.jpg'") == 2 and 'SRC="SKU1-4.jpg"' in out
    assert "src=//cdn.example.com/d3.jpg" in out  # not exported: left as it was
    assert "data:image/png" in out and "<p>상세</p>" in out


def test_no_images_no_change():
    assert description_sources("<p>없음</p>", Path(".")) == []
    assert rewrite_sources("<p>없음</p>", lambda src: "x") == "<p>없음</p>"


def test_a_split_page_becomes_one_img_per_part_in_order(tmp_path):
    page = str((tmp_path / "detail/page1.jpg").resolve())
    html = "<p>a</p><img class='d' src='detail/page1.jpg' alt='상세'><p>b</p>"
    out = rewrite_sources(html, {page: ["S-2.jpg", "S-3.jpg", "S-4.jpg"]}.get, tmp_path)
    assert out == (
        "<p>a</p><img class='d' src='S-2.jpg' alt='상세'><img class='d' src='S-3.jpg' alt='상세'>"
        "<img class='d' src='S-4.jpg' alt='상세'><p>b</p>"
    )
    assert rewrite_sources(html, {page: []}.get, tmp_path) == html  # nothing exported
