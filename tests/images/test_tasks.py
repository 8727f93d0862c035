"""The run's image tasks (read, then render through a store) give what localize_image gives."""

from __future__ import annotations

import hashlib
import pickle

from klisting.images import tasks
from klisting.images.decide import decide_blocks, screen_blocks
from klisting.images.pipeline import localize_image, render_key
from klisting.infra.store import Store
from tests.images.conftest import dictionary_translate


def test_read_decide_render_tasks_match_localize_image(page, tmp_path):
    path, _truth = page
    out = tmp_path / "direct" / "page.png"
    direct = localize_image(
        str(path),
        translate=dictionary_translate,
        target_lang="en",
        market="us",
        work_dir=tmp_path / "work",
        out_path=out,
    )
    assert direct.translated == 4

    store = Store(f"memory://klisting-tasks-{tmp_path.name}")
    data = path.read_bytes()
    sha = hashlib.sha256(data).hexdigest()
    store.put("src/page.png", data)
    job = tasks.ReadJob(store, "src/page.png", sha, str(path))
    read = tasks.read_task(pickle.loads(pickle.dumps(job)))  # what a worker receives
    screening = screen_blocks(read.blocks, image=path.name)
    found = decide_blocks(screening, dictionary_translate(screening.texts), market="us")
    render = tasks.RenderJob(
        store=store,
        source_key="src/page.png",
        source=str(path),
        read=read,
        target_lang="en",
        market="us",
        out_key="out/page.png",
        done_key=f"images/done/{render_key(read, 'en', 'us')}.json",
        source_label=str(path.resolve()),
        output=str(out.resolve()),  # the same recorded output: the sidecars must match
        findings=found,
    )
    assert tasks.render_task(pickle.loads(pickle.dumps(render))) is True
    assert store.get("out/page.png") == out.read_bytes()
    assert store.get("out/page.png.json") == out.with_name("page.png.json").read_bytes()
    assert store.exists(
        "images/ocr/" + next(iter((tmp_path / "work" / "images" / "ocr").glob("*"))).name
    )
    assert tasks.render_task(render) is False  # its "done" record names that output: reused
