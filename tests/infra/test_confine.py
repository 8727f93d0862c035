"""Local image paths are confined to the catalog's folders; hostile paths are refused."""

from __future__ import annotations


def test_a_path_with_a_nul_character_is_refused_not_a_crash(tmp_path):
    from klisting.infra.confine import outside_roots

    assert "NUL" in (outside_roots(str(tmp_path / "a\x00.jpg"), [tmp_path]) or "")
