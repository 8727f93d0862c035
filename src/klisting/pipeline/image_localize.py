"""The three steps of localizing a run's images, between the executor and the driver.

1. read: each source image not localized yet is a ``ReadJob`` on the executor (OCR on a worker);
2. decide, here on the driver: the blocks of every image are screened, translated in one call
   per text group through the run's translation service (memory, reviewed entries), decided;
3. render: each (image, group) is a ``RenderJob`` on the executor.

Tasks reach their inputs and results through the run's store (``klisting.infra.store``), keyed
as the work dir's cache is; with the default store (the work dir itself) nothing is copied.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from klisting.errors import OutputError
from klisting.infra.cache import digest
from klisting.infra.executor import Executor
from klisting.infra.store import Store
from klisting.model import Finding
from klisting.pipeline.text_stage import TextGroup

if TYPE_CHECKING:
    from klisting.images.pipeline import ImageRead
    from klisting.images.tasks import ReadJob, RenderJob

#: translates a batch of texts into one text group's language
Translate = Callable[[list[str]], list[str]]

#: the stage names of the work dir's cache the store mirrors (``image_stage`` owns them)
FETCH, LOCALIZE = "image-source-v1", "image-localized-v1"


@dataclass
class Pending:
    """One (image, group) to localize in this run, and how far it got.

    Attributes:
        sha256, path, facts: the fetched source (its hash, cached file and product facts).
        out: where the localized image goes in the work dir's cache.
        job: its render task, once its blocks are decided.
        error: why it could not be localized.
    """

    sha256: str
    path: Path
    facts: frozenset[str]
    group: TextGroup
    out: Path
    job: RenderJob | None = None
    error: str = ""


def source_key(item: Pending) -> str:
    """The source bytes' key in the store: where the work dir's cache keeps them."""
    return f"cache/{FETCH}/{item.sha256[:2]}/{item.sha256}{item.path.suffix}"


def read_all(
    pending: list[Pending],
    store: Store,
    executor: Executor,
    on_read: Callable[[], None] | None = None,
) -> dict[str, ImageRead | str]:
    """Step 1 on the executor: every distinct source of ``pending`` read once (or why not);
    ``on_read()`` as each one finishes."""
    from klisting.images.tasks import ReadJob

    jobs = []
    for item in sorted({p.sha256: p for p in pending}.values(), key=lambda p: p.sha256):
        key = source_key(item)
        if not store.exists(key):  # a store away from the work dir gets the bytes once
            store.put(key, item.path.read_bytes())
        jobs.append(ReadJob(store, key, item.sha256, str(item.path)))
    keys = [digest("read", store.url, job.source_key) for job in jobs]
    done = (lambda _job, _result: on_read()) if on_read else None
    results = executor.map(read_one, jobs, keys=keys, on_done=done)
    return {job.sha256: result for job, result in zip(jobs, results, strict=True)}


def decide_all(
    pending: list[Pending],
    reads: dict[str, ImageRead | str],
    translate_for: Callable[[TextGroup], Translate],
    store: Store,
    root: Path,
) -> None:
    """Step 2 here: screen every block of the run, translate them in one call per text group,
    decide each block and give each (image, group) its render task (``item.job``)."""
    from klisting.images.decide import decide_blocks, screen_blocks
    from klisting.images.pipeline import image_name

    for group in dict.fromkeys(item.group for item in pending):
        todo = []
        for item in (p for p in pending if p.group == group):
            read = reads[item.sha256]
            if isinstance(read, str):
                item.error = read
            else:
                todo.append((item, copy.deepcopy(read)))  # each group decides its own copy
        screenings = [
            screen_blocks(read.blocks, image=image_name(str(item.path)), facts=item.facts)
            for item, read in todo
        ]
        # one call for every block of the run in this group: the engine batches them all
        texts = [text for screening in screenings for text in screening.texts]
        translated: list[str] = []
        failed = isolated(
            lambda: translated.extend(translate_for(group)(texts) if texts else [])  # noqa: B023
        )
        start = 0
        for (item, read), screening in zip(todo, screenings, strict=True):
            if failed:
                item.error = failed
                continue
            part = translated[start : start + len(screening.texts)]
            start += len(screening.texts)
            found = decide_blocks(screening, part, market=group.market)
            item.job = render_job(item, read, found, store, root)


def render_job(
    item: Pending, read: ImageRead, found: list[Finding], store: Store, root: Path
) -> RenderJob:
    """The render task of ``item`` with its decided blocks; paths recorded as the driver's."""
    from klisting.images.pipeline import render_key
    from klisting.images.tasks import RenderJob

    source, group = str(item.path), item.group
    return RenderJob(
        store=store,
        source_key=source_key(item),
        source=source,
        read=read,
        target_lang=group.language,
        market=group.market,
        out_key=item.out.relative_to(root).as_posix(),
        done_key=f"images/done/{render_key(read, group.language, group.market)}.json",
        source_label=str(Path(source).resolve()),
        output=str(item.out.resolve()),
        findings=found,
    )


def render_all(
    pending: list[Pending],
    store: Store,
    executor: Executor,
    on_done: Callable[[Pending], None],
) -> None:
    """Step 3 on the executor: each decided item rendered, brought into the work dir, and
    passed to ``on_done`` (failed items too, with their ``error``)."""
    rendering = {id(item.job): item for item in pending if item.job is not None}

    def done(job: RenderJob, result: bool | str) -> None:
        item = rendering[id(job)]
        item.error = result if isinstance(result, str) else ""
        if not item.error:
            materialize(store, job.out_key, item.out)
        on_done(item)

    for item in pending:
        if item.job is None:  # its read or its translation failed
            on_done(item)
    jobs = [item.job for item in rendering.values() if item.job is not None]
    keys = [digest("render", job.store.url, job.out_key, job.output) for job in jobs]
    executor.map(render_one, jobs, on_done=done, keys=keys)


def read_one(job: ReadJob) -> ImageRead | str:
    """A read task that reports a failure as its message (one bad image must not sink the run)."""
    from klisting.images import tasks

    out: list[ImageRead] = []
    return isolated(lambda: out.append(tasks.read_task(job))) or out[0]


def render_one(job: RenderJob) -> bool | str:
    """A render task that reports a failure as its message."""
    from klisting.images import tasks

    out: list[bool] = []
    return isolated(lambda: out.append(tasks.render_task(job))) or out[0]


def materialize(store: Store, key: str, out: Path) -> None:
    """Bring a localized image and its sidecar from ``store`` into the work dir (fit and export
    read them there); nothing to do when the store is the work dir."""
    if store.path(key) == out:
        return
    from klisting.infra.atomic import write_bytes_atomic

    for suffix in ("", ".json"):
        data = store.get(key + suffix)
        if data is None:
            raise OutputError(f"{store.url}/{key}{suffix}: written by a worker, then not found")
        write_bytes_atomic(out.with_name(out.name + suffix), data)


def isolated(work: Callable[[], object]) -> str:
    """Run one item's ``work``; return "" when it succeeded, else what went wrong.

    One bad image must not sink the run: its product is refused with this message and every
    other product still exports. A missing dependency, a failed remote service or an output
    that cannot be written is not about this item, so those still stop the run (exit 4/5/6).
    """
    from klisting.errors import DependencyError, KlistingError, OutputError, RemoteError

    try:
        work()
    except (DependencyError, RemoteError, OutputError):
        raise
    except KlistingError as error:
        return error.message
    except (
        Exception
    ) as error:  # a damaged file the decoders choke on, or a bug: reported, not hidden
        return f"{type(error).__name__}: {error}"
    return ""
