"""Remote engines against a local server speaking each API: success, 429/500 retries, timeouts."""

from __future__ import annotations

from pathlib import Path

import pytest

from klisting.errors import ConfigError, RemoteError
from klisting.translate.engines import get_engine
from klisting.translate.service import TranslationService

FAST = {"backoff": 0.01, "timeout": 2.0}


@pytest.mark.parametrize("name", ["libretranslate", "deepl", "openai"])
def test_engine_translates_through_service(
    name: str, server, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DEEPL_AUTH_KEY", "secret-key-123")
    monkeypatch.setenv("OPENAI_API_KEY", "sk-secret-456")
    base = server.url + ("/v1" if name == "openai" else "")
    service = TranslationService(name, tmp_path, engine_options={"base_url": base, **FAST})
    out = service.translate_texts(["빨간 가방 AB-12", "<p>좋은 신발</p>"], "en", kind="plain")
    assert [t.text for t in out] == ["red bag AB-12", "<p>good shoes</p>"]
    assert all(t.engine == name for t in out)
    sent = next(r for r in server.requests if r["path"] != "/v2/glossaries")
    assert "⟦0⟧" in str(sent["body"])  # the SKU went out as a placeholder
    if name == "deepl":
        assert sent["headers"]["Authorization"] == "DeepL-Auth-Key secret-key-123"
        assert sent["body"]["target_lang"] == "EN-US"
    if name == "openai":
        assert sent["path"] == "/v1/chat/completions"


def test_retries_on_429_and_500(server) -> None:
    server.script = [429, 500, 503]
    engine = get_engine(
        "libretranslate",
        base_url=server.url,
        retries=3,
        **{k: v for k, v in FAST.items() if k != "retries"},
    )
    assert engine.translate_batch(["빨간 가방"], "ko", "en") == ["red bag"]
    assert len(server.requests) == 4


def test_gives_up_with_remote_error(server) -> None:
    server.script = [500] * 10
    engine = get_engine("libretranslate", base_url=server.url, retries=2, **FAST)
    with pytest.raises(RemoteError) as err:
        engine.translate_batch(["가방"], "ko", "en")
    assert err.value.exit_code == 5 and "HTTP 500" in err.value.message
    assert len(server.requests) == 3


def test_slow_server_times_out(server) -> None:
    server.delay = 1.0
    engine = get_engine("libretranslate", base_url=server.url, timeout=0.2, retries=1, backoff=0.01)
    with pytest.raises(RemoteError, match="no answer within"):
        engine.translate_batch(["가방"], "ko", "en")


def test_unauthorized_never_shows_key(server, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DEEPL_AUTH_KEY", "top-secret-key")
    server.script = [403]
    engine = get_engine("deepl", base_url=server.url, **FAST)
    with pytest.raises(RemoteError) as err:
        engine.translate_batch(["가방"], "ko", "en")
    assert "top-secret-key" not in err.value.message + err.value.hint


def test_deepl_without_key_is_config_error(server, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("DEEPL_AUTH_KEY", raising=False)
    monkeypatch.delenv("DEEPL_API_KEY", raising=False)
    engine = get_engine("deepl", base_url=server.url, **FAST)
    with pytest.raises(ConfigError, match="API key"):
        engine.translate_batch(["가방"], "ko", "en")
    assert server.requests == []


def test_chunks_run_concurrently_and_keep_order(server, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DEEPL_AUTH_KEY", "k")
    server.delay = 0.1
    engine = get_engine("deepl", base_url=server.url, concurrency=3, **FAST)
    engine.chunk_size = 2
    texts = [f"가방 {i}" for i in range(12)]
    assert engine.translate_batch(texts, "ko", "en") == [f"bag {i}" for i in range(12)]
    assert len(server.requests) == 6
    assert 2 <= server.max_in_flight <= 3


def test_openai_miscount_is_remote_error(server) -> None:
    bad = {"choices": [{"message": {"content": '```json\n{"translations": ["only one"]}\n```'}}]}
    server.answer = lambda path, body: bad
    engine = get_engine("openai", base_url=server.url, **FAST)
    with pytest.raises(RemoteError, match="did not return 2 translations"):
        engine.translate_batch(["가방", "신발"], "ko", "en")
    assert len(server.requests) == 2  # asked once more before giving up
    good = {"choices": [{"message": {"content": '```json\n{"translations": ["bag"]}\n```'}}]}
    server.answer = lambda path, body: good
    assert engine.translate_batch(["가방"], "ko", "en") == ["bag"]
