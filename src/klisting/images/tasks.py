"""The image work of ``klisting run`` as self-contained tasks any worker can run.

A task is a frozen dataclass of plain data plus a :class:`~klisting.infra.store.Store` (which
pickles as its URL) and a module-level function, so it crosses to a Dask worker process or
machine. Everything a task reads or writes is in the store under content-hash keys:

- :func:`read_task` (step 1): the source bytes -> OCR (cached as JSON) -> grouped blocks;
- the driver decides every block of the run (``decide.screen_blocks``, one translate call per
  text group for all images, ``decide.decide_blocks``);
- :func:`render_task` (step 3): source bytes + decided blocks -> localized image, sidecar and
  the "done" record, skipped when that record already names the same output;
- :func:`fit_task`: a (localized) image -> its parts fitted to one platform's image spec, with
  a record of the parts, reused when every part is still in the store.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from klisting.errors import InputError
from klisting.images.pipeline import (
    ImageRead,
    read_image,
    recorded_render,
    render_image,
    render_record,
)
from klisting.images.sidecar import sidecar_text
from klisting.infra.cache import intact_image, quarantine
from klisting.infra.store import Store
from klisting.markets.platforms import ImageSpec
from klisting.model.finding import Finding


@dataclass(frozen=True)
class ReadJob:
    """Read one source image's text.

    Attributes:
        store: where the source bytes are and the OCR result goes.
        source_key: the source bytes' key in the store.
        sha256: their SHA-256 (the OCR cache key).
        source: the image's name in messages and the OCR result (the driver's path).
    """

    store: Store
    source_key: str
    sha256: str
    source: str


@dataclass(frozen=True)
class RenderJob:
    """Draw one image's decided blocks in one language.

    Attributes:
        read: the image's blocks, decided for ``target_lang``.
        findings: what deciding reported (written into the sidecar).
        out_key: where the localized image goes in the store (its sidecar: ``+ ".json"``).
        done_key: the record of a finished render (``pipeline.render_key``).
        source_label, output: the source and output paths the sidecar records (the driver's).
    """

    store: Store
    source_key: str
    source: str
    read: ImageRead
    target_lang: str
    market: str | None
    out_key: str
    done_key: str
    source_label: str
    output: str
    findings: list[Finding] = field(default_factory=list)


def _source_bytes(store: Store, key: str, source: str) -> bytes:
    data = store.get(key)
    if data is None:
        raise InputError(
            f"{source}: not in the store {store.url} ({key})",
            hint="Give every worker the same --store (a shared path or URL) as the run.",
        )
    return data


def read_task(job: ReadJob) -> ImageRead:
    """Step 1: detect, recognise and group the text of one image (OCR cached in the store)."""
    data = _source_bytes(job.store, job.source_key, job.source)
    read, _ = read_image(data, job.sha256, job.source, job.store)
    return read


def render_task(job: RenderJob) -> bool:
    """Step 3: render one image into the store; False when an earlier render was reused."""
    store, sidecar_key = job.store, job.out_key + ".json"
    if store.exists(job.out_key):
        done, damaged = recorded_render(store.get(job.done_key), store.get(sidecar_key), job.output)
        if done is not None:
            return False
        if damaged and (path := store.path(job.done_key)) is not None:
            quarantine(path, damaged)
    data = _source_bytes(store, job.source_key, job.source)
    rendered = render_image(
        data,
        job.source,
        job.read,
        list(job.findings),
        target_lang=job.target_lang,
        market=job.market,
        source_label=job.source_label,
        output=job.output,
        suffix="." + job.out_key.rsplit(".", 1)[-1],
    )
    store.put(job.out_key, rendered.image)
    store.put(sidecar_key, sidecar_text(rendered.sidecar).encode("utf-8"))
    store.put(job.done_key, render_record(job.output))
    return True


@dataclass(frozen=True)
class FitJob:
    """Fit one (localized) image to one platform's image spec.

    Attributes:
        image_key: the image's key in the store.
        source: the image's name in messages (the driver's path).
        spec: the platform's image spec.
        prefix: the fit's key in the store, from the image's hash and the spec: the record is
            ``prefix + ".json"``, the parts ``prefix + "-<n>.<ext>"``.
    """

    store: Store
    image_key: str
    source: str
    spec: ImageSpec
    prefix: str


def fit_task(job: FitJob) -> list[dict[str, Any]]:
    """The image's fitted parts (key, width, height, bytes, format, ext), each in the store."""
    from klisting.images.fetch import decode
    from klisting.images.fit import fit_image

    recorded = _recorded_fit(job)
    if recorded is not None:
        return recorded
    image = decode(_source_bytes(job.store, job.image_key, job.source), job.source)
    parts = []
    for part in fit_image(image, job.spec):
        key = f"{job.prefix}-{part.part}.{part.extension}"
        job.store.put(key, part.data)
        parts.append(
            {
                "key": key,
                "width": part.width,
                "height": part.height,
                "bytes": len(part.data),
                "format": part.format,
                "ext": part.extension,
            }
        )
    job.store.put(job.prefix + ".json", json.dumps(parts).encode("utf-8"))
    return parts


def _recorded_fit(job: FitJob) -> list[dict[str, Any]] | None:
    """An earlier fit's parts when its record reads and every part is still whole."""
    try:
        parts = json.loads(job.store.get(job.prefix + ".json") or b"null")
    except ValueError:
        return None  # a damaged record: fitted again, and overwritten
    if not isinstance(parts, list) or not all(isinstance(p, dict) and "key" in p for p in parts):
        return None
    for part in parts:
        path = job.store.path(part["key"])
        if not (intact_image(path) if path is not None else job.store.exists(part["key"])):
            return None
    return parts


__all__ = ["FitJob", "ReadJob", "RenderJob", "fit_task", "read_task", "render_task"]
