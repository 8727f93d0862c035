"""Secrets never reach messages, findings, sidecars or caches."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from klisting.images.sidecar import OcrResult, Sidecar
from klisting.infra.redact import redact_text, redact_url
from klisting.model.codes import finding

KEY = "0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0:fx"


def test_urls_lose_passwords_and_token_parameters() -> None:
    url = "https://seller:hunter2@cdn.example/p/1.jpg?w=800&token=abc123&X-Amz-Signature=deadbeef"
    clean = redact_url(url)
    assert "hunter2" not in clean and "abc123" not in clean and "deadbeef" not in clean
    assert clean.startswith("https://seller:***@cdn.example/p/1.jpg?w=800")
    assert redact_url("https://cdn.example/a.jpg?w=1") == "https://cdn.example/a.jpg?w=1"


def test_server_replies_echoing_headers_are_masked(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DEEPL_AUTH_KEY", KEY)
    reply = f'{{"error": "bad request", "headers": {{"Authorization": "DeepL-Auth-Key {KEY}"}}}}'
    shown = redact_text(f"deepl at https://api.example answered HTTP 400: {reply}")
    assert KEY not in shown and "DeepL-Auth-Key ***" in shown
    assert "Bearer ***" in redact_text("Authorization: Bearer sk-abcdefghijklmnopqrstuvwx")
    assert "sk-abcdefghijklmnop" not in redact_text("key sk-abcdefghijklmnopqrstuvwx leaked")


def test_findings_and_sidecars_hold_no_token() -> None:
    url = "https://u:pw@cdn.example/1.jpg?token=s3cret"
    note = finding("images.file-missing", f"image URL '{url}' failed")
    assert "s3cret" not in note.message and "pw@" not in note.message
    sidecar = Sidecar(source=url, output="out.png", target_lang="en", width=10, height=10)
    ocr = OcrResult(image=url, width=10, height=10)
    dumped = json.dumps([sidecar.model_dump(), ocr.model_dump()])
    assert "s3cret" not in dumped and ":pw@" not in dumped


def test_engine_error_from_a_server_that_echoes_the_key(
    serve, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def echo(handler) -> None:  # a proxy that quotes the request headers in its error page
        body = json.dumps({"message": "denied", "request": dict(handler.headers)}).encode()
        handler.send_response(456)
        handler.send_header("content-type", "application/json")
        handler.end_headers()
        handler.wfile.write(body)

    # the DeepL engine may create a glossary first: that call gets the same reply
    base = serve({"/v2/translate": echo, "/v2/glossaries": echo})
    monkeypatch.setenv("DEEPL_AUTH_KEY", KEY)
    monkeypatch.setenv("DEEPL_API_URL", base)
    from tests.hostile.conftest import klisting, product, write_json_catalog

    catalog = write_json_catalog(tmp_path, [product("K-1", **{"상품명": "순면 티셔츠"})])
    result = klisting(
        "translate", catalog, "--engine", "deepl", "--to", "en", "-o", tmp_path / "t.json"
    )
    assert result.exit_code == 5, result.output
    assert "456" in result.output and KEY not in result.output and KEY[:8] not in result.output
