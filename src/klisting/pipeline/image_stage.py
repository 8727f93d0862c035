"""Localize images: fetch each source once, localize it once per text group, fit it per target.

Every step is cached by content hash: the fetched bytes (by their SHA-256), the localized
image (source hash + language + market + translation settings) and each fitted rendition
(localized hash + the platform's image spec). A rerun redoes none of it.
"""

from __future__ import annotations

import importlib.util
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from klisting.errors import OutputError
from klisting.export.model import ExportImage
from klisting.infra.cache import StageCache, digest, intact_image
from klisting.infra.executor import Executor, ThreadExecutor, run_parallel
from klisting.infra.store import Store
from klisting.markets.platforms import ImageSpec
from klisting.model import Finding, ImageRef, Product, Severity
from klisting.model.codes import CODES, Code, declare, finding
from klisting.pipeline.model import FittedPart
from klisting.pipeline.text_stage import TextGroup

if TYPE_CHECKING:
    from klisting.images.pipeline import ImageRead
    from klisting.images.tasks import ReadJob, RenderJob

declare(
    Code(
        "images.not-localized",
        Severity.WARNING,
        "images",
        "Image text was not localized (the image localization module is not installed)",
        "Install klisting's image extras; the original images are exported.",
    ),
    Code(
        "image.note",
        Severity.WARNING,
        "images",
        "The image localizer reported something about an image (see its message)",
        "Check the image in report.html; fix the text in the image sidecar and re-render if needed.",
    ),
)

#: translates a batch of texts into one text group's language
Translate = Callable[[list[str]], list[str]]

FETCH, LOCALIZE, FIT = "image-source-v1", "image-localized-v1", "image-fit-v1"


@dataclass
class SourceImage:
    """A fetched source image: its cached file and hash, or why it could not be read."""

    src: str
    path: Path | None = None
    sha256: str = ""
    error: str = ""
    #: the facts the products showing this image state themselves (title, options, weight,
    #: volume, dimensions, certifications): they confirm numbers the OCR read only once
    facts: frozenset[str] = frozenset()


@dataclass(frozen=True)
class ImageOutcome:
    """One source image localized for one text group.

    Attributes:
        path: the localized file (the source itself when nothing was localized).
        rendered: True when text in the image was re-rendered in the group's language
            ("localized" in report.html means that, not merely that the localizer looked).
        notes: what the localizer reported (low OCR confidence, text kept ...), as findings
            without product or target; the export stage puts them on each product.
        error: set when localizing this image failed.
    """

    path: Path
    rendered: bool = False
    notes: tuple[Finding, ...] = ()
    #: why localizing failed (the product that shows this image is refused, the run goes on)
    error: str = ""
    #: per text block: id, read, rendered, status, reason (shown in report.html)
    blocks: tuple[dict[str, str], ...] = ()


@dataclass
class ImageWork:
    """What the image stage produced, shared by all targets."""

    sources: dict[str, SourceImage] = field(default_factory=dict)
    #: (source sha256, group id) -> what localizing that image for that group gave
    outcomes: dict[tuple[str, str], ImageOutcome] = field(default_factory=dict)
    #: images localized in this run (the rest came from the cache)
    localized_count: int = 0
    findings: list[Finding] = field(default_factory=list)

    def outcome(self, source: SourceImage, group_id: str) -> ImageOutcome:
        """The outcome for ``source`` in ``group_id`` (the source itself when not localized)."""
        found = self.outcomes.get((source.sha256, group_id))
        return found if found is not None else ImageOutcome(source.path)  # type: ignore[arg-type]


def localizer_available() -> bool:
    """True when the image localization pipeline (klisting.images.pipeline) is installed."""
    return importlib.util.find_spec("klisting.images.pipeline") is not None


def image_sources(products: Sequence[Product]) -> list[str]:
    """Every distinct image path or URL of ``products`` (description images too), in catalog order."""
    return list(
        dict.fromkeys(
            image.src
            for product in products
            for image in [*product.images, *description_refs(product)]
        )
    )


def _catalog_folder(product: Product) -> Path | None:
    return Path(product.location.file).parent if product.location.file else None


def description_refs(product: Product) -> list[ImageRef]:
    """The images the product's description HTML shows (``<img src>``), resolved like the
    catalog's image columns: fetched, localized and exported as the other images are."""
    from klisting.images.html_images import description_sources

    found = description_sources(product.description, _catalog_folder(product))
    gallery = {image.src for image in product.images}
    return [ImageRef(src, "description") for src in found if src not in gallery]


def rewrite_description(description: str, product: Product, exported: list[ExportImage]) -> str:
    """``description`` with each exported ``<img>`` pointing at its bundle file name."""
    from klisting.images.html_images import rewrite_sources

    names: dict[str, str] = {}
    for image in exported:
        names.setdefault(image.source, image.name)  # a split page: its first part
    return rewrite_sources(description, names.get, _catalog_folder(product))


def _facts_by_source(products: Sequence[Product]) -> dict[str, frozenset[str]]:
    from klisting.images.facts import catalog_facts

    found: dict[str, set[str]] = {}
    for product in products:
        texts = [product.title, product.weight, product.volume, product.dimensions]
        texts += product.certifications + [v for o in product.options for v in [o.name, *o.values]]
        stated = catalog_facts(texts)
        for image in product.images:
            found.setdefault(image.src, set()).update(stated)
    return {src: frozenset(values) for src, values in found.items()}


def fetch_sources(
    products: Sequence[Product],
    cache: StageCache,
    jobs: int,
    advance: Callable[[int], None] | None = None,
    *,
    executor: Executor | None = None,
) -> dict[str, SourceImage]:
    """Fetch every distinct image source once and keep its bytes in the cache.

    ``advance(1)`` is called as each source finishes, so a catalog of URL images shows
    progress while it downloads instead of one step at the end. ``executor`` (default: ``jobs``
    threads) may be a distributed one: each task is self-contained (the source and the cache's
    root) and stores the bytes by their hash.
    """
    from klisting.images.fetch import fetch, sniff_format

    sources = image_sources(products)
    facts = _facts_by_source(products)

    def one(src: str) -> SourceImage:
        try:
            fetched = fetch(src, cache.root.parent / "downloads")
        except (
            Exception
        ) as error:  # InputError / RemoteError: reported per product, the run goes on
            return SourceImage(src, error=getattr(error, "message", str(error)))
        ext = sniff_format(fetched.data) or "img"
        path = cache.artifact(FETCH, fetched.sha256, f".{ext}")
        if not intact_image(path):  # a damaged cached copy is moved aside and rewritten
            cache.put_bytes(FETCH, fetched.sha256, f".{ext}", fetched.data)
        return SourceImage(src, path, fetched.sha256, facts=facts.get(src, frozenset()))

    done = (lambda _src, _result: advance(1)) if advance else None
    fetched = run_parallel(one, sources, jobs=jobs, on_done=done, executor=executor)
    return dict(zip(sources, fetched, strict=True))


def localize_all(
    work: ImageWork,
    groups: Sequence[TextGroup],
    cache: StageCache,
    *,
    jobs: int,
    translate_for: Callable[[TextGroup], Translate] | None,
    settings_tag: str,
    advance: Callable[[int], None] | None = None,
    executor: Executor | None = None,
    store: Store | None = None,
) -> None:
    """Localize each fetched image once per text group (or keep the source when no localizer).

    Three steps (``klisting.images.tasks``): every image not localized yet is read (OCR) as a
    task on ``executor`` (default: ``jobs`` threads); the blocks of all images are decided here,
    with one translate call per text group for the whole run; each (image, group) is then
    rendered as a task. Tasks read and write through ``store`` (default: the work dir itself);
    the localized images land in the work dir's cache either way.
    """
    fetched = sorted(
        {s.sha256: s for s in work.sources.values() if s.path}.values(), key=lambda s: s.sha256
    )
    if not localizer_available() or translate_for is None:
        for source in fetched:
            for group in groups:
                work.outcomes[(source.sha256, group.id)] = ImageOutcome(source.path)  # type: ignore[arg-type]
        if fetched:
            work.findings.append(
                finding(
                    "images.not-localized",
                    "image text was not localized: the image localization module is not installed",
                )
            )
        return
    executor = executor or ThreadExecutor(jobs)
    store = store or Store(cache.root.parent)
    pending: list[_Pending] = []
    for group in groups:
        for source in fetched:
            out = cache.artifact(
                LOCALIZE, _localized_key(source, group, settings_tag), _suffix(source)
            )
            if intact_image(out):  # localized by an earlier run
                work.outcomes[(source.sha256, group.id)] = _outcome(out)
                if advance:
                    advance(1)
            else:
                pending.append(_Pending(source, group, out))
    if not pending:
        return
    reads = _read_all(pending, store, executor)
    _decide_all(pending, reads, translate_for, store, cache.root.parent)
    for item in pending:
        if item.job is None:  # its read or its translation failed
            _record(work, item, advance)
    rendering = {id(item.job): item for item in pending if item.job is not None}
    jobs_now = [item.job for item in rendering.values()]

    def done(job: RenderJob, result: bool | str) -> None:
        item = rendering[id(job)]
        item.error = result if isinstance(result, str) else ""
        if not item.error:
            _materialize(store, job.out_key, item.out)
        _record(work, item, advance)

    keys = [digest("render", job.store.url, job.out_key, job.output) for job in jobs_now]
    executor.map(_render_one, jobs_now, on_done=done, keys=keys)


@dataclass
class _Pending:
    """One (image, group) to localize in this run, and how far it got."""

    source: SourceImage
    group: TextGroup
    out: Path
    job: RenderJob | None = None
    error: str = ""


def _localized_key(source: SourceImage, group: TextGroup, settings_tag: str) -> str:
    return digest(
        LOCALIZE, source.sha256, group.language, group.market, settings_tag, sorted(source.facts)
    )


def _suffix(source: SourceImage) -> str:
    return source.path.suffix if source.path else ".png"


def _source_key(source: SourceImage) -> str:
    """The source bytes' key in the store: where the work dir's cache keeps them."""
    return f"cache/{FETCH}/{source.sha256[:2]}/{source.sha256}{_suffix(source)}"


def _key_in(root: Path, path: Path) -> str:
    """``path``'s key in a store that mirrors the work dir ``root``."""
    return path.relative_to(root).as_posix()


def _read_all(
    pending: list[_Pending], store: Store, executor: Executor
) -> dict[str, ImageRead | str]:
    """Step 1 on the executor: every distinct source of ``pending`` read once (or why not)."""
    from klisting.images.tasks import ReadJob

    sources = {item.source.sha256: item.source for item in pending}
    jobs = []
    for sha, source in sorted(sources.items()):
        key = _source_key(source)
        if not store.exists(key):  # a store away from the work dir gets the bytes once
            store.put(key, source.path.read_bytes())  # type: ignore[union-attr]
        jobs.append(ReadJob(store, key, sha, str(source.path)))
    results = executor.map(
        _read_one, jobs, keys=[digest("read", store.url, job.source_key) for job in jobs]
    )
    return {job.sha256: result for job, result in zip(jobs, results, strict=True)}


def _decide_all(
    pending: list[_Pending],
    reads: dict[str, ImageRead | str],
    translate_for: Callable[[TextGroup], Translate],
    store: Store,
    root: Path,
) -> None:
    """Step 2 here: screen every block of the run, translate them in one call per text group,
    decide each block and give each (image, group) its render task."""
    import copy

    from klisting.images.decide import decide_blocks, screen_blocks
    from klisting.images.pipeline import image_name

    for group in dict.fromkeys(item.group for item in pending):
        todo = []
        for item in (p for p in pending if p.group == group):
            read = reads[item.source.sha256]
            if isinstance(read, str):
                item.error = read
            else:
                todo.append((item, copy.deepcopy(read)))  # each group decides its own copy
        screenings = [
            screen_blocks(read.blocks, image=image_name(str(p.source.path)), facts=p.source.facts)
            for p, read in todo
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
            item.job = _render_job(item, read, found, store, root)


def _render_job(
    item: _Pending, read: ImageRead, found: list[Finding], store: Store, root: Path
) -> RenderJob:
    from klisting.images.pipeline import render_key
    from klisting.images.tasks import RenderJob

    source, group = str(item.source.path), item.group
    return RenderJob(
        store=store,
        source_key=_source_key(item.source),
        source=source,
        read=read,
        target_lang=group.language,
        market=group.market,
        out_key=_key_in(root, item.out),
        done_key=f"images/done/{render_key(read, group.language, group.market)}.json",
        source_label=str(Path(source).resolve()),
        output=str(item.out.resolve()),
        findings=found,
    )


def _read_one(job: ReadJob) -> ImageRead | str:
    """A read task that reports a failure as its message (one bad image must not sink the run)."""
    from klisting.images import tasks

    out: list[ImageRead] = []
    return isolated(lambda: out.append(tasks.read_task(job))) or out[0]


def _render_one(job: RenderJob) -> bool | str:
    """A render task that reports a failure as its message."""
    from klisting.images import tasks

    out: list[bool] = []
    return isolated(lambda: out.append(tasks.render_task(job))) or out[0]


def _materialize(store: Store, key: str, out: Path) -> None:
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


def _record(work: ImageWork, item: _Pending, advance: Callable[[int], None] | None) -> None:
    outcome = ImageOutcome(item.out, error=item.error) if item.error else _outcome(item.out)
    work.outcomes[(item.source.sha256, item.group.id)] = outcome
    work.localized_count += int(not item.error)
    if advance:
        advance(1)


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


def fit_cached(path: Path, spec: ImageSpec, cache: StageCache) -> list[FittedPart]:
    """Fit one (localized) image to a platform spec; parts are cached by content and spec."""
    from klisting.images.fit import fit_image
    from klisting.infra.cache import file_digest

    key = digest(FIT, file_digest(path), spec.model_dump())
    cached = cache.get(FIT, key)
    if cached is not None and all(intact_image(Path(part["path"])) for part in cached):
        return [FittedPart.from_json(part) for part in cached]
    parts = []
    for part in fit_image(path, spec):
        stored = cache.put_bytes(FIT, f"{key}-{part.part}", f".{part.extension}", part.data)
        parts.append(
            FittedPart(stored, part.width, part.height, len(part.data), part.format, part.extension)
        )
    cache.put(FIT, key, [part.to_json() for part in parts])
    return parts


def _outcome(image: Path) -> ImageOutcome:
    """What the localizer's JSON sidecar beside ``image`` says about it."""
    sidecar = _sidecar(image)
    rendered = any(
        isinstance(b, dict) and b.get("status") == "translated" for b in sidecar.get("blocks", [])
    )
    notes = tuple(_note(n) for n in sidecar.get("findings", []) if isinstance(n, dict))
    from klisting.images.review import report_row

    blocks = tuple(report_row(b) for b in sidecar.get("blocks", []) if isinstance(b, dict))
    return ImageOutcome(image, rendered, notes, blocks=blocks)


def _note(data: dict[str, Any]) -> Finding:
    """A localizer note as a finding: a warning unless the localizer said info (the image is usable)."""
    # The sidecar is JSON on disk, so its notes arrive as dicts whatever the localizer used.
    severity = Severity.INFO if data.get("severity") == "info" else Severity.WARNING
    return Finding(
        str(data.get("code") or "image.note"),
        severity,
        str(data.get("message", "")),
        str(data.get("hint") or CODES["image.note"].hint),  # the localizer's own hint first
        location=data.get("location"),
    )


def _sidecar(image: Path) -> dict[str, Any]:
    """The JSON sidecar the localizer wrote beside ``image`` (empty when there is none)."""
    try:
        data = json.loads(image.with_name(image.name + ".json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def review_rows(product: Product, group_id: str, work: ImageWork) -> list[tuple[str, ...]]:
    """Review-sheet rows for the text blocks of ``product``'s images that the localizer left
    as they were for ``group_id`` (read from each localized image's sidecar)."""
    from klisting.images.review import review_rows as block_rows
    from klisting.images.sidecar import read_sidecar

    sidecars = []
    for image in product.images:
        source = work.sources.get(image.src)
        if source is None or source.path is None:
            continue
        localized = work.outcome(source, group_id).path
        sidecar = localized.with_name(localized.name + ".json")
        if sidecar.is_file():
            try:
                sidecars.append(read_sidecar(sidecar))
            except Exception:  # an unreadable sidecar is reported by the image stage already
                continue
    return list(block_rows(sidecars, product.sku))
