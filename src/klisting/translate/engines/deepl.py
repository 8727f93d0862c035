"""DeepL API v2: POST /v2/translate with up to 50 texts, key in the Authorization header."""

from __future__ import annotations

import os

from klisting.translate.engines.remote import RemoteEngine

_TARGETS = {
    "en": "EN-US",
    "pt": "PT-BR",
    "zh": "ZH-HANS",
    "zh-hans": "ZH-HANS",
    "zh-hant": "ZH-HANT",
    "zh-tw": "ZH-HANT",
    "zh-cn": "ZH-HANS",
}


def deepl_target(tag: str) -> str:
    """DeepL target code for a BCP 47 tag (en -> EN-US, zh-Hant -> ZH-HANT)."""
    lower = tag.lower()
    return _TARGETS.get(lower) or (
        tag.upper()
        if "-" in tag
        else _TARGETS.get(lower.split("-")[0], lower.split("-")[0].upper())
    )


class DeepLEngine(RemoteEngine):
    """DeepL engine; key from ``$DEEPL_AUTH_KEY`` (free keys ending in ``:fx`` use api-free)."""

    id = "deepl"
    chunk_size = 50
    key_env = ("DEEPL_AUTH_KEY", "DEEPL_API_KEY")

    def __init__(self, base_url: str | None = None, **options: object) -> None:
        key = self._key(required=False) or ""
        default = "https://api-free.deepl.com" if key.endswith(":fx") else "https://api.deepl.com"
        super().__init__(base_url or os.environ.get("DEEPL_API_URL", default), **options)  # type: ignore[arg-type]

    def _translate_chunk(self, chunk: list[str], source: str, target: str) -> list[str]:
        key = self._key(required=True)
        body = {
            "text": chunk,
            "source_lang": source.split("-")[0].upper(),
            "target_lang": deepl_target(target),
            "split_sentences": "0",
        }
        answer = self.post_json("/v2/translate", body, {"Authorization": f"DeepL-Auth-Key {key}"})
        items = answer.get("translations", []) if isinstance(answer, dict) else []
        return [str(item.get("text", "")) for item in items if isinstance(item, dict)]
