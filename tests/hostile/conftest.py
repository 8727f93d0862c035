"""Hostile inputs are generated here, never stored: each test builds the file it attacks with.

``klisting(...)`` runs the CLI in-process and fails the test on any traceback (an unhandled
exception is exit 70 in the real entry point), so every case below also proves "no crash".
"""

from __future__ import annotations

import http.server
import json
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import Result
from PIL import Image
from typer.testing import CliRunner

from klisting.cli.app import app

runner = CliRunner()


def klisting(*args: Any) -> Result:
    """Run ``klisting args``; the run must end in a handled exit code, never a traceback."""
    result = runner.invoke(app, [str(a) for a in args])
    crashed = result.exception is not None and not isinstance(result.exception, SystemExit)
    assert not crashed, f"traceback: {result.exception!r}\n{result.output}"
    assert "Traceback" not in result.output
    return result


def product(sku: str, **fields: Any) -> dict[str, Any]:
    """One catalog item (Korean headers, as sellers export them) that passes validation."""
    item = {
        "상품코드": sku,
        "상품명": f"Cotton T-shirt {sku}",
        "판매가": "12000",
        "재고수량": 5,
        "브랜드": "Harudam",
        "제조사": "Cosmelab",
        "원산지": "국산",
        "중량": "200g",
        "크기": "10x10x20cm",
        "상세설명": "<p>Soft cotton.</p>",
    }
    item.update(fields)
    return item


def write_json_catalog(folder: Path, items: list[dict[str, Any]]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "catalog.json"
    path.write_text(json.dumps(items, ensure_ascii=False), encoding="utf-8")
    return path


def jpeg(path: Path, color: tuple[int, int, int] = (200, 220, 240)) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    Image.new("RGB", (640, 640), color).save(path, "JPEG", quality=85)
    return path


def bundle_files(out: Path) -> dict[str, bytes]:
    """Every file of every bundle folder under ``out`` (relative path -> bytes)."""
    return {
        str(p.relative_to(out)): p.read_bytes()
        for p in sorted(out.rglob("*"))
        if p.is_file() and p.suffix != ".zip"
    }


@pytest.fixture
def no_local_hosts(monkeypatch: pytest.MonkeyPatch) -> None:
    """Undo the suite's 127.0.0.1 allowance (tests/conftest.py) to test the refusal itself."""
    monkeypatch.delenv("KLISTING_ALLOW_HOSTS", raising=False)


class _Handler(http.server.BaseHTTPRequestHandler):
    routes: dict[str, Callable[[http.server.BaseHTTPRequestHandler], None]] = {}

    def do_GET(self) -> None:  # noqa: N802 - http.server API
        self.routes.get(self.path.split("?")[0], _not_found)(self)

    do_POST = do_GET

    def log_message(self, *args: object) -> None:
        pass


def _not_found(handler: http.server.BaseHTTPRequestHandler) -> None:
    handler.send_response(404)
    handler.end_headers()


@pytest.fixture
def serve() -> Iterator[Callable[[dict[str, Callable]], str]]:
    """Start a 127.0.0.1 server for a route table; returns its base URL (several allowed)."""
    servers = []

    def start(routes: dict[str, Callable]) -> str:
        handler = type("Routes", (_Handler,), {"routes": routes})
        httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        httpd.daemon_threads = True
        threading.Thread(target=httpd.serve_forever, daemon=True).start()
        servers.append(httpd)
        return f"http://127.0.0.1:{httpd.server_address[1]}"

    yield start
    for httpd in servers:
        httpd.shutdown()
        httpd.server_close()


__all__ = ["bundle_files", "jpeg", "klisting", "product", "write_json_catalog"]
