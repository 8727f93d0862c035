"""A run killed midway, started again, gives the same bundles as a clean run and redoes nothing finished."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

from klisting.pipeline import text_stage
from klisting.pipeline.run import RunOptions, run
from tests.pipeline.conftest import make_catalog
from tests.pipeline.fakes import ScriptEngine

ROOT = Path(__file__).resolve().parents[2]
TARGETS = ["shopify:us", "shopee:tw", "qoo10:jp"]
CHUNK = 20

#: the killed run SIGKILLs itself while writing this cache entry of the text stage: mid-chunk,
#: after the first group's memory is committed. A kill timed from outside (poll the cache, then
#: kill) raced the run under heavy load: the engine is slow only on the first chunk of a group,
#: so a starved poller could land anywhere, including after the whole stage had finished.
KILL_AT = 2 * CHUNK + CHUNK // 2

SCRIPT = """
import os
import signal
import sys
from pathlib import Path
sys.path.insert(0, {root!r})
from klisting.infra import cache
from klisting.pipeline import text_stage
from klisting.pipeline.run import RunOptions, run
from tests.pipeline.fakes import ScriptEngine
text_stage.CHUNK = {chunk}
_put = cache.StageCache.put
written = 0
def put(self, stage, key, value):
    global written
    if stage == text_stage.STAGE:
        written += 1
        if written == {kill_at}:
            os.kill(os.getpid(), signal.SIGKILL)
    _put(self, stage, key, value)
cache.StageCache.put = put
run(RunOptions(catalog=Path({catalog!r}), targets={targets!r}, out_dir=Path({out!r}), work_dir=Path({work!r}),
               engine=ScriptEngine(), images=False))
"""


def _listing_files(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def _entries(work: Path) -> int:
    return (
        sum(1 for _ in (work / "cache" / text_stage.STAGE).rglob("*.json")) if work.exists() else 0
    )


def test_kill_midway_then_rerun_matches_a_clean_run(tmp_path: Path, monkeypatch) -> None:
    catalog = make_catalog(tmp_path / "in", 200)
    out, work = tmp_path / "out", tmp_path / "work"
    code = SCRIPT.format(
        root=str(ROOT),
        chunk=CHUNK,
        kill_at=KILL_AT,
        catalog=str(catalog),
        targets=TARGETS,
        out=str(out),
        work=str(work),
    )
    process = subprocess.Popen([sys.executable, "-c", code], cwd=ROOT, start_new_session=True)
    try:
        returncode = process.wait(timeout=120)
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=30)
    assert returncode == -signal.SIGKILL, "the run was not killed midway"
    finished = _entries(work)
    assert finished <= KILL_AT - 1, "killed in the middle of translation"
    assert 2 * CHUNK <= finished < 200 * 3
    assert (
        not any(p.is_dir() and not p.name.startswith(".") for p in out.glob("*"))
        if out.exists()
        else True
    )

    monkeypatch.setattr(text_stage, "CHUNK", CHUNK)
    resumed_engine = ScriptEngine()
    resumed = run(
        RunOptions(
            catalog=catalog,
            targets=TARGETS,
            out_dir=out,
            work_dir=work,
            engine=resumed_engine,
            images=False,
        )
    )
    clean_engine = ScriptEngine()
    clean = run(
        RunOptions(
            catalog=catalog,
            targets=TARGETS,
            out_dir=tmp_path / "clean-out",
            work_dir=tmp_path / "clean-work",
            engine=clean_engine,
            images=False,
        )
    )
    assert resumed.exit_code == clean.exit_code
    # the resumed run found the killed run's entries under the same keys: had a key differed
    # between the killed process and this one, both would be stored and the work dir would
    # hold more entries than a clean run's
    assert _entries(work) == _entries(tmp_path / "clean-work")
    # finished chunks were not translated again
    assert resumed_engine.segments < clean_engine.segments, (
        finished,
        resumed.translation,
        clean.translation,
    )
    for target in ("shopify-us", "shopee-tw", "qoo10-jp"):
        assert _listing_files(out / target) == _listing_files(tmp_path / "clean-out" / target), (
            target
        )
        assert (out / f"{target}.zip").read_bytes() == (
            tmp_path / "clean-out" / f"{target}.zip"
        ).read_bytes()
    assert sorted(p.name for p in out.iterdir()) == sorted(
        p.name for p in (tmp_path / "clean-out").iterdir()
    )
