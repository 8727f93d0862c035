"""URL images served on 127.0.0.1: fetched once each, progress per image, a 404 reported per product."""

from __future__ import annotations

import functools
import http.server
import json
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from PIL import Image

from klisting.pipeline.run import ProgressHook, RunOptions, run
from tests.pipeline.conftest import make_catalog
from tests.pipeline.fakes import ScriptEngine


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args: object) -> None:  # keep pytest output clean
        pass


@pytest.fixture
def server(tmp_path: Path) -> Iterator[tuple[str, Path]]:
    root = tmp_path / "www"
    root.mkdir()
    handler = functools.partial(_Quiet, directory=str(root))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}", root
    finally:
        httpd.shutdown()
        httpd.server_close()


class _Recorder(ProgressHook):
    def __init__(self) -> None:
        self.totals: dict[str, int] = {}
        self.advanced: dict[str, int] = {}

    def stage(self, name: str, total: int):
        self.totals[name] = total
        self.advanced[name] = 0

        def advance(n: int = 1) -> None:
            self.advanced[name] += n

        return advance


def test_url_images_are_fetched_with_progress_and_a_404_is_a_finding(
    tmp_path: Path, server: tuple[str, Path]
) -> None:
    base, root = server
    for n in range(3):
        Image.new("RGB", (900, 900), (255, 255, 255)).save(root / f"{n}.jpg", "JPEG")
    catalog = make_catalog(tmp_path / "in", 3)
    data = json.loads(catalog.read_text(encoding="utf-8"))
    for n, item in enumerate(data["products"]):
        item["대표이미지"] = f"{base}/{n}.jpg"
    data["products"][2]["추가이미지"] = f"{base}/missing.jpg"
    catalog.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    hook = _Recorder()
    result = run(
        RunOptions(
            catalog=catalog,
            targets=["shopify:us"],
            out_dir=tmp_path / "out",
            work_dir=tmp_path / "work",
            engine=ScriptEngine(),
        ),
        hook,
    )
    assert hook.totals["fetch images"] == 4 and hook.advanced["fetch images"] == 4
    (bundle,) = result.bundles
    assert sorted(bundle.exported) == ["T-00000", "T-00001", "T-00002"]
    names = sorted(p.name for p in (tmp_path / "out" / "shopify-us" / "images").iterdir())
    assert names == ["T-00000-01.jpg", "T-00001-01.jpg", "T-00002-01.jpg"]
    missing = [f for f in bundle.findings if f.code == "images.unreadable"]
    assert [f.sku for f in missing] == ["T-00002"] and "404" in missing[0].message
