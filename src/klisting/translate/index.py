"""The Argos package index: find a package for a language pair and download it over httpx.

The index is a JSON array of package metadata with download ``links``. Downloads stream to a
temporary file in the model dir with a progress callback, are checked against the announced
size, then installed through ``install_package_file`` (validated, atomic).
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlparse

from klisting.errors import DependencyError, InputError, OutputError, RemoteError
from klisting.translate.packages import ArgosPackage, install_package_file, models_dir, parse_pair

DEFAULT_INDEX_URL = "https://raw.githubusercontent.com/argosopentech/argospm-index/main/index.json"
Progress = Callable[[int, int | None], None]


def fetch_index(url: str = DEFAULT_INDEX_URL, timeout: float = 30.0) -> list[dict[str, Any]]:
    """Download and parse the package index.

    Raises:
        RemoteError: unreachable, non-200 or not a JSON array.
    """
    import httpx

    local = _local_path(url)
    try:
        if local is not None:  # a mirror on disk (offline machines)
            data = json.loads(local.read_bytes())
        else:
            response = httpx.get(url, timeout=timeout, follow_redirects=True)
            response.raise_for_status()
            data = response.json()
    except OSError as exc:
        raise InputError(
            f"cannot read the package index {local} ({exc.strerror})",
            "Pass --index-url as an http(s) URL, a file:// URL or the path of an index.json.",
        ) from None
    except (httpx.HTTPError, ValueError) as exc:
        raise RemoteError(
            f"cannot read the Argos package index at {url} ({type(exc).__name__}: {exc})"[:300]
        ) from None
    if not isinstance(data, list):
        raise RemoteError(f"{url}: the package index is not a JSON array")
    return [entry for entry in data if isinstance(entry, dict)]


def _local_path(url: str) -> Path | None:
    """The file an index "URL" names when it is a file:// URL or a plain path, else None."""
    if url.startswith("file://"):
        return Path(unquote(urlparse(url).path))
    if "://" in url:
        return None
    return Path(url)


def find_entry(index: list[dict[str, Any]], pair: str) -> dict[str, Any]:
    """The newest translate package for ``pair`` ("ko-en") in the index.

    Raises:
        DependencyError: no package for the pair.
    """
    source, target = parse_pair(pair)
    matches = [
        e
        for e in index
        if e.get("type", "translate") == "translate"
        and e.get("from_code") == source
        and e.get("to_code") == target
    ]
    if not matches:
        pairs = sorted(
            {
                f"{e.get('from_code')}-{e.get('to_code')}"
                for e in index
                if e.get("from_code") == source
            }
        )
        raise DependencyError(
            f"the Argos index has no package for {source}-{target}",
            f"Pairs from {source}: {', '.join(pairs) or 'none'}; a missing pair is translated through English when both halves are installed.",
        )
    return max(matches, key=lambda e: _version_key(str(e.get("package_version", "0"))))


def _version_key(version: str) -> tuple[int, ...]:
    return tuple(int(p) if p.isdigit() else 0 for p in version.split("."))


def install_from_index(
    pair: str,
    index_url: str = DEFAULT_INDEX_URL,
    *,
    target_dir: Path | None = None,
    progress: Progress | None = None,
    timeout: float = 60.0,
) -> ArgosPackage:
    """Download the package for ``pair`` from the index and install it atomically."""
    entry = find_entry(fetch_index(index_url), pair)
    links = [
        str(link)
        for link in entry.get("links", [])
        if str(link).startswith(("http://", "https://"))
    ]
    if not links:
        raise RemoteError(f"the index entry for {pair} has no http(s) download link")
    target_dir = target_dir or models_dir()
    expected = entry.get("size")
    errors: list[str] = []
    for link in links:
        try:
            path = _download(
                link, target_dir, progress, timeout, int(expected) if expected else None
            )
        except RemoteError as exc:
            errors.append(exc.message)
            continue
        try:
            return install_package_file(path, target_dir)
        finally:
            path.unlink(missing_ok=True)
    raise RemoteError(f"cannot download the {pair} package: {'; '.join(errors)}")


def _download(
    url: str, target_dir: Path, progress: Progress | None, timeout: float, expected: int | None
) -> Path:
    import httpx

    try:
        target_dir.mkdir(parents=True, exist_ok=True)
        handle, name = tempfile.mkstemp(prefix=".download-", suffix=".argosmodel", dir=target_dir)
    except OSError as exc:
        raise OutputError(f"{target_dir}: cannot write the model dir ({exc.strerror})") from None
    path = Path(name)
    try:
        with (
            os.fdopen(handle, "wb") as out,
            httpx.stream("GET", url, timeout=timeout, follow_redirects=True) as response,
        ):
            response.raise_for_status()
            announced = int(response.headers.get("content-length", 0)) or expected
            received = 0
            for chunk in response.iter_bytes(1 << 16):
                out.write(chunk)
                received += len(chunk)
                if progress:
                    progress(received, announced)
        if announced and received != announced:
            raise RemoteError(f"{url}: download incomplete ({received} of {announced} bytes)")
        if expected and received != expected:
            raise RemoteError(f"{url}: size {received} does not match the index ({expected} bytes)")
    except httpx.HTTPError as exc:
        path.unlink(missing_ok=True)
        raise RemoteError(f"{url}: download failed ({type(exc).__name__})") from None
    except BaseException:
        path.unlink(missing_ok=True)
        raise
    return path
