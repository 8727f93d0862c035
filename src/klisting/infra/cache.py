"""A content-addressed stage cache in the work dir.

A stage result is stored under the hash of everything that determines it (inputs, settings,
the stage's own version), so a rerun finds what did not change and a killed run resumes from
the last finished item. Entries are written atomically: an entry is complete or absent.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
import threading
from pathlib import Path
from typing import Any

from klisting.infra.atomic import write_bytes_atomic


def digest(*parts: Any) -> str:
    """SHA-256 of the canonical JSON of ``parts`` (dict keys sorted; str() for other objects)."""
    text = json.dumps(parts, sort_keys=True, ensure_ascii=False, default=str, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def file_digest(path: Path) -> str:
    """SHA-256 of a file's bytes."""
    hasher = hashlib.sha256()
    with Path(path).open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            hasher.update(chunk)
    return hasher.hexdigest()


#: every file moved aside in this process (path it had, where it went), for reports and tests
QUARANTINED: list[tuple[Path, Path]] = []


def quarantine(path: Path, reason: str) -> Path | None:
    """Move a damaged work-dir file aside (``name.corrupt-<n>``), warn, and let it be rebuilt.

    A cache is never a blocker: a truncated entry, a garbled image or a damaged database is
    renamed so nothing reads it again and the caller recomputes it. The renamed file stays for
    a person to inspect. Returns the new path (None when the file was already gone).
    """
    path = Path(path)
    for n in range(1, 1000):
        aside = path.with_name(f"{path.name}.corrupt-{n}")
        if not aside.exists():
            break
    try:
        os.replace(path, aside)
    except FileNotFoundError:
        return None
    except OSError:
        return None  # read-only work dir: the caller still recomputes, it only cannot rename
    QUARANTINED.append((path, aside))
    print(f"warning: {path}: {reason}; moved aside to {aside.name} and rebuilt", file=sys.stderr)
    return aside


def intact_image(path: Path) -> bool:
    """True when ``path`` is a complete image file; a truncated one is quarantined.

    A cached image cut short by a full disk or a killed write would otherwise be reused on
    every rerun and fail at export with "re-save the image", which names no catalog image the
    seller could fix. The check reads only the file's first and last bytes (JPEG must end in
    its EOI marker, PNG in IEND, GIF in its trailer, WebP must be as long as its RIFF header
    says), so a rerun over thousands of cached images stays fast; other formats are decoded.
    Its ``.json`` sidecar goes aside with it, so both are rebuilt.
    """
    path = Path(path)
    try:
        size = path.stat().st_size
        with path.open("rb") as handle:
            head = handle.read(12)
            handle.seek(max(0, size - 12))
            tail = handle.read()
    except OSError:
        return False
    problem = _truncation(head, tail, size)
    if problem is None:
        return True
    quarantine(path, f"damaged cached image ({problem})")
    sidecar = path.with_name(path.name + ".json")
    if sidecar.exists():
        quarantine(sidecar, "sidecar of a damaged cached image")
    return False


def _truncation(head: bytes, tail: bytes, size: int) -> str | None:
    """Why an image file with these first/last bytes is incomplete, or None."""
    if head.startswith(b"\xff\xd8\xff"):
        return None if tail.rstrip(b"\x00").endswith(b"\xff\xd9") else "JPEG without its end"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return None if tail.endswith(b"IEND\xaeB`\x82") else "PNG without IEND"
    if head.startswith((b"GIF87a", b"GIF89a")):
        return None if tail.endswith(b"\x3b") else "GIF without its trailer"
    if head.startswith(b"RIFF") and head[8:12] == b"WEBP":
        declared = int.from_bytes(head[4:8], "little") + 8
        return None if size >= declared else "WebP shorter than its header says"
    return "not a JPEG, PNG, GIF or WebP file" if size else "empty file"


class StageCache:
    """JSON results and binary artifacts per stage, keyed by content hash.

    Args:
        root: the work dir; entries live in ``root/cache/<stage>/<key[:2]>/<key>``.
    """

    def __init__(self, root: Path) -> None:
        self.root = Path(root) / "cache"
        self.hits = 0
        self.misses = 0

    def _path(self, stage: str, key: str, suffix: str) -> Path:
        return self.root / stage / key[:2] / f"{key}{suffix}"

    def get(self, stage: str, key: str) -> Any | None:
        """The cached JSON value, or None (a damaged entry counts as missing)."""
        path = self._path(stage, key, ".json")
        try:
            value = json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            self.misses += 1
            return None
        except (OSError, ValueError) as error:  # truncated or garbled: recomputed, kept aside
            quarantine(path, f"damaged cache entry ({type(error).__name__})")
            self.misses += 1
            return None
        self.hits += 1
        return value

    def put(self, stage: str, key: str, value: Any) -> None:
        """Store a JSON-serialisable value (temp file + rename: a killed run leaves no half entry).

        No fsync: a cache entry lost to a power cut is only recomputed, and fsync per entry
        would dominate the text stage on large catalogs.
        """
        path = self._path(stage, key, ".json")
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f".{path.name}.{os.getpid()}.{threading.get_ident()}.tmp")
        tmp.write_text(json.dumps(value, ensure_ascii=False, default=str), encoding="utf-8")
        os.replace(tmp, path)

    def artifact(self, stage: str, key: str, suffix: str) -> Path:
        """Where a binary artifact for ``key`` lives (it may not exist yet)."""
        return self._path(stage, key, suffix)

    def put_bytes(self, stage: str, key: str, suffix: str, data: bytes) -> Path:
        """Store a binary artifact atomically and return its path."""
        path = self._path(stage, key, suffix)
        write_bytes_atomic(path, data)
        return path
