"""The decide step on the driver: one translate call per text group for every image of the run."""

from __future__ import annotations

from pathlib import Path

import pytest
from PIL import Image

from klisting.errors import InputError, RemoteError
from klisting.images.pipeline import ImageRead
from klisting.images.sidecar import Block
from klisting.infra.executor import ThreadExecutor
from klisting.infra.store import Store
from klisting.pipeline import image_localize
from klisting.pipeline.text_stage import TextGroup

GROUPS = [TextGroup("en", "us"), TextGroup("ja", "jp")]


def _block(n: int, text: str) -> Block:
    return Block(
        id=n,
        source=text,
        bbox=[0, 0, 50, 20],
        line_boxes=[[0, 0, 50, 20]],
        confidence=95,
        line_height=20,
    )


def _pending(tmp_path: Path, count: int) -> tuple[list[image_localize.Pending], dict]:
    items, reads = [], {}
    for n in range(count):
        sha = f"{n:064x}"
        source = tmp_path / f"{n}.png"
        Image.new("RGB", (60, 30), (255, 255, 255)).save(source)
        reads[sha] = ImageRead(sha, 60, 30, [_block(0, f"보습 크림 {n}"), _block(1, "OK")])
        for group in GROUPS:
            out = tmp_path / "work" / "cache" / f"{n}-{group.language}.png"
            items.append(image_localize.Pending(sha, source, frozenset(), group, out))
    return items, reads


def test_every_image_of_a_group_is_translated_in_one_call(tmp_path: Path) -> None:
    pending, reads = _pending(tmp_path, 3)
    calls: list[tuple[str, list[str]]] = []

    words = {"en": "Moisturizing cream", "ja": "保湿クリーム"}

    def translate_for(group):
        def translate(texts: list[str]) -> list[str]:
            calls.append((group.language, list(texts)))
            return [t.replace("보습 크림", words[group.language]) for t in texts]

        return translate

    image_localize.decide_all(
        pending, reads, translate_for, Store(tmp_path / "work"), tmp_path / "work"
    )
    assert [lang for lang, _ in calls] == ["en", "ja"]  # one call per group, not per image
    assert all(texts == ["보습 크림 0", "보습 크림 1", "보습 크림 2"] for _, texts in calls)
    for item in pending:
        blocks = item.job.read.blocks
        expected = blocks[0].source.replace("보습 크림", words[item.group.language])
        assert blocks[0].translation == expected and blocks[0].status == "translated"
        assert blocks[1].status == "kept"  # not Korean: never sent
    # each group decided its own copy of the blocks read once
    assert all(b.translation is None for read in reads.values() for b in read.blocks)


def test_a_failed_translation_fails_its_groups_images_only(tmp_path: Path) -> None:
    pending, reads = _pending(tmp_path, 2)

    def translate_for(group):
        if group.language == "ja":
            raise InputError("no ja glossary")
        return lambda texts: ["Moisturizing cream" for _ in texts]

    image_localize.decide_all(
        pending, reads, translate_for, Store(tmp_path / "work"), tmp_path / "work"
    )
    failed = [item for item in pending if item.group.language == "ja"]
    assert all(item.error == "no ja glossary" and item.job is None for item in failed)
    assert all(item.job is not None for item in pending if item.group.language == "en")


def test_a_remote_failure_still_stops_the_run(tmp_path: Path) -> None:
    pending, reads = _pending(tmp_path, 1)

    def translate_for(group):
        raise RemoteError("engine down")

    with pytest.raises(RemoteError):
        image_localize.decide_all(
            pending, reads, translate_for, Store(tmp_path / "work"), tmp_path / "work"
        )


def test_an_unreadable_image_is_reported_on_each_of_its_groups(tmp_path: Path) -> None:
    pending, reads = _pending(tmp_path, 2)
    reads[pending[0].sha256] = "cannot decode"
    done = []
    image_localize.decide_all(
        pending, reads, lambda g: lambda texts: texts, Store(tmp_path / "work"), tmp_path / "work"
    )
    image_localize.render_all(pending[:2], Store(tmp_path / "work"), ThreadExecutor(1), done.append)
    assert [(item.group.language, item.error) for item in done] == [
        ("en", "cannot decode"),
        ("ja", "cannot decode"),
    ]
