"""One config access point: loaders follow $KLISTING_CONFIG_DIR and re-read an edited file."""

from __future__ import annotations

import shutil
import time

from klisting.configfiles import load_yaml
from klisting.markets.markets import load_markets
from klisting.markets.platforms import load_platforms
from klisting.paths import config_dir


def test_loaders_follow_the_config_directory(tmp_path, monkeypatch):
    bundled = config_dir()
    assert "us" in load_markets() and "shopify" in load_platforms()
    copy = tmp_path / "configs"
    shutil.copytree(bundled, copy)
    (copy / "markets" / "us.yaml").unlink()
    (copy / "platforms" / "shopify.yaml").unlink()
    monkeypatch.setenv("KLISTING_CONFIG_DIR", str(copy))
    assert "us" not in load_markets() and "shopify" not in load_platforms()
    monkeypatch.delenv("KLISTING_CONFIG_DIR")
    assert "us" in load_markets() and "shopify" in load_platforms()


def test_an_edited_file_is_read_again(tmp_path):
    path = tmp_path / "x.yaml"
    path.write_text("a: 1\n", encoding="utf-8")
    assert load_yaml(path) == {"a": 1}
    time.sleep(0.01)
    path.write_text("a: 22\n", encoding="utf-8")
    assert load_yaml(path) == {"a": 22}
