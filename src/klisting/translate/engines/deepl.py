"""DeepL API v2: POST /v2/translate with up to 50 texts, key in the Authorization header.

The seller's terms found in a batch (bundled termbase and seller glossary) go into a DeepL
glossary (POST /v2/glossaries, entries as TSV; https://developers.deepl.com/api-reference/
glossaries), created once per distinct term set and language pair and named in the translate
request as ``glossary_id``. DeepL glossaries do not support Thai, so Thai goes without one.
"""

from __future__ import annotations

import hashlib
import os
import threading

from klisting.translate.engines.remote import RemoteEngine
from klisting.translate.hints import SegmentHints

#: target languages DeepL glossaries do not support
_NO_GLOSSARY = {"TH"}

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
    uses_hints = True

    def __init__(self, base_url: str | None = None, **options: object) -> None:
        key = self._key(required=False) or ""
        default = "https://api-free.deepl.com" if key.endswith(":fx") else "https://api.deepl.com"
        super().__init__(base_url or os.environ.get("DEEPL_API_URL", default), **options)  # type: ignore[arg-type]
        self._glossaries: dict[str, str] = {}  # digest of entries -> glossary_id
        self._glossary_lock = threading.Lock()

    def _translate_chunk(
        self, chunk: list[str], source: str, target: str, hints: list[SegmentHints]
    ) -> list[str]:
        key = self._key(required=True)
        headers = {"Authorization": f"DeepL-Auth-Key {key}"}
        body: dict[str, object] = {
            "text": chunk,
            "source_lang": source.split("-")[0].upper(),
            "target_lang": deepl_target(target),
            "split_sentences": "0",
        }
        terms = {k: v for hint in hints for k, v in hint.terms.items()}
        glossary = self._glossary(terms, source, target, headers) if terms else None
        if glossary:
            body["glossary_id"] = glossary
        answer = self.post_json("/v2/translate", body, headers)
        items = answer.get("translations", []) if isinstance(answer, dict) else []
        return [str(item.get("text", "")) for item in items if isinstance(item, dict)]

    def _glossary(
        self, terms: dict[str, str], source: str, target: str, headers: dict[str, str]
    ) -> str | None:
        """The id of a DeepL glossary holding ``terms`` (created on first use), or None."""
        source_code = source.split("-")[0].upper()
        target_code = deepl_target(target).split("-")[0]
        if target_code in _NO_GLOSSARY:
            return None
        entries = "\n".join(
            f"{k}\t{v}" for k, v in sorted(terms.items()) if "\t" not in k + v and k != v
        )
        digest = hashlib.sha256(f"{source_code}>{target_code}\n{entries}".encode()).hexdigest()
        with self._glossary_lock:
            if digest not in self._glossaries:
                answer = self.post_json(
                    "/v2/glossaries",
                    {
                        "name": f"klisting-{digest[:12]}",
                        "source_lang": source_code,
                        "target_lang": target_code,
                        "entries": entries,
                        "entries_format": "tsv",
                    },
                    headers,
                )
                glossary_id = answer.get("glossary_id") if isinstance(answer, dict) else None
                self._glossaries[digest] = str(glossary_id or "")
            return self._glossaries[digest] or None
