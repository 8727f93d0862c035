"""Image work on Dask worker processes: the same bundle, byte for byte, as on threads.

Two worker processes of a local cluster on 127.0.0.1 read (OCR) and render images whose Korean
text is re-rendered; the driver translates every block of the run in one call per language.
The store is an fsspec ``file://`` URL, so tasks reach their inputs and results through it.
"""

from __future__ import annotations

import os
import signal
import zipfile
from pathlib import Path

import pytest

from klisting.pipeline.model import ProgressHook
from klisting.pipeline.run import RunOptions, run
from tests.pipeline.conftest import make_text_catalog
from tests.pipeline.fakes import ScriptEngine

pytest.importorskip("distributed")

TARGETS = ["amazon:us", "shopee:tw"]


def _options(catalog: Path, root: Path, **extra) -> RunOptions:
    return RunOptions(
        catalog=catalog,
        targets=TARGETS,
        out_dir=root / "out",
        work_dir=root / "work",
        engine=ScriptEngine(),
        **extra,
    )


def _files(out: Path) -> dict[str, bytes]:
    """Every file of the output folder: each bundle's files and zip, and the review sheets.

    The manifests hold no timestamps, so bundles compare whole; a review sheet (``.xlsx``,
    beside the bundles) compares member by member without the creation time openpyxl writes.
    """
    files = {}
    for path in sorted(p for p in out.rglob("*") if p.is_file()):
        name = path.relative_to(out).as_posix()
        if path.suffix == ".xlsx":
            with zipfile.ZipFile(path) as sheet:
                for member in sorted(sheet.namelist()):
                    if member != "docProps/core.xml":  # created/modified timestamps only
                        files[f"{name}!{member}"] = sheet.read(member)
        else:
            files[name] = path.read_bytes()
    return files


@pytest.fixture(scope="module")
def thread_run(tmp_path_factory):
    """The catalog and the bundles the thread executor writes for it."""
    root = tmp_path_factory.mktemp("dask-images")
    catalog = make_text_catalog(root / "in", 4)
    result = run(_options(catalog, root / "thread"))
    assert result.images_localized == 8  # 4 images x 2 languages
    files = _files(root / "thread" / "out")
    assert any(name.endswith(".zip") for name in files) and any("images/" in n for n in files)
    return catalog, files


def _rendered(work: Path) -> int:
    """Text blocks re-rendered in the work dir's localized images (their sidecars)."""
    import json

    sidecars = (work / "cache" / "image-localized-v1").rglob("*.json")
    blocks = [b for path in sidecars for b in json.loads(path.read_text())["blocks"]]
    return sum(b["status"] == "translated" for b in blocks)


def test_two_worker_processes_write_the_thread_bundle_byte_for_byte(
    thread_run, tmp_path, monkeypatch
):
    from klisting.infra.dask_executor import DaskExecutor
    from klisting.pipeline import stages

    catalog, expected = thread_run
    calls: list[tuple[str, int]] = []
    real = stages._image_translator

    def counted(service):
        for_group = real(service)
        return lambda group: (
            lambda texts: calls.append((group.id, len(texts))) or for_group(group)(texts)
        )

    monkeypatch.setattr(stages, "_image_translator", counted)
    with DaskExecutor.start(workers=2, processes=True) as cluster:
        options = _options(catalog, tmp_path / "dask", store=f"file://{tmp_path}/store")
        result = run(options, executor=cluster)
    assert result.images_localized == 8
    # one translate call per language for the blocks of all four images (not one per image)
    assert sorted(group for group, _ in calls) == ["en@us", "zh-Hant@tw"]
    assert all(count >= 6 for _, count in calls), calls
    assert _files(tmp_path / "dask" / "out") == expected
    assert _rendered(tmp_path / "dask" / "work") > 0  # text really was re-rendered
    # the tasks kept their results in the store; the driver copied the images it exports
    assert list((tmp_path / "store" / "images" / "ocr").glob("*.json"))
    assert list((tmp_path / "store" / "cache" / "image-localized-v1").rglob("*.jpeg"))
    # fitting too: each part was written by a worker into the store, then copied for the bundle
    fitted = sorted((tmp_path / "store" / "cache" / "image-fit-v2").rglob("*-1.jpg"))
    assert fitted and all(
        (tmp_path / "dask" / "work" / p.relative_to(tmp_path / "store")).read_bytes()
        == p.read_bytes()
        for p in fitted
    )


class KillOneWorker(ProgressHook):
    """Kills a busy worker process when the first image of the run has been read (OCR)."""

    def __init__(self, client) -> None:
        self.client = client
        self.killed: list[int] = []
        self.busy_when_killed = 0
        self.steps_after = 0

    def stage(self, name: str, total: int):
        if name != "localize images":
            return lambda n=1: None

        def advance(n: int = 1) -> None:
            if self.killed or not n:
                self.steps_after += n
                return
            processing = self.client.processing()
            address = max(processing, key=lambda a: len(processing[a]))
            self.busy_when_killed = len(processing[address])
            pid = self.client.run(os.getpid, workers=[address])[address]
            os.kill(pid, signal.SIGKILL)
            self.killed.append(pid)

        return advance


def test_a_worker_killed_mid_run_costs_time_not_results(thread_run, tmp_path):
    from klisting.infra.dask_executor import DaskExecutor

    catalog, expected = thread_run
    with DaskExecutor.start(workers=2, processes=True) as cluster:
        hook = KillOneWorker(cluster.client)
        options = _options(catalog, tmp_path / "dask", store=f"file://{tmp_path}/store")
        result = run(options, hook, executor=cluster)
    # killed after the first of 4 reads; 3 reads and 8 renders (2 languages) came after
    assert hook.killed and hook.steps_after == 11
    assert hook.busy_when_killed >= 1  # the killed worker had an image in hand
    assert result.images_localized == 8
    assert _files(tmp_path / "dask" / "out") == expected


def test_an_in_process_memory_store_gives_the_same_bundle(thread_run, tmp_path):
    catalog, expected = thread_run
    result = run(_options(catalog, tmp_path / "mem", store=f"memory://klisting-{tmp_path.name}"))
    assert result.images_localized == 8
    assert _files(tmp_path / "mem" / "out") == expected
