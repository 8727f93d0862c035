"""Fetch and decode images: local paths and http(s) URLs, cached in the work dir.

URLs are downloaded with httpx (timeouts, size cap, content-type and magic-byte checks) and
cached by URL with their ETag, so a rerun revalidates instead of downloading again. Decoding
honours EXIF orientation, takes the first frame of a GIF, and refuses images above a pixel cap
that is high enough for 860 x 30,000 detail pages but stops decompression bombs.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlparse

import numpy as np
from PIL import Image, ImageOps

from klisting.errors import InputError, RemoteError
from klisting.infra.atomic import write_bytes_atomic, write_text_atomic
from klisting.infra.cache import quarantine
from klisting.infra.netpolicy import AddressRefused, check_peer, check_url
from klisting.infra.redact import redact_url

MAX_PIXELS = 60_000_000
MAX_BYTES = 64 * 1024 * 1024
#: seconds without a byte before a request gives up (httpx connect/read/write timeout)
TIMEOUT = 30.0
#: seconds a whole download may take, redirects included: a server dripping a byte every
#: 20 s never trips TIMEOUT, so the body loop checks this too
DEADLINE = 120.0
MAX_REDIRECTS = 5
_MAGIC = {b"\xff\xd8\xff": "jpeg", b"\x89PNG\r\n\x1a\n": "png", b"GIF87a": "gif", b"GIF89a": "gif"}


@dataclass
class Fetched:
    """Raw bytes of an image and where they came from."""

    source: str
    data: bytes
    sha256: str


def sniff_format(data: bytes) -> str | None:
    """Image format from magic bytes (jpeg, png, gif, webp) or None."""
    for magic, name in _MAGIC.items():
        if data.startswith(magic):
            return name
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "webp"
    return None


def is_url(source: str) -> bool:
    """True for anything with a URL scheme (other than a Windows drive letter)."""
    scheme = urlparse(source).scheme
    return len(scheme) > 1


def fetch(source: str, cache_dir: Path | None = None) -> Fetched:
    """Read a local image or download an http(s) one (cached by URL and ETag in ``cache_dir``).

    Raises:
        InputError: unreadable file, unsupported scheme, or not an image.
        RemoteError: the download failed.
    """
    if is_url(source):
        scheme = urlparse(source).scheme.lower()
        if scheme not in ("http", "https"):
            raise InputError(
                f"{source}: unsupported URL scheme {scheme!r}",
                hint="Use a local path or an http(s) URL.",
            )
        data = _download(source, cache_dir)
    else:
        path = Path(source)
        try:
            if path.stat().st_size > MAX_BYTES:
                raise InputError(
                    f"{source}: file larger than {MAX_BYTES // 2**20} MiB",
                    hint="Shrink the image first.",
                )
            data = path.read_bytes()
        except OSError as error:
            raise InputError(
                f"{source}: cannot read image ({error.strerror or error})", hint="Check the path."
            ) from error
    if not sniff_format(data):
        raise InputError(
            f"{source}: not a JPEG, PNG, WebP or GIF image", hint="Convert the file to JPEG or PNG."
        )
    return Fetched(source, data, hashlib.sha256(data).hexdigest())


def fetch_many(
    sources: list[str], cache_dir: Path | None = None, workers: int = 8
) -> list[Fetched]:
    """Fetch several images concurrently (downloads overlap; order is kept)."""
    with ThreadPoolExecutor(max(1, min(workers, len(sources) or 1))) as pool:
        return list(pool.map(lambda s: fetch(s, cache_dir), sources))


def _download(url: str, cache_dir: Path | None) -> bytes:
    key = hashlib.sha256(url.encode()).hexdigest()[:32]
    body = cache_dir / f"{key}.bin" if cache_dir else None
    meta_path = cache_dir / f"{key}.json" if cache_dir else None
    meta = _cached_meta(meta_path, body)
    headers = {"If-None-Match": meta["etag"]} if meta.get("etag") else {}
    data, etag = download(url, headers)
    if data is None and body:  # 304: the cached body is still current
        return body.read_bytes()
    if data is None:
        raise RemoteError(f"{url}: HTTP 304 without a cached copy", hint="Run again.")
    if body and meta_path:
        write_bytes_atomic(body, data)
        record = {"url": redact_url(url), "etag": etag, "sha256": hashlib.sha256(data).hexdigest()}
        write_text_atomic(meta_path, json.dumps(record))
    return data


def _cached_meta(meta_path: Path | None, body: Path | None) -> dict:
    """The cached download's record, or {} (a damaged record or body is moved aside)."""
    if not (meta_path and body and meta_path.is_file() and body.is_file()):
        return {}
    try:
        meta = json.loads(meta_path.read_text(encoding="utf-8"))
        expected = meta.get("sha256") if isinstance(meta, dict) else None
        if expected is None:
            raise ValueError("no checksum")
        if hashlib.sha256(body.read_bytes()).hexdigest() != expected:
            raise ValueError("the cached image does not match its checksum")
    except (OSError, ValueError) as error:
        quarantine(body, f"damaged download cache ({error})")
        quarantine(meta_path, "damaged download cache")
        return {}
    return meta


def download(url: str, headers: dict[str, str] | None = None) -> tuple[bytes | None, str | None]:
    """GET an image under the network rules; returns (bytes or None on 304, ETag).

    Every hop of a redirect chain is checked like the first URL (``klisting.infra.netpolicy``),
    the body is capped at MAX_BYTES, and the whole download, however slowly the server
    drips bytes, ends after DEADLINE seconds.

    Raises:
        InputError: a refused address or scheme, not an image, too large.
        RemoteError: HTTP error, timeout, deadline or connection failure.
    """
    import httpx

    started = time.monotonic()
    try:
        with httpx.Client(timeout=TIMEOUT, follow_redirects=False) as client:
            for _hop in range(MAX_REDIRECTS + 1):
                _check_address(url)
                with client.stream("GET", url, headers=headers or {}) as response:
                    _check_connected_address(url, response)
                    if response.is_redirect and "location" in response.headers:
                        url = urljoin(url, response.headers["location"])
                        continue
                    return _read_response(url, response, started)
            raise RemoteError(
                f"{url}: more than {MAX_REDIRECTS} redirects", hint="Check the image URL."
            )
    except httpx.HTTPError as error:
        raise RemoteError(
            f"{url}: download failed ({error.__class__.__name__}: {error})"
        ) from error


def _check_address(url: str) -> None:
    _refused_as_input_error(check_url, url)


def _check_connected_address(url: str, response: Any) -> None:
    """The address the request really went to passes the same rules as the name (no rebinding)."""
    if any(os.environ.get(name) for name in _PROXY_VARIABLES):
        return  # the socket is the proxy's; the proxy resolved the name (see netpolicy)
    stream = response.extensions.get("network_stream")
    peer = stream.get_extra_info("server_addr") if stream is not None else None
    _refused_as_input_error(check_peer, url, peer[0] if peer else None)


_PROXY_VARIABLES = (
    "HTTP_PROXY",
    "HTTPS_PROXY",
    "ALL_PROXY",
    "http_proxy",
    "https_proxy",
    "all_proxy",
)


def _refused_as_input_error(check: Any, *args: Any) -> None:
    try:
        check(*args)
    except AddressRefused as refused:
        raise InputError(
            f"{refused.url}: {refused.reason}",
            hint="Use a public image URL, or allow the host in klisting.yaml "
            "(safety: allow_hosts) if it is yours.",
        ) from None


def _read_response(url: str, response: Any, started: float) -> tuple[bytes | None, str | None]:
    if response.status_code == 304:
        return None, None
    if response.status_code >= 400:
        raise RemoteError(f"{url}: HTTP {response.status_code}", hint="Check the image URL.")
    kind = response.headers.get("content-type", "").split(";")[0].strip().lower()
    if kind and not kind.startswith("image/") and kind != "application/octet-stream":
        raise InputError(f"{url}: served as {kind}, not an image", hint="Check the image URL.")
    chunks, size = [], 0
    for chunk in response.iter_bytes():
        size += len(chunk)
        if size > MAX_BYTES:
            raise InputError(
                f"{url}: larger than {MAX_BYTES // 2**20} MiB", hint="Use a smaller image."
            )
        if time.monotonic() - started > DEADLINE:
            raise RemoteError(
                f"{url}: download did not finish within {DEADLINE:g} s ({size:,} bytes so far)",
                hint="The image server is too slow; host the image elsewhere or use a local file.",
            )
        chunks.append(chunk)
    return b"".join(chunks), response.headers.get("etag")


def decode(data: bytes, source: str = "image", max_pixels: int = MAX_PIXELS) -> Image.Image:
    """Decode to RGB, EXIF-oriented, first frame only; refuse images above ``max_pixels``.

    Transparent pixels are flattened onto white (what marketplaces expect behind a product).

    Raises:
        InputError: broken image or too many pixels.
    """
    return decode_with_alpha(data, source, max_pixels)[0]


def decode_with_alpha(
    data: bytes, source: str = "image", max_pixels: int = MAX_PIXELS
) -> tuple[Image.Image, Image.Image | None]:
    """Like :func:`decode`, plus the unflattened RGBA image when the image has transparency.

    Raises:
        InputError: broken image or too many pixels.
    """
    try:
        image = Image.open(io.BytesIO(data))
        if image.width * image.height > max_pixels:
            raise InputError(
                f"{source}: {image.width}x{image.height} exceeds the {max_pixels:,} pixel limit",
                hint="Split or shrink the image first.",
            )
        image.seek(0)
        image = _to_srgb(ImageOps.exif_transpose(image))
        if image.mode in ("I", "I;16", "I;16L", "I;16B", "I;16N"):
            # 16-bit grayscale (scanners, some editors): Pillow's convert("RGB") clips every
            # value above 255 to white, which wipes the page out; keep the high byte instead.
            wide = np.asarray(image.convert("I"), dtype=np.int64)
            image = Image.fromarray(np.clip(wide >> 8, 0, 255).astype(np.uint8), "L")
        if image.mode in ("RGBA", "LA", "PA", "RGBa", "La") or (
            image.mode in ("P", "L", "RGB") and "transparency" in image.info
        ):
            rgba = image.convert("RGBA")
            alpha = rgba.getchannel("A")
            flat = Image.new("RGB", rgba.size, (255, 255, 255))
            flat.paste(rgba, mask=alpha)
            return flat, (rgba if alpha.getextrema()[0] < 255 else None)
        return image.convert("RGB"), None
    except InputError:
        raise
    except (OSError, ValueError, Image.DecompressionBombError) as error:
        raise InputError(
            f"{source}: cannot decode image ({error})", hint="Re-save the image as JPEG or PNG."
        ) from error


def _to_srgb(image: Image.Image) -> Image.Image:
    """Convert an image with an embedded ICC profile (Display P3 phone photos, Adobe RGB,
    CMYK press profiles) to sRGB; outputs carry no profile, so viewers read them as sRGB and
    unconverted pixels would show shifted colours. Images without a usable profile pass."""
    icc = image.info.get("icc_profile")
    if not icc or image.mode not in ("RGB", "RGBA", "CMYK"):
        return image
    from PIL import ImageCms

    alpha = image.getchannel("A") if image.mode == "RGBA" else None
    try:
        source = ImageCms.ImageCmsProfile(io.BytesIO(icc))
        converted = ImageCms.profileToProfile(
            image.convert("RGB") if alpha is not None else image,
            source,
            ImageCms.createProfile("sRGB"),
            outputMode="RGB",
        )
    except (ImageCms.PyCMSError, OSError, ValueError):
        return image  # a broken profile: the pixels as they are beat no image at all
    if converted is None:
        return image
    if alpha is not None:
        converted.putalpha(alpha)
    return converted


def working_pixels(flat: Image.Image, rgba: Image.Image | None) -> Image.Image:
    """The RGB pixels to detect, erase and render on.

    Normally the image flattened onto white. White artwork on a transparent background (a
    text overlay, a logo) would vanish on white, so it is flattened onto black instead; the
    transparent pixels' colour never reaches a localized PNG, which keeps the source alpha.
    """
    if rgba is None:
        return flat
    pixels = np.asarray(rgba)
    opaque = pixels[pixels[..., 3] >= 128][:, :3]
    if not len(opaque) or float((opaque.min(axis=1) > 225).mean()) < 0.9:
        return flat
    dark = Image.new("RGB", rgba.size, (0, 0, 0))
    dark.paste(rgba, mask=rgba.getchannel("A"))
    return dark


def load_image(source: str, cache_dir: Path | None = None) -> tuple[Image.Image, str]:
    """Fetch and decode ``source``; returns (RGB image, sha256 of the bytes)."""
    fetched = fetch(source, cache_dir)
    return decode(fetched.data, source), fetched.sha256


def load_rgba(source: str, cache_dir: Path | None = None) -> Image.Image | None:
    """``source`` as RGBA (EXIF-oriented, sRGB like the pixels), None when it is opaque."""
    return decode_with_alpha(fetch(source, cache_dir).data, source)[1]
