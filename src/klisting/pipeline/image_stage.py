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
from klisting.pipeline import image_localize
from klisting.pipeline.image_localize import LOCALIZE
from klisting.pipeline.model import FittedPart
from klisting.pipeline.text_stage import TextGroup

if TYPE_CHECKING:
    from klisting.images.tasks import FitJob

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

#: v2: the fit record names its parts by store key, not by the path of the machine that fitted
FETCH, FIT = image_localize.FETCH, "image-fit-v2"


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
    """``description`` with each exported ``<img>`` pointing at its bundle file name; a
    detail page the platform's spec split into parts becomes one ``<img>`` per part, in order."""
    from klisting.images.html_images import rewrite_sources

    names: dict[str, list[str]] = {}
    for image in exported:
        names.setdefault(image.source, []).append(image.name)
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
) -> dict[str, SourceImage]:
    """Fetch every distinct image source once and keep its bytes in the cache.

    ``advance(1)`` is called as each source finishes, so a catalog of URL images shows
    progress while it downloads instead of one step at the end. Fetching runs on ``jobs``
    threads of this process whatever the run's executor: the catalog's image files and the
    seller's allowed hosts are on this machine, and the work is waiting on disks and networks,
    not on cores. The later tasks get the bytes through the run's store.
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
    fetched = run_parallel(one, sources, jobs=jobs, on_done=done)
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
    the localized images land in the work dir's cache either way. ``advance(1)`` is called per
    image read (or found localized already) and per (image, group) localized.
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
    pending: list[image_localize.Pending] = []
    for group in groups:
        for source in fetched:
            key = digest(
                LOCALIZE,
                source.sha256,
                group.language,
                group.market,
                settings_tag,
                sorted(source.facts),
            )
            out = cache.artifact(LOCALIZE, key, source.path.suffix if source.path else ".png")
            if intact_image(out):  # localized by an earlier run
                work.outcomes[(source.sha256, group.id)] = _outcome(out)
                if advance:
                    advance(1)
            else:
                item = image_localize.Pending(source.sha256, source.path, source.facts, group, out)  # type: ignore[arg-type]
                pending.append(item)
    step = advance or (lambda n: None)
    step(len(fetched) - len({item.sha256 for item in pending}))  # nothing to read for those
    if not pending:
        return
    reads = image_localize.read_all(pending, store, executor, on_read=lambda: step(1))
    image_localize.decide_all(pending, reads, translate_for, store, cache.root.parent)
    image_localize.render_all(pending, store, executor, lambda item: _record(work, item, advance))


def _record(
    work: ImageWork, item: image_localize.Pending, advance: Callable[[int], None] | None
) -> None:
    outcome = ImageOutcome(item.out, error=item.error) if item.error else _outcome(item.out)
    work.outcomes[(item.sha256, item.group.id)] = outcome
    work.localized_count += int(not item.error)
    if advance:
        advance(1)


def fit_job(path: Path, spec: ImageSpec, store: Store, root: Path) -> FitJob:
    """The task that fits ``path`` (an image in the work dir ``root``) to ``spec``.

    Its key is the image's content hash and the spec, so a fit is reused whoever ran it; an
    image the store does not hold yet (a store away from the work dir) is put there first.
    """
    from klisting.images.tasks import FitJob
    from klisting.infra.cache import file_digest

    image_hash = file_digest(path)
    key = digest(FIT, image_hash, spec.model_dump())
    try:
        image_key = path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:  # not from the work dir's cache (never in a run): stored by its hash
        image_key = f"cache/{FIT}-input/{image_hash[:2]}/{image_hash}{path.suffix}"
    if store.path(image_key) != path and not store.exists(image_key):
        store.put(image_key, path.read_bytes())
    return FitJob(store, image_key, str(path), spec, f"cache/{FIT}/{key[:2]}/{key}")


def fitted_parts(records: list[dict[str, Any]], store: Store, root: Path) -> list[FittedPart]:
    """A fit task's parts as files of the work dir (copied from a store away from it)."""
    from klisting.infra.atomic import write_bytes_atomic

    parts = []
    for record in records:
        local = root / record["key"]
        if store.path(record["key"]) != local and not intact_image(local):
            data = store.get(record["key"])
            if data is None:
                raise OutputError(
                    f"{store.url}/{record['key']}: fitted by a worker, then not found"
                )
            write_bytes_atomic(local, data)
        parts.append(
            FittedPart(
                local,
                int(record["width"]),
                int(record["height"]),
                int(record["bytes"]),
                str(record["format"]),
                str(record["ext"]),
            )
        )
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
    """Review-sheet rows for the text blocks of ``product``'s images (gallery and description)
    that the localizer left as they were for ``group_id`` (read from each localized image's
    sidecar)."""
    from klisting.images.review import review_rows as block_rows
    from klisting.images.sidecar import read_sidecar

    sidecars = []
    for image in [*product.images, *description_refs(product)]:
        source = work.sources.get(image.src)
        if source is None or source.path is None:
            continue
        localized = work.outcome(source, group_id).path
        sidecar = localized.with_name(localized.name + ".json")
        if sidecar.is_file():
            try:
                found = read_sidecar(sidecar)
            except Exception:  # an unreadable sidecar is reported by the image stage already
                continue
            found.source = image.src  # the sheet names the image as the catalog does
            sidecars.append(found)
    return list(block_rows(sidecars, product.sku))
