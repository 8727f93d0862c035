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
from typing import Any

from klisting.markets.platforms import ImageSpec
from klisting.model import Finding, Product, Severity
from klisting.infra.cache import StageCache, digest
from klisting.infra.executor import run_parallel
from klisting.pipeline.text_stage import TextGroup

FETCH, LOCALIZE, FIT = "image-source-v1", "image-localized-v1", "image-fit-v1"


@dataclass
class SourceImage:
    """A fetched source image: its cached file and hash, or why it could not be read."""

    src: str
    path: Path | None = None
    sha256: str = ""
    error: str = ""


@dataclass
class ImageWork:
    """What the image stage produced, shared by all targets."""

    sources: dict[str, SourceImage] = field(default_factory=dict)
    #: (source sha256, group id) -> localized file (the source itself when not localized)
    localized: dict[tuple[str, str], Path] = field(default_factory=dict)
    localized_count: int = 0
    #: (source sha256, group id) -> what the localizer reported (low OCR confidence, text kept ...)
    notes: dict[tuple[str, str], list[dict[str, Any]]] = field(default_factory=dict)
    #: (source sha256, group id) -> True when text in the image was re-rendered in the language
    rendered: dict[tuple[str, str], bool] = field(default_factory=dict)
    findings: list[Finding] = field(default_factory=list)


def localizer_available() -> bool:
    """True when the image localization pipeline (klisting.images.pipeline) is installed."""
    return importlib.util.find_spec("klisting.images.pipeline") is not None


def image_sources(products: Sequence[Product]) -> list[str]:
    """Every distinct image path or URL of ``products``, in catalog order."""
    return list(dict.fromkeys(image.src for product in products for image in product.images))


def fetch_sources(
    products: Sequence[Product],
    cache: StageCache,
    jobs: int,
    advance: Callable[[int], None] | None = None,
) -> dict[str, SourceImage]:
    """Fetch every distinct image source once and keep its bytes in the cache.

    ``advance(1)`` is called as each source finishes, so a catalog of URL images shows
    progress while it downloads instead of one step at the end.
    """
    from klisting.images.fetch import fetch, sniff_format

    sources = image_sources(products)

    def one(src: str) -> SourceImage:
        try:
            fetched = fetch(src, cache.root.parent / "downloads")
        except (
            Exception
        ) as error:  # InputError / RemoteError: reported per product, the run goes on
            return SourceImage(src, error=getattr(error, "message", str(error)))
        ext = sniff_format(fetched.data) or "img"
        path = cache.artifact(FETCH, fetched.sha256, f".{ext}")
        if not path.exists():
            cache.put_bytes(FETCH, fetched.sha256, f".{ext}", fetched.data)
        return SourceImage(src, path, fetched.sha256)

    done = (lambda _src, _result: advance(1)) if advance else None
    return dict(zip(sources, run_parallel(one, sources, jobs=jobs, on_done=done), strict=True))


def localize_all(
    work: ImageWork,
    groups: Sequence[TextGroup],
    cache: StageCache,
    *,
    jobs: int,
    translate_for: Callable[[TextGroup], Any] | None,
    settings_tag: str,
    advance: Callable[[int], None] | None = None,
) -> None:
    """Localize each fetched image once per text group (or keep the source when no localizer)."""
    fetched = sorted(
        {s.sha256: s for s in work.sources.values() if s.path}.values(), key=lambda s: s.sha256
    )
    if not localizer_available() or translate_for is None:
        for source in fetched:
            for group in groups:
                work.localized[(source.sha256, group.id)] = source.path  # type: ignore[assignment]
        if fetched:
            work.findings.append(
                Finding(
                    "images.not-localized",
                    Severity.WARNING,
                    "image text was not localized: the image localization module is not installed",
                    "Install klisting's image extras; the original images are exported.",
                )
            )
        return
    jobs_list = [(source, group) for group in groups for source in fetched]

    def one(item: tuple[SourceImage, TextGroup]) -> tuple[Path, bool]:
        source, group = item
        key = digest(LOCALIZE, source.sha256, group.language, group.market, settings_tag)
        out = cache.artifact(LOCALIZE, key, source.path.suffix if source.path else ".png")
        if out.exists():
            return out, False
        _localize_one(source, group, out, cache, translate_for(group))
        return out, True

    def done(item: tuple[SourceImage, TextGroup], result: tuple[Path, bool]) -> None:
        sidecar = _sidecar(result[0])
        work.localized[(item[0].sha256, item[1].id)] = result[0]
        work.notes[(item[0].sha256, item[1].id)] = [
            f for f in sidecar.get("findings", []) if isinstance(f, dict)
        ]
        work.rendered[(item[0].sha256, item[1].id)] = any(
            isinstance(b, dict) and b.get("status") == "translated"
            for b in sidecar.get("blocks", [])
        )
        work.localized_count += int(result[1])
        if advance:
            advance(1)

    run_parallel(one, jobs_list, jobs=jobs, on_done=done)


def _localize_one(
    source: SourceImage, group: TextGroup, out: Path, cache: StageCache, translate: Any
) -> None:
    from klisting.images.pipeline import localize_image

    localize_image(
        str(source.path),
        translate=translate,
        target_lang=group.language,
        market=group.market,
        work_dir=cache.root.parent,
        out_path=out,
    )


def fit_cached(path: Path, spec: ImageSpec, cache: StageCache) -> list[dict[str, Any]]:
    """Fit one (localized) image to a platform spec; parts are cached by content and spec."""
    from klisting.images.fit import fit_image
    from klisting.infra.cache import file_digest

    key = digest(FIT, file_digest(path), spec.model_dump())
    cached = cache.get(FIT, key)
    if cached is not None and all(Path(part["path"]).exists() for part in cached):
        return cached
    parts = []
    for part in fit_image(path, spec):
        stored = cache.put_bytes(FIT, f"{key}-{part.part}", f".{part.extension}", part.data)
        parts.append(
            {
                "path": str(stored),
                "width": part.width,
                "height": part.height,
                "bytes": len(part.data),
                "format": part.format,
                "ext": part.extension,
            }
        )
    cache.put(FIT, key, parts)
    return parts


def _sidecar(image: Path) -> dict[str, Any]:
    """The JSON sidecar the localizer wrote beside ``image`` (empty when there is none)."""
    try:
        data = json.loads(image.with_name(image.name + ".json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}
