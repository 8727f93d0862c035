"""LibreTranslate (self-hosted or libretranslate.com): POST /translate with a list of texts."""

from __future__ import annotations

import os

from klisting.translate.engines.remote import RemoteEngine
from klisting.translate.hints import SegmentHints
from klisting.translate.packages import argos_code


class LibreTranslateEngine(RemoteEngine):
    """LibreTranslate engine; URL from ``base_url`` or ``$LIBRETRANSLATE_URL``, key from ``$LIBRETRANSLATE_API_KEY``."""

    id = "libretranslate"
    chunk_size = 25
    key_env = ("LIBRETRANSLATE_API_KEY",)

    def __init__(self, base_url: str | None = None, **options: object) -> None:
        super().__init__(
            base_url or os.environ.get("LIBRETRANSLATE_URL", "http://127.0.0.1:5000"), **options
        )  # type: ignore[arg-type]

    def _translate_chunk(
        self, chunk: list[str], source: str, target: str, hints: list[SegmentHints]
    ) -> list[str]:
        # LibreTranslate has no glossary or context parameter: the seller's terms reach it
        # as placeholders only.
        body: dict[str, object] = {
            "q": chunk,
            "source": argos_code(source),
            "target": argos_code(target),
            "format": "text",
        }
        key = self._key(required=False)
        if key:
            body["api_key"] = key
        answer = self.post_json("/translate", body)
        texts = answer.get("translatedText") if isinstance(answer, dict) else None
        if isinstance(texts, str):
            texts = [texts]
        return [str(t) for t in texts] if isinstance(texts, list) else []
