"""The store: one interface over a local directory and any fsspec URL (file://, memory://)."""

from __future__ import annotations

import pickle
from pathlib import Path

import pytest

from klisting.errors import UsageError
from klisting.infra.store import STORE_ENV, Store, open_store


@pytest.fixture(params=["path", "file", "memory"])
def store(request, tmp_path: Path) -> Store:
    if request.param == "path":
        return Store(tmp_path / "store")
    if request.param == "file":
        return Store(f"file://{tmp_path}/store")
    return Store(f"memory://klisting-test-{tmp_path.name}")


def test_put_get_exists(store: Store) -> None:
    assert store.get("images/ocr/ab.json") is None
    assert not store.exists("images/ocr/ab.json")
    store.put("images/ocr/ab.json", b'{"lines": []}')
    assert store.exists("images/ocr/ab.json")
    assert store.get("images/ocr/ab.json") == b'{"lines": []}'
    store.put("images/ocr/ab.json", b"{}")  # replaced whole
    assert store.get("images/ocr/ab.json") == b"{}"


def test_no_temp_file_is_left_beside_an_entry(store: Store, tmp_path: Path) -> None:
    store.put("cache/x/1.jpg", b"jpeg")
    if store.url.startswith("memory://"):
        listed = store._filesystem().ls(store._full("cache/x"), detail=False)
        names = [name.rsplit("/", 1)[-1] for name in listed]
    else:
        names = [p.name for p in (tmp_path / "store" / "cache" / "x").iterdir()]
    assert names == ["1.jpg"]


def test_a_store_pickles_as_its_url_and_works_after(store: Store) -> None:
    store.put("k", b"v")
    store.exists("k")  # opens the file system
    again = pickle.loads(pickle.dumps(store))
    assert again.url == store.url and again._fs is None
    assert again.get("k") == b"v"


def test_only_a_plain_directory_has_local_paths(tmp_path: Path) -> None:
    assert Store(tmp_path).path("a/b") == tmp_path / "a" / "b"
    assert Store(f"file://{tmp_path}").path("a/b") is None


def test_the_store_is_chosen_by_option_then_environment_then_work_dir(tmp_path, monkeypatch):
    monkeypatch.delenv(STORE_ENV, raising=False)
    assert open_store(None, tmp_path).url == str(tmp_path)
    monkeypatch.setenv(STORE_ENV, "memory://from-env")
    assert open_store(None, tmp_path).url == "memory://from-env"
    assert open_store("file:///shared/k", tmp_path).url == "file:///shared/k"
    with pytest.raises(UsageError, match="absolute"):
        open_store("file://relative/k", tmp_path)
