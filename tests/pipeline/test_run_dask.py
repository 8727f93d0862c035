"""``klisting run`` on a Dask cluster writes the same bundles, byte for byte, as on threads."""

from __future__ import annotations

from pathlib import Path

import pytest

from klisting.pipeline.run import RunOptions, run
from tests.pipeline.conftest import make_catalog
from tests.pipeline.fakes import ScriptEngine

pytest.importorskip("distributed")


def _bundles(out: Path) -> dict[str, bytes]:
    return {p.relative_to(out).as_posix(): p.read_bytes() for p in sorted(out.rglob("*.zip"))}


def test_dask_and_thread_executors_write_identical_bundles(tmp_path: Path) -> None:
    from klisting.infra.dask_executor import DaskExecutor

    catalog = make_catalog(tmp_path / "in", 4, images=True)
    outputs = {}
    with DaskExecutor.start(workers=2, processes=False) as cluster:
        for name, executor in (("thread", None), ("dask", cluster)):
            options = RunOptions(
                catalog=catalog,
                targets=["amazon:us", "shopee:tw"],
                out_dir=tmp_path / name / "out",
                work_dir=tmp_path / name / "work",
                engine=ScriptEngine(),
            )
            result = run(options, executor=executor)
            assert result.exported == 8
            outputs[name] = _bundles(tmp_path / name / "out")
    assert outputs["thread"] and outputs["dask"] == outputs["thread"]


def test_run_options_choose_the_executor(tmp_path: Path) -> None:
    from klisting.errors import UsageError

    catalog = make_catalog(tmp_path / "in", 2)
    options = RunOptions(
        catalog=catalog,
        targets=["shopify:us"],
        out_dir=tmp_path / "out",
        work_dir=tmp_path / "work",
        engine=ScriptEngine(),
        images=False,
        executor="thread",
        scheduler="tcp://127.0.0.1:8786",
    )
    with pytest.raises(UsageError, match="--executor dask"):
        run(options)
