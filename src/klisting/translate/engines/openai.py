"""OpenAI-compatible chat completions (OpenAI, vLLM, llama.cpp server, Ollama's /v1).

Segments go as a JSON list; the model must answer with a JSON object holding a list of the
same length. Placeholders ``⟦n⟧`` are explained in the prompt; the service checks them anyway.
"""

from __future__ import annotations

import json
import os
import re

from klisting.errors import RemoteError
from klisting.translate.engines.remote import RemoteEngine

_NAMES = {
    "en": "English",
    "zh-Hant": "Traditional Chinese (Taiwan)",
    "zh-Hans": "Simplified Chinese",
    "ja": "Japanese",
    "es": "Spanish",
    "th": "Thai",
    "vi": "Vietnamese",
    "id": "Indonesian",
    "ms": "Malay",
    "ko": "Korean",
}
_PROMPT = (
    "You translate {source} e-commerce product text into {target}. You receive a JSON object "
    '{{"segments": [...]}} and answer only with {{"translations": [...]}}: one translation per segment, '
    "same order, same count. Keep every placeholder like ⟦0⟧ exactly once and unchanged. "
    "Write natural marketplace copy; do not add or drop facts."
)


class OpenAIEngine(RemoteEngine):
    """Chat-completions engine; URL from ``$OPENAI_BASE_URL``, model from ``$OPENAI_MODEL``, key from ``$OPENAI_API_KEY``."""

    id = "openai"
    chunk_size = 20
    key_env = ("OPENAI_API_KEY",)

    def __init__(
        self, base_url: str | None = None, model: str | None = None, **options: object
    ) -> None:
        super().__init__(
            base_url or os.environ.get("OPENAI_BASE_URL", "https://api.openai.com/v1"), **options
        )  # type: ignore[arg-type]
        self.model = model or os.environ.get("OPENAI_MODEL", "gpt-4o-mini")
        self.version = f"{self.base_url}#{self.model}"

    def _translate_chunk(self, chunk: list[str], source: str, target: str) -> list[str]:
        key = self._key(required="api.openai.com" in self.base_url)
        headers = {"Authorization": f"Bearer {key}"} if key else {}
        system = _PROMPT.format(
            source=_NAMES.get(source, source), target=_NAMES.get(target, target)
        )
        body = {
            "model": self.model,
            "temperature": 0,
            "response_format": {"type": "json_object"},
            "messages": [
                {"role": "system", "content": system},
                {"role": "user", "content": json.dumps({"segments": chunk}, ensure_ascii=False)},
            ],
        }
        for _ in range(2):  # one more try when the model miscounts
            answer = self.post_json("/chat/completions", body, headers)
            texts = _parse(answer)
            if texts is not None and len(texts) == len(chunk):
                return texts
        raise RemoteError(
            f"openai at {self.base_url} did not return {len(chunk)} translations as JSON",
            "Try a stronger model (--engine-model) or another engine.",
        )


def _parse(answer: object) -> list[str] | None:
    try:
        content = answer["choices"][0]["message"]["content"]  # type: ignore[index]
    except (KeyError, IndexError, TypeError):
        return None
    match = re.search(r"[\[{].*[\]}]", str(content), re.DOTALL)  # tolerate ```json fences
    if not match:
        return None
    try:
        data = json.loads(match.group(0))
    except ValueError:
        return None
    if isinstance(data, dict):
        data = data.get("translations") or next(
            (v for v in data.values() if isinstance(v, list)), None
        )
    return [str(t) for t in data] if isinstance(data, list) else None
