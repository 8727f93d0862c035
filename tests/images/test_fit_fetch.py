"""fit_image against platform specs; fetching local files and URLs from a local server."""

from __future__ import annotations

import io
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import numpy as np
import pytest
from PIL import Image

from klisting.errors import InputError
from klisting.images.fetch import decode, fetch, load_image
from klisting.images.fit import fit_image, fit_images
from klisting.markets.platforms import ImageSpec


def _noisy(width: int, height: int) -> Image.Image:
    rng = np.random.default_rng(0)
    return Image.fromarray(rng.integers(0, 255, (height, width, 3), dtype=np.uint8))


def test_fit_pads_square_scales_into_range_and_meets_max_bytes():
    spec = ImageSpec(min_px=500, max_px=1000, max_bytes=120_000, square=True, formats=["jpeg"])
    [fitted] = fit_image(_noisy(400, 300), spec)
    image = Image.open(io.BytesIO(fitted.data))
    assert image.format == "JPEG" and image.width == image.height >= 500
    assert len(fitted.data) <= 120_000 and fitted.quality is not None


def test_fit_splits_tall_pages_by_max_height_and_caps_count():
    page = Image.new("RGB", (860, 5000), (255, 255, 255))
    spec = ImageSpec(max_height_px=2000, formats=["png"], max_count=2)
    parts = fit_image(page, spec)
    assert [p.format for p in parts] == ["png"] * 3
    assert all(p.height <= 2000 for p in parts) and sum(p.height for p in parts) == 5000
    kept, dropped = fit_images([page], spec)
    assert len(kept) == 2 and dropped == 1


def test_decode_honours_exif_orientation_and_gif_first_frame():
    image = Image.new("RGB", (40, 20), (255, 0, 0))
    exif = image.getexif()
    exif[0x0112] = 6  # rotate 90
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", exif=exif)
    assert decode(buffer.getvalue()).size == (20, 40)
    frames = [Image.new("P", (8, 8), 1), Image.new("P", (8, 8), 2)]
    buffer = io.BytesIO()
    frames[0].save(buffer, "GIF", save_all=True, append_images=frames[1:])
    assert decode(buffer.getvalue()).size == (8, 8)


def test_decode_refuses_too_many_pixels_and_non_images(tmp_path):
    buffer = io.BytesIO()
    Image.new("L", (100, 100)).save(buffer, "PNG")
    with pytest.raises(InputError, match="pixel limit"):
        decode(buffer.getvalue(), max_pixels=5000)
    bad = tmp_path / "x.jpg"
    bad.write_text("not an image")
    with pytest.raises(InputError, match="not a JPEG"):
        fetch(str(bad))
    with pytest.raises(InputError, match="scheme"):
        fetch("ftp://example.com/a.jpg")


class _Handler(BaseHTTPRequestHandler):
    hits: list[str] = []

    def do_GET(self):  # noqa: N802
        type(self).hits.append(self.headers.get("If-None-Match") or "")
        if self.path == "/page.html":
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.end_headers()
            self.wfile.write(b"<html></html>")
            return
        if self.headers.get("If-None-Match") == '"v1"':
            self.send_response(304)
            self.end_headers()
            return
        buffer = io.BytesIO()
        Image.new("RGB", (30, 10), (0, 128, 0)).save(buffer, "PNG")
        self.send_response(200)
        self.send_header("Content-Type", "image/png")
        self.send_header("ETag", '"v1"')
        self.end_headers()
        self.wfile.write(buffer.getvalue())

    def log_message(self, *args):
        pass


def test_urls_are_downloaded_cached_by_etag_and_checked(tmp_path):
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    try:
        image, sha = load_image(f"{base}/a.png", tmp_path)
        again, sha_again = load_image(f"{base}/a.png", tmp_path)
        assert image.size == again.size == (30, 10) and sha == sha_again
        assert _Handler.hits[-1] == '"v1"'  # revalidated, served 304 from the cache
        with pytest.raises(InputError, match="text/html"):
            fetch(f"{base}/page.html", tmp_path)
    finally:
        server.shutdown()
