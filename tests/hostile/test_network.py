"""Image downloads: internal addresses refused, every redirect hop re-checked, one deadline."""

from __future__ import annotations

import io
import time
from pathlib import Path

import pytest
from PIL import Image

from klisting.errors import InputError, RemoteError
from klisting.images import fetch as fetch_module
from klisting.images.fetch import fetch
from klisting.infra.netpolicy import AddressRefused, allow_hosts, check_url


def _png() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), (1, 2, 3)).save(buffer, "PNG")
    return buffer.getvalue()


def _image(handler) -> None:
    data = _png()
    handler.send_response(200)
    handler.send_header("content-type", "image/png")
    handler.send_header("content-length", str(len(data)))
    handler.end_headers()
    handler.wfile.write(data)


def _redirect(to: str):
    def handle(handler) -> None:
        handler.send_response(302)
        handler.send_header("location", to)
        handler.end_headers()

    return handle


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1/x.jpg",
        "http://localhost:8080/x.jpg",
        "http://169.254.169.254/latest/meta-data/",
        "http://10.0.0.5/x.jpg",
        "http://192.168.1.1/x.jpg",
        "http://[::1]/x.jpg",
        "http://[::ffff:127.0.0.1]/x.jpg",
        "http://0.0.0.0/x.jpg",
        "http://100.64.0.1/x.jpg",
    ],
)
def test_internal_addresses_are_refused(url: str, no_local_hosts: None) -> None:
    with pytest.raises(AddressRefused):
        check_url(url)
    with pytest.raises(InputError, match="does not fetch from local or internal networks"):
        fetch(url)


def test_other_schemes_are_refused(no_local_hosts: None) -> None:
    for url in ("file:///etc/passwd", "ftp://example.com/x.jpg", "gopher://x/"):
        with pytest.raises(InputError):
            fetch(url)


def test_a_host_or_network_can_be_allowed(no_local_hosts: None, monkeypatch) -> None:
    monkeypatch.setenv("KLISTING_ALLOW_HOSTS", "10.0.0.0/8, nas.local")
    check_url("http://10.1.2.3/x.jpg")
    check_url("http://nas.local/x.jpg")
    with pytest.raises(AddressRefused):
        check_url("http://192.168.1.1/x.jpg")


def test_redirect_to_a_refused_address_is_stopped(serve, no_local_hosts, monkeypatch) -> None:
    target = serve({"/img.png": _image})
    port = target.rsplit(":", 1)[1]
    start = serve({"/go": _redirect(f"http://127.0.0.1:{port}/img.png")})
    # the first server is reached by name; its redirect names the loopback address, not allowed
    monkeypatch.setenv("KLISTING_ALLOW_HOSTS", "localhost")
    first = start.replace("127.0.0.1", "localhost")
    with pytest.raises(InputError, match="127.0.0.1 is a loopback address"):
        fetch(f"{first}/go")
    meta = serve({"/meta": _redirect("http://169.254.169.254/latest/meta-data/")})
    monkeypatch.setenv("KLISTING_ALLOW_HOSTS", "127.0.0.1")
    with pytest.raises(InputError, match="link-local"):
        fetch(f"{meta}/meta")
    assert fetch(f"{start}/go").data == _png()  # allowed hops: the redirect is followed


def test_endless_redirects_end(serve) -> None:
    loop = serve({"/a": _redirect("/a")})
    with pytest.raises(RemoteError, match="more than 5 redirects"):
        fetch(f"{loop}/a")


def test_a_dripping_server_hits_the_overall_deadline(serve, monkeypatch) -> None:
    def drip(handler) -> None:
        handler.send_response(200)
        handler.send_header("content-type", "image/png")
        handler.end_headers()
        for _ in range(40):
            handler.wfile.write(b"\x89")
            handler.wfile.flush()
            time.sleep(0.1)

    base = serve({"/slow.png": drip})
    monkeypatch.setattr(fetch_module, "DEADLINE", 0.5)
    started = time.monotonic()
    with pytest.raises(RemoteError, match="did not finish within 0.5 s"):
        fetch(f"{base}/slow.png")
    assert time.monotonic() - started < 3  # not the 4 s the server would take


def test_project_file_allows_hosts(tmp_path: Path, no_local_hosts, monkeypatch) -> None:
    from klisting.infra import netpolicy
    from klisting.project import load_project

    monkeypatch.setattr(netpolicy, "_allowed", set())
    (tmp_path / "klisting.yaml").write_text("safety:\n  allow_hosts: [127.0.0.1]\n")
    load_project(tmp_path / "klisting.yaml")
    check_url("http://127.0.0.1/x.jpg")
    allow_hosts(["", "  "])  # blank entries allow nothing
    assert netpolicy._allowed == {"127.0.0.1"}


def test_a_hung_tesseract_is_cut_off(tmp_path: Path, monkeypatch) -> None:
    import numpy as np
    import pytesseract

    from klisting.images import ocr

    fake = tmp_path / "tesseract"
    fake.write_text("#!/bin/sh\nexec sleep 30\n")
    fake.chmod(0o755)
    monkeypatch.setattr(pytesseract.pytesseract, "tesseract_cmd", str(fake))
    monkeypatch.setattr(ocr, "OCR_DEADLINE", 1)
    started = time.monotonic()
    lines = ocr.recognise(np.full((60, 240, 3), 255, np.uint8), [(10, 10, 200, 40)], workers=1)
    assert [line.confidence for line in lines] == [0.0]  # low confidence, not a hang
    assert time.monotonic() - started < 10


def test_a_name_that_rebinds_to_loopback_after_the_check_is_refused(
    serve, no_local_hosts, monkeypatch
) -> None:
    """DNS rebinding: the name is public when checked and 127.0.0.1 when connected."""
    import socket

    base = serve({"/img.png": _image})
    port = int(base.rsplit(":", 1)[1])
    real = socket.getaddrinfo
    answers = iter([("93.184.216.34", port)])  # the first answer (the check's) is public

    def rebinding(host, *args, **kwargs):
        if host != "rebind.example":
            return real(host, *args, **kwargs)
        address = next(answers, ("127.0.0.1", port))  # every later answer is loopback
        return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", address)]

    monkeypatch.setattr(socket, "getaddrinfo", rebinding)
    for name in fetch_module._PROXY_VARIABLES:
        monkeypatch.delenv(name, raising=False)
    with pytest.raises(InputError, match="answered from a loopback address"):
        fetch(f"http://rebind.example:{port}/img.png")
    # allowed by name, the same server is fetched: the check is about the address, not the port
    monkeypatch.setenv("KLISTING_ALLOW_HOSTS", "rebind.example")
    assert fetch(f"http://rebind.example:{port}/img.png").data == _png()
