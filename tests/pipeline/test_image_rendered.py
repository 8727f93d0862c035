"""An image counts as localized in report.html only when text in it was re-rendered."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from PIL import Image

from klisting.images import tasks
from klisting.images.pipeline import ImageRead
from klisting.infra.cache import StageCache
from klisting.pipeline import image_stage
from klisting.pipeline.text_stage import TextGroup


def test_only_images_with_translated_text_count_as_rendered(tmp_path: Path, monkeypatch) -> None:
    photo = tmp_path / "photo.jpg"
    Image.new("RGB", (64, 64), (200, 200, 200)).save(photo)
    source = image_stage.SourceImage("photo.jpg", photo, "ab" * 32)
    work = image_stage.ImageWork(sources={"photo.jpg": source})

    def fake_render(job) -> bool:
        # what the localizer leaves: the image and a sidecar listing the text blocks it handled
        out = job.store.path(job.out_key)
        out.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(job.store.path(job.source_key), out)
        status = "translated" if job.target_lang == "en" else "kept"
        sidecar = {"blocks": [{"id": 1, "status": status}], "findings": []}
        out.with_name(out.name + ".json").write_text(json.dumps(sidecar), encoding="utf-8")
        return True

    monkeypatch.setattr(tasks, "read_task", lambda job: ImageRead(job.sha256, 64, 64, []))
    monkeypatch.setattr(tasks, "render_task", fake_render)
    monkeypatch.setattr(image_stage, "localizer_available", lambda: True)
    groups = [TextGroup("en", "us"), TextGroup("ja", "jp")]
    image_stage.localize_all(
        work,
        groups,
        StageCache(tmp_path / "work"),
        jobs=1,
        translate_for=lambda group: lambda texts: texts,
        settings_tag="t",
    )
    assert work.outcomes[(source.sha256, "en@us")].rendered is True
    assert (
        work.outcomes[(source.sha256, "ja@jp")].rendered is False
    )  # looked at, nothing re-rendered
