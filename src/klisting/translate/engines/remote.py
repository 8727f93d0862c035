"""Shared plumbing for remote engines: httpx, timeouts, retries with backoff, bounded concurrency.

API keys come only from environment variables and go only into request headers or bodies;
no message, log line or exception text ever includes one.
"""

from __future__ import annotations

import os
import random
import time
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import httpx

from klisting.errors import ConfigError, RemoteError
from klisting.infra.redact import redact_text
from klisting.translate.base import BatchStats
from klisting.translate.hints import SegmentHints

_RETRY_STATUS = {408, 425, 429, 500, 502, 503, 504}


class RemoteEngine:
    """Base class: subclasses set ``id``, ``chunk_size`` and implement ``_translate_chunk``.

    Args:
        base_url: service URL (engines have a default and an environment variable).
        timeout: seconds per request.
        retries: extra attempts after a 429, a 5xx, a timeout or a connection error.
        backoff: first wait in seconds; doubles per attempt (with jitter), capped at 10 s.
        concurrency: requests in flight at once.
    """

    id = "remote"
    quality = "machine"
    chunk_size = 25
    key_env: tuple[str, ...] = ()
    #: True for engines that send the seller's terms and context (see klisting.translate.hints)
    uses_hints = False

    def __init__(
        self,
        base_url: str,
        *,
        timeout: float = 30.0,
        retries: int = 4,
        backoff: float = 0.5,
        concurrency: int = 4,
    ) -> None:
        self.base_url = base_url.rstrip("/")
        self.timeout = timeout
        self.retries = retries
        self.backoff = backoff
        self.concurrency = max(1, concurrency)
        self.version = self.base_url
        self.last_stats = BatchStats()
        self._hints: list[SegmentHints] = []
        self._client = httpx.Client(timeout=httpx.Timeout(timeout, connect=min(timeout, 10.0)))

    def _key(self, required: bool) -> str | None:
        for name in self.key_env:
            value = os.environ.get(name)
            if value:
                return value
        if required:
            raise ConfigError(
                f"the {self.id} engine needs an API key",
                f"Set the environment variable {self.key_env[0]} (keys are never read from files or options).",
            )
        return None

    def supports(self, source: str, target: str) -> bool:
        """Remote services decide per request; unsupported pairs come back as a RemoteError."""
        return True

    def set_hints(self, hints: list[SegmentHints]) -> None:
        """Hints for the segments of the next ``translate_batch`` call, one per segment."""
        self._hints = list(hints)

    def translate_batch(self, segments: list[str], source: str, target: str) -> list[str]:
        """Translate in chunks of ``chunk_size``, ``concurrency`` requests at a time, order kept."""
        hints = self._hints if len(self._hints) == len(segments) else []
        self._hints = []
        hints = hints or [SegmentHints() for _ in segments]
        step = self.chunk_size
        chunks = [
            (segments[i : i + step], hints[i : i + step]) for i in range(0, len(segments), step)
        ]
        if not chunks:
            return []

        def work(chunk: tuple[list[str], list[SegmentHints]]) -> list[str]:
            return self._checked(chunk[0], source, target, chunk[1])

        if len(chunks) == 1 or self.concurrency == 1:
            results = [work(c) for c in chunks]
        else:
            with ThreadPoolExecutor(max_workers=min(self.concurrency, len(chunks))) as pool:
                results = list(pool.map(work, chunks))
        return [text for chunk in results for text in chunk]

    def _checked(
        self, chunk: list[str], source: str, target: str, hints: list[SegmentHints]
    ) -> list[str]:
        out = self._translate_chunk(chunk, source, target, hints)
        if len(out) != len(chunk):
            raise RemoteError(
                f"{self.id} returned {len(out)} translations for {len(chunk)} segments"
            )
        return out

    def _translate_chunk(
        self, chunk: list[str], source: str, target: str, hints: list[SegmentHints]
    ) -> list[str]:
        raise NotImplementedError

    def post_json(
        self, path: str, body: dict[str, Any], headers: dict[str, str] | None = None
    ) -> Any:
        """POST JSON with retries; returns the decoded JSON answer.

        Raises:
            RemoteError: after the last retry, or at once on other 4xx answers.
        """
        url = f"{self.base_url}{path}"
        last = ""
        for attempt in range(self.retries + 1):
            try:
                response = self._client.post(url, json=body, headers=headers or {})
            except httpx.TimeoutException:
                last = f"no answer within {self.timeout:g} s"
            except httpx.TransportError as exc:
                last = f"connection failed ({type(exc).__name__})"
            else:
                if response.status_code < 400:
                    try:
                        return response.json()
                    except ValueError:
                        raise RemoteError(
                            f"{self.id} at {self.base_url} answered with invalid JSON"
                        ) from None
                if response.status_code not in _RETRY_STATUS:
                    raise _status_error(self.id, self.base_url, response)
                last = f"HTTP {response.status_code}"
                if attempt < self.retries:
                    time.sleep(self._wait(attempt, response.headers.get("retry-after")))
                    continue
            if attempt < self.retries:
                time.sleep(self._wait(attempt, None))
        raise RemoteError(
            f"{self.id} at {self.base_url} failed after {self.retries + 1} attempts: {last}"
        )

    def _wait(self, attempt: int, retry_after: str | None) -> float:
        if retry_after:
            try:
                return min(float(retry_after), 10.0)
            except ValueError:
                pass
        return min(self.backoff * (2**attempt) * (1 + random.random() / 4), 10.0)


def _status_error(engine: str, base_url: str, response: httpx.Response) -> RemoteError:
    if response.status_code in {401, 403}:
        return RemoteError(
            f"{engine} at {base_url} refused the API key (HTTP {response.status_code})",
            "Check the key in the environment variable.",
        )
    # a proxy or server may echo the request, Authorization header included
    detail = redact_text(response.text[:2000]).replace("\n", " ")[:200]
    return RemoteError(f"{engine} at {base_url} answered HTTP {response.status_code}: {detail}")
